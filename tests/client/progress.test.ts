import assert from "node:assert/strict";
import { OPERATIONS } from "../../cliq-api/operations";
import { SlidingWindowLimiter } from "../../provider/client/limiter";
import { mintRetryReporter } from "../../provider/client/state";
import {
  announces,
  ANNOUNCE_AFTER_MS,
  limitText,
  retryWaitText,
  slotWaitText,
  withWaitReporter,
} from "../../provider/client/progress";
import { EDGE_MARGIN_MS, EMPTY_HISTORY, queuedStartTimes } from "../../provider/client/window-plan";
import { botName, captureLogger, staticClient, useEmulator } from "./helpers";

const MINUTE = 60_000;
const HOLD = MINUTE + EDGE_MARGIN_MS + 1;

describe("progress: long waits are announced once, with the reason, the limit and the expected wait", () => {
  describe("queuedStartTimes (when each queued request may start)", () => {
    const limits = { requests: 2, windowMs: MINUTE };
    const answered = (id: string, answeredAt: number) => ({
      id,
      owner: "me",
      pid: 1,
      host: "h",
      at: answeredAt - 10,
      answeredAt,
    });
    const cases: { what: string; history: typeof EMPTY_HISTORY; count: number; expect: number[] }[] = [
      { what: "free slots: at once", history: EMPTY_HISTORY, count: 2, expect: [1000, 1000] },
      {
        what: "a full window: when its oldest answer leaves it, then the next",
        history: { entries: [answered("a", 500), answered("b", 800)], lockedUntil: 0 },
        count: 3,
        expect: [500 + HOLD, 800 + HOLD, 500 + 2 * HOLD],
      },
      {
        what: "beyond the budget: a window later per budget of requests queued ahead",
        history: EMPTY_HISTORY,
        count: 5,
        expect: [1000, 1000, 1000 + HOLD, 1000 + HOLD, 1000 + 2 * HOLD],
      },
      {
        what: "a lock: not before it ends",
        history: { entries: [], lockedUntil: 90_000 },
        count: 1,
        expect: [90_000],
      },
    ];
    for (const { what, history, count, expect } of cases) {
      it(what, () => assert.deepEqual(queuedStartTimes(history, 1000, limits, count), expect));
    }
  });

  it("announces only waits longer than five seconds", () => {
    assert.equal(ANNOUNCE_AFTER_MS, 5000);
    assert.deepEqual([0, 5000, 5001, 42_000].map(announces), [false, false, true, true]);
  });

  it("words a slot wait with the operation's limit, and a lock with its period", () => {
    assert.equal(
      limitText("get_details_of_a_specific_bot_handler"),
      "Cliq allows 10 handler reads per minute",
    );
    assert.equal(
      slotWaitText("get_details_of_a_specific_bot_handler", 42_300, false, 1),
      "waiting 42 s: Cliq allows 10 handler reads per minute",
    );
    assert.equal(
      slotWaitText("associate_bot_to_channel", 250_000, true, 1),
      "waiting 250 s: Cliq locked channel joins for 5 minutes after its limit was passed (it allows 5 channel joins per minute)",
    );
    assert.equal(
      slotWaitText("get_details_of_a_specific_bot_handler", 6000, false, 0.1),
      "waiting 6 s: Cliq allows 10 handler reads per minute (time scale 0.1: a minute of Cliq's lasts 6 s)",
    );
  });

  it("a limiter tells a queued request its expected wait, and stops asking once it was announced", async () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter(1, MINUTE, () => now);
    (await limiter.acquire())();
    now += 1000;
    const heard: number[] = [];
    const cancel = new AbortController();
    const queued = limiter.acquire(cancel.signal, (waitMs) => {
      heard.push(waitMs);
      return true;
    });
    // Answered at 1_000_000, the slot frees one window (and the edge margin) later; asked now, 1 s on.
    assert.deepEqual(heard, [HOLD - 1000]);
    limiter.lockUntil(now + 5 * MINUTE);
    assert.deepEqual(heard, [HOLD - 1000], "told once: not asked again when the view changed");
    cancel.abort();
    await assert.rejects(queued, { name: "WaitCancelled" });
  });

  it("words a retry's back-off with the failure and the attempt", () => {
    assert.equal(
      retryWaitText("Cliq list_all_bots (GET /bots)", "HTTP 503", 7400, 3, 4),
      "waiting 7 s before retry 3 of 4: Cliq list_all_bots (GET /bots) failed (HTTP 503)",
    );
  });

  it("a mint retried after a long back-off says so to the minting call's reporter; a short one stays at info", async () => {
    const logger = captureLogger();
    const report = mintRetryReporter({ logger });
    const heard: string[] = [];
    await withWaitReporter(
      (line) => heard.push(line),
      async () => report("Zoho accounts answered HTTP 503", 7400, 2, 3),
    );
    report("Zoho accounts answered HTTP 503", 900, 1, 3);
    assert.deepEqual(heard, [
      "waiting 7 s before retry 2 of 3: minting an access token failed (Zoho accounts answered HTTP 503)",
    ]);
    assert.deepEqual(logger.lines, ["info: Zoho accounts answered HTTP 503; retrying (1/3)"]);
  });

  describe("a lock, through the client", () => {
    // A 5-minute lock lasts 600 ms.
    const TIME_SCALE = 0.002;
    const env = useEmulator({ timeScale: TIME_SCALE });

    it("the call that meets the lock tells its own reporter, with the limit, instead of a warning nobody can place", async () => {
      const logger = captureLogger();
      const client = staticClient(env.emulator, { timeScale: TIME_SCALE, logger });
      const bot = await client.createBot({ name: botName("Locked"), description: "locked" });
      await env.control.lock("get_details_of_a_specific_bot");
      const heard: string[] = [];
      await withWaitReporter(
        (line) => heard.push(line),
        () => client.getBot(bot.id),
      );
      assert.equal(heard.length, 1, heard.join("\n"));
      assert.match(heard[0]!, /get_details_of_a_specific_bot was throttled .*waiting 300 s/);
      assert.match(heard[0]!, /\(Cliq allows 30 bot reads per minute\)$/);
      assert.deepEqual(logger.lines, []);
    });
  });

  describe("through the client, against the emulator", () => {
    // A minute lasts 6 s: the 11th handler read of a burst waits one window, over the five seconds.
    const TIME_SCALE = 0.1;
    const env = useEmulator({ timeScale: TIME_SCALE });

    it("a burst of 11 handler reads: the 11th says once that it waits, on its own call's reporter", async function () {
      this.timeout(30_000);
      const logger = captureLogger();
      const client = staticClient(env.emulator, { timeScale: TIME_SCALE, logger });
      const bot = await client.createBot({ name: botName("Wait"), description: "waits" });
      await client.createHandler(bot.id, { type: "message_handler", script: "return Map();" });
      const reads = OPERATIONS.get_details_of_a_specific_bot_handler.rateLimit.requests + 1;
      const heard: string[][] = Array.from({ length: reads }, () => []);
      await Promise.all(
        heard.map((lines) =>
          withWaitReporter(
            (line) => lines.push(line),
            () => client.getHandler(bot.id, "message_handler"),
          ),
        ),
      );
      assert.deepEqual(heard.slice(0, reads - 1).flat(), [], "the first ten had a slot at once");
      assert.equal(heard[reads - 1]!.length, 1, "said once");
      assert.match(
        heard[reads - 1]![0]!,
        /^waiting [56] s: Cliq allows 10 handler reads per minute \(time scale 0\.1: a minute of Cliq's lasts 6 s\)$/,
      );
      assert.deepEqual(logger.lines, [], "nothing went to the shared logger");
    });
  });
});
