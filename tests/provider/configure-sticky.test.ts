import { strict as assert } from "node:assert";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { createProviders } from "../../provider/resources/providers";
import type { CliqResourceProvider } from "../../provider/resources/shared/provider-deps";
import { StackConfiguration } from "../../provider/config";
import { configurationDeps } from "../../provider/resources/shared/runtime";

type Env = Record<string, string | undefined>;

/** The stack config as Pulumi's dynamic-provider host hands it to `configure`. */
function stackConfig(values: Record<string, string>): { config: { get(key: string): string | undefined } } {
  return { config: { get: (key) => values[key] } };
}

/** Every later call a provider gets, each with plausible arguments. */
function laterCalls(bot: CliqResourceProvider): [string, () => Promise<unknown>][] {
  const news = { name: "Alerts", description: "d", executionType: "deluge" };
  return [
    ["check", () => bot.check({}, news)],
    ["diff", () => bot.diff("1", news, news)],
    ["create", () => bot.create(news)],
    ["read", () => bot.read("1", {})],
    ["update", () => bot.update("1", news, { ...news, description: "e" })],
    ["delete", () => bot.delete("1", {})],
  ];
}

describe("configure: a refused stack config is kept for the whole process", () => {
  let envEmulator: RunningEmulator;
  /** A complete, working set of CLIQ_* variables: what a quiet fallback would use. */
  let env: Env;

  before(async () => {
    envEmulator = await startEmulator({ tokens: ["env-token"] });
    env = { CLIQ_API_URL: envEmulator.apiUrl, CLIQ_ACCESS_TOKEN: "env-token" };
  });
  after(() => envEmulator.close());
  beforeEach(() => new EmulatorControl(envEmulator.url).reset());

  function providersOver(configuration: StackConfiguration) {
    return createProviders(configurationDeps(configuration));
  }

  const refusals: [string, Record<string, string>, RegExp][] = [
    [
      "a bad data center",
      { "cliq:dataCenter": "mars", "cliq:accessToken": "t" },
      /cliq:dataCenter is not a Zoho data center \(got "mars"\)/,
    ],
    [
      "a malformed URL",
      { "cliq:apiUrl": "not a url", "cliq:accessToken": "t" },
      /cliq:apiUrl is not a valid/,
    ],
    ["partial credentials", { "cliq:clientId": "1000.ID" }, /needs cliq:clientSecret and cliq:refreshToken/],
    [
      "a tokenCache that is not true or false",
      { "cliq:tokenCache": "yes", "cliq:accessToken": "t" },
      /true or false/,
    ],
  ];
  for (const [what, values, message] of refusals) {
    it(`fails configure and then every call, check and diff included, on ${what}; never uses CLIQ_*`, async () => {
      const { bot } = providersOver(new StackConfiguration(() => env));
      const refusal = await bot.configure(stackConfig(values)).then(
        () => assert.fail("configure accepted a broken config"),
        (error: Error) => error,
      );
      assert.match(refusal.message, message);
      for (const [method, call] of laterCalls(bot)) {
        await assert.rejects(call(), (error: Error) => error.message === refusal.message, method);
      }
      assert.deepEqual(await new EmulatorControl(envEmulator.url).requests(), []);
    });
  }

  it("keeps the refusal when another resource kind's configure runs later with a working config", async () => {
    const configuration = new StackConfiguration(() => env);
    const { bot, botHandler } = providersOver(configuration);
    await assert.rejects(bot.configure(stackConfig({ "cliq:dataCenter": "mars" })), /mars/);
    await assert.rejects(botHandler.configure(stackConfig({ "cliq:accessToken": "t" })), /mars/);
    await assert.rejects(botHandler.check({}, { botId: "1", type: "message_handler", script: "x" }), /mars/);
  });

  it("uses the environment only when configure never ran", async () => {
    const { bot } = providersOver(new StackConfiguration(() => env));
    const { inputs } = await bot.check({}, { name: "From Env", description: "d" });
    await bot.create(inputs);
    const state = await new EmulatorControl(envEmulator.url).state<{ bots: { name: string }[] }>();
    assert.deepEqual(
      state.bots.map((b) => b.name),
      ["From Env"],
    );
  });

  it("names the data center and the host in the hint of a refused token", async () => {
    const { bot } = providersOver(new StackConfiguration(() => ({})));
    await bot.configure(
      stackConfig({ "cliq:apiUrl": envEmulator.apiUrl, "cliq:accessToken": "wrong-token" }),
    );
    const host = new URL(envEmulator.apiUrl).host;
    await assert.rejects(
      bot.create({ name: "A", description: "d", executionType: "deluge" }),
      (error: Error) => {
        assert.ok(error.message.includes(`Cliq at ${host} (data center "us"`), error.message);
        assert.match(error.message, /set a fresh cliq:accessToken \(it lives one hour/);
        assert.ok(!error.message.includes("wrong-token"));
        return true;
      },
    );
  });
});
