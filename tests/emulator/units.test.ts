/**
 * The emulator's pure parts, driven with synthetic clocks (no waiting, no wall time).
 */
import * as assert from "assert";
import { OPERATIONS } from "../../cliq-api/operations";
import { TokenRegistry, tokenFromHeader } from "../../emulator/auth";
import { FaultQueue, parseFault } from "../../emulator/faults";
import { handleTokenRequest, MINTS_PER_WINDOW } from "../../emulator/handlers/oauth";
import { resolveOptions } from "../../emulator/options";
import { decodeCursor, encodeCursor, pageAfter } from "../../emulator/pagination";
import { RateLimiter } from "../../emulator/rate-limit";
import { incrementDigits } from "../../emulator/store";
import { deriveUniqueName, parseCallsField } from "../../emulator/validation/bots";

describe("emulator units", () => {
  describe("RateLimiter", () => {
    const { requests, perSeconds, lockSeconds } = OPERATIONS.create_a_new_bot.rateLimit;

    it("admits the threshold within a window, refuses the next and holds the lock past the window", () => {
      const limiter = new RateLimiter(1, true);
      for (let i = 0; i < requests; i++) assert.strictEqual(limiter.admit("t", "create_a_new_bot", i), true);
      assert.strictEqual(limiter.admit("t", "create_a_new_bot", requests), false);
      assert.strictEqual(
        limiter.admit("t", "create_a_new_bot", perSeconds * 1000 + 1000),
        false,
        "locked past the window",
      );
      assert.strictEqual(
        limiter.admit("t", "create_a_new_bot", requests + lockSeconds * 1000),
        true,
        "lock over",
      );
    });

    it("slides the window: requests age out without a lock when the threshold was never passed", () => {
      const limiter = new RateLimiter(1, true);
      for (let i = 0; i < requests; i++) assert.strictEqual(limiter.admit("t", "create_a_new_bot", 0), true);
      assert.strictEqual(limiter.admit("t", "create_a_new_bot", perSeconds * 1000), true);
    });

    it("scales windows and locks by the time scale", () => {
      const limiter = new RateLimiter(0.001, true);
      for (let i = 0; i <= requests; i++) limiter.admit("t", "create_a_new_bot", 0);
      assert.strictEqual(limiter.isLocked("t", "create_a_new_bot", lockSeconds - 1), true);
      assert.strictEqual(limiter.isLocked("t", "create_a_new_bot", lockSeconds), false);
    });

    it("keeps locks per token and operation; lockAll covers every token", () => {
      const limiter = new RateLimiter(1, true);
      limiter.lock("a", "list_all_bots", 0);
      assert.deepStrictEqual(
        [
          limiter.isLocked("a", "list_all_bots", 1),
          limiter.isLocked("b", "list_all_bots", 1),
          limiter.isLocked("a", "get_details_of_a_specific_bot", 1),
        ],
        [true, false, false],
      );
      limiter.lockAll("get_details_of_a_specific_bot", 0, 10);
      assert.strictEqual(limiter.isLocked("z", "get_details_of_a_specific_bot", 9_999), true);
      assert.strictEqual(limiter.isLocked("z", "get_details_of_a_specific_bot", 10_000), false);
    });
  });

  describe("tokens and OAuth", () => {
    it("reads Zoho-oauthtoken and Bearer headers only", () => {
      assert.deepStrictEqual(
        ["Zoho-oauthtoken abc", "Bearer abc", "bearer abc", "Basic abc", "abc", undefined].map(
          tokenFromHeader,
        ),
        ["abc", "abc", "abc", undefined, undefined, undefined],
      );
    });

    it("accepts a minted token until its expiry", () => {
      const registry = new TokenRegistry(["static"]);
      const token = registry.mint(1000);
      assert.deepStrictEqual(
        [registry.isValid(token, 999), registry.isValid("static", 1e12), registry.isValid(token, 1000)],
        [true, true, false],
      );
    });

    it("caps mints per refresh token per scaled 10-minute window", () => {
      const options = resolveOptions({
        oauthClients: [{ clientId: "c", clientSecret: "s", refreshTokens: ["r"] }],
      });
      const ctx = {
        options,
        tokens: new TokenRegistry([]),
        mints: new Map(),
        apiDomain: "http://x",
        nowMs: 0,
      };
      const params = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: "c",
        client_secret: "s",
        refresh_token: "r",
      });
      for (let i = 0; i < MINTS_PER_WINDOW; i++)
        assert.strictEqual(handleTokenRequest({ ...ctx, nowMs: i }, params).status, 200);
      assert.strictEqual(handleTokenRequest({ ...ctx, nowMs: 599_999 }, params).status, 400);
      assert.strictEqual(handleTokenRequest({ ...ctx, nowMs: 600_000 }, params).status, 200);
    });
  });

  describe("faults", () => {
    it("applies a fault to count matching requests, latency faults alongside another kind", () => {
      const queue = new FaultQueue();
      queue.add(parseFault({ kind: "status", operationId: "list_all_bots", count: 2 }));
      queue.add(parseFault({ kind: "latency", ms: 5 }));
      assert.deepStrictEqual(queue.take("get_details_of_a_specific_bot", "GET"), {
        latencyMs: 5,
        fault: undefined,
      });
      assert.strictEqual(queue.take("list_all_bots", "GET").fault?.kind, "status");
      assert.strictEqual(queue.take("list_all_bots", "GET").fault?.kind, "status");
      assert.deepStrictEqual(queue.take("list_all_bots", "GET"), { latencyMs: 0, fault: undefined });
    });
  });

  describe("ids, names, cursors", () => {
    it("increments digit-string ids beyond 2^53 exactly", () => {
      assert.strictEqual(incrementDigits("9007199254740993"), "9007199254740994");
      assert.strictEqual(incrementDigits("1901318000009075999"), "1901318000009076000");
    });

    it("derives unique names from lowercase alphanumerics with the smallest free suffix", () => {
      const taken = new Set(["pipelinealerts", "pipelinealerts1"]);
      assert.strictEqual(
        deriveUniqueName("Pipeline Alerts!", (c) => taken.has(c)),
        "pipelinealerts2",
      );
      assert.strictEqual(
        deriveUniqueName("Ünïcödé ☃", () => false),
        "ncd",
      );
      assert.strictEqual(
        deriveUniqueName("☃☃", () => false),
        "bot",
      );
    });

    it("accepts both spellings of calls", () => {
      assert.deepStrictEqual(["enable", "enabled", "disable", "disabled", undefined].map(parseCallsField), [
        "enabled",
        "enabled",
        "disabled",
        "disabled",
        undefined,
      ]);
      assert.throws(() => parseCallsField("on"), /calls must be/);
    });

    it("round-trips cursors and pages after an id in numeric, not string, order", () => {
      const cursor = { limit: 7, sinceSeq: 3, afterId: "53719000002124012" };
      assert.deepStrictEqual(decodeCursor(encodeCursor(cursor), "next_token"), cursor);
      const items = [{ id: "10" }, { id: "9" }, { id: "100" }, { id: "11" }];
      assert.deepStrictEqual(pageAfter(items, "9", 2), { page: [{ id: "10" }, { id: "11" }], more: true });
    });
  });
});
