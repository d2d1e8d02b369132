/**
 * Lock and cache hygiene, as ssh and git do it: a lock that is not a lock (a dangling symlink, something that
 * cannot be removed) never stalls a run; a cache directory or file that another user owns, or can write, is not
 * trusted (one warning, the run goes on without it); no write follows a symlink. The tests run as root, so
 * "another user" is a file chowned to another uid, judged against process.getuid().
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { acquireFileLock, isStaleLock } from "../../provider/client/file-lock";
import { createOwnFile } from "../../provider/client/file-trust";
import { TokenFileCache } from "../../provider/client/token-cache";
import { WindowFileStore } from "../../provider/client/window-store";

const OTHER_UID = 54_321;
const KEY = "k";
const TOKEN = {
  accessToken: "planted-access-token-1a2b3c",
  expiresAt: Date.now() + 3_000_000,
  refreshAt: Date.now() + 2_000_000,
};

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-hygiene-"));
  fs.chmodSync(dir, 0o700);
  return dir;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

function tokensFile(dir: string, mode = 0o600): string {
  const file = path.join(dir, "tokens.json");
  fs.writeFileSync(file, JSON.stringify({ version: 1, tokens: { [KEY]: TOKEN } }), { mode });
  fs.chmodSync(file, mode);
  return file;
}

describe("lock and cache hygiene", function () {
  it("a release leaves alone a lock another process took over while this one was paused", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-lock-takeover-"));
    try {
      const lockFile = path.join(dir, "rate-windows.json.lock");
      const release = await acquireFileLock(lockFile, { staleMs: 10_000, maxWaitMs: 100, pollMs: 5 });
      assert.ok(release, "the lock was free");
      const newOwner = JSON.stringify({ pid: process.pid + 1, host: os.hostname(), at: Date.now() });
      fs.writeFileSync(lockFile, newOwner); // what a takeover after staleMs leaves
      release();
      assert.equal(fs.readFileSync(lockFile, "utf8"), newOwner, "the new owner's lock is still there");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  this.timeout(120_000);
  const dirs: string[] = [];
  const dir = () => {
    const made = tempDir();
    dirs.push(made);
    return made;
  };
  after(() => dirs.forEach((made) => fs.rmSync(made, { recursive: true, force: true })));

  before(function () {
    assert.equal(typeof process.getuid, "function", "these tests need a POSIX uid");
  });

  it("takes over a dangling symlink at tokens.json.lock at once, removes it and creates nothing through it", async () => {
    const cache = dir();
    const target = path.join(dir(), "victim");
    fs.symlinkSync(target, path.join(cache, "tokens.json.lock"));
    const { ms, value } = await timed(() => new TokenFileCache(cache).withLock(async () => "ran"));
    console.log(`      dangling tokens.json.lock: the lock was had after ${ms} ms`);
    assert.equal(value, "ran");
    assert.ok(ms < 5000, `waited ${ms} ms for a lock nobody holds`);
    assert.equal(fs.existsSync(target), false, "nothing was written through the symlink");
    assert.throws(
      () => fs.lstatSync(path.join(cache, "tokens.json.lock")),
      "the symlink is gone, and no lock is left",
    );
  });

  it("takes over a dangling symlink at rate-windows.json.lock at once, and the transaction uses the file", async () => {
    const shared = dir();
    const target = path.join(dir(), "victim");
    fs.symlinkSync(target, path.join(shared, "rate-windows.json.lock"));
    const store = new WindowFileStore("k", shared);
    let stored: unknown = "not called";
    const { ms } = await timed(() =>
      store.transact("op", (history) => ((stored = history), { entries: [], lockedUntil: 0 })),
    );
    console.log(`      dangling rate-windows.json.lock: the transaction ran after ${ms} ms`);
    assert.ok(ms < 5000, `waited ${ms} ms for a lock nobody holds`);
    assert.notEqual(stored, undefined, "the transaction had the file (not the go-on-without-it fallback)");
    assert.equal(fs.existsSync(target), false, "nothing was written through the symlink");
  });

  it("takes a lock stamped further ahead than any live lock could be as abandoned (a clock stepped back)", () => {
    const now = 1_000_000_000;
    const alive = () => true;
    const owner = { pid: process.pid, host: os.hostname() };
    assert.equal(
      isStaleLock({ ...owner, at: now + 5_000 }, now, 10_000, alive),
      false,
      "a little skew is fine",
    );
    assert.equal(isStaleLock({ ...owner, at: now + 3_600_000 }, now, 10_000, alive), true);
  });

  it("does not stall on a stale lock it cannot remove (another user's, in a shared directory)", async () => {
    const cache = dir();
    // A lock that cannot be removed: a non-empty directory, as root meets another user's file in a sticky /tmp.
    const lock = path.join(cache, "tokens.json.lock");
    fs.mkdirSync(path.join(lock, "inside"), { recursive: true });
    fs.utimesSync(lock, new Date(0), new Date(0));
    const { ms, value } = await timed(() => new TokenFileCache(cache).withLock(async () => "ran"));
    console.log(`      unremovable stale lock: went on after ${ms} ms`);
    assert.equal(value, "ran");
    assert.ok(ms < 5000, `waited ${ms} ms behind a lock that will never go`);
  });

  it("does not trust a tokens.json owned by another user: the token is not used, one warning", async () => {
    const cache = dir();
    fs.chownSync(tokensFile(cache), OTHER_UID, OTHER_UID);
    const warnings: string[] = [];
    const tokens = new TokenFileCache(cache, Date.now, (message) => warnings.push(message));
    assert.equal(await tokens.get(KEY), undefined, "another user's token is never sent");
    assert.equal(await tokens.get(KEY), undefined);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], new RegExp(`tokens\\.json belongs to another user \\(uid ${OTHER_UID}`));
  });

  it("does not use a cache directory that others can write (0777), and says so once", async () => {
    const cache = dir();
    tokensFile(cache);
    fs.chmodSync(cache, 0o777);
    const warnings: string[] = [];
    const tokens = new TokenFileCache(cache, Date.now, (message) => warnings.push(message));
    assert.equal(await tokens.get(KEY), undefined);
    await tokens.withLock(() => tokens.put(KEY, { ...TOKEN, accessToken: "new-token" }));
    const text = fs.readFileSync(path.join(cache, "tokens.json"), "utf8");
    assert.ok(!text.includes("new-token"), "nothing written into an untrusted directory");
    assert.equal(fs.existsSync(path.join(cache, "tokens.json.lock")), false);
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0], /can be written by other users \(mode 777\)/);
  });

  it("does not use a rate-limit window file owned by another user", async () => {
    const shared = dir();
    const file = path.join(shared, "rate-windows.json");
    fs.writeFileSync(file, JSON.stringify({ version: 1, accounts: {} }), { mode: 0o600 });
    fs.chownSync(file, OTHER_UID, OTHER_UID);
    const warnings: string[] = [];
    const store = new WindowFileStore("k", shared, Date.now, (message) => warnings.push(message));
    let stored: unknown = "not called";
    await store.transact("op", (history) => ((stored = history), { entries: [], lockedUntil: 0 }));
    assert.equal(stored, undefined, "the untrusted file is not read");
    assert.equal(fs.statSync(file).uid, OTHER_UID, "nor replaced");
    assert.equal(warnings.length, 1);
  });

  it("refuses a tokens.json that is a symlink, and never writes through one", async () => {
    const cache = dir();
    const elsewhere = tokensFile(dir());
    fs.symlinkSync(elsewhere, path.join(cache, "tokens.json"));
    const warnings: string[] = [];
    const tokens = new TokenFileCache(cache, Date.now, (message) => warnings.push(message));
    assert.equal(await tokens.get(KEY), undefined, "a token reached through a symlink is not used");
    assert.match(warnings.join("\n"), /is a symbolic link/);
    const target = path.join(dir(), "victim");
    fs.symlinkSync(target, path.join(cache, "in-place"));
    assert.throws(() => createOwnFile(path.join(cache, "in-place"), "text"));
    assert.equal(fs.existsSync(target), false, "the in-place write did not follow the symlink");
  });
});
