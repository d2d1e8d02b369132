/**
 * Test fixtures for the provider tests: a real emulator over loopback, the real client bound to it, the
 * providers built over that client, and the emulator's control surface (request log, faults, state dump).
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { CliqClient } from "../../provider/client";
import type { CliqApi } from "../../provider/client/api";
import { createBotProvider } from "../../provider/resources/bot/provider";
import { createChannelAssociationProvider } from "../../provider/resources/channel-association/provider";
import { createHandlerProvider } from "../../provider/resources/handler/provider";
import type { CliqResourceProvider, ProviderDeps } from "../../provider/resources/shared/provider-deps";

export const TOKEN = "provider-test-token";
/** Time scale shared by emulator and client: a 60 s rate window lasts 60 ms, a 5 min lock 300 ms. */
export const TIME_SCALE = 0.001;

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string> | string;
  operationId: string;
  status: number;
  throttled: boolean;
}

export interface StateBot {
  id: string;
  name: string;
  unique_name: string;
  description: string;
  scope: string;
  team_ids?: string[];
  status_messages?: string[];
  execution_type: string;
  execution_url?: string;
  calls: string;
  handlers: { id: string; type: string; name?: string; script?: string; permissions?: string[] }[];
}

export interface Harness {
  emulator: RunningEmulator;
  api: CliqApi;
  warnings: string[];
  bot: CliqResourceProvider;
  botHandler: CliqResourceProvider;
  channelAssociation: CliqResourceProvider;
  reset(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  fault(fault: {
    operationId?: string;
    method?: string;
    kind: string;
    count?: number;
    status?: number;
  }): Promise<void>;
  state(): Promise<{
    bots: StateBot[];
    memberships: { channel_unique_name: string; bot_unique_name: string }[];
  }>;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ tokens: [TOKEN], timeScale: TIME_SCALE, ...options });
  const api = new CliqClient({
    apiUrl: emulator.apiUrl,
    accessToken: TOKEN,
    timeScale: options.timeScale ?? TIME_SCALE,
    logger: { warn: () => undefined },
  });
  const warnings: string[] = [];
  const deps: ProviderDeps = { api: () => api, logger: { warn: (message) => warnings.push(message) } };

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /_emulator${path}: ${response.status} ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  }

  return {
    emulator,
    api,
    warnings,
    bot: createBotProvider(deps),
    botHandler: createHandlerProvider(deps),
    channelAssociation: createChannelAssociationProvider(deps),
    async reset() {
      await control("POST", "/reset");
      warnings.length = 0;
    },
    async requests() {
      return ((await control("GET", "/requests")) as { requests: LoggedRequest[] }).requests;
    },
    async clearRequests() {
      await control("DELETE", "/requests");
    },
    async fault(fault) {
      await control("POST", "/faults", fault);
    },
    async state() {
      return (await control("GET", "/state")) as Awaited<ReturnType<Harness["state"]>>;
    },
    control,
    close: () => emulator.close(),
  };
}

/**
 * Gives the enclosing `describe` one harness: started before its tests, closed after them, and reset (objects,
 * request log, faults, warnings) before each test. `receive` gets the started harness.
 */
export function useHarness(receive: (harness: Harness) => void, options: EmulatorOptions = {}): void {
  let harness: Harness | undefined;
  before(async () => {
    harness = await startHarness(options);
    receive(harness);
  });
  after(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    await harness?.reset();
  });
}

/** Runs check and fails the test with the failures if any. */
export async function checked(
  provider: CliqResourceProvider,
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const { inputs, failures } = await provider.check(olds, news);
  if (failures.length > 0) throw new Error(`unexpected check failures: ${JSON.stringify(failures)}`);
  return inputs;
}
