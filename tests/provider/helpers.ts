/**
 * Test fixtures for the provider tests: a real emulator over loopback, the real client bound to it, the
 * providers built over that client, and the emulator's control surface (request log, faults, state dump).
 */
import {
  EmulatorControl,
  startEmulator,
  type EmulatorOptions,
  type FaultRequest,
  type LoggedRequest,
  type RunningEmulator,
  type StateDump,
} from "../../emulator";
import { CliqClient } from "../../provider/client";
import type { CliqApi } from "../../provider/client/api";
import { createProviders } from "../../provider/resources/providers";
import type { CliqResourceProvider, ProviderDeps } from "../../provider/resources/shared/provider-deps";

export const TOKEN = "provider-test-token";
/** Time scale shared by emulator and client: a 60 s rate window lasts 60 ms, a 5 min lock 300 ms. */
export const TIME_SCALE = 0.001;

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
  fault(fault: FaultRequest): Promise<void>;
  state(): Promise<StateDump>;
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

  const emulatorControl = new EmulatorControl(emulator.url);
  const control = (method: string, path: string, body?: unknown) => emulatorControl.send(method, path, body);

  return {
    emulator,
    api,
    warnings,
    ...createProviders(deps),
    async reset() {
      await emulatorControl.reset();
      warnings.length = 0;
    },
    requests: () => emulatorControl.requests(),
    clearRequests: () => emulatorControl.clearRequests(),
    fault: (fault) => emulatorControl.fault(fault),
    state: () => emulatorControl.state(),
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
