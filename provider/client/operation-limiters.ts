/**
 * The limiters of one client state: one per operation, from the spec's `x-rate-limit`, created on first use and
 * sharing one window store (the per-user file or Redis) when there is one. Also where the one warning about
 * out-of-bounds times in that store is said.
 */
import { OPERATIONS, type OperationId, type RateLimit } from "../../cliq-api/operations";
import { LONGEST_LOCK_SECONDS, SlidingWindowLimiter } from "./limiter";
import type { WindowMerge, WindowStore } from "./window-store";

/** Wall-time window of a rate limit under a time scale. */
export function scaledWindowMs(limit: RateLimit, timeScale: number): number {
  return limit.perSeconds * 1000 * timeScale;
}

/** One limiter per operation, created on first use; with a store, all of them share the per-user window file. */
export class OperationLimiters {
  private readonly limiters = new Map<OperationId, SlidingWindowLimiter>();
  private distrustSaid = false;

  /**
   * @param timeScale multiplies the API's windows into wall time
   * @param store the per-user window file (or Redis store) shared with this user's other processes
   * @param adaptive lower the budget and probe after a throttle nobody here caused (see `lockUntil`)
   * @param warn where the one warning about out-of-bounds times in the store goes
   */
  constructor(
    private readonly timeScale: number,
    private readonly store?: WindowStore,
    private readonly adaptive = true,
    private readonly warn?: (message: string) => void,
  ) {}

  /** Warns once per process and store that stored times were out of bounds and were capped. */
  private distrusted(): void {
    if (this.distrustSaid) return;
    this.distrustSaid = true;
    const where = (this.store as { file?: string } | undefined)?.file ?? "the shared rate-limit store";
    this.warn?.(
      `${where} holds times too far ahead of this machine's clock (a clock stepped back, or a bad writer): ` +
        `entries more than a window ahead count from now, and locks end at most ${LONGEST_LOCK_SECONDS / 60} ` +
        "minutes (Cliq's longest lock) from now",
    );
  }

  for(operationId: OperationId): SlidingWindowLimiter {
    let limiter = this.limiters.get(operationId);
    if (!limiter) {
      const limit = OPERATIONS[operationId].rateLimit;
      const store = this.store;
      const shared = store && {
        owner: store.owner,
        transact: (merge: WindowMerge) => store.transact(operationId, merge),
        longestLockMs: LONGEST_LOCK_SECONDS * 1000 * this.timeScale,
        distrusted: () => this.distrusted(),
      };
      limiter = new SlidingWindowLimiter(
        limit.requests,
        scaledWindowMs(limit, this.timeScale),
        Date.now,
        shared,
        this.adaptive,
      );
      this.limiters.set(operationId, limiter);
    }
    return limiter;
  }
}
