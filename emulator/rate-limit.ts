import { OPERATIONS, type OperationId } from "../cliq-api/operations";
import { scaledMs } from "./options";

/**
 * `x-rate-limit` per operation and per token: at most `requests` in any `per_seconds` window (a sliding
 * window, the strictest reading of "N requests per min"); the request that would pass the threshold is
 * refused and starts the lock, during which every request of that operation with that token is refused.
 * Durations are multiplied by the time scale. Locks forced through the control surface or a "throttle"
 * fault apply even when counting is off.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly locks = new Map<string, number>();
  private readonly globalLocks = new Map<OperationId, number>();

  constructor(
    private readonly timeScale: number,
    private readonly counting: boolean,
  ) {}

  /** Counts the request; false when it must be refused as throttled. */
  admit(token: string, operationId: OperationId, nowMs: number): boolean {
    if (this.isLocked(token, operationId, nowMs)) {
      return false;
    }
    if (!this.counting) {
      return true;
    }
    const { requests, perSeconds } = OPERATIONS[operationId].rateLimit;
    const key = keyOf(token, operationId);
    const windowMs = scaledMs(perSeconds, this.timeScale);
    const recent = (this.hits.get(key) ?? []).filter((t) => nowMs - t < windowMs);
    if (recent.length >= requests) {
      this.hits.set(key, recent);
      this.lock(token, operationId, nowMs);
      return false;
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return true;
  }

  isLocked(token: string, operationId: OperationId, nowMs: number): boolean {
    const until = Math.max(
      this.locks.get(keyOf(token, operationId)) ?? 0,
      this.globalLocks.get(operationId) ?? 0,
    );
    return nowMs < until;
  }

  /** Starts the operation's lock period for one token. */
  lock(token: string, operationId: OperationId, nowMs: number): void {
    const lockMs = scaledMs(OPERATIONS[operationId].rateLimit.lockSeconds, this.timeScale);
    this.locks.set(keyOf(token, operationId), nowMs + lockMs);
    this.hits.delete(keyOf(token, operationId));
  }

  /** Locks an operation for every token, for `seconds` (API seconds, scaled) or its lock period. */
  lockAll(operationId: OperationId, nowMs: number, seconds?: number): void {
    const lockSeconds = seconds ?? OPERATIONS[operationId].rateLimit.lockSeconds;
    this.globalLocks.set(operationId, nowMs + scaledMs(lockSeconds, this.timeScale));
  }

  reset(): void {
    this.hits.clear();
    this.locks.clear();
    this.globalLocks.clear();
  }
}

function keyOf(token: string, operationId: OperationId): string {
  return `${operationId}\u0000${token}`;
}
