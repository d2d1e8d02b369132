/**
 * Access tokens kept across runs. Zoho lets one refresh token mint at most 10 access tokens per 10 minutes, and
 * every `pulumi preview` / `up` is a new process: without a cache, a developer iterating hits the cap. The file
 * lives in the user's cache directory (mode 0600, directory 0700) and maps a hash of client id, refresh token
 * and accounts host to `{accessToken, expiresAt, refreshAt}`; it never holds the refresh token or the secret.
 *
 * Two processes at once: every read-mint-write runs under a lock file taken with O_EXCL (file-lock.ts, the lock
 * the shared rate-limit windows use too), so the second process waits and then finds the first one's token;
 * writes go to a temporary file renamed over the old one, so a reader never sees half a file. A lock whose owner
 * died, or that is older than any mint can take, is taken over. A corrupt file is ignored and rewritten.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  acquireFileLock,
  isStaleLock as isStaleFileLock,
  type FileLockRelease,
  type LockOwner,
} from "./file-lock";
import { cacheDistrust, readOwnFile, warnDistrustOnce } from "./file-trust";

/** Environment variable naming the cache directory (tests and unusual setups). */
export const TOKEN_CACHE_DIR_ENV = "CLIQ_TOKEN_CACHE_DIR";
const APP_DIR = "pulumi-zoho-cliq";
const FILE_NAME = "tokens.json";
/** A lock older than this is abandoned: a mint with all its retries takes far less. */
const STALE_LOCK_MS = 120_000;
/** Longest wait for another process's lock; after it the token is minted without the cache's help. */
const MAX_LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 25;
const LOCK = { staleMs: STALE_LOCK_MS, maxWaitMs: MAX_LOCK_WAIT_MS, pollMs: LOCK_POLL_MS };

/** One cached token. Times are wall-clock epoch ms. */
export interface CachedAccessToken {
  accessToken: string;
  /** When Zoho stops accepting the token. */
  expiresAt: number;
  /** When a new token is minted instead (shortly before expiry). */
  refreshAt: number;
}

interface CacheFile {
  version: 1;
  tokens: Record<string, CachedAccessToken>;
}

/** The platform's per-user cache directory for this package (or the override in `CLIQ_TOKEN_CACHE_DIR`). */
export function tokenCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env[TOKEN_CACHE_DIR_ENV];
  if (override) return override;
  if (platform === "win32")
    return path.win32.join(env.LOCALAPPDATA || path.win32.join(home, "AppData", "Local"), APP_DIR);
  if (platform === "darwin") return path.posix.join(home, "Library", "Caches", APP_DIR);
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, ".cache"), APP_DIR);
}

/** The cache key of a credential set: a SHA-256 of client id, refresh token and accounts host. */
export function tokenCacheKey(clientId: string, refreshToken: string, accountsUrl: string): string {
  return createHash("sha256").update([clientId, refreshToken, accountsUrl].join("\u0000")).digest("hex");
}

/** The entry usable at `now`, or undefined (absent, malformed, or due for refresh). */
export function usableEntry(file: unknown, key: string, now: number): CachedAccessToken | undefined {
  const entry = (file as Partial<CacheFile> | undefined)?.tokens?.[key];
  if (entry === null || typeof entry !== "object") return undefined;
  const { accessToken, expiresAt, refreshAt } = entry as Partial<CachedAccessToken>;
  if (typeof accessToken !== "string" || accessToken === "") return undefined;
  if (typeof expiresAt !== "number" || typeof refreshAt !== "number") return undefined;
  return now < refreshAt && now < expiresAt ? { accessToken, expiresAt, refreshAt } : undefined;
}

/** The file after `change`, without entries that have expired (or that are not entries at all). */
export function nextCacheFile(
  previous: unknown,
  now: number,
  change: (tokens: Record<string, CachedAccessToken>) => void,
): CacheFile {
  const tokens: Record<string, CachedAccessToken> = {};
  const old = (previous as Partial<CacheFile> | undefined)?.tokens;
  if (old !== null && typeof old === "object") {
    for (const [key, entry] of Object.entries(old)) {
      if (
        typeof entry?.expiresAt === "number" &&
        entry.expiresAt > now &&
        typeof entry.accessToken === "string"
      ) {
        tokens[key] = entry;
      }
    }
  }
  change(tokens);
  return { version: 1, tokens };
}

/**
 * Whether a lock is abandoned: older than any mint, or its owner process on this host is gone (file-lock.ts's rule
 * with the token cache's age limit).
 */
export function isStaleLock(
  owner: Partial<LockOwner>,
  now: number,
  alive: (pid: number) => boolean,
): boolean {
  return isStaleFileLock(owner, now, STALE_LOCK_MS, alive);
}

function readJson(file: string): unknown {
  const text = readOwnFile(file);
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined; // corrupt: treated as empty, rewritten on the next store
  }
}

/** The token cache file of one directory. */
export class TokenFileCache {
  readonly file: string;
  private readonly lockFile: string;

  /**
   * @param warn told once per process when the cache is not trusted (see file-trust.ts) and so not used
   */
  constructor(
    readonly dir: string = tokenCacheDir(),
    private readonly now: () => number = Date.now,
    private readonly warn?: (message: string) => void,
  ) {
    this.file = path.join(dir, FILE_NAME);
    this.lockFile = `${this.file}.lock`;
  }

  /** Whether the directory and file are this user's alone; otherwise warns (once) and the cache is not used. */
  private trusted(): boolean {
    const problem = cacheDistrust(this.dir, [this.file]);
    if (problem !== undefined) warnDistrustOnce(problem, this.warn);
    return problem === undefined;
  }

  /** The usable token under `key`, or undefined. Never throws: a cache that cannot be read is no cache. */
  async get(key: string): Promise<CachedAccessToken | undefined> {
    if (!this.trusted()) return undefined;
    return usableEntry(readJson(this.file), key, this.now());
  }

  /** Stores (or, with `undefined`, removes) the token under `key`. Call while holding the lock. */
  async put(key: string, token: CachedAccessToken | undefined): Promise<void> {
    if (!this.trusted()) return;
    const next = nextCacheFile(readJson(this.file), this.now(), (tokens) => {
      if (token) tokens[key] = token;
      else delete tokens[key];
    });
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(next), { mode: 0o600, flag: "wx" });
      await fs.rename(temp, this.file);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  /**
   * Runs `work` holding the cache's lock, so that one process mints while the others wait and then reuse its
   * token. If the lock cannot be had (another process hangs, the directory is not writable), `work` runs
   * anyway: the cache only saves mints, it must never stop a run.
   */
  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.lock();
    try {
      return await work();
    } finally {
      release?.();
    }
  }

  private async lock(): Promise<FileLockRelease | undefined> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch {
      return undefined;
    }
    if (!this.trusted()) return undefined;
    return acquireFileLock(this.lockFile, LOCK);
  }
}
