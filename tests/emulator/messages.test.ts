import * as assert from "assert";
import { sharedHarness } from "./harness";

describe("emulator: messages, incoming webhooks, calls and channel associations", () => {
  const h = sharedHarness({ rateLimits: false });

  it("validates bot messages: one of text, card or slides; text 1..5000; at most 5 buttons and 20 slides", async () => {
    const bot = await h.createDelugeBot("Talker");
    const params = { BOT_UNIQUE_NAME: bot.unique_name };
    const bad: Record<string, unknown>[] = [
      {},
      { text: "" },
      { text: "x".repeat(5001) },
      { text: "x", buttons: Array(6).fill({ label: "b" }) },
      { slides: Array(21).fill({ type: "text", data: "x" }) },
      { slides: [{ type: "video" }] },
      { text: "x", styles: { background: "purple" } },
    ];
    for (const body of bad) {
      const result = await h.call("send_a_bot_message", { params, body });
      assert.deepStrictEqual(
        [result.status, result.body.code],
        [400, "invalid_inputs"],
        JSON.stringify(body).slice(0, 80),
      );
    }
    const good = await h.call("send_a_bot_message", { params, body: { text: "x".repeat(5000) } });
    assert.deepStrictEqual([good.status, good.body], [200, {}]);
    const synced = await h.call("send_a_bot_message", { params, body: { text: "hi", sync_message: true } });
    assert.ok(synced.body.chat_id && synced.body.message_id);
  });

  it("posts to a channel only where the bot is a member with send_message participation", async () => {
    const bot = await h.createDelugeBot("Poster", { channel_participation: ["send_message"] });
    const params = { BOT_UNIQUE_NAME: bot.unique_name };
    const query = { CHANNEL_UNIQUE_NAME: "ops" };
    const before = await h.call("send_a_bot_message", { params, query, body: { text: "hi" } });
    assert.deepStrictEqual([before.status, before.body.code], [403, "bot_unauthorized_message_access"]);
    await h.call("associate_bot_to_channel", { params, body: { channel_unique_name: "ops" } });
    assert.strictEqual(
      (await h.call("send_a_bot_message", { params, query, body: { text: "hi" } })).status,
      200,
    );
  });

  it("answers incoming webhook messages with the users reached, and limits custom parameters", async () => {
    const bot = await h.createDelugeBot("Inbox");
    const params = { BOT_UNIQUE_NAME: bot.unique_name };
    const targeted = await h.call("send_an_incoming_webhook_message", {
      params,
      query: { user_ids: "55743307,55622727" },
      body: { alert: "x" },
    });
    assert.deepStrictEqual(targeted.body.user_ids, ["55743307", "55622727"]);
    const wrapped = await h.call("send_an_incoming_webhook_message", {
      params,
      body: { custom_parameters: { a: "b" } },
    });
    assert.deepStrictEqual(wrapped.body.user_ids, [bot.creator.id]);
    const numeric = await h.call("send_an_incoming_webhook_message", { params, body: { a: 1 } });
    assert.strictEqual(numeric.body.code, "invalid_inputs");
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    assert.strictEqual(
      (await h.call("send_an_incoming_webhook_message", { params, body: many })).body.code,
      "invalid_inputs",
    );
    const missing = await h.call("send_an_incoming_webhook_message", {
      params: { BOT_UNIQUE_NAME: "nobot" },
      body: {},
    });
    assert.deepStrictEqual([missing.status, missing.body.code], [404, "bot_not_found"]);
  });

  it("triggers bot calls only when calls are enabled, validating the call request", async () => {
    const bot = await h.createDelugeBot("Caller", { calls: "enabled" });
    const params = { BOT_UNIQUE_NAME: bot.unique_name };
    const call = await h.call("Trigger_Bot_Calls", {
      params,
      body: { text: "Servers down", user_ids: ["55743327"] },
    });
    assert.strictEqual(call.status, 200, call.text);
    assert.deepStrictEqual(call.body.user_ids, ["55743327"]);
    assert.match(call.body.id, /^[0-9a-f-]{36}$/);
    for (const body of [
      {},
      { text: "x".repeat(501) },
      { text: "x", retry: 4 },
      { text: "x", user_ids: Array(11).fill("1") },
    ]) {
      assert.strictEqual((await h.call("Trigger_Bot_Calls", { params, body })).body.code, "invalid_inputs");
    }
    await h.call("update_an_existing_bot", { params: { BOT_ID: bot.id }, body: { calls: "disabled" } });
    const refused = await h.call("Trigger_Bot_Calls", { params, body: { text: "x" } });
    assert.deepStrictEqual([refused.status, refused.body.code], [400, "bot_alert_not_enabled"]);
  });

  it("records a channel membership once; a repeat is HTTP 400 bot_already_member; the path takes unique names", async () => {
    const bot = await h.createDelugeBot("Joiner");
    const params = { BOT_UNIQUE_NAME: bot.unique_name };
    const first = await h.call("associate_bot_to_channel", {
      params,
      body: { channel_unique_name: "announcements" },
    });
    assert.deepStrictEqual([first.status, first.body], [200, {}]);
    const repeat = await h.call("associate_bot_to_channel", {
      params,
      body: { channel_unique_name: "announcements" },
    });
    assert.deepStrictEqual([repeat.status, repeat.body.code], [400, "bot_already_member"]);
    const missingChannel = await h.call("associate_bot_to_channel", { params, body: {} });
    assert.strictEqual(missingChannel.body.code, "invalid_inputs");
    const byId = await h.call("associate_bot_to_channel", {
      params: { BOT_UNIQUE_NAME: `b-${bot.id}` },
      body: { channel_unique_name: "x" },
    });
    assert.strictEqual(byId.body.code, "bot_not_found");
    const state = (await h.control("GET", "/state")).body;
    assert.deepStrictEqual(state.memberships, [
      { channel_unique_name: "announcements", bot_unique_name: "joiner" },
    ]);
  });
});
