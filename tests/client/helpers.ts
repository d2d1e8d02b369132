import assert from "node:assert/strict";
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from "axios";
import {
  EmulatorControl,
  startEmulator,
  type EmulatorOptions,
  type LoggedRequest,
  type RunningEmulator,
} from "../../emulator";
import { CliqClient, CliqConfigError, type CliqClientOptions, type CliqLogger } from "../../provider/client";

/** Credentials the emulator accepts; every test that checks redaction looks for these exact strings. */
export const SECRETS = {
  accessToken: "static-access-token-7f3a9c51e2",
  clientId: "1000.CLIENTID4Q8Z2W",
  clientSecret: "client-secret-5b8e2d90aa41",
  refreshToken: "1000.refresh-token-c4d1e9f0b7",
} as const;

export function emulatorOptions(extra: EmulatorOptions = {}): EmulatorOptions {
  return {
    port: 0,
    tokens: [SECRETS.accessToken],
    oauthClients: [
      {
        clientId: SECRETS.clientId,
        clientSecret: SECRETS.clientSecret,
        refreshTokens: [SECRETS.refreshToken],
      },
    ],
    ...extra,
  };
}

/** The emulator's control surface (`/_emulator`), plus the per-operation view of the request log. */
export class Control extends EmulatorControl {
  constructor(emulator: RunningEmulator) {
    super(emulator.url);
  }

  async requestsOf(operationId: string): Promise<LoggedRequest[]> {
    return (await this.requests()).filter((entry) => entry.operationId === operationId);
  }
}

/** The emulator of a suite and its control surface, valid inside hooks and tests. */
export interface EmulatorContext {
  emulator: RunningEmulator;
  control: Control;
}

/**
 * Registers the suite's hooks: start an emulator on a free loopback port before the suite, reset it before
 * each test, close it after the suite.
 */
export function useEmulator(extra: EmulatorOptions = {}): EmulatorContext {
  const context = {} as EmulatorContext;
  before(async () => {
    context.emulator = await startEmulator(emulatorOptions(extra));
    context.control = new Control(context.emulator);
  });
  after(async () => context.emulator.close());
  beforeEach(async () => context.control.reset());
  return context;
}

/** A logger that keeps every line, so tests can assert what was (and was not) reported. */
export function captureLogger(): CliqLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    warn: (message: string) => lines.push(`warn: ${message}`),
    info: (message: string) => lines.push(`info: ${message}`),
  };
}

/**
 * axios's real HTTP transport with a tap: every request config is kept (after serialisation, so `data` holds
 * the exact bytes sent) and every transport failure is kept as thrown, for tests that check what went out
 * on the wire or that an original error was left untouched.
 */
export function tappedTransport(): {
  transport: AxiosAdapter;
  sent: InternalAxiosRequestConfig[];
  failures: unknown[];
} {
  const http = axios.getAdapter("http");
  const sent: InternalAxiosRequestConfig[] = [];
  const failures: unknown[] = [];
  const transport: AxiosAdapter = async (config) => {
    sent.push(config);
    try {
      return await http(config);
    } catch (error) {
      failures.push(error);
      throw error;
    }
  };
  return { transport, sent, failures };
}

/** A fresh client (own token cache and limiters) using OAuth against the emulator. */
export function oauthClient(emulator: RunningEmulator, extra: Partial<CliqClientOptions> = {}): CliqClient {
  return new CliqClient({
    apiUrl: emulator.apiUrl,
    accountsUrl: emulator.url,
    clientId: SECRETS.clientId,
    clientSecret: SECRETS.clientSecret,
    refreshToken: SECRETS.refreshToken,
    logger: captureLogger(),
    ...extra,
  });
}

/** A fresh client using the emulator's static access token. */
export function staticClient(emulator: RunningEmulator, extra: Partial<CliqClientOptions> = {}): CliqClient {
  return new CliqClient({
    apiUrl: emulator.apiUrl,
    accountsUrl: emulator.url,
    accessToken: SECRETS.accessToken,
    logger: captureLogger(),
    ...extra,
  });
}

/** Runs `fn` and returns what it threw; fails when it does not throw. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Runs `fn` and returns the `CliqConfigError` it threw; fails when it throws nothing or something else. */
export function configErrorFrom(fn: () => unknown): CliqConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CliqConfigError, `expected CliqConfigError, got ${String(error)}`);
    return error;
  }
  throw new Error("expected a configuration error");
}

let botCounter = 0;
/** A valid, unique bot name (<= 20 chars). */
export function botName(prefix = "Bot"): string {
  botCounter += 1;
  return `${prefix} ${botCounter}`.slice(0, 20);
}
