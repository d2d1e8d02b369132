/**
 * Credentials are resolved once, at configure, into one `ClientSettings` object that travels to the client:
 * from the stack config through `StackConfiguration` and the shared-client registry to the `Authorization`
 * header, over real HTTP to the emulator (port 0).
 */
import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { resetSharedClients, sharedClientFor } from "../../provider/client";
import { StackConfiguration, type ClientSettings } from "../../provider/config";
import { configurationDeps } from "../../provider/resources/shared/runtime";

const TOKEN = "resolved-once-token-5b7e1c9a";
const quiet = { warn: () => {}, info: () => {} };

/** `settings` whose reads of `credentials` are counted (what keying a shared client hashes). */
function counted(settings: ClientSettings): { settings: ClientSettings; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(settings, {
    get(target, key, receiver) {
      if (key === "credentials") reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { settings: proxy, reads: () => reads };
}

describe("settings resolved once, from stack config to the Authorization header", () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ port: 0, tokens: [TOKEN], rateLimits: false });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => resetSharedClients());

  function configured(token = TOKEN): StackConfiguration {
    const configuration = new StackConfiguration(() => ({ CLIQ_ACCESS_TOKEN: "an-env-token-never-used" }));
    configuration.configure({
      "cliq:apiUrl": emulator.apiUrl,
      "cliq:accessToken": token,
      "cliq:tokenCache": "false",
      "cliq:sharedRateLimits": "false",
    });
    return configuration;
  }

  it("keeps one settings object per credential set from configure on", () => {
    const configuration = configured();
    const first = configuration.settings();
    assert.equal(configuration.settings(), first);
    assert.deepEqual(first.credentials, { kind: "accessToken", accessToken: TOKEN });
  });

  it("keys (and hashes the credentials of) a settings object at its first client only", () => {
    const { settings, reads } = counted(configured().settings());
    const client = sharedClientFor(settings, { logger: quiet });
    const afterFirst = reads();
    assert.ok(afterFirst > 0, "the first call keys the client by its credentials");
    assert.equal(sharedClientFor(settings, { logger: quiet }), client);
    assert.equal(reads(), afterFirst, "a later call reads no credential");
  });

  it("sends the configured token in the Authorization header, through the providers' dependencies", async () => {
    const deps = configurationDeps(configured(), quiet);
    const api = deps.api();
    assert.equal(deps.api(), api, "one client for the configuration");
    // The emulator accepts only TOKEN: an answer proves the header carried the configured token.
    assert.ok(Array.isArray((await api.listBots()).bots));
    const other = configurationDeps(configured("another-token-0123456789"), quiet).api();
    await assert.rejects(other.listBots(), (error: { status?: number }) => error.status === 401);
  });
});
