import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";

interface Read {
  type: string;
  name: string;
  id: string;
  inputs: Record<string, unknown>;
}
const reads: Read[] = [];

function useMocks(): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.id) reads.push({ type: args.type, name: args.name, id: args.id, inputs: args.inputs });
        return { id: args.id || `${args.name}-id`, state: { ...args.inputs } };
      },
      call: () => ({}),
    },
    "cliq-project",
    "dev",
    true,
  );
}

function resolved<T>(value: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => value.apply((v) => resolve(v)));
}

describe("SDK get(name, id, state?, opts?): Pulumi's lookup shape", () => {
  let cliq: typeof import("../../sdk");
  before(async () => {
    cliq = await import("../../sdk");
    useMocks();
  });
  beforeEach(() => {
    reads.length = 0;
  });

  it("reads a bot by id starting from the state given, with the options given", async () => {
    const host = "https://cliq.zoho.eu";
    const bot = cliq.Bot.get("existing", "53719000002198034", { apiHost: host }, { protect: true });
    assert.equal(await resolved(bot.id), "53719000002198034");
    assert.equal(reads.length, 1);
    assert.equal(reads[0]!.type, "pulumi-nodejs:dynamic/cliq:Bot");
    assert.equal(reads[0]!.inputs.apiHost, host);
  });

  it("reads handlers and channel associations by composite id, state optional", async () => {
    const handler = cliq.BotHandler.get("h", "53719000002198034/welcome_handler", undefined, {});
    const association = cliq.ChannelAssociation.get("a", "alerts/ops", { channelUniqueName: "ops" });
    await resolved(pulumi.all([handler.id, association.id]));
    assert.deepEqual(reads.map((read) => read.id).sort(), [
      "53719000002198034/welcome_handler",
      "alerts/ops",
    ]);
    assert.equal(reads.find((read) => read.name === "a")!.inputs.channelUniqueName, "ops");
  });

  it("never checks a looked-up handler against the bot its state names", async () => {
    const bot = new cliq.Bot("owner", { name: "Owner", description: "d" });
    new cliq.BotHandler("welcome", { botId: bot, type: "welcome_handler", script: "x;" });
    // Declared, the same type on the same bot (bot.id) would be refused; read by id, it is Cliq's to answer.
    const again = cliq.BotHandler.get("welcome-again", "53719000002198034/welcome_handler", {
      botId: bot.id,
      type: "welcome_handler",
    });
    await resolved(again.id);
    assert.ok(reads.some((read) => read.name === "welcome-again"));
    assert.throws(
      () => new cliq.BotHandler("welcome-twice", { botId: bot.id, type: "welcome_handler", script: "y;" }),
      /type: a bot has one handler of each type/,
    );
  });
});
