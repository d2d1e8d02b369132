/**
 * Client-side rate limiting: one limiter per operation, from the spec's `x-rate-limit`.
 *
 * A slot is taken when a request starts and counts until `window` after its answer arrived (not after it
 * was sent): Cliq counts a request when it arrives, which is somewhere between the two, so measuring from
 * the answer can never let the server see more than `requests` arrivals in any window, whatever the
 * latency. Waiting callers queue FIFO and are woken by timers, never by polling.
 */
import { OPERATIONS, type OperationId, type RateLimit } from "../../cliq-api/operations";

/** Call when the request's answer (or failure) arrived; frees the slot's clock to start. */
export type Release = () => void;

/** Extra wall time added to each window, so that timer granularity never lands a request on the edge. */
const EDGE_MARGIN_MS = 2;

export class SlidingWindowLimiter {
  private readonly finished: number[] = [];
  private inFlight = 0;
  private readonly waiting: Array<(release: Release) => void> = [];
  private lockedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;

  constructor(
    readonly requests: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a request may start, with the function to call once it has finished. */
  acquire(): Promise<Release> {
    return new Promise<Release>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  /** Refuses every start until `untilMs` (epoch ms): the server locked the operation. */
  lockUntil(untilMs: number): void {
    if (untilMs > this.lockedUntil) this.lockedUntil = untilMs;
    this.pump();
  }

  /** Epoch ms until which starts are refused (0 or past: no lock). */
  get lockedUntilMs(): number {
    return this.lockedUntil;
  }

  /** Requests currently started and not yet finished, plus those still counting in the window. */
  get used(): number {
    this.prune(this.now());
    return this.inFlight + this.finished.length;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** True while a wake-up timer is pending (only ever while someone waits). */
  get waking(): boolean {
    return this.timer !== undefined;
  }

  private prune(now: number): void {
    const horizon = now - this.windowMs - EDGE_MARGIN_MS;
    while (this.finished.length > 0 && this.finished[0]! <= horizon) this.finished.shift();
  }

  private pump(): void {
    const now = this.now();
    this.prune(now);
    while (
      this.waiting.length > 0 &&
      now >= this.lockedUntil &&
      this.inFlight + this.finished.length < this.requests
    ) {
      const resolve = this.waiting.shift()!;
      this.inFlight += 1;
      let released = false;
      resolve(() => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.finished.push(this.now());
        this.pump();
      });
    }
    if (this.waiting.length === 0) {
      // Nobody waits: drop any pending wake-up, so no timer outlives the work (a Pulumi host must exit).
      this.cancelTimer();
      return;
    }
    let wakeAt: number | undefined;
    if (now < this.lockedUntil) wakeAt = this.lockedUntil;
    else if (this.finished.length > 0) wakeAt = this.finished[0]! + this.windowMs + EDGE_MARGIN_MS + 1;
    // Otherwise every slot is in flight: the next release pumps.
    if (wakeAt !== undefined) this.schedule(wakeAt);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, at - this.now()),
    );
  }
}

/** Wall-time window of a rate limit under a time scale. */
export function scaledWindowMs(limit: RateLimit, timeScale: number): number {
  return limit.perSeconds * 1000 * timeScale;
}

/** One limiter per operation, created on first use. */
export class OperationLimiters {
  private readonly limiters = new Map<OperationId, SlidingWindowLimiter>();

  constructor(private readonly timeScale: number) {}

  for(operationId: OperationId): SlidingWindowLimiter {
    let limiter = this.limiters.get(operationId);
    if (!limiter) {
      const limit = OPERATIONS[operationId].rateLimit;
      limiter = new SlidingWindowLimiter(limit.requests, scaledWindowMs(limit, this.timeScale));
      this.limiters.set(operationId, limiter);
    }
    return limiter;
  }
}
