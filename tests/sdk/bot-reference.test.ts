import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { associationBotInputs, botIdInput, deletedWithBot, isBot } from "../../sdk/bot-reference";

const BOT_ID = "53719000002198034";

// The same answers as tests/sdk/program.test.ts's mocks (mocks are process-wide: whichever file loads last wins).
pulumi.runtime.setMocks(
  {
    newResource(args) {
      const isBotType = args.type.endsWith(":Bot");
      const computed = isBotType
        ? {
            uniqueName: String(args.inputs.name ?? "looked-up")
              .toLowerCase()
              .replace(/[^a-z0-9]/g, ""),
            botId: BOT_ID,
          }
        : {};
      return {
        id: args.id || (isBotType ? BOT_ID : `${args.name}-id`),
        state: { ...args.inputs, ...computed },
      };
    },
    call: () => ({}),
  },
  "cliq-project",
  "dev",
  false,
);

function output<T>(value: pulumi.Input<T> | undefined): Promise<T | undefined> {
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

describe("SDK: a Bot given where a bot id or unique name goes", () => {
  let cliq: typeof import("../../sdk");
  before(async () => {
    cliq = await import("../../sdk");
  });
  const newBot = (name: string) => new cliq.Bot(name, { name: `Bot ${name}`, description: "d" });

  it("tells a Bot resource from a plain id, unique name or output", () => {
    const bot = newBot("kind");
    assert.equal(isBot(bot), true);
    assert.equal(isBot("53719000002198034"), false);
    assert.equal(isBot(bot.id), false);
    assert.equal(isBot(undefined), false);
  });

  it("defaults deletedWith to the Bot and keeps the other options", () => {
    const bot = newBot("owner");
    const options = deletedWithBot(bot, { protect: true });
    assert.equal(options?.deletedWith, bot);
    assert.equal(options?.protect, true);
    assert.equal(deletedWithBot(bot, undefined)?.deletedWith, bot);
  });

  it("never overrides a deletedWith the user gave", () => {
    const bot = newBot("mine");
    const other = newBot("theirs");
    assert.equal(deletedWithBot(bot, { deletedWith: other })?.deletedWith, other);
  });

  it("leaves the options alone for a plain id or unique name", () => {
    const opts = { protect: true };
    assert.equal(deletedWithBot("53719000002198034", opts), opts);
    assert.equal(deletedWithBot(pulumi.output("opsbot"), undefined), undefined);
  });

  it("never ties a resource to a bot from Bot.get, which the program does not delete", () => {
    const found = cliq.Bot.get("found", BOT_ID);
    assert.equal(deletedWithBot(found, undefined), undefined);
  });

  it("resolves a handler's Bot to its id and passes a plain id through", async () => {
    const bot = newBot("handler-owner");
    assert.equal(await output(botIdInput(bot)), BOT_ID);
    assert.equal(botIdInput("b-42"), "b-42");
  });

  it("resolves an association's Bot to its unique name and id; the plain form has the unique name alone", async () => {
    const bot = newBot("Member");
    const inputs = associationBotInputs(bot);
    assert.deepEqual([await output(inputs.botUniqueName), await output(inputs.botId)], ["botmember", BOT_ID]);
    assert.deepEqual(associationBotInputs("opsbot"), { botUniqueName: "opsbot" });
  });

  it("recognises the Bot's own outputs: bot.botId goes as bot.id, bot.uniqueName carries the bot's id", () => {
    const bot = newBot("Outputs");
    // The same output objects: known during a preview of a bot update (the id), or recognised as the bot's.
    assert.equal(botIdInput(bot.id), bot.id);
    assert.equal(botIdInput(bot.botId), bot.id);
    assert.deepEqual(associationBotInputs(bot.uniqueName), { botUniqueName: bot.uniqueName, botId: bot.id });
  });

  it("leaves values derived from the Bot's outputs as given: they may be anything", () => {
    const bot = newBot("Derived");
    const derivedName = bot.uniqueName.apply((name) => `${name}`);
    const derivedId = bot.botId.apply((id) => id);
    assert.deepEqual(associationBotInputs(derivedName), { botUniqueName: derivedName });
    assert.equal(botIdInput(derivedId), derivedId);
    // An id where a unique name goes is not the bot's unique name either.
    assert.deepEqual(associationBotInputs(bot.id), { botUniqueName: bot.id });
  });

  it("registers BotHandler and ChannelAssociation given the Bot with the bot's id and unique name", async () => {
    const bot = newBot("Registered");
    const handler = new cliq.BotHandler("registered-messages", {
      botId: bot,
      type: "message_handler",
      script: "return {};",
    });
    const membership = new cliq.ChannelAssociation("registered-in-ops", {
      botUniqueName: bot,
      channelUniqueName: "ops",
    });
    const recordedBotId = (membership as unknown as { botId: pulumi.Output<string> }).botId;
    assert.deepEqual(
      [await output(handler.botId), await output(membership.botUniqueName), await output(recordedBotId)],
      [BOT_ID, "botregistered", BOT_ID],
    );
  });
});
