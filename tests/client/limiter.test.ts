import assert from "node:assert/strict";
import { backoffDelayMs, classifyNetworkFailure, SlidingWindowLimiter } from "../../provider/client";
import { publishDelayMs, type SharedWindow } from "../../provider/client/limiter";
import type { WindowHistory } from "../../provider/client/window-plan";

function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  return new Promise((resolve) => setImmediate(() => resolve(done)));
}

describe("client limiter and retry rules", () => {
  it("admits `requests` starts at once and queues the rest", async () => {
    const limiter = new SlidingWindowLimiter(2, 20);
    const first = limiter.acquire();
    const second = limiter.acquire();
    const third = limiter.acquire();
    assert.equal(await settled(first), true);
    assert.equal(await settled(second), true);
    assert.equal(await settled(third), false);
    assert.equal(limiter.queued, 1);
  });

  // A controlled clock decides every admission; `lockUntil(0)` (a lock already over) makes the limiter look at
  // the clock again, as its own timer would.
  it("counts the window from the answer, so a slot stays taken while its request is in flight", async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(1, 1000, () => clock);
    const release = await limiter.acquire();
    const next = limiter.acquire();
    clock = 5000;
    limiter.lockUntil(0);
    assert.equal(await settled(next), false, "an unfinished request keeps its slot past the window");
    release();
    clock = 5999;
    limiter.lockUntil(0);
    assert.equal(await settled(next), false, "the slot stays taken for one window after the answer");
    clock = 6003;
    limiter.lockUntil(0);
    assert.equal(await settled(next), true, "the slot frees once the window after the answer has passed");
    (await next)();
  });

  it("wakes a waiter whose slot freed while the shared window's transaction ran", async () => {
    let clock = 0;
    const pending: Array<() => void> = [];
    let stored: WindowHistory | undefined;
    // A window file whose transactions finish only when the test says so, on a clock the test moves.
    const shared: SharedWindow = {
      owner: "me",
      transact: (merge) =>
        new Promise<void>((resolve) =>
          pending.push(() => {
            stored = merge(stored, () => false);
            resolve();
          }),
        ),
    };
    const finish = async (advanceTo?: number) => {
      // An answer is published after a short delay (publishDelayMs): wait for its transaction to be asked for.
      for (let i = 0; i < 50 && pending.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 1));
      pending.shift()!();
      if (advanceTo !== undefined) clock = advanceTo;
      await new Promise((resolve) => setImmediate(resolve));
    };
    const limiter = new SlidingWindowLimiter(1, 100, () => clock, shared);
    const first = limiter.acquire();
    await finish();
    clock = 10;
    (await first)();
    await finish();
    clock = 20;
    const second = limiter.acquire();
    // The merge sees the slot taken (answered at 10, counted until 112); the transaction ends after that.
    await finish(200);
    for (let i = 0; i < 10 && pending.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 1));
    assert.equal(pending.length, 1, "the limiter looks at the window again");
    await finish();
    assert.equal(await settled(second), true);
    (await second)();
    await finish();
    assert.equal(limiter.waking, false);
  });

  it("publishes the answers of a burst in one transaction, within publishDelayMs of the first", async () => {
    const merges: number[] = [];
    let stored: WindowHistory | undefined;
    const shared: SharedWindow = {
      owner: "me",
      transact: (merge) => {
        stored = merge(stored, () => false);
        merges.push(stored.entries.filter((entry) => entry.answeredAt !== undefined).length);
        return Promise.resolve();
      },
    };
    const limiter = new SlidingWindowLimiter(10, 60_000, Date.now, shared);
    const releases = await Promise.all([1, 2, 3, 4, 5].map(() => limiter.acquire()));
    assert.equal(stored?.entries.length, 5, "every start is in the file before it goes");
    const starts = merges.length;
    const answered = Date.now();
    for (const release of releases) release();
    assert.equal(merges.length, starts, "no transaction per answer");
    while (merges.length === starts) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.deepEqual(merges.slice(starts), [5], "one transaction stores all five answers");
    // The bound that matters: published long before the quarter-window (15 s) look of other processes. A tight
    // margin over the 50 ms timer would measure this machine's load, not the limiter.
    assert.ok(Date.now() - answered < 1000, "published within the delay, far before others look");
    assert.equal(publishDelayMs(60_000), 50);
    assert.equal(publishDelayMs(600), 30);
  });

  it("wakes waiters in FIFO order", async () => {
    const limiter = new SlidingWindowLimiter(1, 2);
    const order: number[] = [];
    const runs = [1, 2, 3, 4].map((n) =>
      limiter.acquire().then((release) => {
        order.push(n);
        release();
      }),
    );
    await Promise.all(runs);
    assert.deepEqual(order, [1, 2, 3, 4]);
  });

  it("holds every start during a lock, then admits", async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(10, 5, () => clock);
    limiter.lockUntil(50);
    const waiting = limiter.acquire();
    clock = 49;
    limiter.lockUntil(0);
    assert.equal(await settled(waiting), false);
    clock = 50;
    limiter.lockUntil(0);
    assert.equal(await settled(waiting), true);
    (await waiting)();
  });

  it("leaves no wake-up timer behind once nobody waits (a Pulumi host must be able to exit)", async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(1, 60_000, () => clock);
    (await limiter.acquire())();
    const next = limiter.acquire();
    assert.equal(limiter.waking, true, "a waiter arms a timer for the end of the window");
    clock = 60_003;
    limiter.lockUntil(0);
    (await next)();
    assert.equal(limiter.waking, false);
  });

  it("after a lock it did not expect, lets one probe go first, then the queue within half the threshold", async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(4, 1000, () => clock);
    limiter.lockUntil(100);
    const waiters = [1, 2, 3, 4].map(() => limiter.acquire());
    clock = 100;
    limiter.lockUntil(0);
    assert.equal(await settled(waiters[0]!), true, "the probe goes once the lock is over");
    assert.equal(await settled(waiters[1]!), false, "the others wait for the probe's answer");
    (await waiters[0]!)();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await settled(waiters[1]!), true, "the probe came back unthrottled: the queue goes on");
    assert.equal(await settled(waiters[2]!), false, "within 2 of 4 per window (the probe counts)");
    // Past the lowered budget's end the rest go, and no waiter (nor its timer) is left behind.
    clock = 100_000;
    limiter.lockUntil(0);
    for (const waiter of waiters.slice(1)) (await waiter)();
    assert.equal(limiter.waking, false);
  });

  it("keeps probing while the probe itself is throttled", async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(8, 1000, () => clock);
    limiter.lockUntil(100);
    const probe = limiter.acquire();
    const next = limiter.acquire();
    clock = 100;
    limiter.lockUntil(0);
    (await probe)();
    limiter.lockUntil(200);
    await new Promise((resolve) => setImmediate(resolve));
    clock = 200;
    limiter.lockUntil(0);
    assert.equal(await settled(next), true, "after the second lock, the next request is the new probe");
    (await next)();
  });

  it("keeps backoff within [0, min(cap, base*2^n)] scaled by the time scale", () => {
    assert.equal(
      backoffDelayMs(0, 1, { baseMs: 500, capMs: 8000 }, () => 1),
      500,
    );
    assert.equal(
      backoffDelayMs(3, 1, { baseMs: 500, capMs: 8000 }, () => 1),
      4000,
    );
    assert.equal(
      backoffDelayMs(10, 1, { baseMs: 500, capMs: 8000 }, () => 1),
      8000,
    );
    assert.equal(
      backoffDelayMs(10, 0.01, { baseMs: 500, capMs: 8000 }, () => 0.5),
      40,
    );
  });

  it("tells a request that never left from one that may have arrived", () => {
    assert.equal(classifyNetworkFailure({ code: "ECONNREFUSED" }), "not_sent");
    assert.equal(classifyNetworkFailure({ code: "ECONNRESET", message: "socket hang up" }), "lost");
    assert.equal(
      classifyNetworkFailure({ code: "ECONNABORTED", message: "timeout of 100ms exceeded" }),
      "timeout",
    );
  });
});
