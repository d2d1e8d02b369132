import type { AxiosAdapter } from "axios";
import type { Agent as HttpAgent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import type { DataCenter } from "../config/data-centers";

/** Where the client reports waits and retries; Pulumi's `log` fits, so does `console`. */
export interface CliqLogger {
  warn(message: string): void;
  info?(message: string): void;
}

export interface CliqClientOptions {
  /** Zoho data center; picks both hosts unless `apiUrl` / `accountsUrl` override them. Default `us`. */
  dataCenter?: DataCenter;
  /** Cliq API base, e.g. `https://cliq.zoho.eu/api/v3`. Plain http only for loopback hosts. */
  apiUrl?: string;
  /** Zoho accounts base for OAuth, e.g. `https://accounts.zoho.eu`. Plain http only for loopback hosts. */
  accountsUrl?: string;
  /** A ready access token (used as is, never refreshed). */
  accessToken?: string;
  /** OAuth refresh-token flow: all three are needed. */
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Longest total time one call may spend waiting out throttle locks. Default 1800 s (30 min). */
  maxThrottleWaitSeconds?: number;
  /**
   * Reuse minted OAuth access tokens across processes through a per-user cache file (see token-cache.ts).
   * The provider's configuration sets it (true unless `cliq:tokenCache` is false); a client built directly
   * uses the cache only when this is `true`, so library code and tests never write a file unasked.
   */
  tokenCache?: boolean;
  /**
   * API hosts (or data center names) the objects were created through before the organisation moved,
   * comma-separated: objects recorded under them are read, updated and deleted through this client's host.
   * Without it, such objects are refused (see api-host.ts).
   */
  movedFrom?: string;
  /** Per-request timeout in milliseconds. Default 30 000. */
  requestTimeoutMs?: number;
  /** Attempts for GET/PATCH/DELETE on 5xx or network failure, first one included. Default 4. */
  maxAttempts?: number;
  /**
   * Multiplies every API-defined duration (rate windows, lock periods, token lifetime, retry backoff) to
   * turn it into wall time. 1 is real time; tests and benchmarks use a small value with a time-scaled emulator.
   */
  timeScale?: number;
  logger?: CliqLogger;
  /** Jitter source of the retry backoff, uniform in [0, 1). Default `Math.random`; tests pass a fixed one. */
  random?: () => number;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
  /** Replaces axios's HTTP transport (the hook for tests of exotic failures or a custom stack). */
  transport?: AxiosAdapter;
}
