/**
 * A lock file taken with O_EXCL, for short read-modify-write transactions on a small per-user file shared by
 * processes of one machine. The lock records its owner; one whose owner process is gone, or older than any
 * transaction takes, is taken over. It never blocks a run: when it cannot be had in time, the caller goes on
 * without the file.
 *
 * Each attempt is synchronous: on a local file it costs a few syscalls, while the same steps through the
 * thread pool cost a few event-loop turns each, and a busy provider pays those turns on every rate-limit slot.
 * Only the wait between attempts (another process holds the lock) is asynchronous.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { sleep } from "./retry";

/** What a lock file holds: who took it, where, and when (epoch ms). */
export interface LockOwner {
  pid: number;
  host: string;
  at: number;
}

/** How a lock is waited for and when it counts as abandoned. */
export interface FileLockOptions {
  /** A lock older than this is taken over (its owner hangs). */
  staleMs: number;
  /** Longest wait; after it the caller proceeds without the lock. */
  maxWaitMs: number;
  /** Base poll interval while another live process holds the lock (jittered up to twice as long). */
  pollMs: number;
}

/** Releases a lock taken by `acquireFileLock`; never throws. */
export type FileLockRelease = () => void;

/** Whether a process with this id runs on this machine (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Read as an owner that is long gone: something at the lock's name that this code never writes. */
const NOT_A_LOCK: Partial<LockOwner> = { at: 0 };

function readOwner(file: string): Partial<LockOwner> | undefined {
  let text: string;
  let mtime: number;
  try {
    // lstat: a symlink (dangling or not) or a directory is not a lock any process of ours took; taken over at once.
    const stats = fs.lstatSync(file);
    if (!stats.isFile()) return NOT_A_LOCK;
    mtime = stats.mtimeMs;
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner?.at === "number") return owner;
  } catch {
    // Being written right now, or corrupt: judged by age alone.
  }
  return { at: mtime };
}

/**
 * Whether a lock is abandoned: older than `staleMs` (or stamped more than `staleMs` ahead), or its owner process on
 * this host is gone. A lock whose content is not readable yet (its owner is still writing it) is judged by age
 * alone.
 */
export function isStaleLock(
  owner: Partial<LockOwner>,
  now: number,
  staleMs: number,
  alive: (pid: number) => boolean = processAlive,
): boolean {
  // Stamped later than any live lock could be (a clock stepped back, a bad writer): abandoned too.
  if (typeof owner.at !== "number" || now - owner.at > staleMs || owner.at - now > staleMs) return true;
  return typeof owner.pid === "number" && owner.host === os.hostname() && !alive(owner.pid);
}

/**
 * What one attempt found: the lock taken, held by a live owner, or unusable (the directory is not writable, or an
 * abandoned lock cannot be removed).
 */
type Attempt = { taken: FileLockRelease } | "held" | "unusable";

/**
 * Removes the lock only while it is still ours: a process paused past `staleMs` has had its lock taken over, and
 * removing the new owner's lock would let a third process in beside it.
 */
function releaseOwn(lockFile: string, owner: LockOwner): void {
  const seen = readOwner(lockFile);
  if (seen?.pid === owner.pid && seen.host === owner.host && seen.at === owner.at)
    fs.rmSync(lockFile, { force: true });
}

/** One synchronous attempt; an abandoned lock is removed and taken within the same attempt. */
function tryLock(lockFile: string, staleMs: number): Attempt {
  for (let round = 0; round < 3; round++) {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), at: Date.now() };
    try {
      fs.writeFileSync(lockFile, JSON.stringify(owner), { mode: 0o600, flag: "wx" });
      return { taken: () => releaseOwn(lockFile, owner) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return "unusable";
    }
    const seen = readOwner(lockFile);
    if (seen === undefined) continue; // released meanwhile
    if (!isStaleLock(seen, Date.now(), staleMs)) return "held";
    // Remove it unless another waiter already did and took a fresh lock meanwhile.
    const again = readOwner(lockFile);
    if (JSON.stringify(again) === JSON.stringify(seen)) {
      try {
        fs.rmSync(lockFile, { force: true });
      } catch {
        // Not ours to remove (another user's, a directory, held open): it will never go, so waiting is no use.
        return "unusable";
      }
    }
  }
  return "held";
}

/**
 * Takes the lock at `lockFile` (its directory must exist). Resolves with the function that releases it, or with
 * undefined when it could not be had within `maxWaitMs` or the directory is not writable.
 */
export async function acquireFileLock(
  lockFile: string,
  options: FileLockOptions,
): Promise<FileLockRelease | undefined> {
  const deadline = Date.now() + options.maxWaitMs;
  for (;;) {
    const attempt = tryLock(lockFile, options.staleMs);
    if (attempt === "unusable") return undefined;
    if (attempt !== "held") return safely(attempt.taken);
    if (Date.now() >= deadline) return undefined;
    await sleep(options.pollMs + Math.random() * options.pollMs);
  }
}

function safely(release: FileLockRelease): FileLockRelease {
  return () => {
    try {
      release();
    } catch {
      // A lock that cannot be removed goes stale and is taken over: the next run is not blocked by it.
    }
  };
}
