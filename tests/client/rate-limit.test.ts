import assert from "node:assert/strict";
import { OPERATIONS } from "../../cliq-api/operations";
import type { CliqApiError } from "../../provider/client";
import {
  botName,
  captureLogger,
  caught,
  emulatorOptions,
  oauthClient,
  staticClient,
  useEmulator,
} from "./helpers";

// 60 s windows last 120 ms, 5-minute locks 600 ms.
const TIME_SCALE = 0.002;

describe("CliqClient rate limiting", () => {
  const env = useEmulator({ timeScale: TIME_SCALE });

  it("completes a burst of 3x the get-bot threshold with zero throttled answers", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    const bot = await client.createBot({ name: botName("Burst"), description: "burst" });
    const calls = OPERATIONS.get_details_of_a_specific_bot.rateLimit.requests * 3;
    await Promise.all(Array.from({ length: calls }, () => client.getBot(bot.id)));
    const log = await env.control.requestsOf("get_details_of_a_specific_bot");
    assert.equal(log.length, calls);
    assert.deepEqual(
      log.filter((entry) => entry.throttled),
      [],
    );
  });

  it("completes a burst of 3x the create-bot threshold with zero throttled answers", async () => {
    const client = oauthClient(env.emulator, { timeScale: TIME_SCALE });
    const calls = OPERATIONS.create_a_new_bot.rateLimit.requests * 3;
    const names = Array.from({ length: calls }, () => botName("Make"));
    await Promise.all(names.map((name) => client.createBot({ name, description: "burst" })));
    const log = await env.control.requestsOf("create_a_new_bot");
    assert.equal(log.length, calls);
    assert.equal(log.filter((entry) => entry.throttled).length, 0);
    assert.equal((await env.control.state()).bots.length, calls);
  });

  it("completes a burst of 3x the associate threshold (5/min) with zero throttled answers", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    const bot = await client.createBot({ name: botName("Assoc"), description: "burst" });
    const calls = OPERATIONS.associate_bot_to_channel.rateLimit.requests * 3;
    await Promise.all(
      Array.from({ length: calls }, (_, i) => client.associateBotToChannel(bot.unique_name, `channel-${i}`)),
    );
    const log = await env.control.requestsOf("associate_bot_to_channel");
    assert.equal(log.length, calls);
    assert.equal(log.filter((entry) => entry.throttled).length, 0);
  });

  it("shares one limiter between clients from getSharedClient", async () => {
    const { getSharedClient, resetSharedClients } = await import("../../provider/client");
    resetSharedClients();
    const options = {
      apiUrl: env.emulator.apiUrl,
      accountsUrl: env.emulator.url,
      accessToken: emulatorOptions().tokens![0]!,
      timeScale: TIME_SCALE,
    };
    const first = getSharedClient(options);
    const second = getSharedClient({ ...options, logger: captureLogger() });
    const bot = await first.createBot({ name: botName("Shared"), description: "shared" });
    const perClient = OPERATIONS.get_details_of_a_specific_bot.rateLimit.requests * 2;
    await Promise.all([
      ...Array.from({ length: perClient }, () => first.getBot(bot.id)),
      ...Array.from({ length: perClient }, () => second.getBot(bot.id)),
    ]);
    const log = await env.control.requestsOf("get_details_of_a_specific_bot");
    assert.equal(log.length, perClient * 2);
    assert.equal(log.filter((entry) => entry.throttled).length, 0);
    resetSharedClients();
  });

  for (const style of ["429", "400"] as const) {
    describe(`throttling answered with HTTP ${style}`, () => {
      const styled = useEmulator({ timeScale: TIME_SCALE, throttleStyle: style });

      it("waits out a forced lock, logs the wait, then succeeds", async () => {
        const logger = captureLogger();
        const client = staticClient(styled.emulator, { timeScale: TIME_SCALE, logger });
        const bot = await client.createBot({ name: botName("Lock"), description: "lock" });
        await styled.control.lock("get_details_of_a_specific_bot");
        const fetched = await client.getBot(bot.id);
        assert.equal(fetched.id, bot.id);
        const log = await styled.control.requestsOf("get_details_of_a_specific_bot");
        assert.deepEqual(
          log.map((entry) => [entry.status, entry.throttled]),
          [
            [Number(style), true],
            [200, false],
          ],
        );
        const waits = logger.lines.filter((line) => line.startsWith("warn:"));
        assert.equal(waits.length, 1);
        assert.match(waits[0]!, /get_details_of_a_specific_bot/);
        assert.match(waits[0]!, /300 s/);
      });

      it("warns once for a lock that refuses several requests in flight, not once per refused request", async () => {
        const logger = captureLogger();
        const client = staticClient(styled.emulator, { timeScale: TIME_SCALE, logger });
        const bot = await client.createBot({ name: botName("Once"), description: "one warning" });
        await styled.control.clearRequests();
        await styled.control.lock("get_details_of_a_specific_bot");
        await Promise.all(Array.from({ length: 5 }, () => client.getBot(bot.id)));
        const log = await styled.control.requestsOf("get_details_of_a_specific_bot");
        assert.equal(log.filter((entry) => entry.throttled).length, 5, "all five were refused by the lock");
        assert.equal(logger.lines.filter((line) => line.startsWith("warn:")).length, 1);
        assert.equal(logger.lines.filter((line) => /refused by the same lock/.test(line)).length, 4);
      });

      it("retries a throttled POST after the lock: the create is applied exactly once", async () => {
        const client = staticClient(styled.emulator, { timeScale: TIME_SCALE });
        await styled.control.fault({ operationId: "create_a_new_bot", kind: "throttle" });
        const bot = await client.createBot({ name: botName("Thr"), description: "throttled create" });
        const log = await styled.control.requestsOf("create_a_new_bot");
        assert.deepEqual(
          log.map((entry) => entry.throttled),
          [true, false],
        );
        assert.deepEqual(
          (await styled.control.state()).bots.map((b) => b.id),
          [bot.id],
        );
      });

      it("fails with request_limit_exceeded naming the operation and the lock when the lock exceeds the budget", async () => {
        const client = staticClient(styled.emulator, { timeScale: TIME_SCALE, maxThrottleWaitSeconds: 120 });
        await styled.control.fault({ operationId: "list_all_bots", kind: "throttle" });
        const error = (await caught(() => client.listBots())) as CliqApiError;
        assert.equal(error.name, "CliqApiError");
        assert.equal(error.code, "request_limit_exceeded");
        assert.equal(error.isThrottled(), true);
        assert.equal(error.operationId, "list_all_bots");
        assert.match(error.message, /list_all_bots/);
        assert.match(error.message, /lock period is 300 s/);
        assert.match(error.message, /maxThrottleWaitSeconds/);
        assert.equal(
          (await styled.control.requestsOf("list_all_bots")).length,
          1,
          "no retry once over budget",
        );
      });
    });
  }

  it("counts every wait against maxThrottleWaitSeconds: two locks fit 600 s, a third does not", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE, maxThrottleWaitSeconds: 600 });
    await env.control.fault({ operationId: "list_all_bots", kind: "throttle", count: 2 });
    await client.listBots();
    assert.deepEqual(
      (await env.control.requestsOf("list_all_bots")).map((entry) => entry.throttled),
      [true, true, false],
    );
    await env.control.clearRequests();
    await env.control.fault({ operationId: "list_all_bots", kind: "throttle", count: 3 });
    const error = (await caught(() => client.listBots())) as CliqApiError;
    assert.equal(error.code, "request_limit_exceeded");
    assert.equal((await env.control.requestsOf("list_all_bots")).length, 3);
  });
});
