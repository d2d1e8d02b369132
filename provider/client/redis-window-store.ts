/**
 * The shared windows of one Cliq user kept in Redis, so that every process on every machine that uses the same
 * credentials (CI runners deploying dev and prod with one service account) counts the same requests and honours
 * the same Cliq locks. The histories and rules are the window file's (window-plan.ts, window-store.ts); only the
 * place changes.
 *
 * A transaction is two atomic Lua scripts: BEGIN takes the account's lock (SET NX PX, a random token) and reads
 * the operations' histories in one step; the limiters merge in this process, synchronously; COMMIT writes the
 * results with their expiry and drops the lock, only if the token still holds it (a holder that froze past the
 * lock's life writes nothing, and its own entries reach Redis with its next transaction). Keys carry the file's
 * account hash, never a credential, in a hash tag so that one account's keys share a cluster slot. Every entry
 * expires by itself one window after it stops counting.
 *
 * Redis failing (unreachable, slow past the deadline, gone mid-run) costs one warning naming the store, with the
 * URL's credentials redacted; from then on this process keeps its windows in the per-user file. Nothing a
 * limiter took is lost: each limiter's own view holds its entries, and the file store gets them with the next
 * transaction. Every command has a deadline of half the shortest rate window (at most 5 s), so a slow Redis
 * never holds a request longer than a window; a connection gets at least 5 s (see `RedisTiming`).
 */
import { randomBytes } from "node:crypto";
import { OPERATIONS } from "../../cliq-api/operations";
import type { ClientSettings } from "../config/settings";
import {
  connectRedis,
  describeRedisFailure,
  loadRedisModule,
  luaScript,
  redactRedisUrl,
  type ScriptRunner,
} from "./redis-connection";
import { EDGE_MARGIN_MS, EMPTY_HISTORY, parseHistory, type WindowHistory } from "./window-plan";
import {
  goneCheck,
  STALE_IN_FLIGHT_MS,
  WindowFileStore,
  windowStoreFor,
  type WindowMerge,
  type WindowStore,
} from "./window-store";

/** The configuration key messages name for the store setting. */
export const RATE_LIMIT_STORE_SETTING = "cliq:rateLimitStore";

/** KEYS[1] the lock, KEYS[2..] the histories; ARGV[1] the token, ARGV[2] the lock's life (ms). */
const BEGIN = luaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local out = {1}
  for i = 2, #KEYS do out[i] = redis.call('GET', KEYS[i]) or '' end
  return out
end
return {0, redis.call('PTTL', KEYS[1])}
`);

/** KEYS as BEGIN; ARGV[1] the token, then per history its text ('' deletes it) and its life (ms). */
const COMMIT = luaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do
  local text, life = ARGV[2 * i - 2], ARGV[2 * i - 1]
  if text == '' then redis.call('DEL', KEYS[i]) else redis.call('SET', KEYS[i], text, 'PX', life) end
end
redis.call('DEL', KEYS[1])
return 1
`);

/** How long the store may take, derived from the windows it serves. */
export interface RedisTiming {
  /** Deadline of each command. */
  readonly deadlineMs: number;
  /**
   * Deadline of the connection (TCP, TLS, AUTH): never below 5 s, since a handshake does not get faster when a
   * time scale shortens the API's windows, and waiting for it only delays the first transaction.
   */
  readonly connectDeadlineMs: number;
  /** Life of the account lock: longer than any transaction, short enough that a crashed holder costs little. */
  readonly lockLifeMs: number;
  /** How long one transaction waits for the lock before going on with the limiters' own views. */
  readonly lockWaitMs: number;
  /** The longest window of any operation: how long a history is kept after it stops counting. */
  readonly longestWindowMs: number;
}

/** The timing for a time scale: half the shortest window per command (at least 50 ms, at most 5 s). */
export function redisTiming(timeScale: number): RedisTiming {
  const windows = Object.values(OPERATIONS).map(
    (operation) => operation.rateLimit.perSeconds * 1000 * timeScale,
  );
  const deadlineMs = Math.round(Math.min(5000, Math.max(50, Math.min(...windows) / 2)));
  return {
    deadlineMs,
    connectDeadlineMs: Math.max(deadlineMs, 5000),
    lockLifeMs: deadlineMs * 2,
    lockWaitMs: deadlineMs,
    longestWindowMs: Math.max(...windows),
  };
}

/** Milliseconds a history must stay stored after `now`: until its last entry, lock or lowered budget is over. */
export function historyLifeMs(history: WindowHistory, now: number, timing: RedisTiming): number {
  let last = Math.max(history.lockedUntil, history.sharer?.until ?? 0);
  for (const entry of history.entries)
    last = Math.max(last, entry.answeredAt ?? entry.at + STALE_IN_FLIGHT_MS);
  return Math.max(1, Math.ceil(last - now + timing.longestWindowMs + EDGE_MARGIN_MS));
}

function isEmpty(history: WindowHistory, now: number): boolean {
  return (
    history.entries.length === 0 &&
    history.lockedUntil <= now &&
    !(history.sharer && history.sharer.until > now)
  );
}

function parseStored(text: string): WindowHistory {
  if (text === "") return EMPTY_HISTORY;
  try {
    return parseHistory(JSON.parse(text));
  } catch {
    return EMPTY_HISTORY; // corrupt: ignored, rewritten by this transaction
  }
}

interface Pending {
  operationId: string;
  merge: WindowMerge;
  done: () => void;
  merged: boolean;
}

/** Where the store falls back to, and how it reports that it did. */
export interface RedisStoreOptions {
  readonly url: string;
  readonly key: string;
  readonly timing: RedisTiming;
  readonly fallback: WindowFileStore;
  readonly warn: (message: string) => void;
  readonly now?: () => number;
}

/** One Cliq user's windows in one Redis, as seen by one process. */
export class RedisWindowStore implements WindowStore {
  readonly owner: string;
  private readonly queue: Pending[] = [];
  private running = false;
  private runner: Promise<ScriptRunner> | undefined;
  private failed = false;
  private readonly now: () => number;

  constructor(
    private readonly options: RedisStoreOptions,
    private readonly redis = loadRedisModule(RATE_LIMIT_STORE_SETTING),
  ) {
    // The fallback file carries the same owner, so entries taken before a failure stay this process's own.
    this.owner = options.fallback.owner;
    this.now = options.now ?? Date.now;
    // Connect now, while the client starts up, so the first burst does not wait for the handshake (TLS); a
    // failure is reported by the first transaction, which awaits the same promise.
    void this.connection().catch(() => undefined);
  }

  /** The store, as messages name it: the URL without its credentials. */
  get name(): string {
    return redactRedisUrl(this.options.url);
  }

  /** Whether Redis failed and the windows are kept in the per-user file from now on. */
  get fellBack(): boolean {
    return this.failed;
  }

  /** Batches the calls of one event-loop turn (and those made while one runs) into one transaction. */
  transact(operationId: string, merge: WindowMerge): Promise<void> {
    if (this.failed) return this.options.fallback.transact(operationId, merge);
    return new Promise<void>((done) => {
      this.queue.push({ operationId, merge, done, merged: false });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.drain());
    });
  }

  /** Drops the connection (tests; a provider lets the unref'd socket go with the process). */
  async close(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner) (await runner.catch(() => undefined))?.close();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      if (this.failed) {
        this.toFallback(batch);
        continue;
      }
      try {
        await this.apply(batch);
        for (const item of batch) item.done();
      } catch (error) {
        this.fail(error);
        for (const item of batch) if (item.merged) item.done();
        this.toFallback(batch.filter((item) => !item.merged));
      }
    }
    this.running = false;
  }

  private toFallback(batch: Pending[]): void {
    for (const item of batch)
      void this.options.fallback.transact(item.operationId, item.merge).then(item.done);
  }

  /** One warning, then the file for the rest of the process. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    void this.close();
    this.options.warn(
      `the rate-limit store ${this.name} failed (${describeRedisFailure(error, this.options.url)}); this ` +
        `process keeps its rate-limit windows in the per-user file from now on, so processes on other ` +
        `machines no longer see its requests (a throttle they cause is waited out)`,
    );
  }

  private connection(): Promise<ScriptRunner> {
    const { connectDeadlineMs, deadlineMs } = this.options.timing;
    this.runner ??= connectRedis(this.redis, this.options.url, {
      connectMs: connectDeadlineMs,
      commandMs: deadlineMs,
    });
    return this.runner;
  }

  private keys(operations: readonly string[]): string[] {
    const base = `cliq:rate-windows:{${this.options.key}}`;
    return [`${base}:lock`, ...operations.map((operationId) => `${base}:${operationId}`)];
  }

  /** BEGIN until the lock is had or the wait is over; the stored texts, or undefined without the lock. */
  private async begin(keys: string[], token: string): Promise<string[] | undefined> {
    const redis = await this.connection();
    const { lockLifeMs, lockWaitMs } = this.options.timing;
    const giveUpAt = this.now() + lockWaitMs;
    for (;;) {
      const reply = (await redis.run(BEGIN, keys, [token, String(lockLifeMs)])) as [number, ...unknown[]];
      if (reply[0] === 1) return reply.slice(1).map((text) => (typeof text === "string" ? text : ""));
      const left = giveUpAt - this.now();
      if (left <= 0) return undefined;
      const heldFor = typeof reply[1] === "number" && reply[1] > 0 ? reply[1] : 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, heldFor, 1 + Math.random() * 4)));
    }
  }

  /**
   * One transaction for a batch. Merges run exactly once each, in order (a second merge of one operation sees
   * the first one's result); a merge that throws keeps the stored history, as in the file.
   */
  private async apply(batch: Pending[]): Promise<void> {
    const operations = [...new Set(batch.map((item) => item.operationId))];
    const keys = this.keys(operations);
    const token = randomBytes(12).toString("hex");
    const stored = await this.begin(keys, token);
    const now = this.now();
    const gone = goneCheck(now);
    const histories = new Map(
      operations.map((operationId, i) => [operationId, parseStored(stored?.[i] ?? "")]),
    );
    for (const item of batch) {
      item.merged = true;
      try {
        const merged = item.merge(stored ? histories.get(item.operationId)! : undefined, gone);
        histories.set(item.operationId, merged);
      } catch {
        // One operation's fault must not cost the others their turn.
      }
    }
    // Without the lock, as with the file, each limiter goes on with its own view and publishes it next time.
    if (!stored) return;
    const args = [token];
    for (const operationId of operations) {
      const history = histories.get(operationId)!;
      const empty = isEmpty(history, now);
      args.push(
        empty ? "" : JSON.stringify(history),
        String(historyLifeMs(history, now, this.options.timing)),
      );
    }
    await (await this.connection()).run(COMMIT, keys, args);
  }
}

/**
 * The window store the settings ask for: none without `sharedRateLimits`; with a `rateLimitStore` URL, the
 * Redis store (falling back to the per-user file); otherwise the per-user file.
 */
export function selectWindowStore(
  settings: ClientSettings,
  warn: (message: string) => void,
): WindowStore | undefined {
  const fallback = windowStoreFor(settings, warn);
  const url = settings.rateLimitStore;
  if (!fallback || url === undefined) return fallback;
  return new RedisWindowStore({
    url,
    key: fallback.key,
    timing: redisTiming(settings.limits.timeScale),
    fallback,
    warn,
  });
}
