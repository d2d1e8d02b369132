/**
 * The timing rules of the rate limiter as pure functions of (history, now, limits), so that they can be tested as
 * a table and shared by the in-process limiter and the per-user window file (window-store.ts).
 *
 * A history holds every request of one operation that still counts against Cliq's window, whichever process of
 * this user sent it: in flight (no answer yet) or answered within the last window. A slot is counted until
 * `window` after the answer: Cliq counts a request when it arrives, somewhere between send and answer, so
 * counting from the answer never lets the server see more than `requests` arrivals in any window.
 */

/** Extra wall time added to each window, so that timer granularity never lands a request on the edge. */
export const EDGE_MARGIN_MS = 2;

/** One request that counts against the window. Times are wall-clock epoch ms. */
export interface WindowEntry {
  /** Random id, unique per request: merging histories is a union by id. */
  readonly id: string;
  /** The limiter instance (one per process and store) that sent it. */
  readonly owner: string;
  /** The sending process, to tell a crashed sender's request from one still in flight. */
  readonly pid: number;
  readonly host: string;
  /** When the slot was taken (the request was about to be sent). */
  readonly at: number;
  /** When its answer (or failure) arrived; absent while in flight. */
  readonly answeredAt?: number;
}

/**
 * Someone else uses the account (another tool, another machine): a throttle came that this user's limiters did
 * not cause. Until `until`, the operation gets `budget` instead of its threshold, and once the lock ends a single
 * request probes whether Cliq accepts again before the queue is released.
 */
export interface Sharer {
  /** When the throttle that revealed the sharer arrived. */
  readonly since: number;
  /** Requests per window assumed left for this user. */
  readonly budget: number;
  /** When the lowered budget ends (epoch ms). */
  readonly until: number;
  /** When a probe came back unthrottled; absent while probing. */
  readonly probedAt?: number;
}

/** What counts against one operation's window, and until when Cliq refuses it (its lock). */
export interface WindowHistory {
  readonly entries: readonly WindowEntry[];
  /** Epoch ms until which every start is refused; 0 or past: no lock. */
  readonly lockedUntil: number;
  readonly sharer?: Sharer;
}

/** Windows after a lock during which the lowered budget holds (each new unexpected throttle starts it again). */
export const SHARER_WINDOWS = 5;

/** An operation's threshold in wall time: `requests` per `windowMs` (the API's window times the time scale). */
export interface WindowLimits {
  readonly requests: number;
  readonly windowMs: number;
}

/** How many requests may start now, and when to look again if that is not all that wait. */
export interface Admission {
  /** Starts allowed now. */
  readonly free: number;
  /**
   * Epoch ms at which a slot frees or the lock ends; undefined when every slot is held by a request in flight
   * (its answer frees the slot, one window later).
   */
  readonly wakeAt: number | undefined;
}

export const EMPTY_HISTORY: WindowHistory = { entries: [], lockedUntil: 0 };

/** True while an answered entry still counts at `now`. */
function counts(entry: WindowEntry, now: number, limits: WindowLimits): boolean {
  return entry.answeredAt === undefined || entry.answeredAt > now - limits.windowMs - EDGE_MARGIN_MS;
}

/** Starts allowed at `now` and the next moment worth looking again. */
export function admission(history: WindowHistory, now: number, limits: WindowLimits): Admission {
  if (now < history.lockedUntil) return { free: 0, wakeAt: history.lockedUntil };
  const live = history.entries.filter((entry) => counts(entry, now, limits));
  const sharer = history.sharer && now < history.sharer.until ? history.sharer : undefined;
  let free = Math.max(0, (sharer?.budget ?? limits.requests) - live.length);
  // While probing, one request at a time: the rest wait for its answer (which frees no slot, so no wake-up).
  if (sharer && sharer.probedAt === undefined && free > 0) {
    if (live.some((entry) => entry.answeredAt === undefined)) return { free: 0, wakeAt: undefined };
    free = 1;
  }
  if (free > 0) return { free, wakeAt: undefined };
  let oldest: number | undefined;
  for (const entry of live) {
    if (entry.answeredAt !== undefined && (oldest === undefined || entry.answeredAt < oldest)) {
      oldest = entry.answeredAt;
    }
  }
  // The oldest answer leaves the window first; +1 so the wake-up lands strictly past the edge.
  return { free, wakeAt: oldest === undefined ? undefined : oldest + limits.windowMs + EDGE_MARGIN_MS + 1 };
}

/**
 * The history without entries that no longer count, and with the requests of senders that are gone (`gone`:
 * crashed process, or in flight for longer than any request lasts) counted as answered at `now`: their request
 * may have reached Cliq, so they keep their slot one more window, but they never hold it forever.
 */
export function settle(
  history: WindowHistory,
  now: number,
  limits: WindowLimits,
  gone: (entry: WindowEntry) => boolean = () => false,
): WindowHistory {
  const entries: WindowEntry[] = [];
  for (const entry of history.entries) {
    const settled = entry.answeredAt === undefined && gone(entry) ? { ...entry, answeredAt: now } : entry;
    if (counts(settled, now, limits)) entries.push(settled);
  }
  const sharer = history.sharer && now < history.sharer.until ? history.sharer : undefined;
  return {
    entries,
    lockedUntil: history.lockedUntil > now ? history.lockedUntil : 0,
    ...(sharer ? { sharer } : {}),
  };
}

/**
 * The history after a throttle that no known lock explains (someone else uses the account): the operation's
 * budget halves (at least 1 request per window) until SHARER_WINDOWS windows after the lock, and a probe
 * must come back before the queue is released.
 */
export function assumeSharer(history: WindowHistory, now: number, limits: WindowLimits): WindowHistory {
  const current = history.sharer && now < history.sharer.until ? history.sharer.budget : limits.requests;
  const until = Math.max(history.lockedUntil, now) + SHARER_WINDOWS * limits.windowMs;
  return {
    ...history,
    sharer: { since: now, budget: Math.max(1, Math.floor(current / 2)), until },
  };
}

/** Whether the operation waits for a probe's answer before releasing its queue. */
export function isProbing(history: WindowHistory): boolean {
  return history.sharer !== undefined && history.sharer.probedAt === undefined;
}

/** The history once a probe came back unthrottled at `now`: the queue goes on, within the lowered budget. */
export function probeAnswered(history: WindowHistory, now: number): WindowHistory {
  return history.sharer ? { ...history, sharer: { ...history.sharer, probedAt: now } } : history;
}

/** The later sharer wins; of the same one, the one whose probe has come back. */
function mergeSharer(a: Sharer | undefined, b: Sharer | undefined): Sharer | undefined {
  if (!a || !b) return a ?? b;
  if (a.since !== b.since) return a.since > b.since ? a : b;
  return (a.probedAt ?? -1) >= (b.probedAt ?? -1) ? a : b;
}

/**
 * Merges the stored history (every process's entries, as the file holds them) with this owner's own view: the
 * file is the truth about other owners, the own view about this owner (it survives a lost or corrupt file). An
 * entry answered on either side is answered; a lock on either side holds.
 */
export function mergeHistory(stored: WindowHistory, own: WindowHistory, owner: string): WindowHistory {
  const byId = new Map<string, WindowEntry>();
  for (const entry of stored.entries) byId.set(entry.id, entry);
  for (const entry of own.entries) {
    if (entry.owner !== owner) continue;
    const other = byId.get(entry.id);
    byId.set(entry.id, other?.answeredAt !== undefined && entry.answeredAt === undefined ? other : entry);
  }
  const sharer = mergeSharer(stored.sharer, own.sharer);
  return {
    entries: [...byId.values()],
    lockedUntil: Math.max(stored.lockedUntil, own.lockedUntil),
    ...(sharer ? { sharer } : {}),
  };
}

/** Whether some other owner's request is in flight (its answer, not a timer, frees the slot). */
export function othersInFlight(history: WindowHistory, owner: string): boolean {
  return history.entries.some((entry) => entry.owner !== owner && entry.answeredAt === undefined);
}

/** The entry list read from a file, keeping only well-formed entries (a corrupt part is ignored). */
export function parseHistory(value: unknown): WindowHistory {
  const raw = value as
    { entries?: unknown; lockedUntil?: unknown; sharer?: Partial<Sharer> } | null | undefined;
  const entries: WindowEntry[] = [];
  if (raw && Array.isArray(raw.entries)) {
    for (const item of raw.entries as Partial<WindowEntry>[]) {
      if (
        item &&
        typeof item.id === "string" &&
        typeof item.owner === "string" &&
        typeof item.pid === "number" &&
        typeof item.host === "string" &&
        typeof item.at === "number" &&
        (item.answeredAt === undefined || typeof item.answeredAt === "number")
      ) {
        entries.push(item as WindowEntry);
      }
    }
  }
  const lockedUntil = typeof raw?.lockedUntil === "number" ? raw.lockedUntil : 0;
  const sharer = raw?.sharer;
  const wellFormed =
    sharer &&
    (["since", "budget", "until"] as const).every((key) => typeof sharer[key] === "number") &&
    (sharer.probedAt === undefined || typeof sharer.probedAt === "number");
  return { entries, lockedUntil, ...(wellFormed ? { sharer: sharer as Sharer } : {}) };
}

/**
 * When each of the first `count` queued requests may start, in queue order (epoch ms), if nothing else changes:
 * the lock ends first, then each takes the first slot to free. A request in flight is taken as answered now, and
 * a queued one as answered the moment it starts, so the times are the earliest possible: what a wait announced
 * from them promises is never longer than the truth by more than the answers' latency.
 */
export function queuedStartTimes(
  history: WindowHistory,
  now: number,
  limits: WindowLimits,
  count: number,
): number[] {
  const sharer = history.sharer && now < history.sharer.until ? history.sharer : undefined;
  const budget = Math.max(1, sharer?.budget ?? limits.requests);
  const hold = limits.windowMs + EDGE_MARGIN_MS + 1;
  // When each slot still counting frees, ascending.
  const frees = history.entries
    .filter((entry) => counts(entry, now, limits))
    .map((entry) => (entry.answeredAt ?? now) + hold)
    .sort((a, b) => a - b);
  // The queue is served in order: nobody starts before the lock ends, nor before whoever is ahead.
  let at = Math.max(now, history.lockedUntil);
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    // Slots that freed by `at` no longer count; the request may start once fewer than `budget` do.
    while (frees.length >= budget) at = Math.max(at, frees.shift()!);
    while (frees.length > 0 && frees[0]! <= at) frees.shift();
    starts.push(at);
    insertSorted(frees, at + hold);
  }
  return starts;
}

function insertSorted(values: number[], value: number): void {
  let index = values.length;
  while (index > 0 && values[index - 1]! > value) index--;
  values.splice(index, 0, value);
}

/**
 * A stored history with its times bounded, for a file any process (or a clock stepped back) may have written:
 * an entry stamped later than `now` plus one window is taken as sent and answered `now` (it may have reached
 * Cliq, so it keeps its slot one window, never longer), and a lock ending later than `now` plus the longest
 * lock Cliq imposes ends then instead, and so does a lowered budget (a sharer) past the windows that follow such a
 * lock. Returns the same object when nothing was out of bounds.
 */
export function boundHistory(
  history: WindowHistory,
  now: number,
  limits: WindowLimits,
  longestLockMs: number,
): WindowHistory {
  const latest = now + limits.windowMs;
  const ahead = (entry: WindowEntry) => entry.at > latest || (entry.answeredAt ?? 0) > latest;
  const lockAhead = history.lockedUntil > now + longestLockMs;
  // A lowered budget lasts SHARER_WINDOWS windows after a lock (assumeSharer): never longer than after the longest.
  const sharerUntil = now + longestLockMs + SHARER_WINDOWS * limits.windowMs;
  const sharer = history.sharer;
  const sharerAhead = sharer !== undefined && sharer.until > sharerUntil;
  if (!lockAhead && !sharerAhead && !history.entries.some(ahead)) return history;
  return {
    ...history,
    entries: history.entries.map((entry) => (ahead(entry) ? { ...entry, at: now, answeredAt: now } : entry)),
    lockedUntil: lockAhead ? now + longestLockMs : history.lockedUntil,
    ...(sharer ? { sharer: sharerAhead ? { ...sharer, until: sharerUntil } : sharer } : {}),
  };
}
