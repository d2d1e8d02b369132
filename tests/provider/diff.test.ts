import { strict as assert } from "node:assert";
import { diffBot } from "../../provider/resources/bot/diff";
import { checkBotInputs, type BotInputs } from "../../provider/resources/bot/inputs";
import {
  outputsAfterRead,
  outputsAfterWrite,
  toUpdateRequest,
  type BotOutputs,
} from "../../provider/resources/bot/mapping";
import { diffChannelAssociation } from "../../provider/resources/channel-association/diff";
import { diffHandler } from "../../provider/resources/handler/diff";
import { checkHandlerInputs, type HandlerInputs } from "../../provider/resources/handler/inputs";
import {
  toUpdateRequest as toHandlerUpdateRequest,
  type HandlerOutputs,
} from "../../provider/resources/handler/mapping";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import type { Bot } from "../../provider/client/api";

function botInputs(news: Record<string, unknown>): BotInputs {
  const { inputs, failures } = checkBotInputs(news);
  assert.deepEqual(failures, []);
  return inputs;
}

const base = {
  name: "Pipeline Alerts",
  description: "CI/CD alerts",
  scope: "team",
  teamIds: ["98765432"],
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq",
  statusMessages: ["Watching"],
  channelParticipation: ["listen_message", "send_message"],
  calls: "enabled",
};

/** The bot as Cliq would answer for `base` (snake_case, extra computed fields). */
const apiBot: Bot = {
  id: "53719000002198034",
  unique_name: "pipelinealerts",
  name: "Pipeline Alerts",
  description: "CI/CD alerts",
  scope: "team",
  team_ids: ["98765432"],
  execution_type: "webhook",
  execution_url: "https://ci.example.com/cliq",
  status_messages: ["Watching"],
  channel_participation: ["listen_message", "send_message"],
  calls: "enabled",
  status: "enabled",
  subscriber_count: 1,
};

const olds: BotOutputs = outputsAfterWrite(botInputs(base), apiBot);

describe("Bot diff", () => {
  it("reports no change for the same program", () => {
    assert.deepEqual(diffBot(olds, botInputs(base)), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
      changed: [],
    });
  });

  it("keeps prior values of fields a spec-shaped GET omits, while taking drift from those it carries", () => {
    // BotGetResponse in the spec has no team_ids, status_messages, image or execution_url.
    const { team_ids: _t, status_messages: _s, execution_url: _e, ...getBody } = apiBot;
    const prior = { ...olds, image: "https://example.com/a.png" };
    const refreshed = outputsAfterRead(prior, { ...getBody, description: "edited in Cliq" });
    assert.deepEqual(refreshed.teamIds, ["98765432"]);
    assert.deepEqual(refreshed.statusMessages, ["Watching"]);
    assert.equal(refreshed.executionUrl, "https://ci.example.com/cliq");
    assert.equal(refreshed.image, "https://example.com/a.png");
    assert.equal(refreshed.description, "edited in Cliq");
    assert.deepEqual(diffBot(refreshed, botInputs({ ...base, image: "https://example.com/a.png" })).changed, [
      "description",
    ]);
  });

  it("reports no change after a refresh that normalised values (calls enable -> enabled, numeric team id)", () => {
    const refreshed = outputsAfterRead(olds, { ...apiBot, calls: "enable" });
    assert.equal(refreshed.calls, "enabled");
    const program = botInputs({ ...base, calls: "enable", teamIds: [98765432] });
    assert.equal(diffBot(refreshed, program).changes, false);
  });

  it("never reports a change for handlerTypes, which Cliq reports and no program sets", () => {
    const created = outputsAfterWrite(botInputs(base), { ...apiBot, handlers: [] });
    assert.deepEqual(created.handlerTypes, []);
    const refreshed = outputsAfterRead(created, {
      ...apiBot,
      handlers: [{ type: "message_handler" }, { type: "menu_handler", id: "5", name: "Help" }],
    });
    assert.deepEqual(refreshed.handlerTypes, ["message_handler", "menu_handler"]);
    assert.equal(diffBot(refreshed, botInputs(base)).changes, false);
  });

  it("ignores the order of team ids and channel participation but not of status messages", () => {
    const reordered = botInputs({ ...base, channelParticipation: ["send_message", "listen_message"] });
    assert.equal(diffBot(olds, reordered).changes, false);
    const twoMessages = { ...olds, statusMessages: ["a", "b"] };
    assert.deepEqual(diffBot(twoMessages, botInputs({ ...base, statusMessages: ["b", "a"] })).changed, [
      "statusMessages",
    ]);
  });

  for (const [property, value] of [
    ["name", "Renamed"],
    ["description", "new text"],
    ["scope", "organization"],
    ["executionUrl", "https://ci.example.com/v2"],
    ["statusMessages", ["Other"]],
    ["image", "https://example.com/i.png"],
    ["channelParticipation", ["send_message"]],
    ["calls", "disabled"],
  ] as const) {
    it(`updates ${property} in place`, () => {
      const news = { ...base, [property]: value, ...(property === "scope" ? { teamIds: undefined } : {}) };
      const result = diffBot(olds, botInputs(news));
      assert.ok(result.changed.includes(property));
      assert.deepEqual(result.replaces, []);
    });
  }

  it("replaces the bot when the execution type changes, deleting first when the name stays", () => {
    const result = diffBot(olds, botInputs({ ...base, executionType: "deluge", executionUrl: undefined }));
    assert.deepEqual(result.replaces, ["executionType"]);
    assert.equal(result.deleteBeforeReplace, true);
  });

  it("replaces without deleting first when the name changes too", () => {
    const result = diffBot(
      olds,
      botInputs({ ...base, name: "Pipeline Alerts 2", executionType: "deluge", executionUrl: undefined }),
    );
    assert.deepEqual(result.replaces, ["executionType"]);
    assert.equal(result.deleteBeforeReplace, false);
  });

  it("treats a removed optional argument as a change that clears it", () => {
    const news = botInputs({ ...base, statusMessages: undefined, channelParticipation: undefined });
    const { changed } = diffBot(olds, news);
    assert.deepEqual(changed, ["statusMessages", "channelParticipation"]);
    assert.deepEqual(toUpdateRequest(changed, news), { status_messages: [], channel_participation: [] });
  });

  it("sends only the changed fields in the update body", () => {
    const news = botInputs({ ...base, description: "new", calls: "disable" });
    const { changed } = diffBot(olds, news);
    assert.deepEqual(toUpdateRequest(changed, news), { description: "new", calls: "disabled" });
  });

  it("leaves scope and calls alone when the program leaves them out", () => {
    const news = botInputs({ ...base, scope: undefined, teamIds: undefined, calls: undefined });
    assert.deepEqual(diffBot({ ...olds, teamIds: undefined }, news).changed, []);
  });

  describe("with unknown values during preview", () => {
    it("treats an unknown property as changed", () => {
      assert.deepEqual(diffBot(olds, { ...botInputs(base), description: UNKNOWN }).changed, ["description"]);
      assert.deepEqual(diffBot(olds, { ...botInputs(base), teamIds: ["98765432", UNKNOWN] }).changed, [
        "teamIds",
      ]);
    });

    it("treats an unknown execution type as a replacement, deleting first since the name may stay", () => {
      const result = diffBot(olds, { ...botInputs(base), executionType: UNKNOWN });
      assert.deepEqual(result.replaces, ["executionType"]);
      assert.equal(result.deleteBeforeReplace, true);
    });

    it("deletes first when an unknown name comes with a replacement", () => {
      const news = {
        ...botInputs({ ...base, executionType: "deluge", executionUrl: undefined }),
        name: UNKNOWN,
      };
      assert.equal(diffBot(olds, news).deleteBeforeReplace, true);
    });
  });
});

function handlerInputs(news: Record<string, unknown>): HandlerInputs {
  const { inputs, failures } = checkHandlerInputs(news);
  assert.deepEqual(failures, []);
  return inputs;
}

describe("BotHandler diff", () => {
  const menu = {
    botId: "111",
    type: "menu_handler",
    name: "Help",
    icon: "wand/FF5733",
    permissions: ["chat"],
    subActions: [{ name: "Docs" }],
  };
  const prior: HandlerOutputs = { ...handlerInputs(menu), handlerId: "222", position: 1 };

  it("reports no change for the same program, whatever the bot id form", () => {
    assert.equal(diffHandler(prior, handlerInputs({ ...menu, botId: "b-111" })).changes, false);
    assert.equal(diffHandler({ ...prior, botId: "b-111" }, handlerInputs(menu)).changes, false);
  });

  it("replaces on a new bot or type", () => {
    assert.deepEqual(diffHandler(prior, handlerInputs({ ...menu, botId: "333" })).replaces, ["botId"]);
    const typeChange = handlerInputs({ botId: "111", type: "message_handler", permissions: ["chat"] });
    assert.ok(diffHandler(prior, typeChange).replaces.includes("type"));
  });

  it("updates script, permissions, name, icon and sub actions in place", () => {
    const result = diffHandler(
      prior,
      handlerInputs({
        ...menu,
        name: "Help!",
        icon: "wand/000000",
        permissions: ["user"],
        subActions: [{ name: "FAQ" }],
      }),
    );
    assert.deepEqual(result.changed, ["permissions", "name", "icon", "subActions"]);
    assert.deepEqual(result.replaces, []);
  });

  it("sends only the changed handler fields, in the API's names", () => {
    const news = handlerInputs({
      ...menu,
      name: "Help!",
      subActions: [{ name: "FAQ", icon: "wand/000000" }],
    });
    const { changed } = diffHandler(prior, news);
    assert.deepEqual(toHandlerUpdateRequest(changed, news), {
      name: "Help!",
      sub_actions: [{ name: "FAQ", icon: "wand/000000" }],
    });
  });

  it("clears a removed icon and removed sub actions with their empty values", () => {
    const news = handlerInputs({ ...menu, icon: undefined, subActions: undefined });
    const { changed } = diffHandler(prior, news);
    assert.deepEqual(changed, ["icon", "subActions"]);
    assert.deepEqual(toHandlerUpdateRequest(changed, news), { icon: "", sub_actions: [] });
  });

  it("sees a changed sub action icon", () => {
    const result = diffHandler(
      prior,
      handlerInputs({ ...menu, subActions: [{ name: "Docs", icon: "wand/FFFFFF" }] }),
    );
    assert.deepEqual(result.changed, ["subActions"]);
  });

  it("treats an unknown bot id as a replacement", () => {
    const result = diffHandler(prior, { ...handlerInputs(menu), botId: UNKNOWN });
    assert.deepEqual(result.replaces, ["botId"]);
  });
});

describe("ChannelAssociation diff", () => {
  const prior = { botUniqueName: "alerts", channelUniqueName: "ops" };

  it("reports no change for the same pair", () => {
    assert.equal(diffChannelAssociation(prior, { ...prior }).changes, false);
  });

  it("replaces when either name changes or is unknown", () => {
    assert.deepEqual(diffChannelAssociation(prior, { ...prior, channelUniqueName: "dev" }).replaces, [
      "channelUniqueName",
    ]);
    assert.deepEqual(diffChannelAssociation(prior, { ...prior, botUniqueName: UNKNOWN }).replaces, [
      "botUniqueName",
    ]);
  });
});
