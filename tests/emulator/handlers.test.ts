import * as assert from "assert";
import { PERMISSIONS, PERMISSIONS_BY_HANDLER, HANDLER_TYPES } from "../../cliq-api/operations";
import { sharedHarness, type CallOptions } from "./harness";

describe("emulator: bot handlers", () => {
  const h = sharedHarness({ rateLimits: false, defaultHandlerTypes: ["message_handler"] });

  const createIn = (botId: string, body: Record<string, unknown>) =>
    h.call("create_a_handler_for_a_bot", { params: { BOT_ID: `b-${botId}` }, body });
  const target = (botId: string, type: string, handlerId?: string): CallOptions => ({
    params: { BOT_ID: botId, HANDLER_TYPE: type },
    query: handlerId === undefined ? {} : { handler_id: handlerId },
  });

  it("takes script on deluge bots: required, at most 250 KB of UTF-8, permissions refused", async () => {
    const bot = await h.createDelugeBot("Deluge");
    const missing = await createIn(bot.id, { type: "welcome_handler" });
    assert.deepStrictEqual([missing.status, missing.body.code], [400, "execution_handler_data_required"]);
    const withPermissions = await createIn(bot.id, {
      type: "welcome_handler",
      script: "x",
      permissions: ["user"],
    });
    assert.strictEqual(withPermissions.body.code, "execution_handler_data_invalid");
    // 'é' is 2 bytes: 128,001 of them is 256,002 bytes though only 128,001 characters.
    const tooBig = await createIn(bot.id, { type: "welcome_handler", script: "é".repeat(128_001) });
    assert.strictEqual(tooBig.body.code, "execution_handler_data_invalid");
    const fits = await createIn(bot.id, { type: "welcome_handler", script: "a".repeat(250 * 1024) });
    assert.strictEqual(fits.status, 200, fits.text);
    assert.deepStrictEqual(Object.keys(fits.body.data).sort(), ["id", "type"]);
  });

  it("takes permissions on webhook bots: required, at most 5, only from the handler type's row; script refused", async () => {
    const bot = await h.createWebhookBot("Hook");
    const missing = await createIn(bot.id, { type: "message_handler" });
    assert.strictEqual(missing.body.code, "execution_handler_data_required");
    const empty = await createIn(bot.id, { type: "message_handler", permissions: [] });
    assert.strictEqual(empty.body.code, "execution_handler_data_required");
    const script = await createIn(bot.id, { type: "message_handler", permissions: ["chat"], script: "x" });
    assert.strictEqual(script.body.code, "execution_handler_data_invalid");
    const six = await createIn(bot.id, { type: "message_handler", permissions: [...PERMISSIONS, "chat"] });
    assert.strictEqual(six.body.code, "execution_handler_data_invalid");
    const all = await createIn(bot.id, { type: "message_handler", permissions: [...PERMISSIONS] });
    assert.strictEqual(all.status, 200);
    assert.deepStrictEqual(all.body.data.permissions, [...PERMISSIONS]);
  });

  for (const type of HANDLER_TYPES) {
    it(`allows exactly the matrix row's permissions for ${type}`, async () => {
      const bot = await h.createWebhookBot("Matrix");
      const allowed: readonly string[] = PERMISSIONS_BY_HANDLER[type];
      const menu = type === "menu_handler" ? { name: "Menu" } : {};
      for (const permission of PERMISSIONS.filter((p) => !allowed.includes(p))) {
        const refused = await createIn(bot.id, { type, permissions: [permission], ...menu });
        assert.strictEqual(refused.body.code, "execution_handler_data_invalid", permission);
      }
      const accepted = await createIn(bot.id, { type, permissions: [...allowed], ...menu });
      assert.strictEqual(accepted.status, 200, accepted.text);
    });
  }

  it("refuses an unknown handler type with invalid_inputs", async () => {
    const bot = await h.createDelugeBot("Typed");
    for (const type of ["alert_handler", undefined, 3]) {
      const result = await createIn(bot.id, { type, script: "x" });
      assert.deepStrictEqual([result.status, result.body.code], [400, "invalid_inputs"]);
    }
  });

  it("keeps one handler per type, refusing a second with execution_handler_create_failed", async () => {
    const bot = await h.createDelugeBot("Once");
    assert.strictEqual((await createIn(bot.id, { type: "context_handler", script: "a" })).status, 200);
    const second = await createIn(bot.id, { type: "context_handler", script: "b" });
    assert.deepStrictEqual([second.status, second.body.code], [400, "execution_handler_create_failed"]);
  });

  it("keeps up to 5 menu handlers, each with its own id and position, and targets them by handler_id", async () => {
    const bot = await h.createDelugeBot("Menus");
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const created = await createIn(bot.id, { type: "menu_handler", name: `Menu ${i}`, script: `m${i}` });
      assert.strictEqual(created.status, 200, created.text);
      assert.strictEqual(created.body.data.display_props.position, i);
      ids.push(created.body.data.id);
    }
    assert.strictEqual(new Set(ids).size, 5);
    const sixth = await createIn(bot.id, { type: "menu_handler", name: "Menu 6", script: "m6" });
    assert.strictEqual(sixth.body.code, "execution_handler_create_failed");

    const third = await h.call(
      "get_details_of_a_specific_bot_handler",
      target(bot.id, "menu_handler", ids[2]),
    );
    assert.deepStrictEqual(
      [third.body.data.handler_id, third.body.data.name, third.body.data.script],
      [ids[2], "Menu 3", "m3"],
    );
    const ambiguous = await h.call("get_details_of_a_specific_bot_handler", target(bot.id, "menu_handler"));
    assert.deepStrictEqual([ambiguous.status, ambiguous.body.code], [400, "invalid_inputs"]);

    const renamed = await h.call("update_a_handler_for_a_bot", {
      ...target(bot.id, "menu_handler", ids[1]),
      body: { name: "Renamed" },
    });
    assert.strictEqual(renamed.body.data.display_props.name, "Renamed");
    assert.strictEqual(
      (await h.call("delete_a_handler_from_a_bot", target(bot.id, "menu_handler", ids[0]))).status,
      200,
    );
    const summary = (await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: bot.id } })).body.data
      .handlers;
    assert.deepStrictEqual(
      summary.map((s: { id: string; name: string; position: number }) => [s.id, s.name, s.position]),
      [
        [ids[1], "Renamed", 2],
        [ids[2], "Menu 3", 3],
        [ids[3], "Menu 4", 4],
        [ids[4], "Menu 5", 5],
      ],
    );
    const refill = await createIn(bot.id, { type: "menu_handler", name: "Refill", script: "r" });
    assert.strictEqual(refill.body.data.display_props.position, 1);
  });

  it("treats handler_id as an opaque digit string: an unknown one is not found, a non-numeric one invalid", async () => {
    const bot = await h.createDelugeBot("Ids");
    await createIn(bot.id, { type: "menu_handler", name: "Only", script: "x" });
    const unknown = await h.call(
      "get_details_of_a_specific_bot_handler",
      target(bot.id, "menu_handler", "1901318000009075000"),
    );
    assert.deepStrictEqual([unknown.status, unknown.body.code], [404, "execution_handler_not_found"]);
    const bad = await h.call("get_details_of_a_specific_bot_handler", target(bot.id, "menu_handler", "abc"));
    assert.deepStrictEqual([bad.status, bad.body.code], [400, "invalid_inputs"]);
    const only = await h.call("get_details_of_a_specific_bot_handler", target(bot.id, "menu_handler"));
    assert.strictEqual(only.body.data.name, "Only");
  });

  it("validates menu handlers: name required and at most 15, icon name/HEX, at most 5 sub actions of name <= 15", async () => {
    const bot = await h.createDelugeBot("MenuRules");
    const cases: [Record<string, unknown>, string][] = [
      [{}, "execution_handler_data_required"],
      [{ name: "n".repeat(16) }, "execution_handler_data_invalid"],
      [{ name: "ok", icon: "not an icon" }, "execution_handler_data_invalid"],
      [{ name: "ok", sub_actions: Array(6).fill({ name: "s" }) }, "execution_handler_data_invalid"],
      [{ name: "ok", sub_actions: [{ name: "s".repeat(16) }] }, "execution_handler_data_invalid"],
      [{ name: "ok", sub_actions: [{ icon: "wand/FFFFFF" }] }, "execution_handler_data_invalid"],
    ];
    for (const [extra, code] of cases) {
      const result = await createIn(bot.id, { type: "menu_handler", script: "x", ...extra });
      assert.strictEqual(result.body.code, code, JSON.stringify(extra));
    }
    const nameOnOther = await createIn(bot.id, { type: "message_handler", script: "x", name: "nope" });
    assert.strictEqual(nameOnOther.body.code, "execution_handler_data_invalid");
    const good = await createIn(bot.id, {
      type: "menu_handler",
      script: "x",
      name: "n".repeat(15),
      icon: "wand/#FFFFFF",
      sub_actions: Array(5).fill({ name: "s".repeat(15), icon: "wand/627282" }),
    });
    assert.strictEqual(good.status, 200, good.text);
  });

  it("updates only the given fields; icon '' and sub_actions [] clear them", async () => {
    const bot = await h.createDelugeBot("Upd");
    const created = await createIn(bot.id, {
      type: "menu_handler",
      name: "Menu",
      icon: "wand/FF5733",
      script: "one",
      sub_actions: [{ name: "Sub" }],
    });
    const id = created.body.data.id;
    const updated = await h.call("update_a_handler_for_a_bot", {
      ...target(bot.id, "menu_handler", id),
      body: { script: "two", icon: "", sub_actions: [] },
    });
    assert.strictEqual(updated.status, 200, updated.text);
    const details = (
      await h.call("get_details_of_a_specific_bot_handler", target(bot.id, "menu_handler", id))
    ).body.data;
    assert.deepStrictEqual(
      [details.script, details.name, details.icon, details.sub_actions],
      ["two", "Menu", undefined, undefined],
    );
    const emptyScript = await h.call("update_a_handler_for_a_bot", {
      ...target(bot.id, "menu_handler", id),
      body: { script: "" },
    });
    assert.strictEqual(emptyScript.body.code, "execution_handler_data_required");
  });

  it("answers the handler GET in the BotHandlerDetailsResponse shape, with permissions for webhook bots", async () => {
    const bot = await h.createWebhookBot("Details");
    const created = await createIn(bot.id, { type: "call_handler", permissions: ["user"] });
    const details = await h.call(
      "get_details_of_a_specific_bot_handler",
      target(`b-${bot.id}`, "call_handler"),
    );
    assert.strictEqual(details.body.url, `/api/v3/bots/b-${bot.id}/handlers/call_handler`);
    assert.strictEqual(details.body.type, "execution_handler");
    assert.strictEqual(details.body.data.handler_id, created.body.data.id);
    assert.strictEqual(details.body.data.return_type, "MAP");
    assert.ok(Array.isArray(details.body.data.params) && details.body.data.params.length > 0);
    assert.deepStrictEqual(details.body.data.permissions, ["user"]);
  });

  it("refuses to delete a configured default handler type, and reports missing handlers and bots", async () => {
    const bot = await h.createDelugeBot("Defaults");
    await createIn(bot.id, { type: "message_handler", script: "x" });
    const refused = await h.call("delete_a_handler_from_a_bot", target(bot.id, "message_handler"));
    assert.deepStrictEqual([refused.status, refused.body.code], [400, "default_handler_delete_not_allowed"]);
    const missing = await h.call("delete_a_handler_from_a_bot", target(bot.id, "mention_handler"));
    assert.deepStrictEqual([missing.status, missing.body.code], [404, "execution_handler_not_found"]);
    const noBot = await h.call("get_details_of_a_specific_bot_handler", target("b-1", "message_handler"));
    assert.deepStrictEqual([noBot.status, noBot.body.code], [404, "bot_not_found"]);
    const noBotCreate = await createIn("1", { type: "message_handler", script: "x" });
    assert.deepStrictEqual([noBotCreate.status, noBotCreate.body.code], [404, "bot_not_found"]);
  });
});
