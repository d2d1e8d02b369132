import * as assert from "assert";
import { Harness, sharedHarness } from "./harness";

describe("emulator: bots", () => {
  const h = sharedHarness({ rateLimits: false });

  const create = (body: Record<string, unknown>) => h.call("create_a_new_bot", { body });
  const patch = (id: string, body: Record<string, unknown>) =>
    h.call("update_an_existing_bot", { params: { BOT_ID: `b-${id}` }, body });
  const get = (ref: string) => h.call("get_details_of_a_specific_bot", { params: { BOT_ID: ref } });

  it("issues large digit-string ids that increase, and answers bare ids while paths take b-<id> or bare", async () => {
    const a = await h.createDelugeBot("First");
    const b = await h.createDelugeBot("Second");
    assert.match(a.id, /^\d{17,}$/);
    assert.strictEqual(BigInt(b.id) > BigInt(a.id), true);
    assert.strictEqual((await get(`b-${a.id}`)).body.data.id, a.id);
    assert.strictEqual((await get(a.id)).body.data.id, a.id);
    assert.strictEqual((await get(`b-${a.id}`)).body.url, `/api/v3/bots/b-${a.id}`);
  });

  it("derives unique_name from the name, suffixes it when taken, and never changes it on rename", async () => {
    const a = await h.createDelugeBot("Ops-Bot 2!");
    assert.strictEqual(a.unique_name, "opsbot2");
    const renamed = await patch(a.id, { name: "Something Else" });
    assert.strictEqual(renamed.body.data.unique_name, "opsbot2");
    assert.strictEqual(renamed.body.data.name, "Something Else");
    const b = await h.createDelugeBot("OpsBot2");
    assert.strictEqual(b.unique_name, "opsbot21");
  });

  it("refuses a name another bot has, ignoring case, on create and on PATCH, but lets a bot keep its own", async () => {
    const a = await h.createDelugeBot("Pipeline Alerts");
    const dup = await create({ name: "pipeline ALERTS", description: "d" });
    assert.deepStrictEqual([dup.status, dup.body.code], [400, "bot_name_already_exists"]);
    const b = await h.createDelugeBot("Other");
    const clash = await patch(b.id, { name: "PIPELINE alerts" });
    assert.deepStrictEqual([clash.status, clash.body.code], [400, "bot_name_already_exists"]);
    const same = await patch(a.id, { name: "Pipeline ALERTS" });
    assert.strictEqual(same.status, 200);
  });

  const invalidCreates: [string, Record<string, unknown>, string][] = [
    ["a missing name", { description: "d" }, "invalid_inputs"],
    ["a missing description", { name: "n" }, "invalid_inputs"],
    ["a name of 21 characters", { name: "n".repeat(21), description: "d" }, "invalid_inputs"],
    ["a description of 301 characters", { name: "n", description: "d".repeat(301) }, "invalid_inputs"],
    [
      "a status message of 51 characters",
      { name: "n", description: "d", status_messages: ["m".repeat(51)] },
      "invalid_inputs",
    ],
    [
      "11 status messages",
      { name: "n", description: "d", status_messages: Array(11).fill("m") },
      "invalid_inputs",
    ],
    [
      "an unknown channel participation",
      { name: "n", description: "d", channel_participation: ["dance"] },
      "invalid_inputs",
    ],
    [
      "4 channel participation values",
      {
        name: "n",
        description: "d",
        channel_participation: ["send_message", "listen_message", "auto_follow_thread", "send_message"],
      },
      "invalid_inputs",
    ],
    ["an unknown scope", { name: "n", description: "d", scope: "world" }, "invalid_scope"],
    ["team scope without team ids", { name: "n", description: "d", scope: "team" }, "invalid_inputs"],
    [
      "team scope with 5 team ids",
      { name: "n", description: "d", scope: "team", team_ids: [1, 2, 3, 4, 5] },
      "invalid_inputs",
    ],
    [
      "team ids without team scope",
      { name: "n", description: "d", scope: "organization", team_ids: [1] },
      "invalid_inputs",
    ],
    [
      "a non-integer team id",
      { name: "n", description: "d", scope: "team", team_ids: [1.5] },
      "invalid_inputs",
    ],
    ["an unknown calls value", { name: "n", description: "d", calls: "maybe" }, "invalid_inputs"],
    [
      "an unknown execution type",
      { name: "n", description: "d", execution_type: "lambda" },
      "invalid_inputs",
    ],
    [
      "a webhook bot without execution_url",
      { name: "n", description: "d", execution_type: "webhook" },
      "execution_url_required",
    ],
    [
      "a deluge bot with execution_url",
      { name: "n", description: "d", execution_url: "https://a.example" },
      "execution_url_not_allowed",
    ],
  ];
  for (const [what, body, code] of invalidCreates) {
    it(`refuses to create a bot with ${what} (${code})`, async () => {
      const result = await create(body);
      assert.deepStrictEqual([result.status, result.body.code], [400, code]);
      assert.strictEqual((await h.control("GET", "/state")).body.bots.length, 0);
    });
  }

  it("refuses a body that is not JSON or not an object with invalid_inputs", async () => {
    for (const rawBody of ["{nope", "[1,2]", ""]) {
      const result = await h.call("create_a_new_bot", { rawBody });
      assert.deepStrictEqual([result.status, result.body.code], [400, "invalid_inputs"], rawBody);
    }
  });

  it("accepts 1 to 4 team ids and keeps every digit of ids beyond 2^53, answering exact JSON numbers", async () => {
    const big = "123456789012345678901";
    const result = await h.call("create_a_new_bot", {
      rawBody: `{"name":"Teams","description":"d","scope":"team","team_ids":[${big},12345678,"98765432"]}`,
    });
    assert.strictEqual(result.status, 200, result.text);
    assert.ok(result.text.includes(`"team_ids":[${big},12345678,98765432]`), result.text);
    const fetched = await get(result.body.data.id);
    assert.ok(fetched.text.includes(`[${big},12345678,98765432]`));
  });

  it("stores calls as enabled|disabled whichever spelling was sent", async () => {
    const a = await h.createDelugeBot("A", { calls: "enable" });
    const b = await h.createDelugeBot("B", { calls: "disabled" });
    assert.strictEqual(a.calls, "enabled");
    assert.strictEqual(b.calls, "disabled");
    assert.strictEqual((await patch(a.id, { calls: "disable" })).body.data.calls, "disabled");
    assert.strictEqual((await patch(b.id, { calls: "enabled" })).body.data.calls, "enabled");
  });

  it("clears optional fields given as empty string or empty array on PATCH, and keeps fields not sent", async () => {
    const bot = await h.createDelugeBot("Clear", {
      image: "https://img.example/x.png",
      status_messages: ["hello"],
      channel_participation: ["send_message"],
    });
    const cleared = await patch(bot.id, { image: "", status_messages: [], channel_participation: [] });
    assert.strictEqual(cleared.status, 200);
    for (const field of ["image", "status_messages", "channel_participation"]) {
      assert.ok(!(field in cleared.body.data), `${field} still present`);
    }
    assert.strictEqual(cleared.body.data.description, "Clear description");
    const refused = await patch(bot.id, { description: "" });
    assert.deepStrictEqual([refused.status, refused.body.code], [400, "invalid_inputs"]);
  });

  it("moves between scopes: leaving team drops team ids, entering team needs them", async () => {
    const bot = await h.createDelugeBot("Scoped", { scope: "team", team_ids: [1, 2] });
    const org = await patch(bot.id, { scope: "organization" });
    assert.strictEqual(org.body.data.scope, "organization");
    assert.ok(!("team_ids" in org.body.data));
    const noTeams = await patch(bot.id, { scope: "team" });
    assert.deepStrictEqual([noTeams.status, noTeams.body.code], [400, "invalid_inputs"]);
    const team = await patch(bot.id, { scope: "team", team_ids: [7] });
    assert.deepStrictEqual(team.body.data.team_ids, [7]);
    const emptied = await patch(bot.id, { team_ids: [] });
    assert.deepStrictEqual([emptied.status, emptied.body.code], [400, "invalid_inputs"]);
  });

  it("refuses to change execution_type on PATCH but accepts the current value", async () => {
    const bot = await h.createDelugeBot("Typed");
    const changed = await patch(bot.id, { execution_type: "webhook", execution_url: "https://a.example" });
    assert.deepStrictEqual([changed.status, changed.body.code], [400, "invalid_inputs"]);
    assert.strictEqual(changed.body.message, "Request body validation failed.");
    assert.strictEqual((await patch(bot.id, { execution_type: "deluge" })).status, 200);
  });

  it("updates a webhook bot's execution_url, refuses to clear it, and refuses it on a deluge bot", async () => {
    const hook = await h.createWebhookBot("Hook");
    assert.strictEqual(
      (await patch(hook.id, { execution_url: "https://new.example/h" })).body.data.execution_url,
      "https://new.example/h",
    );
    const cleared = await patch(hook.id, { execution_url: "" });
    assert.deepStrictEqual([cleared.status, cleared.body.code], [400, "execution_url_required"]);
    const deluge = await h.createDelugeBot("Deluge");
    const refused = await patch(deluge.id, { execution_url: "https://new.example/h" });
    assert.deepStrictEqual([refused.status, refused.body.code], [400, "execution_url_not_allowed"]);
  });

  it("deletes a bot with its handlers and channel memberships", async () => {
    const bot = await h.createDelugeBot("Doomed");
    await h.call("create_a_handler_for_a_bot", {
      params: { BOT_ID: bot.id },
      body: { type: "message_handler", script: "return Map();" },
    });
    await h.call("associate_bot_to_channel", {
      params: { BOT_UNIQUE_NAME: bot.unique_name },
      body: { channel_unique_name: "ops" },
    });
    const deleted = await h.call("delete_a_specific_bot", { params: { BOT_ID: `b-${bot.id}` } });
    assert.strictEqual(deleted.status, 200);
    const state = (await h.control("GET", "/state")).body;
    assert.deepStrictEqual([state.bots.length, state.memberships.length], [0, 0]);
    assert.strictEqual((await get(bot.id)).body.code, "bot_not_found");
    const again = await h.call("delete_a_specific_bot", { params: { BOT_ID: bot.id } });
    assert.deepStrictEqual([again.status, again.body.code], [404, "bot_not_found"]);
  });

  it("refuses creation beyond the configured bot limit", async () => {
    const limited = await Harness.start({ rateLimits: false, botLimit: 1 });
    try {
      await limited.createDelugeBot("One");
      const second = await limited.call("create_a_new_bot", { body: { name: "Two", description: "d" } });
      assert.deepStrictEqual([second.status, second.body.code], [400, "bot_creation_limit_exceeded"]);
    } finally {
      await limited.close();
    }
  });
});
