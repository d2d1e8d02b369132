import { TokenRegistry } from "./auth";
import { FaultQueue } from "./faults";
import type { ResolvedOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { FileStore, MemoryStore, type Store } from "./store";

/** Everything one running emulator holds, shared by the API, OAuth and control handlers. */
export interface EmulatorCore {
  options: ResolvedOptions;
  store: Store;
  tokens: TokenRegistry;
  limiter: RateLimiter;
  faults: FaultQueue;
  log: RequestLog;
  /** Mint times per refresh token (OAuth cap). */
  mints: Map<string, number[]>;
  now(): number;
}

export function createCore(options: ResolvedOptions): EmulatorCore {
  return {
    options,
    store: options.statePath ? new FileStore(options.statePath) : new MemoryStore(),
    tokens: new TokenRegistry(options.tokens),
    limiter: new RateLimiter(options.timeScale, options.rateLimits),
    faults: new FaultQueue(),
    log: new RequestLog(),
    mints: new Map(),
    now: () => Date.now(),
  };
}
