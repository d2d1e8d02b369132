import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createClient } from "@redis/client";
import { SlidingWindowLimiter } from "../../provider/client";
import { CliqConfigError } from "../../provider/config/errors";
import { loadRedisModule, redactRedisUrl } from "../../provider/client/redis-connection";
import {
  historyLifeMs,
  RedisWindowStore,
  redisTiming,
  type RedisTiming,
} from "../../provider/client/redis-window-store";
import { EMPTY_HISTORY } from "../../provider/client/window-plan";
import { WindowFileStore, windowStoreKey } from "../../provider/client/window-store";
import { freePort, startRedisServer, type RedisServer } from "../../bench/redis-server";

const TOKEN = "1000.secret-access-token-value";
const KEY = windowStoreKey("http://127.0.0.1:1/api/v3", ["static", TOKEN]);
/** Real-time windows and deadlines: a minute per window, so nothing frees during a test; 5 s per command. */
const TIMING: RedisTiming = redisTiming(1);
/** Short deadlines, for the tests about a Redis that stops answering (they wait them out). */
const SHORT: RedisTiming = {
  ...TIMING,
  deadlineMs: 300,
  connectDeadlineMs: 300,
  lockLifeMs: 600,
  lockWaitMs: 300,
};

function settled(promise: Promise<unknown>, afterMs = 0): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  return new Promise((resolve) => setTimeout(() => resolve(done), afterMs));
}

describe("shared rate-limit windows in Redis (one store, real redis-server)", function () {
  this.timeout(120_000);
  let server: RedisServer;
  const dirs: string[] = [];
  const stores: RedisWindowStore[] = [];

  /** A store of one "machine": its own fallback file directory; warnings collected in `warnings`. */
  function machine(url: string, warnings: string[] = [], timing = TIMING): RedisWindowStore {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-redis-machine-"));
    dirs.push(dir);
    const fallback = new WindowFileStore(KEY, dir);
    const store = new RedisWindowStore({
      url,
      key: KEY,
      timing,
      fallback,
      warn: (m) => warnings.push(m),
    });
    stores.push(store);
    return store;
  }

  function limiter(store: RedisWindowStore, requests = 2): SlidingWindowLimiter {
    return new SlidingWindowLimiter(requests, 60_000, Date.now, {
      owner: store.owner,
      transact: (merge) => store.transact("op", merge),
    });
  }

  before(async () => {
    server = await startRedisServer({ password: "s3cret-redis-pass" });
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    // Every test starts from an empty Redis: the windows of one would hold the next one's slots.
    const client = createClient({ url: server.url });
    await client.connect();
    await client.flushAll();
    client.destroy();
  });
  after(async () => {
    await server?.stop();
    dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  });

  it("makes a limiter on another machine wait for the slots one machine took", async () => {
    const a = limiter(machine(server.url));
    await Promise.all([a.acquire(), a.acquire()]);
    const warnings: string[] = [];
    const b = limiter(machine(server.url, warnings)).acquire();
    assert.equal(await settled(b, 300), false, "the window is full with the first machine's requests");
    assert.deepEqual(warnings, []);
  });

  it("honours a Cliq lock that another machine met", async () => {
    const firstStore = machine(server.url);
    const first = limiter(firstStore);
    first.lockUntil(Date.now() + 60_000);
    // The store runs transactions in order: once this one is done, the lock's is too.
    await firstStore.transact("op", (history) => history ?? EMPTY_HISTORY);
    const second = limiter(machine(server.url), 10);
    const waiting = second.acquire();
    assert.equal(await settled(waiting, 300), false, "the lock holds on the other machine");
    assert.ok(second.lockedUntilMs > Date.now());
  });

  it("keys the windows by the account hash and lets them expire; no credential is stored", async () => {
    const a = limiter(machine(server.url));
    const release = await a.acquire();
    release();
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      // The answer is published by a timer, then a transaction: wait for it rather than guess how long it takes.
      const key = `cliq:rate-windows:{${KEY}}:op`;
      const answered = async () => {
        const stored = await client.get(key);
        return (
          stored !== null &&
          (JSON.parse(stored) as { entries: { answeredAt?: number }[] }).entries[0]?.answeredAt
        );
      };
      for (const giveUpAt = Date.now() + 10_000; !(await answered());) {
        assert.ok(Date.now() < giveUpAt, "the answer reaches Redis");
        await settled(Promise.resolve(), 20);
      }
      const keys = await client.keys("*");
      assert.deepEqual(keys, [key]);
      const text = (await client.get(keys[0]!))!;
      assert.ok(!text.includes(TOKEN) && !keys[0]!.includes(TOKEN));
      const life = await client.pTTL(keys[0]!);
      const stored = JSON.parse(text) as { entries: { answeredAt: number }[] };
      assert.equal(stored.entries.length, 1);
      assert.ok(life > 0 && life <= TIMING.longestWindowMs + 1000, `expires by itself (PTTL ${life} ms)`);
    } finally {
      client.destroy();
    }
  });

  it("falls back to the per-user file with one warning, without the password, when Redis is unreachable", async () => {
    const port = await freePort();
    const url = `redis://:hunter2-redis@127.0.0.1:${port}`;
    const warnings: string[] = [];
    const store = machine(url, warnings);
    const a = limiter(store);
    await Promise.all([a.acquire(), a.acquire()]);
    const third = a.acquire();
    assert.equal(await settled(third, 200), false, "the slots are still counted");
    assert.equal(warnings.length, 1, warnings.join("\n"));
    assert.match(warnings[0]!, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.ok(!warnings[0]!.includes("hunter2"), warnings[0]);
    assert.ok(store.fellBack);
    // The entries went on to this machine's file: a second process there still sees them.
    const sameMachine = new SlidingWindowLimiter(2, 60_000, Date.now, {
      owner: "another process",
      transact: (merge) => new WindowFileStore(KEY, dirs.at(-1)!).transact("op", merge),
    });
    assert.equal(await settled(sameMachine.acquire(), 200), false, "the file holds the slots taken");
  });

  it("never holds a transaction longer than its deadline when Redis stops answering", async () => {
    const frozen = await startRedisServer();
    const warnings: string[] = [];
    try {
      const a = limiter(machine(frozen.url, warnings, SHORT));
      await a.acquire(); // connected and answering
      frozen.process.kill("SIGSTOP");
      const started = Date.now();
      await a.acquire();
      const took = Date.now() - started;
      // Far below the 5 s a command gets outside this test; the warning's text says which timer fired.
      assert.ok(took < SHORT.deadlineMs + 2000, `granted after ${took} ms`);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /no answer within 300 ms/);
    } finally {
      frozen.process.kill("SIGCONT");
      await frozen.stop();
    }
  });

  it("drops a connection that comes up after its deadline (it would keep the process alive)", async () => {
    const frozen = await startRedisServer({ password: "late-pass" });
    const warnings: string[] = [];
    try {
      frozen.process.kill("SIGSTOP"); // the kernel accepts the connection; the server answers nothing
      const a = limiter(machine(frozen.url, warnings, SHORT));
      await a.acquire();
      assert.match(warnings.join("\n"), /no connection within 300 ms/);
      frozen.process.kill("SIGCONT");
      const inspect = createClient({ url: frozen.url });
      await inspect.connect();
      try {
        await settled(Promise.resolve(), 200);
        const clients = String(await inspect.sendCommand(["CLIENT", "LIST"]))
          .trim()
          .split("\n");
        assert.equal(clients.length, 1, `only the inspecting client is connected:\n${clients.join("\n")}`);
      } finally {
        inspect.destroy();
      }
    } finally {
      frozen.process.kill("SIGCONT");
      await frozen.stop();
    }
  });

  it("keeps a history stored until its last entry or lock has stopped counting", () => {
    const now = 1_000_000;
    const entry = { id: "a", owner: "o", pid: 1, host: "h", at: now - 10 };
    const inFlight = historyLifeMs({ entries: [entry], lockedUntil: 0 }, now, TIMING);
    const answered = historyLifeMs({ entries: [{ ...entry, answeredAt: now }], lockedUntil: 0 }, now, TIMING);
    const locked = historyLifeMs({ entries: [], lockedUntil: now + 600_000 }, now, TIMING);
    assert.ok(answered >= TIMING.longestWindowMs && answered < TIMING.longestWindowMs + 10);
    assert.ok(inFlight > answered, "a request in flight counts until it is known to be gone");
    assert.ok(locked >= 600_000 + TIMING.longestWindowMs);
  });

  it("names a store in messages without its user name or password", () => {
    const cases: [string, string][] = [
      ["rediss://user:pw@redis.example.com:6380/2", "rediss://[REDACTED]@redis.example.com:6380/2"],
      ["redis://:p%40ss@127.0.0.1:6379", "redis://[REDACTED]@127.0.0.1:6379"],
      ["redis://127.0.0.1:6379", "redis://127.0.0.1:6379"],
      ["redis://:pw@[bad", "redis://[REDACTED]"],
    ];
    for (const [url, shown] of cases) assert.equal(redactRedisUrl(url), shown, url);
  });

  it("names the npm package to install when the Redis client is missing", () => {
    assert.throws(
      () => loadRedisModule("cliq:rateLimitStore", "@redis/client-not-installed"),
      (error: unknown) =>
        error instanceof CliqConfigError &&
        error.setting === "cliq:rateLimitStore" &&
        error.message.includes("npm install @redis/client-not-installed"),
    );
  });
});
