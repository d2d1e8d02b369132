import * as assert from "assert";
import { OPERATIONS } from "../../cliq-api/operations";
import { Harness, sharedHarness, sleep } from "./harness";

/**
 * Rate limits are asserted by counts and codes. Where time must pass (a window or a lock running out), the
 * time scale makes the spec's minutes short, and the waits leave wide margins either side.
 */
describe("emulator: rate limits and locks", () => {
  describe("at real time scale", () => {
    const h = sharedHarness({ tokens: ["test-token", "second-token"] });

    it("admits list_all_bots' threshold (30 per minute) and refuses the next with 429 request_limit_exceeded", async () => {
      const { requests } = OPERATIONS.list_all_bots.rateLimit;
      const statuses: number[] = [];
      for (let i = 0; i < requests + 2; i++) statuses.push((await h.call("list_all_bots")).status);
      assert.deepStrictEqual(statuses, [...Array(requests).fill(200), 429, 429]);
      const refused = await h.call("list_all_bots");
      assert.deepStrictEqual(refused.body.code, "request_limit_exceeded");
      const log = (await h.control("GET", "/requests")).body.requests;
      assert.strictEqual(log.filter((r: { throttled: boolean }) => r.throttled).length, 3);
    });

    it("counts per token and per operation: a lock on one leaves the others alone", async () => {
      const { requests } = OPERATIONS.associate_bot_to_channel.rateLimit;
      const bot = await h.createDelugeBot("Limited");
      const params = { BOT_UNIQUE_NAME: bot.unique_name };
      for (let i = 0; i < requests; i++) {
        const r = await h.call("associate_bot_to_channel", {
          params,
          body: { channel_unique_name: `c${i}` },
        });
        assert.strictEqual(r.status, 200);
      }
      const locked = await h.call("associate_bot_to_channel", {
        params,
        body: { channel_unique_name: "late" },
      });
      assert.strictEqual(locked.status, 429);
      const otherToken = await h.call("associate_bot_to_channel", {
        params,
        token: "second-token",
        body: { channel_unique_name: "late" },
      });
      assert.strictEqual(otherToken.status, 200);
      assert.strictEqual(
        (await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: bot.id } })).status,
        200,
      );
    });

    it("authenticates before counting: a forged token gets 401, never 429, and takes no accepted token's allowance", async () => {
      const { requests } = OPERATIONS.list_all_bots.rateLimit;
      const forged: number[] = [];
      for (let i = 0; i <= requests; i++)
        forged.push((await h.call("list_all_bots", { token: "forged" })).status);
      assert.deepStrictEqual(forged, Array(requests + 1).fill(401));
      const accepted: number[] = [];
      for (let i = 0; i < requests; i++) accepted.push((await h.call("list_all_bots")).status);
      assert.deepStrictEqual(accepted, Array(requests).fill(200));
    });

    it("locks an operation for every token through POST /_emulator/locks", async () => {
      const locked = await h.control("POST", "/locks", { operationId: "list_all_bots" });
      assert.strictEqual(locked.status, 200);
      assert.strictEqual((await h.call("list_all_bots")).status, 429);
      assert.strictEqual((await h.call("list_all_bots", { token: "second-token" })).status, 429);
      const bad = await h.control("POST", "/locks", { operationId: "no_such_operation" });
      assert.strictEqual(bad.status, 400);
    });
  });

  it("answers throttling as HTTP 400 request_limit_exceeded with throttleStyle 400", async () => {
    const h = await Harness.start({ throttleStyle: "400" });
    try {
      await h.control("POST", "/locks", { operationId: "list_all_bots" });
      const refused = await h.call("list_all_bots");
      assert.deepStrictEqual([refused.status, refused.body.code], [400, "request_limit_exceeded"]);
    } finally {
      await h.close();
    }
  });

  it("does not count requests with rateLimits off, while forced locks still apply", async () => {
    const h = await Harness.start({ rateLimits: false });
    try {
      for (let i = 0; i < 40; i++) assert.strictEqual((await h.call("list_all_bots")).status, 200);
      await h.control("POST", "/locks", { operationId: "list_all_bots" });
      assert.strictEqual((await h.call("list_all_bots")).status, 429);
    } finally {
      await h.close();
    }
  });

  it("keeps refusing during the lock after the window has passed (time scale 0.05)", async () => {
    // create_a_new_bot: 10 per 60 s window, 300 s lock -> 3 s window, 15 s lock at this scale: eleven
    // requests fit the window many times over, and the check after the window comes long before the lock ends.
    const h = await Harness.start({ timeScale: 0.05 });
    try {
      const { requests } = OPERATIONS.create_a_new_bot.rateLimit;
      for (let i = 0; i < requests; i++) {
        assert.strictEqual(
          (await h.call("create_a_new_bot", { body: { name: `B${i}`, description: "d" } })).status,
          200,
        );
      }
      assert.strictEqual(
        (await h.call("create_a_new_bot", { body: { name: "Late", description: "d" } })).status,
        429,
      );
      await sleep(3500);
      const stillLocked = await h.call("create_a_new_bot", { body: { name: "Later", description: "d" } });
      assert.strictEqual(stillLocked.status, 429);
      assert.strictEqual((await h.control("GET", "/state")).body.bots.length, requests);
    } finally {
      await h.close();
    }
  });

  it("lifts a lock when its scaled lock period is over (time scale 0.004: 300 s lock = 1.2 s)", async () => {
    // The checks inside a lock come right after it starts (well within 1.2 s); the checks after it wait 1.6 s.
    const h = await Harness.start({ timeScale: 0.004 });
    try {
      await h.control("POST", "/faults", { operationId: "list_all_bots", kind: "throttle" });
      assert.strictEqual((await h.call("list_all_bots")).status, 429);
      assert.strictEqual((await h.call("list_all_bots")).status, 429, "the throttle fault starts the lock");
      await sleep(1600);
      assert.strictEqual((await h.call("list_all_bots")).status, 200);
      await h.control("POST", "/locks", { operationId: "list_all_bots", seconds: 300 });
      assert.strictEqual((await h.call("list_all_bots")).status, 429);
      await sleep(1600);
      assert.strictEqual((await h.call("list_all_bots")).status, 200);
    } finally {
      await h.close();
    }
  });
});
