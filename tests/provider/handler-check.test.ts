import { strict as assert } from "node:assert";
import { PERMISSIONS_BY_HANDLER } from "../../cliq-api/operations";
import { checkHandlerInputs, ICON_PATTERN } from "../../provider/resources/handler/inputs";
import { UNKNOWN } from "../../provider/resources/shared/unknown";

const deluge = { botId: "53719000001878011", type: "message_handler", script: "return Map();" };
const webhook = { botId: "53719000001878011", type: "message_handler", permissions: ["chat", "user"] };
const menu = { botId: "53719000001878011", type: "menu_handler", name: "Help", permissions: ["chat"] };

const failingCases: { rule: string; news: Record<string, unknown>; property: string; reason: RegExp }[] = [
  {
    rule: "botId is required",
    news: { type: "message_handler", script: "x" },
    property: "botId",
    reason: /is required/,
  },
  {
    rule: "botId is a bot id",
    news: { ...deluge, botId: "bot-1" },
    property: "botId",
    reason: /digits, optionally prefixed "b-"/,
  },
  { rule: "type is required", news: { botId: "1", script: "x" }, property: "type", reason: /is required/ },
  {
    rule: "type is an enum",
    news: { ...deluge, type: "alert_handler" },
    property: "type",
    reason: /one of welcome_handler,/,
  },
  {
    rule: "script or permissions is required",
    news: { botId: "1", type: "message_handler" },
    property: "script",
    reason: /one of script \(Deluge bots\) or permissions \(webhook bots\) is required/,
  },
  {
    rule: "not both script and permissions",
    news: { ...deluge, permissions: ["chat"] },
    property: "permissions",
    reason: /either script .* or permissions .*not both/,
  },
  {
    rule: "script at most 250 KB of UTF-8",
    news: { ...deluge, script: "é".repeat(128 * 1024) },
    property: "script",
    reason: /at most 256000 bytes \(250 KB\).*\(got 262144\)/,
  },
  {
    rule: "menu name must not be only whitespace",
    news: { ...menu, name: "  " },
    property: "name",
    reason: /must not be only whitespace/,
  },
  {
    rule: "sub action names must not be only whitespace",
    news: { ...menu, subActions: [{ name: "Docs" }, { name: " " }] },
    property: "subActions[1].name",
    reason: /must not be only whitespace/,
  },
  {
    rule: "botId never changes a request path",
    news: { ...deluge, botId: "b-../associate" },
    property: "botId",
    reason: /digits, optionally prefixed "b-"/,
  },
  {
    rule: "script must not be blank",
    news: { ...deluge, script: "  " },
    property: "script",
    reason: /must not be empty/,
  },
  {
    rule: "at most 5 permissions",
    news: { ...webhook, permissions: ["chat", "user", "message", "location", "attachments", "chat"] },
    property: "permissions",
    reason: /at most 5 items \(got 6\)/,
  },
  {
    rule: "at least one permission",
    news: { ...webhook, permissions: [] },
    property: "permissions",
    reason: /at least 1/,
  },
  {
    rule: "permissions from the known set",
    news: { ...webhook, permissions: ["chat", "camera"] },
    property: "permissions[1]",
    reason: /one of chat, message, user, location, attachments/,
  },
  {
    rule: "permissions allowed for the handler type",
    news: { ...webhook, type: "welcome_handler", permissions: ["user", "chat"] },
    property: "permissions[1]",
    reason: /"chat" is not available for welcome_handler \(allowed: user\)/,
  },
  {
    rule: "call_handler uses the alert_handler row",
    news: { ...webhook, type: "call_handler", permissions: ["message"] },
    property: "permissions[0]",
    reason: /not available for call_handler \(allowed: user\)/,
  },
  {
    rule: "menu handlers refuse message permission (matrix)",
    news: { ...menu, permissions: ["chat", "message"] },
    property: "permissions[1]",
    reason: /not available for menu_handler/,
  },
  {
    rule: "permissions without duplicates",
    news: { ...webhook, permissions: ["chat", "chat"] },
    property: "permissions[1]",
    reason: /duplicate/,
  },
  {
    rule: "menu handlers need a name",
    news: { ...menu, name: undefined },
    property: "name",
    reason: /required for menu_handler/,
  },
  {
    rule: "menu name at most 15 characters",
    news: { ...menu, name: "A very long menu label" },
    property: "name",
    reason: /at most 15 characters \(got 22\)/,
  },
  {
    rule: "name only for menu handlers",
    news: { ...deluge, name: "Help" },
    property: "name",
    reason: /only for menu_handler \(type is message_handler\)/,
  },
  {
    rule: "icon only for menu handlers",
    news: { ...deluge, icon: "wand/FF5733" },
    property: "icon",
    reason: /only for menu_handler/,
  },
  {
    rule: "subActions only for menu handlers",
    news: { ...deluge, subActions: [{ name: "x" }] },
    property: "subActions",
    reason: /only for menu_handler/,
  },
  {
    rule: "icon format",
    news: { ...menu, icon: "wand" },
    property: "icon",
    reason: /"<icon-name>\/<HEX colour>" such as "wand\/FF5733"/,
  },
  {
    rule: "icon colour is 6 hex digits",
    news: { ...menu, icon: "wand/GG5733" },
    property: "icon",
    reason: /HEX colour/,
  },
  {
    rule: "at most 5 sub actions",
    news: { ...menu, subActions: Array.from({ length: 6 }, (_, i) => ({ name: `a${i}` })) },
    property: "subActions",
    reason: /at most 5 items \(got 6\)/,
  },
  {
    rule: "sub action name at most 15 characters",
    news: { ...menu, subActions: [{ name: "ok" }, { name: "Sixteen chars!!!" }] },
    property: "subActions[1].name",
    reason: /at most 15 characters \(got 16\)/,
  },
  {
    rule: "sub action needs a name",
    news: { ...menu, subActions: [{ icon: "wand/FFFFFF" }] },
    property: "subActions[0].name",
    reason: /is required/,
  },
  {
    rule: "sub action icon format",
    news: { ...menu, subActions: [{ name: "a", icon: "red" }] },
    property: "subActions[0].icon",
    reason: /HEX colour/,
  },
  {
    rule: "sub action is an object",
    news: { ...menu, subActions: ["Docs"] },
    property: "subActions[0]",
    reason: /must be an object/,
  },
  {
    rule: "adoptExisting is a boolean",
    news: { ...deluge, adoptExisting: 1 },
    property: "adoptExisting",
    reason: /true or false/,
  },
];

describe("BotHandler check", () => {
  for (const { rule, news, property, reason } of failingCases) {
    it(`refuses input breaking "${rule}" and names ${property}`, () => {
      const { failures } = checkHandlerInputs(news);
      const match = failures.find((failure) => failure.property === property);
      assert.ok(match, `no failure for ${property}; got ${JSON.stringify(failures)}`);
      assert.match(match.reason, reason);
    });
  }

  it("accepts a Deluge handler and a webhook handler", () => {
    assert.deepEqual(checkHandlerInputs(deluge).failures, []);
    assert.deepEqual(checkHandlerInputs(webhook).failures, []);
  });

  it("normalises a b- bot id to the bare id", () => {
    assert.equal(
      checkHandlerInputs({ ...deluge, botId: "b-53719000001878011" }).inputs.botId,
      "53719000001878011",
    );
  });

  it("accepts every permission of each handler type's matrix row", () => {
    for (const [type, allowed] of Object.entries(PERMISSIONS_BY_HANDLER)) {
      const news = {
        botId: "1",
        type,
        permissions: [...allowed],
        ...(type === "menu_handler" ? { name: "M" } : {}),
      };
      assert.deepEqual(checkHandlerInputs(news).failures, [], type);
    }
  });

  it("accepts a menu handler with icon and sub actions as in the README", () => {
    const { failures, inputs } = checkHandlerInputs({
      ...menu,
      icon: "wand/FF5733",
      subActions: [{ name: "Docs" }],
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.subActions, [{ name: "Docs" }]);
  });

  it("takes the icon forms of the spec's examples", () => {
    for (const icon of ["wand/FF5733", "emoji-name/FF5733", "wand/#FFFFFF", "wand/627282"]) {
      assert.match(icon, ICON_PATTERN);
    }
    for (const icon of ["wand", "/FF5733", "wand/FFF", "wand/FF5733/x", "wand FF5733"]) {
      assert.doesNotMatch(icon, ICON_PATTERN);
    }
  });

  it("accepts a script of exactly 250 KB", () => {
    assert.deepEqual(checkHandlerInputs({ ...deluge, script: "a".repeat(250 * 1024) }).failures, []);
  });

  describe("with unknown values during preview", () => {
    it("accepts an unknown bot id (the bot is created in the same update)", () => {
      assert.deepEqual(checkHandlerInputs({ ...deluge, botId: UNKNOWN }).failures, []);
    });

    it("accepts an unknown script without asking for permissions", () => {
      assert.deepEqual(
        checkHandlerInputs({ botId: "1", type: "message_handler", script: UNKNOWN }).failures,
        [],
      );
    });

    it("skips the permission matrix when the type is unknown", () => {
      assert.deepEqual(
        checkHandlerInputs({ botId: "1", type: UNKNOWN, permissions: ["attachments"] }).failures,
        [],
      );
    });

    it("accepts unknown menu-only arguments on another handler type, since they may resolve to nothing", () => {
      assert.deepEqual(checkHandlerInputs({ ...deluge, name: UNKNOWN, icon: UNKNOWN }).failures, []);
    });

    it("accepts an unknown permission element", () => {
      assert.deepEqual(checkHandlerInputs({ ...webhook, permissions: ["chat", UNKNOWN] }).failures, []);
    });
  });
});
