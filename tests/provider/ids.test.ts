import { strict as assert } from "node:assert";
import {
  channelAssociationId,
  parseChannelAssociationId,
} from "../../provider/resources/channel-association/mapping";
import { handlerResourceId, parseHandlerResourceId } from "../../provider/resources/handler/mapping";

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
});
