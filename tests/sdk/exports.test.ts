import { strict as assert } from "node:assert";
import type * as sdk from "../../sdk";

describe("published entry points", () => {
  it("gives users the three resources, the bot lookups and no serialization internals", async () => {
    const root = await import("../../sdk");
    const lookups = ["getBot", "getBotOutput", "listBots"];
    assert.deepEqual(Object.keys(root).sort(), ["Bot", "BotHandler", "ChannelAssociation", ...lookups]);
    // The argument value types are importable from the root (a compile-time check).
    const types: [sdk.ExecutionType, sdk.Scope, sdk.CallsSpelling, sdk.HandlerType] = [
      "webhook",
      "team",
      "enabled",
      "menu_handler",
    ];
    assert.equal(types.length, 4);
  });

  it("gives hosts the providers, their factory and the property tables, no internals", async () => {
    const provider = await import("../../provider");
    assert.deepEqual(Object.keys(provider).sort(), [
      "BOT_OUTPUTS",
      "BOT_PROPERTIES",
      "CHANNEL_ASSOCIATION_PROPERTIES",
      "HANDLER_OUTPUTS",
      "HANDLER_PROPERTIES",
      "bot",
      "botHandler",
      "channelAssociation",
      "createProviders",
    ]);
  });
});
