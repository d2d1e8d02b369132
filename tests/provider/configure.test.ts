import { strict as assert } from "node:assert";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { bot } from "../../provider";

/**
 * The exported provider objects (what the serialized shim reaches) take credentials from `configure` (the
 * stack's `cliq:*` config) and, without it, from the `CLIQ_*` environment; never from resource inputs.
 */
describe("exported providers: credentials from the environment, then from configure", () => {
  let envEmulator: RunningEmulator;
  let configEmulator: RunningEmulator;
  const saved = { url: process.env.CLIQ_API_URL, token: process.env.CLIQ_ACCESS_TOKEN };

  before(async () => {
    envEmulator = await startEmulator({ tokens: ["env-token"] });
    configEmulator = await startEmulator({ tokens: ["config-token"] });
    process.env.CLIQ_API_URL = envEmulator.apiUrl;
    process.env.CLIQ_ACCESS_TOKEN = "env-token";
  });
  after(async () => {
    if (saved.url === undefined) delete process.env.CLIQ_API_URL;
    else process.env.CLIQ_API_URL = saved.url;
    if (saved.token === undefined) delete process.env.CLIQ_ACCESS_TOKEN;
    else process.env.CLIQ_ACCESS_TOKEN = saved.token;
    await envEmulator.close();
    await configEmulator.close();
  });

  async function botNames(emulator: RunningEmulator): Promise<string[]> {
    const state = await new EmulatorControl(emulator.url).state<{ bots: { name: string }[] }>();
    return state.bots.map((b) => b.name);
  }

  it("uses the environment when configure was never called", async () => {
    const { inputs } = await bot.check({}, { name: "From Env", description: "d" });
    const { outs } = await bot.create(inputs);
    assert.deepEqual(await botNames(envEmulator), ["From Env"]);
    assert.ok(!JSON.stringify(outs).includes("env-token"));
  });

  it("uses the stack config given to configure, which wins over the environment", async () => {
    const config: Record<string, string> = {
      "cliq:apiUrl": configEmulator.apiUrl,
      "cliq:accessToken": "config-token",
    };
    await bot.configure({ config: { get: (key) => config[key] } });
    const { inputs } = await bot.check({}, { name: "From Config", description: "d" });
    const { outs } = await bot.create(inputs);
    assert.deepEqual(await botNames(configEmulator), ["From Config"]);
    assert.deepEqual(await botNames(envEmulator), ["From Env"]);
    assert.ok(!JSON.stringify(outs).includes("config-token"));
  });
});
