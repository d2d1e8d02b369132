/**
 * The SDK's `profile` argument under `pulumi.runtime.setMocks`: what each resource registers, and the default a
 * handler or membership takes from the `Bot` it is given.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";

const registered = new Map<string, Record<string, unknown>>();

/** Mocks are process-wide (the last `setMocks` wins), so this suite installs its own before each test. */
function useMocks(): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.set(args.name, args.inputs);
        const id = args.id || (args.type.endsWith(":Bot") ? "53719000002198034" : `${args.name}-id`);
        return { id, state: { ...args.inputs, uniqueName: "alerts", botId: "53719000002198034" } };
      },
      call: () => ({}),
    },
    "cliq-project",
    "dev",
    false,
  );
}

/** The inputs a resource registered, once the program's outputs settled. */
async function inputsOf(resource: pulumi.CustomResource, name: string): Promise<Record<string, unknown>> {
  await new Promise((resolve) => resource.urn.apply(resolve));
  return registered.get(name)!;
}

describe("SDK profile argument", () => {
  let cliq: typeof import("../../sdk");
  before(async () => {
    cliq = await import("../../sdk");
  });
  beforeEach(() => {
    useMocks();
    registered.clear();
  });

  it("registers a bot's profile as a plain input", async () => {
    const bot = new cliq.Bot("eu-bot", { name: "Alerts", description: "d", profile: "eu" });
    assert.equal((await inputsOf(bot, "eu-bot")).profile, "eu");
  });

  it("gives a handler and a membership given the Bot itself the bot's profile", async () => {
    const bot = new cliq.Bot("eu-bot", { name: "Alerts", description: "d", profile: "eu" });
    const handler = new cliq.BotHandler("eu-handler", { botId: bot, type: "message_handler", script: "x" });
    const member = new cliq.ChannelAssociation("eu-member", { botUniqueName: bot, channelUniqueName: "ops" });
    assert.equal((await inputsOf(handler, "eu-handler")).profile, "eu");
    assert.equal((await inputsOf(member, "eu-member")).profile, "eu");
  });

  it("gives a handler given bot.id and a membership given bot.uniqueName the bot's profile too", async () => {
    const bot = new cliq.Bot("eu-bot", { name: "Alerts", description: "d", profile: "eu" });
    const handler = new cliq.BotHandler("eu-handler", {
      botId: bot.id,
      type: "message_handler",
      script: "x",
    });
    const member = new cliq.ChannelAssociation("eu-member", {
      botUniqueName: bot.uniqueName,
      channelUniqueName: "ops",
    });
    assert.equal((await inputsOf(handler, "eu-handler")).profile, "eu");
    assert.equal((await inputsOf(member, "eu-member")).profile, "eu");
  });

  it("lets an explicit profile win over the bot's", async () => {
    const bot = new cliq.Bot("eu-bot", { name: "Alerts", description: "d", profile: "eu" });
    const handler = new cliq.BotHandler("us-handler", {
      botId: bot,
      type: "message_handler",
      script: "x",
      profile: "us",
    });
    assert.equal((await inputsOf(handler, "us-handler")).profile, "us");
  });

  it("takes no profile from a bot id or unique name written as plain text", async () => {
    new cliq.Bot("eu-bot", { name: "Alerts", description: "d", profile: "eu" });
    const handler = new cliq.BotHandler("plain", {
      botId: "53719000002198034",
      type: "message_handler",
      script: "x",
    });
    const member = new cliq.ChannelAssociation("plain-member", {
      botUniqueName: "alerts",
      channelUniqueName: "ops",
    });
    assert.equal((await inputsOf(handler, "plain")).profile, undefined);
    assert.equal((await inputsOf(member, "plain-member")).profile, undefined);
  });
});
