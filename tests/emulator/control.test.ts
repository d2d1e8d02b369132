import * as assert from "assert";
import { sharedHarness } from "./harness";

describe("emulator: control surface", () => {
  const h = sharedHarness({ rateLimits: false });

  it("dumps bots with full handlers and memberships in GET /state, team ids as digit strings", async () => {
    const bot = await h.createWebhookBot("Dumped", { scope: "team", team_ids: [42] });
    await h.call("create_a_handler_for_a_bot", {
      params: { BOT_ID: bot.id },
      body: { type: "welcome_handler", permissions: ["user"] },
    });
    await h.call("associate_bot_to_channel", {
      params: { BOT_UNIQUE_NAME: bot.unique_name },
      body: { channel_unique_name: "ops" },
    });
    const state = (await h.control("GET", "/state")).body;
    assert.strictEqual(state.bots.length, 1);
    assert.deepStrictEqual(state.bots[0].team_ids, ["42"]);
    assert.deepStrictEqual(
      state.bots[0].handlers.map((x: { type: string; permissions: string[] }) => [x.type, x.permissions]),
      [["welcome_handler", ["user"]]],
    );
    assert.deepStrictEqual(state.memberships, [{ channel_unique_name: "ops", bot_unique_name: "dumped" }]);
  });

  it("removes a membership out of band, after which associating again succeeds", async () => {
    const bot = await h.createDelugeBot("Leaver");
    const params = { BOT_UNIQUE_NAME: bot.unique_name };
    await h.call("associate_bot_to_channel", { params, body: { channel_unique_name: "ops" } });
    assert.strictEqual((await h.control("DELETE", `/channels/ops/members/${bot.unique_name}`)).status, 200);
    assert.strictEqual((await h.control("DELETE", `/channels/ops/members/${bot.unique_name}`)).status, 404);
    assert.strictEqual(
      (await h.call("associate_bot_to_channel", { params, body: { channel_unique_name: "ops" } })).status,
      200,
    );
  });

  it("resets objects, the log, faults and locks, but keeps the options", async () => {
    const gone = await h.createDelugeBot("Gone");
    await h.control("POST", "/faults", {
      kind: "status",
      count: 5,
      operationId: "get_details_of_a_specific_bot",
    });
    await h.control("POST", "/locks", { operationId: "list_all_bots" });
    assert.strictEqual((await h.reset()).status, 200);
    const state = (await h.control("GET", "/state")).body;
    assert.deepStrictEqual([state.bots, state.memberships], [[], []]);
    assert.deepStrictEqual((await h.control("GET", "/requests")).body.requests, []);
    assert.strictEqual((await h.call("list_all_bots")).status, 200);
    const bot = await h.createDelugeBot("Back");
    assert.strictEqual(bot.id, gone.id, "ids start over after a reset");
    assert.strictEqual(
      (await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: bot.id } })).status,
      200,
    );
  });

  it("seeds a bot owned by another user, which this user may read but not edit or delete", async () => {
    const seeded = await h.control("POST", "/bots", { name: "Foreign", description: "d" });
    const id = seeded.body.data.id;
    assert.strictEqual(
      (await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: id } })).body.data.creator.name,
      "Other Admin",
    );
    const edit = await h.call("update_an_existing_bot", {
      params: { BOT_ID: id },
      body: { description: "x" },
    });
    assert.deepStrictEqual([edit.status, edit.body.code], [403, "bot_permission_denied"]);
    const del = await h.call("delete_a_specific_bot", { params: { BOT_ID: id } });
    assert.deepStrictEqual([del.status, del.body.code], [403, "bot_permission_denied"]);
  });

  it("reads control bodies losslessly: a seeded team id beyond 2^53 keeps every digit", async () => {
    const big = "123456789012345678901";
    const response = await fetch(`${h.emulator.url}/_emulator/bots`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: `{"name":"Seeded","description":"d","scope":"team","team_ids":[${big}]}`,
    });
    assert.strictEqual(response.status, 200, await response.clone().text());
    assert.ok((await response.text()).includes(`"team_ids":[${big}]`));
    assert.deepStrictEqual((await h.control("GET", "/state")).body.bots[0].team_ids, [big]);
  });

  it("answers unknown routes and methods like Cliq: 404 url_not_found and 405 method_not_allowed", async () => {
    const unknown = await h.raw("GET", "/api/v3/channels");
    assert.deepStrictEqual([unknown.status, unknown.body.code], [404, "url_not_found"]);
    const wrongMethod = await h.raw("PUT", "/api/v3/bots");
    assert.deepStrictEqual([wrongMethod.status, wrongMethod.body.code], [405, "method_not_allowed"]);
    assert.strictEqual((await h.control("GET", "/nothing")).status, 404);
  });
});
