import assert from "node:assert/strict";
import { cancelWaits, resetCancellation, shieldFromCancel, waitSignal } from "../../provider/client/cancel";
import { CliqApiError, createLookingUp, retryPolicy, SlidingWindowLimiter } from "../../provider/client";
import { botName, staticClient, useEmulator } from "./helpers";

/** Resolves once `condition` holds, looking every few ms (the emulator's log, not a fixed delay). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000 && !(await condition()); i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("cancelled waits (the engine's Cancel, first Ctrl-C)", () => {
  const context = useEmulator({ timeScale: 1 });
  afterEach(resetCancellation);

  it("fails a call waiting out a Cliq lock at once, as `cancelled`, and sends nothing more", async () => {
    const client = staticClient(context.emulator, { timeScale: 1, maxThrottleWaitSeconds: 3600 });
    await context.control.lock("create_a_new_bot");
    const creating = client.createBot({ name: botName("Cancel"), description: "never made" });
    // The first attempt is refused by the lock (not applied); the call then waits 300 s for the lock to end.
    await until(async () => (await context.control.requestsOf("create_a_new_bot")).length === 1);
    const started = Date.now();
    cancelWaits();
    await assert.rejects(creating, (error: unknown) => {
      assert.ok(error instanceof CliqApiError);
      assert.equal(error.code, "cancelled");
      assert.match(
        error.message,
        /create_a_new_bot \(POST \/bots\) was not sent: the Pulumi operation was cancelled/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 1000, "the 300 s lock was not waited out");
    const sent = await context.control.requestsOf("create_a_new_bot");
    assert.deepEqual(
      sent.map((entry) => entry.throttled),
      [true],
    );
    assert.deepEqual((await context.control.state()).bots, []);
  });

  it("gives a cancelled wait's place to the next waiter without taking a slot", async () => {
    let clock = 0;
    const limiter = new SlidingWindowLimiter(1, 100, () => clock);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort();
    await assert.rejects(cancelled, { name: "WaitCancelled" });
    first();
    clock = 1000;
    limiter.lockUntil(0);
    (await next)();
    assert.equal(limiter.queued, 0);
    await assert.rejects(limiter.acquire(controller.signal), { name: "WaitCancelled" }, "already cancelled");
  });

  it("lets the look-up after an ambiguous create run to the end, so no object is left unknown", async () => {
    let lookedUpWith: AbortSignal | undefined | "not called" = "not called";
    const ambiguous = new CliqApiError({
      message: "answer lost",
      code: "network_error",
      operationId: "create_a_new_bot",
      method: "POST",
      path: "/bots",
      ambiguous: true,
    });
    const found = await createLookingUp(
      {
        send: () => {
          cancelWaits(); // the engine cancels while the create's fate is unknown
          return Promise.reject(ambiguous);
        },
        lookUp: () => {
          lookedUpWith = waitSignal();
          return Promise.resolve("the bot Cliq made");
        },
      },
      retryPolicy(3, 0.001),
    );
    assert.equal(found, "the bot Cliq made");
    assert.equal(lookedUpWith, undefined, "the look-up's waits ignore the cancellation");
    assert.ok(waitSignal()?.aborted, "outside the look-up, waits are cancelled");
    assert.equal(await shieldFromCancel(() => Promise.resolve(waitSignal())), undefined);
  });

  it("lets any number of calls wait on the one cancellation without a listener-leak warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const limiter = new SlidingWindowLimiter(1, 60_000);
      const first = await limiter.acquire(waitSignal());
      const queued = Array.from({ length: 20 }, () => limiter.acquire(waitSignal()));
      await new Promise((resolve) => setImmediate(resolve));
      cancelWaits();
      const outcomes = await Promise.allSettled(queued);
      assert.deepEqual(new Set(outcomes.map((outcome) => outcome.status)), new Set(["rejected"]));
      first();
      assert.deepEqual(warnings, []);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
