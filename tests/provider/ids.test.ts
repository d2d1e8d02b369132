import { strict as assert } from "node:assert";
import {
  channelAssociationId,
  parseChannelAssociationId,
} from "../../provider/resources/channel-association/mapping";
import { handlerResourceId, parseHandlerResourceId } from "../../provider/resources/handler/mapping";
import { parseBotResourceId } from "../../provider/resources/bot/mapping";
import { useHarness, type Harness } from "./helpers";

describe("resource ids", () => {
  it("builds handler ids as <botId>/<type>, and <botId>/menu_handler/<handlerId> for menus, with bare bot ids", () => {
    assert.equal(handlerResourceId({ botId: "b-1", type: "message_handler" }), "1/message_handler");
    assert.equal(handlerResourceId({ botId: "1", type: "menu_handler", handlerId: "9" }), "1/menu_handler/9");
  });

  it("parses handler ids back, accepting the b- form", () => {
    assert.deepEqual(parseHandlerResourceId("b-1/welcome_handler"), { botId: "1", type: "welcome_handler" });
    assert.deepEqual(parseHandlerResourceId("1/menu_handler/9"), {
      botId: "1",
      type: "menu_handler",
      handlerId: "9",
    });
  });

  it("refuses malformed handler ids, saying the expected forms", () => {
    for (const id of [
      "1",
      "1/menu_handler",
      "1/message_handler/9",
      "1/menu_handler/9/x",
      "/message_handler",
    ]) {
      assert.throws(
        () => parseHandlerResourceId(id),
        /expected "<botId>\/<handlerType>" or "<botId>\/menu_handler\/<handlerId>"/,
        id,
      );
    }
  });

  it("round-trips channel association ids and refuses malformed ones", () => {
    const address = { botUniqueName: "alerts", channelUniqueName: "ops" };
    assert.deepEqual(parseChannelAssociationId(channelAssociationId(address)), address);
    assert.throws(() => parseChannelAssociationId("alerts"), /<botUniqueName>\/<channelUniqueName>/);
  });

  it("parses Bot ids in either form to the bare id", () => {
    assert.equal(parseBotResourceId("53719000001878011"), "53719000001878011");
    assert.equal(parseBotResourceId("b-53719000001878011"), "53719000001878011");
  });

  const pathChanging = ["..", ".", "../associate", "b-..", "1/../2", "1?x", "1#x", "1%2F2", "1\\2", ""];
  it("refuses Bot ids that are not digits (optionally b-), path-changing text included", () => {
    for (const id of pathChanging) {
      assert.throws(() => parseBotResourceId(id), /is not a Bot id: .*nothing was sent to Cliq/, id);
    }
  });

  it("refuses handler ids whose parts could change a request path", () => {
    for (const id of [
      "../message_handler",
      "1/..",
      "1/menu_handler/..",
      "1/menu_handler/9?x",
      "b-../welcome_handler",
    ]) {
      assert.throws(() => parseHandlerResourceId(id), /is not a BotHandler id/, id);
    }
  });

  it("refuses channel association ids whose unique names could change a request path", () => {
    for (const id of ["../ops", "alerts/..", "alerts/.", "al%2Fx/ops", "alerts\\x/ops"]) {
      assert.throws(() => parseChannelAssociationId(id), /is not a ChannelAssociation id/, id);
    }
    // The channel's name travels in a JSON body, never in a path (tests/hostile/id-shapes.test.ts).
    assert.deepEqual(parseChannelAssociationId("alerts/ops?x"), {
      botUniqueName: "alerts",
      channelUniqueName: "ops?x",
    });
  });
});

describe("resource ids reaching the providers", () => {
  let h: Harness;
  useHarness((started) => (h = started));

  it("fails read, update and delete of a path-changing id with a clear error and sends no request", async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ["Bot.get", () => h.bot.read("../associate", {})],
      ["Bot update", () => h.bot.update("b-..", {}, { name: "n", description: "d" })],
      ["Bot delete", () => h.bot.delete("..", {})],
      ["BotHandler.get", () => h.botHandler.read("1/../x", {})],
      ["ChannelAssociation delete", () => h.channelAssociation.delete("../ops", {})],
    ];
    for (const [what, call] of calls) {
      await assert.rejects(call(), /is not a (Bot|BotHandler|ChannelAssociation) id/, what);
    }
    assert.deepEqual(await h.requests(), []);
    assert.deepEqual(h.warnings, []);
  });
});
