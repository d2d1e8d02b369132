import type { AxiosAdapter } from "axios";
import type { Agent as HttpAgent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import type { ClientSettingsInput } from "../config/settings";

/** Where the client reports waits and retries; Pulumi's `log` fits, so does `console`. */
export interface CliqLogger {
  warn(message: string): void;
  info?(message: string): void;
  /** A wait the person running Pulumi is told about (progress.ts); `info` when absent. Kept, unlike `info`. */
  progress?(message: string): void;
}

/** The run-time hooks of a client: what it reports to and how it reaches the network. Never configuration. */
export interface CliqClientHooks {
  logger?: CliqLogger;
  /** Jitter source of the retry backoff, uniform in [0, 1). Default `Math.random`; tests pass a fixed one. */
  random?: () => number;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  /** Replaces axios's HTTP transport (the hook for tests of exotic failures or a custom stack). */
  transport?: AxiosAdapter;
}

/**
 * What a client is built from: its settings as given (endpoints, credentials, limits; resolved once by
 * `resolveClientSettings`) and its run-time hooks.
 */
export interface CliqClientOptions extends ClientSettingsInput, CliqClientHooks {}
