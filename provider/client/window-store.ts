/**
 * The per-user window file: what every process of one Cliq user on one machine has sent, per operation, so that
 * a second `pulumi up` right after a first one, or two stacks applied at once, see the same windows Cliq counts.
 *
 * The file lives beside the token cache (`rate-windows.json`, mode 0600, directory 0700) and maps a hash of the
 * API host and the credentials to each operation's history (window-plan.ts): request ids, sender pids, send and
 * answer times, lock ends. Nothing secret is stored. Every change is one short synchronous transaction under a
 * lock file (file-lock.ts), written to a temporary file renamed into place; the starts of one event-loop turn
 * share a transaction, and answers are published in batches (limiter.ts). A corrupt file is ignored and
 * rewritten; a lock that cannot be had in time lets the process go on with what it knows itself, so the file
 * can make a run wait, never fail or hang.
 */
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ClientSettings } from "../config/settings";
import { acquireFileLock, processAlive, type FileLockRelease } from "./file-lock";
import { cacheDistrust, createOwnFile, readOwnFile, warnDistrustOnce } from "./file-trust";
import { tokenCacheDir } from "./token-cache";
import { EMPTY_HISTORY, parseHistory, type WindowEntry, type WindowHistory } from "./window-plan";

/** Environment variable naming the window file's directory; default: the token cache's directory. */
export const RATE_WINDOW_DIR_ENV = "CLIQ_RATE_WINDOW_DIR";
const FILE_NAME = "rate-windows.json";
/** A request in flight for longer than this has hung or its sender froze: counted as answered. */
export const STALE_IN_FLIGHT_MS = 120_000;
/** Other accounts' entries older than this are dropped on write (no Cliq window or lock lasts an hour). */
const FORGET_AFTER_MS = 3_600_000;
const LOCK = { staleMs: 10_000, maxWaitMs: 10_000, pollMs: 2 };

/** The directory of the window file: `CLIQ_RATE_WINDOW_DIR`, else the token cache's directory. */
export function rateWindowDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env[RATE_WINDOW_DIR_ENV] || tokenCacheDir(env);
}

/**
 * The key of one Cliq user's windows: a SHA-256 of the API host and the credentials (the OAuth client id and
 * refresh token, or the access token). Only the hash reaches the file.
 */
export function windowStoreKey(apiUrl: string, credentials: readonly (string | undefined)[]): string {
  return createHash("sha256")
    .update(["cliq-rate-windows", apiUrl, ...credentials.map((part) => part ?? "")].join("\u0000"))
    .digest("hex");
}

/**
 * The window store the settings ask for: with `sharedRateLimits`, the per-user file of this API host and
 * credential set; otherwise none (each process counts alone).
 */
export function windowStoreFor(
  settings: ClientSettings,
  warn?: (message: string) => void,
): WindowFileStore | undefined {
  if (!settings.sharedRateLimits) return undefined;
  const { credentials } = settings;
  const identity =
    credentials.kind === "oauth"
      ? ["oauth", credentials.clientId, credentials.refreshToken]
      : ["static", credentials.accessToken];
  return new WindowFileStore(
    windowStoreKey(settings.endpoints.apiUrl, identity),
    rateWindowDir(),
    Date.now,
    warn,
  );
}

/**
 * One operation's part of a transaction: gets the stored history (undefined when the file could not be used)
 * and whether an entry's sender is gone, and returns the history to store.
 */
export type WindowMerge = (
  stored: WindowHistory | undefined,
  gone: (entry: WindowEntry) => boolean,
) => WindowHistory;

/**
 * Where one Cliq user's windows are kept and shared: the per-user file here, or Redis (redis-window-store.ts).
 * The limiters (limiter.ts) only ever see this.
 */
export interface WindowStore {
  /** This store's owner id on its entries: one per process and user, so entries are told apart by sender. */
  readonly owner: string;
  /**
   * Runs `merge` for `operationId` inside one read-modify-write of the stored windows, exactly once (with
   * `undefined` when the store could not be used). Never rejects.
   */
  transact(operationId: string, merge: WindowMerge): Promise<void>;
}

interface Pending {
  operationId: string;
  merge: WindowMerge;
  done: () => void;
}

type Accounts = Record<string, Record<string, WindowHistory>>;

/** The accounts of a file as read; anything malformed reads as empty. */
function accountsOf(file: unknown): Accounts {
  const accounts = (file as { accounts?: unknown } | undefined)?.accounts;
  const out: Accounts = {};
  if (accounts === null || typeof accounts !== "object") return out;
  for (const [key, operations] of Object.entries(accounts as Record<string, unknown>)) {
    if (operations === null || typeof operations !== "object") continue;
    out[key] = {};
    for (const [operationId, history] of Object.entries(operations as Record<string, unknown>)) {
      out[key][operationId] = parseHistory(history);
    }
  }
  return out;
}

/** Other accounts' histories without what can no longer matter, and without empty operations. */
function forgetOld(accounts: Accounts, now: number): Accounts {
  const out: Accounts = {};
  for (const [key, operations] of Object.entries(accounts)) {
    for (const [operationId, history] of Object.entries(operations)) {
      const entries = history.entries.filter(
        (entry) => (entry.answeredAt ?? entry.at) > now - FORGET_AFTER_MS,
      );
      const lockedUntil = history.lockedUntil > now ? history.lockedUntil : 0;
      const sharer = history.sharer && history.sharer.until > now ? history.sharer : undefined;
      if (entries.length === 0 && lockedUntil === 0 && !sharer) continue;
      (out[key] ??= {})[operationId] = { entries, lockedUntil, ...(sharer ? { sharer } : {}) };
    }
  }
  return out;
}

function readFileJson(file: string): unknown {
  const text = readOwnFile(file);
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined; // absent or corrupt: ignored, rewritten by this transaction
  }
}

/** The window file of one directory, as seen by one process for one Cliq user. */
export class WindowFileStore implements WindowStore {
  /** This store's owner id in the file: one per process and user, so entries are told apart by sender. */
  readonly owner = `${process.pid}-${randomBytes(6).toString("hex")}`;
  readonly file: string;
  private readonly queue: Pending[] = [];
  private running = false;
  private dirReady = false;

  constructor(
    readonly key: string,
    readonly dir: string = rateWindowDir(),
    private readonly now: () => number = Date.now,
    /** Told once per process when the file is not trusted (see file-trust.ts) and so not used. */
    private readonly warn?: (message: string) => void,
  ) {
    this.file = path.join(dir, FILE_NAME);
  }

  /**
   * Runs `merge` for `operationId` inside one locked read-modify-write of the file. Calls made in the same turn
   * of the event loop, or while another transaction waits for the lock, are batched into one transaction, so a
   * burst of many operations costs one lock and one write. Never rejects.
   */
  transact(operationId: string, merge: WindowMerge): Promise<void> {
    return new Promise<void>((done) => {
      this.queue.push({ operationId, merge, done });
      if (this.running) return;
      this.running = true;
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // The file never fails a transaction: without the lock, each limiter goes on with its own view.
      const release = await this.lock().catch(() => undefined);
      const batch = this.queue.splice(0);
      this.apply(batch, release);
      for (const item of batch) item.done();
    }
    this.running = false;
  }

  /**
   * One read-merge-write, synchronous under the lock: the file is small and local, and doing it in one turn
   * keeps the lock held for microseconds instead of several event-loop turns of a busy process.
   */
  private apply(batch: Pending[], release: FileLockRelease | undefined): void {
    try {
      const accounts = release ? forgetOld(accountsOf(readFileJson(this.file)), this.now()) : {};
      const mine = (accounts[this.key] ??= {});
      const gone = goneCheck(this.now());
      for (const { operationId, merge } of batch) {
        try {
          mine[operationId] = merge(release ? (mine[operationId] ?? EMPTY_HISTORY) : undefined, gone);
        } catch {
          // One operation's fault must not cost the others their turn; its stored history stays.
        }
      }
      if (release) this.write(forgetOld(accounts, this.now()));
    } catch {
      // The file only adds what other processes did; a failed write leaves each limiter with its own view.
    } finally {
      release?.();
    }
  }

  private async lock(): Promise<FileLockRelease | undefined> {
    if (!this.dirReady) {
      try {
        fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
        this.dirReady = true;
      } catch {
        return undefined;
      }
    }
    // Another user's file, or one others can write, is not used: its windows could stall every run.
    const problem = cacheDistrust(this.dir, [this.file]);
    if (problem !== undefined) {
      warnDistrustOnce(problem, this.warn);
      return undefined;
    }
    const release = await acquireFileLock(`${this.file}.lock`, LOCK);
    // The directory may have been removed since: the next transaction creates it again.
    if (!release) this.dirReady = false;
    return release;
  }

  /**
   * Writes the file through a temporary one, renamed onto the name once the old file is removed: ext4 flushes a
   * file renamed over another (auto_da_alloc), which cost milliseconds per transaction. Every reader holds the
   * lock, so none sees the name free. If the rename fails, the text is written in place instead, so the entries
   * of processes that are idle now (and would not write theirs again) stay. Only a crash between removal and
   * rename loses them; the cost is then a possible throttle, which the client waits out.
   */
  private write(accounts: Accounts): void {
    const text = JSON.stringify({ version: 1, accounts });
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      fs.writeFileSync(temp, text, { mode: 0o600, flag: "wx" });
      fs.rmSync(this.file, { force: true });
      fs.renameSync(temp, this.file);
    } catch {
      fs.rmSync(temp, { force: true });
      // Only where nothing is, and never through a symlink (O_EXCL | O_NOFOLLOW).
      if (!fs.existsSync(this.file)) createOwnFile(this.file, text);
    }
  }
}

/** Whether an in-flight entry's sender is gone: a dead process on this machine, or in flight too long. */
export function goneCheck(now: number): (entry: WindowEntry) => boolean {
  const alive = new Map<number, boolean>();
  const host = os.hostname();
  return (entry) => {
    if (now - entry.at > STALE_IN_FLIGHT_MS) return true;
    if (entry.host !== host) return false;
    let known = alive.get(entry.pid);
    if (known === undefined) alive.set(entry.pid, (known = processAlive(entry.pid)));
    return !known;
  };
}
