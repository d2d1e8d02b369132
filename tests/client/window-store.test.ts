import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveStackSettings, SlidingWindowLimiter } from "../../provider/client";
import {
  RATE_WINDOW_DIR_ENV,
  WindowFileStore,
  windowStoreFor,
  windowStoreKey,
} from "../../provider/client/window-store";
import { resolveClientSettings } from "../../provider/config/settings";
import { Control, SECRETS, useEmulator } from "./helpers";

function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  return new Promise((resolve) => setImmediate(() => resolve(done)));
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cliq-windows-"));
}

/** A limiter of `requests` per minute sharing `store`'s file as operation "op". */
function sharedLimiter(store: WindowFileStore, requests = 2): SlidingWindowLimiter {
  return new SlidingWindowLimiter(requests, 60_000, Date.now, {
    owner: store.owner,
    transact: (merge) => store.transact("op", merge),
  });
}

/** Resolves once every transaction `store` had queued has run (they run in order). */
function flushed(store: WindowFileStore): Promise<void> {
  return store.transact("flush", (stored) => stored ?? { entries: [], lockedUntil: 0 });
}

/** A pid that belonged to a process which has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("shared rate-limit windows (per-user file)", () => {
  const dirs: string[] = [];
  const dir = () => {
    const created = tempDir();
    dirs.push(created);
    return created;
  };
  after(() => dirs.forEach((created) => fs.rmSync(created, { recursive: true, force: true })));

  it("makes a second process wait for slots the first one took", async () => {
    const shared = dir();
    const first = new WindowFileStore("k", shared);
    const second = new WindowFileStore("k", shared);
    const a = sharedLimiter(first);
    await Promise.all([a.acquire(), a.acquire()]);
    const b = sharedLimiter(second).acquire();
    await flushed(second);
    assert.equal(await settled(b), false, "the window is full with the first process's requests");
    // Flushing the store the acquire went through: its transactions run in order, so the acquire's is done.
    const otherStore = new WindowFileStore("another user", shared);
    const other = sharedLimiter(otherStore).acquire();
    await flushed(otherStore);
    assert.equal(await settled(other), true, "another credential set has its own windows");
  });

  it("sees a lock another process met", async () => {
    const shared = dir();
    const first = new WindowFileStore("k", shared);
    const second = new WindowFileStore("k", shared);
    sharedLimiter(first).lockUntil(Date.now() + 60_000);
    await flushed(first);
    const limiter = sharedLimiter(second);
    const waiting = limiter.acquire();
    await flushed(second);
    assert.equal(await settled(waiting), false);
    assert.ok(limiter.lockedUntilMs > Date.now());
  });

  it("ignores a corrupt file and rewrites it", async () => {
    const shared = dir();
    const store = new WindowFileStore("k", shared);
    fs.writeFileSync(store.file, "{not json");
    const release = await sharedLimiter(store).acquire();
    release();
    await flushed(store);
    const written = JSON.parse(fs.readFileSync(store.file, "utf8")) as { accounts: Record<string, unknown> };
    assert.ok(written.accounts.k, "the file holds this user's windows again");
  });

  it("creates the directory again when it was removed between transactions", async () => {
    const shared = path.join(dir(), "windows");
    const store = new WindowFileStore("k", shared);
    (await sharedLimiter(store).acquire())();
    await flushed(store);
    fs.rmSync(shared, { recursive: true, force: true });
    const limiter = sharedLimiter(store);
    (await limiter.acquire())();
    await flushed(store);
    (await limiter.acquire())();
    await flushed(store);
    assert.ok(fs.existsSync(store.file), "a later transaction wrote the file again");
  });

  it("takes over a lock whose owner died", async () => {
    const shared = dir();
    const store = new WindowFileStore("k", shared);
    const pid = await deadPid();
    fs.writeFileSync(`${store.file}.lock`, JSON.stringify({ pid, host: os.hostname(), at: Date.now() }));
    const started = Date.now();
    (await sharedLimiter(store).acquire())();
    await flushed(store);
    assert.ok(Date.now() - started < 5000, "no wait for a dead owner's lock");
    assert.ok(fs.existsSync(store.file), "the transaction went through the file");
  });

  it("frees the slot of a request whose process crashed one window after noticing", async () => {
    const shared = dir();
    const store = new WindowFileStore("k", shared);
    const pid = await deadPid();
    const entry = { id: "x", owner: `${pid}-gone`, pid, host: os.hostname(), at: Date.now() };
    const file = { version: 1, accounts: { k: { op: { entries: [entry], lockedUntil: 0 } } } };
    fs.writeFileSync(store.file, JSON.stringify(file));
    const limiter = new SlidingWindowLimiter(1, 60_000, Date.now, {
      owner: store.owner,
      transact: (merge) => store.transact("op", merge),
    });
    const waiting = limiter.acquire();
    await flushed(store);
    assert.equal(await settled(waiting), false, "the crashed request may have reached Cliq: it still counts");
    const stored = JSON.parse(fs.readFileSync(store.file, "utf8")) as typeof file;
    const settledEntry = stored.accounts.k.op.entries[0] as { answeredAt?: number };
    assert.equal(
      typeof settledEntry.answeredAt,
      "number",
      "it now counts as answered, so it leaves the window",
    );
  });

  it("stores hashes, never credentials", async () => {
    const shared = dir();
    const key = windowStoreKey("https://cliq.zoho.com/api/v3", [
      "oauth",
      SECRETS.clientId,
      SECRETS.refreshToken,
    ]);
    const store = new WindowFileStore(key, shared);
    (await sharedLimiter(store).acquire())();
    await flushed(store);
    const text = fs.readFileSync(store.file, "utf8");
    for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret));
    assert.equal(fs.statSync(store.file).mode & 0o777, 0o600);
  });
});

describe("shared rate-limit windows across processes (emulator, rate limits on)", function () {
  this.timeout(120_000);
  // A 60 s window lasts 3 s: both bursts land well inside one window, whatever the machine's load.
  const TIME_SCALE = 0.05;
  const context = useEmulator({ timeScale: TIME_SCALE, rateLimits: true });

  interface Child {
    proc: ChildProcess;
    ready: Promise<void>;
    result: Promise<{ ok: number; failed: number }>;
  }

  function startChild(name: string, count: number, shared: boolean, windowDir: string): Child {
    const proc = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(__dirname, "window-child.ts")],
      {
        env: {
          ...process.env,
          WINDOW_CHILD_API_URL: context.emulator.apiUrl,
          WINDOW_CHILD_TOKEN: SECRETS.accessToken,
          WINDOW_CHILD_TIME_SCALE: String(TIME_SCALE),
          WINDOW_CHILD_SHARED: String(shared),
          WINDOW_CHILD_COUNT: String(count),
          WINDOW_CHILD_NAME: name,
          [RATE_WINDOW_DIR_ENV]: windowDir,
        },
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    let out = "";
    let markReady: () => void;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready\n")) markReady();
    });
    const result = new Promise<{ ok: number; failed: number }>((resolve, reject) =>
      proc.on("exit", (code) => {
        const last = out.trim().split("\n").at(-1) ?? "";
        if (code === 0) resolve(JSON.parse(last) as { ok: number; failed: number });
        else reject(new Error(`child ${name} exited with ${code}: ${out}`));
      }),
    );
    return { proc, ready, result };
  }

  const go = (child: Child) => child.proc.stdin!.end("go\n");

  async function throttled(control: Control): Promise<number> {
    return (await control.requestsOf("create_a_new_bot")).filter((entry) => entry.throttled).length;
  }

  /** Two processes, 6 bot creations each, started together: 12 against a threshold of 10 per window. */
  async function concurrentStacks(shared: boolean): Promise<number> {
    const windowDir = tempDir();
    try {
      const children = [startChild("Dev", 6, shared, windowDir), startChild("Prod", 6, shared, windowDir)];
      await Promise.all(children.map((child) => child.ready));
      children.forEach(go);
      await Promise.all(children.map((child) => child.result));
      return throttled(context.control);
    } finally {
      fs.rmSync(windowDir, { recursive: true, force: true });
    }
  }

  /** A run of 10 creations, then, as soon as it exits, a second run of 2: the second one starts in a full window. */
  async function backToBack(shared: boolean): Promise<number> {
    const windowDir = tempDir();
    try {
      const first = startChild("First", 10, shared, windowDir);
      const second = startChild("Second", 2, shared, windowDir);
      await Promise.all([first.ready, second.ready]);
      go(first);
      await first.result;
      go(second);
      await second.result;
      return throttled(context.control);
    } finally {
      fs.rmSync(windowDir, { recursive: true, force: true });
    }
  }

  it("gets throttled without the shared file when two stacks of one user apply at once (the problem)", async () => {
    assert.ok((await concurrentStacks(false)) > 0);
  });

  it("gets no throttled answer when two stacks of one user apply at once", async () => {
    assert.equal(await concurrentStacks(true), 0);
  });

  it("gets throttled without the shared file when a second run follows the first at once (the problem)", async () => {
    assert.ok((await backToBack(false)) > 0);
  });

  it("gets no throttled answer when a second run follows the first at once", async () => {
    assert.equal(await backToBack(true), 0);
  });
});

describe("sharedRateLimits setting", () => {
  it("shares windows in the provider unless cliq:sharedRateLimits is false; a bare client never does", () => {
    const storeOf = (config: Record<string, string>, env: Record<string, string> = {}) =>
      windowStoreFor(resolveStackSettings({ accessToken: "t", ...config }, env));
    assert.ok(storeOf({}) instanceof WindowFileStore);
    assert.equal(storeOf({ "cliq:sharedRateLimits": "false" }), undefined);
    assert.equal(storeOf({}, { CLIQ_SHARED_RATE_LIMITS: "false" }), undefined);
    assert.equal(windowStoreFor(resolveClientSettings({ accessToken: "t" })), undefined);
  });
});
