import { strict as assert } from "node:assert";
import type { BotArgs } from "../../sdk/bot";
import type { BotHandlerArgs } from "../../sdk/bot-handler";
import type { ChannelAssociationArgs } from "../../sdk/channel-association";
import type { BotInputs } from "../../provider/resources/bot/inputs";
import type { BotOutputs } from "../../provider/resources/bot/mapping";
import { BOT_OUTPUTS, BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import type { ChannelAssociationInputs } from "../../provider/resources/channel-association/inputs";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../../provider/resources/channel-association/properties";
import type { HandlerInputs } from "../../provider/resources/handler/inputs";
import type { HandlerOutputs } from "../../provider/resources/handler/mapping";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "../../provider/resources/handler/properties";

/**
 * `true` only when A and B are the same type (not merely assignable either way). `tsc --noEmit` over the tests
 * is what proves these; the runtime assertions only keep mocha honest about the file.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe("SDK arguments and the property tables", () => {
  it("gives Bot exactly the arguments of the Bot property table", () => {
    const sdkArgs: Equal<keyof BotArgs, keyof typeof BOT_PROPERTIES> = true;
    const checkedInputs: Equal<keyof BotInputs, keyof typeof BOT_PROPERTIES> = true;
    assert.equal(sdkArgs && checkedInputs, true);
  });

  it("gives Bot outputs exactly the arguments plus the computed outputs of the tables", () => {
    const outputs: Equal<keyof BotOutputs, keyof typeof BOT_PROPERTIES | keyof typeof BOT_OUTPUTS> = true;
    assert.equal(outputs, true);
  });

  it("gives BotHandler exactly the arguments of the BotHandler property table", () => {
    const sdkArgs: Equal<keyof BotHandlerArgs, keyof typeof HANDLER_PROPERTIES> = true;
    const checkedInputs: Equal<keyof HandlerInputs, keyof typeof HANDLER_PROPERTIES> = true;
    assert.equal(sdkArgs && checkedInputs, true);
  });

  it("gives BotHandler outputs exactly the arguments plus the computed outputs of the tables", () => {
    const outputs: Equal<
      keyof HandlerOutputs,
      keyof typeof HANDLER_PROPERTIES | keyof typeof HANDLER_OUTPUTS
    > = true;
    assert.equal(outputs, true);
  });

  it("gives ChannelAssociation exactly the arguments of the ChannelAssociation property table", () => {
    const sdkArgs: Equal<keyof ChannelAssociationArgs, keyof typeof CHANNEL_ASSOCIATION_PROPERTIES> = true;
    const checkedInputs: Equal<keyof ChannelAssociationInputs, keyof typeof CHANNEL_ASSOCIATION_PROPERTIES> =
      true;
    assert.equal(sdkArgs && checkedInputs, true);
  });
});
