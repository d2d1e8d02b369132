/**
 * Client-side rate limiting: one limiter per operation, from the spec's `x-rate-limit`.
 *
 * A slot is taken when a request starts and counts until `window` after its answer arrived (not after it
 * was sent): Cliq counts a request when it arrives, which is somewhere between the two, so measuring from
 * the answer can never let the server see more than `requests` arrivals in any window, whatever the
 * latency. Waiting callers queue FIFO and are woken by timers. The rules live in window-plan.ts.
 *
 * Cliq counts per user, not per process: with a shared window (window-store.ts), every slot is taken inside a
 * transaction on the per-user window file, so the requests and locks of other processes of the same user
 * (a second `pulumi up` right after the first, another stack applied at the same time) count here too.
 * Slots held by another process's requests in flight are freed by answers this process cannot see, so it
 * looks at the file again every quarter window: an answer frees its slot only one window later, so no
 * wall time is lost by not looking more often.
 */
import * as os from "node:os";
import { OPERATIONS } from "../../cliq-api/operations";
import {
  admission,
  assumeSharer,
  boundHistory,
  EMPTY_HISTORY,
  isProbing,
  mergeHistory,
  othersInFlight,
  probeAnswered,
  queuedStartTimes,
  settle,
  type WindowEntry,
  type WindowHistory,
  type WindowLimits,
} from "./window-plan";
import type { WindowMerge } from "./window-store";

/** Call when the request's answer (or failure) arrived; frees the slot's clock to start. */
export type Release = () => void;

/**
 * Told how long a queued request is expected to wait (ms) and whether a lock is the reason; returns true once it
 * has said so, and is then not asked again. Asked whenever the queue's view changes, until then.
 */
export type WaitListener = (waitMs: number, locked: boolean) => boolean;

/** A wait for a slot that was cancelled (cancel.ts) before it was granted: the request was never sent. */
export class WaitCancelled extends Error {
  override readonly name = "WaitCancelled";
  constructor() {
    super("the wait for a rate-limit slot was cancelled");
  }
}

/** One operation's part of the per-user window file, as a limiter uses it. */
export interface SharedWindow {
  /** The owner id this process's entries carry in the file. */
  readonly owner: string;
  /** Runs `merge` inside one locked read-modify-write of the file; never rejects. */
  transact(merge: WindowMerge): Promise<void>;
  /** The longest lock the stored history may hold (ms of wall time); a later end is capped. Default: Cliq's. */
  readonly longestLockMs?: number;
  /** Told when the stored history held times beyond their bounds (capped; see window-plan.ts `boundHistory`). */
  distrusted?(): void;
}

/** The longest lock any Cliq operation imposes (the spec's `x-rate-limit.lock_seconds`), in API seconds. */
export const LONGEST_LOCK_SECONDS = Math.max(
  ...Object.values(OPERATIONS).map((operation) => operation.rateLimit.lockSeconds),
);
/** Node's longest timer (2^31-1 ms): a longer one fires after 1 ms, with a TimeoutOverflowWarning. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A queued request refused without being sent: the operation is locked for longer than the caller would wait
 * (its `maxLockWaitMs`, the throttle-wait budget). Waiting would stall the run past every limit it set.
 */
export class LockWaitTooLong extends Error {
  override readonly name = "LockWaitTooLong";
  constructor(
    /** When the lock ends (epoch ms). */
    readonly lockedUntil: number,
    /** How long the caller would have waited (ms). */
    readonly waitMs: number,
  ) {
    super(`the operation is locked for ${Math.ceil(waitMs / 1000)} s more`);
  }
}

const HOST = os.hostname();

interface LockBound {
  /** The longest lock the waiter waits out (ms). */
  maxMs: number;
  /** Takes the waiter out of the queue, rejecting its wait with `error`. */
  leave(error: Error): void;
}
/** Numbers this process's window entries; with the owner id, unique on the machine. */
let entrySequence = 0;

export class SlidingWindowLimiter {
  private history: WindowHistory = EMPTY_HISTORY;
  private readonly waiting: Array<(release: Release) => void> = [];
  /** The waiters that want to hear how long they wait, until they have announced it or are granted. */
  private readonly listeners = new Map<(release: Release) => void, WaitListener>();
  /** The waiters that wait out a lock only up to a bound, and how each is refused beyond it. */
  private readonly lockBounds = new Map<(release: Release) => void, LockBound>();
  private readonly owner: string;
  private readonly limits: WindowLimits;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private syncing = false;
  private syncAgain = false;
  private publishTimer: NodeJS.Timeout | undefined;

  /**
   * @param requests threshold per window
   * @param windowMs window length in wall-clock ms (the API's window times the time scale)
   * @param now wall clock (epoch ms)
   * @param shared the per-user window file; without it the limiter only knows this process's requests
   * @param adaptive after an unexpected throttle, assume someone else uses the account (lower budget, probe)
   */
  constructor(
    readonly requests: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly shared?: SharedWindow,
    private readonly adaptive = true,
  ) {
    this.owner = shared?.owner ?? `${process.pid}-local`;
    this.limits = { requests, windowMs };
  }

  /**
   * Resolves when a request may start, with the function to call once it has finished. With `signal`, a wait
   * still queued when it aborts rejects with `WaitCancelled` and gives up its place (no slot is taken).
   * `onWait` hears the expected wait while the request is queued (see `WaitListener`). A lock ending more than
   * `maxLockWaitMs` from now rejects the wait with `LockWaitTooLong` instead.
   */
  acquire(signal?: AbortSignal, onWait?: WaitListener, maxLockWaitMs = Infinity): Promise<Release> {
    return new Promise<Release>((resolve, reject) => {
      if (signal?.aborted) return reject(new WaitCancelled());
      const waiter = (release: Release) => {
        signal?.removeEventListener("abort", abandon);
        this.listeners.delete(waiter);
        this.lockBounds.delete(waiter);
        resolve(release);
      };
      const leave = (error: Error) => {
        const index = this.waiting.indexOf(waiter);
        if (index === -1) return; // already granted
        this.waiting.splice(index, 1);
        signal?.removeEventListener("abort", abandon);
        this.listeners.delete(waiter);
        this.lockBounds.delete(waiter);
        if (this.waiting.length === 0) this.cancelTimer();
        reject(error);
      };
      const abandon = () => leave(new WaitCancelled());
      signal?.addEventListener("abort", abandon, { once: true });
      if (onWait) this.listeners.set(waiter, onWait);
      if (maxLockWaitMs < Infinity) this.lockBounds.set(waiter, { maxMs: maxLockWaitMs, leave });
      this.waiting.push(waiter);
      this.pump();
    });
  }

  /**
   * Refuses every start until `untilMs` (epoch ms): the server locked the operation. A lock that no limiter of
   * this user knew of means someone else uses the account: the operation's budget is lowered and a probe goes
   * first once the lock ends (window-plan.ts, `assumeSharer`).
   */
  lockUntil(untilMs: number): void {
    const now = this.now();
    const unexpected = this.adaptive && untilMs > now && now >= this.history.lockedUntil;
    if (untilMs > this.history.lockedUntil) this.history = { ...this.history, lockedUntil: untilMs };
    if (unexpected) this.history = assumeSharer(this.history, now, this.limits);
    this.pump(true);
  }

  /** Epoch ms until which starts are refused (0 or past: no lock). */
  get lockedUntilMs(): number {
    return this.history.lockedUntil;
  }

  /** Requests currently started and not yet finished, plus those still counting in the window. */
  get used(): number {
    return settle(this.history, this.now(), this.limits).entries.length;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** True while a wake-up timer is pending (only ever while someone waits). */
  get waking(): boolean {
    return this.timer !== undefined;
  }

  /** Admits what may start; `changed`: this process's view changed and other processes should see it. */
  private pump(changed = false): void {
    if (this.shared) {
      if (changed || this.waiting.length > 0) this.sync();
      return;
    }
    const now = this.now();
    this.history = settle(this.history, now, this.limits);
    const granted = this.grant(now);
    this.schedule(now);
    for (const [resolve, release] of granted) resolve(release);
  }

  /** Takes slots for as many waiters as the history allows; the caller resolves them. */
  private grant(now: number): Array<[(release: Release) => void, Release]> {
    const { free } = admission(this.history, now, this.limits);
    const count = Math.min(free, this.waiting.length);
    if (count === 0) return [];
    const taken: WindowEntry[] = [];
    const granted: Array<[(release: Release) => void, Release]> = [];
    for (let i = 0; i < count; i++) {
      const entry = {
        // Unique across processes: the owner id is per process (and random with a window file).
        id: `${this.owner}:${++entrySequence}`,
        owner: this.owner,
        pid: process.pid,
        host: HOST,
        at: now,
      };
      taken.push(entry);
      granted.push([this.waiting.shift()!, this.releaser(entry)]);
    }
    this.history = { ...this.history, entries: [...this.history.entries, ...taken] };
    return granted;
  }

  private releaser(taken: WindowEntry): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const answeredAt = this.now();
      const probing = isProbing(this.history);
      const entries = this.history.entries.map((entry) =>
        entry.id === taken.id ? { ...entry, answeredAt: Math.max(answeredAt, entry.answeredAt ?? 0) } : entry,
      );
      this.history = { ...this.history, entries };
      if (!probing) return this.answered();
      // The client reports a throttle (lockUntil) right after the release, in the same turn of the event loop:
      // by the next turn, a probe that met no new lock was accepted, and the queue may go on.
      setImmediate(() => {
        if (this.history.lockedUntil <= taken.at) this.history = probeAnswered(this.history, this.now());
        this.pump(true);
      });
    };
  }

  /**
   * An answer came. It frees its slot only one window later, so nothing can start now: without a window file,
   * only the wake-up is armed. With one, the answer is published within `publishDelayMs`, so that the answers
   * of a burst share one write (a write per answer would cost a busy process a file transaction per request),
   * and other processes still learn of it long before its slot frees: they look every quarter window.
   */
  private answered(): void {
    if (!this.shared) return this.pump();
    this.schedule(this.now());
    if (this.publishTimer !== undefined) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.sync();
    }, publishDelayMs(this.windowMs));
  }

  /**
   * One transaction on the window file: merge what other processes wrote with this view, take slots for the
   * waiters, store the result. The waiters start only once their slots are in the file. Changes made while a
   * transaction runs are carried by the next one.
   */
  private sync(): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    // This transaction stores every answer known so far: a pending publication has nothing left to do.
    if (this.publishTimer !== undefined) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    let granted: Array<[(release: Release) => void, Release]> = [];
    const merge: WindowMerge = (stored, gone) => {
      const now = this.now();
      const view = stored
        ? mergeHistory(settle(this.bounded(stored, now), now, this.limits, gone), this.history, this.owner)
        : this.history;
      this.history = settle(view, now, this.limits);
      granted = this.grant(now);
      return this.history;
    };
    void this.shared!.transact(merge).then(() => {
      this.syncing = false;
      for (const [resolve, release] of granted) resolve(release);
      if (this.syncAgain) {
        this.syncAgain = false;
        this.sync();
      } else {
        this.schedule(this.now());
      }
    });
  }

  /** The stored history with its times bounded (any process, or a clock stepped back, may have written it). */
  private bounded(stored: WindowHistory, now: number): WindowHistory {
    const longestLockMs = this.shared?.longestLockMs ?? LONGEST_LOCK_SECONDS * 1000;
    const bounded = boundHistory(stored, now, this.limits, longestLockMs);
    if (bounded !== stored) this.shared?.distrusted?.();
    return bounded;
  }

  /** Arms the wake-up for the next moment a waiter may start, or drops it when nobody waits. */
  private schedule(now: number): void {
    if (this.waiting.length === 0) {
      // Nobody waits: drop any pending wake-up, so no timer outlives the work (a Pulumi host must exit).
      this.cancelTimer();
      return;
    }
    if (this.refuseLongLockWaits(now)) return this.schedule(now);
    this.tellWaits(now);
    const { free, wakeAt: next } = admission(this.history, now, this.limits);
    if (free > 0) {
      // With a shared window, slots were taken when the file transaction merged, and `now` is later: a slot that
      // freed meanwhile has no timer and no answer left to announce it, so look again at once (the waiters
      // would otherwise wait forever).
      this.arm(now);
      return;
    }
    let wakeAt = next;
    if (this.shared && now >= this.history.lockedUntil && othersInFlight(this.history, this.owner)) {
      const poll = now + Math.min(5000, Math.max(5, this.windowMs / 4));
      wakeAt = wakeAt === undefined ? poll : Math.min(wakeAt, poll);
    }
    // Otherwise every slot is held by this process's requests in flight: the next release pumps.
    if (wakeAt !== undefined) this.arm(Math.max(wakeAt, now));
  }

  /** Refuses the waiters whose bound the current lock exceeds; true when any was refused. */
  private refuseLongLockWaits(now: number): boolean {
    const waitMs = this.history.lockedUntil - now;
    if (waitMs <= 0 || this.lockBounds.size === 0) return false;
    const refused = [...this.lockBounds.values()].filter((bound) => bound.maxMs < waitMs);
    for (const bound of refused) bound.leave(new LockWaitTooLong(this.history.lockedUntil, waitMs));
    return refused.length > 0;
  }

  /** Tells each listening waiter its expected wait, as the current view of the window has it. */
  private tellWaits(now: number): void {
    if (this.listeners.size === 0) return;
    const starts = queuedStartTimes(this.history, now, this.limits, this.waiting.length);
    const locked = now < this.history.lockedUntil;
    this.waiting.forEach((waiter, position) => {
      const listener = this.listeners.get(waiter);
      if (listener && listener(starts[position]! - now, locked)) this.listeners.delete(waiter);
    });
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      // Capped: a longer timer fires at once (and warns); the wake-up then just looks again.
      Math.min(MAX_TIMER_MS, Math.max(0, at - this.now())),
    );
  }
}

/**
 * How long an answer may wait before it is written to the window file: a twentieth of the window, at most 50 ms.
 * Another process needs it only one window after the answer, and looks every quarter window.
 */
export function publishDelayMs(windowMs: number): number {
  return Math.min(50, windowMs / 20);
}
