import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CliqClient } from "../../provider/client";

const TOKEN = "sdk-lookup-token-4c1d9e";
const registered: string[] = [];

/** Mocks for a preview (`isDryRun`): lookups must work there and register nothing. */
function useMocks(preview: boolean): void {
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push(args.name);
        return { id: args.id || `${args.name}-id`, state: { ...args.inputs, uniqueName: "looked-up" } };
      },
      call: () => ({}),
    },
    "cliq-project",
    "dev",
    preview,
  );
}

function output<T>(value: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => value.apply((v) => resolve(v)));
}

describe("SDK getBot / listBots: program-time reads over real HTTP (emulator on port 0)", () => {
  let cliq: typeof import("../../sdk");
  let emulator: RunningEmulator;
  const saved = { ...process.env };
  let botId: string;

  before(async () => {
    cliq = await import("../../sdk");
    emulator = await startEmulator({ port: 0, tokens: [TOKEN] });
    const api = new CliqClient({ apiUrl: emulator.apiUrl, accessToken: TOKEN, logger: { warn: () => {} } });
    botId = String((await api.createBot({ name: "Ops Bot", description: "On-call" })).id);
    await api.createBot({ name: "Support Desk", description: "Support", execution_type: "deluge" });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    registered.length = 0;
    for (const key of Object.keys(process.env)) if (key.startsWith("CLIQ_")) delete process.env[key];
    useMocks(true);
    pulumi.runtime.setAllConfig({ "cliq:apiUrl": emulator.apiUrl, "cliq:accessToken": TOKEN }, [
      "cliq:accessToken",
    ]);
  });
  afterEach(() => {
    for (const key of ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS", "CLIQ_API_URL", "CLIQ_ACCESS_TOKEN"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  it("reads a bot by name during a preview, returns plain data and registers nothing", async () => {
    const bot = await cliq.getBot({ name: "ops bot" });
    assert.equal(bot.id, botId);
    assert.equal(bot.botId, botId);
    assert.equal(bot.name, "Ops Bot");
    assert.equal(bot.uniqueName, "opsbot");
    assert.equal(bot.executionType, "deluge");
    assert.equal(bot.apiHost, new URL(emulator.apiUrl).origin);
    assert.equal(pulumi.Output.isInstance(bot.uniqueName), false);
    assert.deepEqual(registered, []);
  });

  it("finds the same bot by id, b- id and unique name", async () => {
    for (const query of [{ id: botId }, { id: `b-${botId}` }, { uniqueName: "opsbot" }]) {
      assert.equal((await cliq.getBot(query)).name, "Ops Bot");
    }
  });

  it("lists every bot the credentials see", async () => {
    const bots = await cliq.listBots();
    assert.deepEqual(bots.map((bot) => bot.uniqueName).sort(), ["opsbot", "supportdesk"]);
    assert.deepEqual(registered, []);
  });

  it("feeds a looked-up unique name into a resource of the program", async () => {
    const ops = await cliq.getBot({ name: "Ops Bot" });
    const association = new cliq.ChannelAssociation("ops-in-alerts", {
      botUniqueName: ops.uniqueName,
      channelUniqueName: "alerts",
    });
    assert.equal(await output(association.botUniqueName), "opsbot");
    assert.deepEqual(registered, ["ops-in-alerts"]);
  });

  it("gives an Output form that waits for its inputs", async () => {
    const bot = cliq.getBotOutput({ uniqueName: pulumi.output("opsbot") });
    assert.equal(await output(bot.id), botId);
  });

  it("fails naming the query when no bot matches", async () => {
    await assert.rejects(cliq.getBot({ name: "Nobody" }), /getBot: no bot with name "Nobody"/);
  });

  it("refuses a query with two keys before any request", async () => {
    await assert.rejects(
      cliq.getBot({ name: "Ops Bot", uniqueName: "opsbot" } as never),
      /exactly one of id, name or uniqueName \(got name and uniqueName\)/,
    );
  });

  it("uses CLIQ_* variables when the stack config has none, as the provider does", async () => {
    pulumi.runtime.setAllConfig({});
    process.env.CLIQ_API_URL = emulator.apiUrl;
    process.env.CLIQ_ACCESS_TOKEN = TOKEN;
    assert.equal((await cliq.getBot({ uniqueName: "opsbot" })).id, botId);
  });

  it("takes the stack's credentials over CLIQ_* ones, never mixing them", async () => {
    process.env.CLIQ_ACCESS_TOKEN = "a-shell-token-that-the-emulator-refuses";
    assert.equal((await cliq.getBot({ uniqueName: "opsbot" })).id, botId);
  });

  it("fails on a refused token with a hint, and never shows the token", async () => {
    const wrong = "wrong-token-7f3e11aa";
    pulumi.runtime.setAllConfig({ "cliq:apiUrl": emulator.apiUrl, "cliq:accessToken": wrong });
    const error = await cliq.listBots().then(
      () => assert.fail("expected a refusal"),
      (failure: Error) => failure,
    );
    assert.match(error.message, /cliq:accessToken/);
    assert.equal(error.message.includes(wrong), false);
  });

  it("reads through a profile of cliq:profiles when asked, and names an unknown profile", async () => {
    const profiles = { eu: { apiUrl: emulator.apiUrl, accessToken: TOKEN } };
    pulumi.runtime.setAllConfig({ "cliq:profiles": JSON.stringify(profiles) }, ["cliq:profiles"]);
    assert.equal((await cliq.getBot({ uniqueName: "opsbot" }, { profile: "eu" })).id, botId);
    assert.equal((await cliq.listBots({ profile: "eu" })).length, 2);
    await assert.rejects(
      cliq.listBots({ profile: "us" }),
      /profile option names the profile "us", which cliq:profiles does not define; defined: "eu"/,
    );
  });

  it("refuses a malformed stack setting, naming the key", async () => {
    pulumi.runtime.setAllConfig({ "cliq:dataCenter": "mars", "cliq:accessToken": TOKEN });
    await assert.rejects(cliq.getBot({ name: "Ops Bot" }), /cliq:dataCenter is not a Zoho data center/);
  });
});
