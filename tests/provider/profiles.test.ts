/**
 * Several Cliq organisations in one stack: the providers of the process configuration routed by each resource's
 * `profile` to the credential set of `cliq:profiles` it names, against two emulators (two organisations) over
 * real HTTP. create, check and diff follow the new inputs; read, update and delete follow the state.
 */
import { strict as assert } from "node:assert";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { resetSharedClients } from "../../provider/client";
import { BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../../provider/resources/channel-association/properties";
import { HANDLER_PROPERTIES } from "../../provider/resources/handler/properties";
import { createProviders } from "../../provider/resources/providers";
import {
  createBody,
  diffRules,
  packageSchemaInputs,
  patchBody,
} from "../../provider/resources/shared/properties";
import { StackConfiguration } from "../../provider/config";
import { configurationDeps } from "../../provider/resources/shared/runtime";
import { checked, TIME_SCALE } from "./helpers";

const TOKEN_A = "org-a-access-token-0123456789abcdef";
const TOKEN_B = "org-b-access-token-fedcba9876543210";
const ENV_TOKEN = "env-access-token-must-never-be-used";

type Providers = ReturnType<typeof createProviders>;

/** The stack config as Pulumi's dynamic-provider host hands it to `configure`. */
function stackConfig(values: Record<string, string>) {
  return { config: { get: (key: string) => values[key] } };
}

describe("profiles: several organisations in one stack", function () {
  this.timeout(30_000);
  let orgA: RunningEmulator;
  let orgB: RunningEmulator;
  let envOrg: RunningEmulator;
  const control = (emulator: RunningEmulator) => new EmulatorControl(emulator.url);
  const profile = (emulator: RunningEmulator, accessToken: string) => ({
    apiUrl: emulator.apiUrl,
    accessToken,
    tokenCache: false,
    sharedRateLimits: false,
  });
  const profilesOf = (profiles: Record<string, unknown>) => ({ "cliq:profiles": JSON.stringify(profiles) });

  /** Providers over a fresh process configuration, configured with `values`; CLIQ_* point at a third org. */
  async function providers(values: Record<string, string>): Promise<Providers> {
    const env = { CLIQ_API_URL: envOrg.apiUrl, CLIQ_ACCESS_TOKEN: ENV_TOKEN };
    const made = createProviders(configurationDeps(new StackConfiguration(() => env)));
    await made.bot.configure(stackConfig(values));
    return made;
  }
  const twoOrgs = () => providers(profilesOf({ a: profile(orgA, TOKEN_A), b: profile(orgB, TOKEN_B) }));

  before(async () => {
    const options = { timeScale: TIME_SCALE };
    orgA = await startEmulator({ ...options, tokens: [TOKEN_A] });
    orgB = await startEmulator({ ...options, tokens: [TOKEN_B] });
    envOrg = await startEmulator({ ...options, tokens: [ENV_TOKEN] });
  });
  after(() => Promise.all([orgA, orgB, envOrg].map((emulator) => emulator?.close())));
  beforeEach(async () => {
    resetSharedClients();
    await Promise.all([orgA, orgB, envOrg].map((emulator) => control(emulator).reset()));
  });
  afterEach(async () => {
    assert.deepEqual(await control(envOrg).requests(), [], "no call ever reaches the CLIQ_* organisation");
  });

  it("records the profile of a half-made object, so refresh and destroy reach its organisation", async () => {
    const { bot } = await twoOrgs();
    // An existing bot in organisation B is adopted, but bringing it to the desired state fails.
    const made = await bot.create(await checked(bot, { name: "Alerts", description: "old", profile: "b" }));
    await control(orgB).fault({
      operationId: "update_an_existing_bot",
      kind: "status",
      status: 500,
      count: 20,
    });
    const adopt = { name: "Alerts", description: "new", adoptExisting: true, profile: "b" };
    const failure = await bot.create(await checked(bot, adopt)).then(
      () => assert.fail("the adoption's update was refused, so the create must fail"),
      (error: unknown) => error as { id?: string; properties?: Record<string, unknown> },
    );
    assert.equal(failure.id, made.id);
    assert.equal(failure.properties?.profile, "b");
    await control(orgB).reset();
  });

  it("creates, refreshes, updates and deletes each object in the organisation its profile names", async () => {
    const { bot, botHandler, channelAssociation } = await twoOrgs();
    const botA = await bot.create(await checked(bot, { name: "Alerts", description: "a", profile: "a" }));
    const botB = await bot.create(await checked(bot, { name: "Alerts", description: "b", profile: "b" }));
    assert.equal(botA.outs.profile, "a");
    assert.equal(botA.outs.apiHost, new URL(orgA.apiUrl).origin);
    assert.equal(botB.outs.apiHost, new URL(orgB.apiUrl).origin);
    const handler = await botHandler.create(
      await checked(botHandler, { botId: botB.id, type: "message_handler", script: "info x;", profile: "b" }),
    );
    const membership = await channelAssociation.create(
      await checked(channelAssociation, { botUniqueName: "alerts", channelUniqueName: "ops", profile: "a" }),
    );
    const stateA = await control(orgA).state();
    const stateB = await control(orgB).state();
    assert.deepEqual(
      stateA.bots.map((b) => [b.id, b.description]),
      [[botA.id, "a"]],
    );
    assert.deepEqual(
      stateB.bots.map((b) => [b.id, b.description, b.handlers.map((h) => h.type)]),
      [[botB.id, "b", ["message_handler"]]],
    );
    assert.equal(stateA.memberships.length, 1);
    assert.equal(stateB.memberships.length, 0);

    // Refresh reads each from its own organisation and keeps its profile in the state.
    await control(orgA).clearRequests();
    const readB = await bot.read(botB.id, botB.outs);
    assert.equal(readB.props?.description, "b");
    assert.equal(readB.props?.profile, "b");
    assert.equal((await botHandler.read(handler.id, handler.outs)).props?.profile, "b");
    assert.equal((await channelAssociation.read(membership.id, membership.outs)).props?.profile, "a");
    assert.equal((await control(orgA).requests()).filter((r) => r.path.includes(botB.id)).length, 0);

    const news = await checked(bot, { name: "Alerts", description: "b2", profile: "b" }, readB.props);
    assert.deepEqual((await bot.diff(botB.id, readB.props!, news)).replaces, []);
    assert.equal((await bot.update(botB.id, readB.props!, news)).outs.profile, "b");
    assert.equal((await control(orgB).state()).bots[0]!.description, "b2");
    assert.equal((await control(orgA).state()).bots[0]!.description, "a");

    await channelAssociation.delete(membership.id, membership.outs);
    await botHandler.delete(handler.id, handler.outs);
    await bot.delete(botA.id, botA.outs);
    await bot.delete(botB.id, readB.props!);
    for (const emulator of [orgA, orgB]) {
      assert.deepEqual(await control(emulator).state(), { bots: [], memberships: [] });
    }
  });

  it("looks up an object of another organisation by the profile given with the lookup (Bot.get state)", async () => {
    const { bot } = await twoOrgs();
    const created = await bot.create(
      await checked(bot, { name: "Found", description: "in b", profile: "b" }),
    );
    const found = await bot.read(created.id, { profile: "b" });
    assert.equal(found.props?.name, "Found");
    assert.equal(found.props?.profile, "b");
    assert.equal(found.props?.apiHost, new URL(orgB.apiUrl).origin);
  });

  it("fails check of an unknown profile on `profile`, listing the defined names, with no request", async () => {
    const { bot } = await twoOrgs();
    const { failures } = await bot.check({}, { name: "Alerts", description: "d", profile: "apac" });
    assert.deepEqual(failures, [
      {
        property: "profile",
        reason: 'names the profile "apac", which cliq:profiles does not define; defined: "a", "b"',
      },
    ]);
    assert.deepEqual(await control(orgA).requests(), []);
    assert.deepEqual(await control(orgB).requests(), []);
  });

  it("fails check of a profile that is no plain name, on `profile`", async () => {
    const { bot } = await twoOrgs();
    for (const profile of ["eu prod", "", 5]) {
      const { failures } = await bot.check({}, { name: "Alerts", description: "d", profile });
      assert.equal(failures.length, 1, JSON.stringify(failures));
      assert.equal(failures[0]!.property, "profile");
      assert.match(failures[0]!.reason, /must be a profile name of cliq:profiles/);
    }
  });

  it("leaves a profile that is not known yet (preview) to the engine, checking the other inputs", async () => {
    const { bot } = await twoOrgs();
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const { failures } = await bot.check({}, { name: "Alerts", description: "d", profile: unknown });
    assert.deepEqual(failures, []);
  });

  it("replaces a resource whose profile changes: it moves to another organisation", async () => {
    const { bot } = await twoOrgs();
    const olds = { name: "Alerts", description: "d", executionType: "deluge", profile: "a" };
    const diff = await bot.diff("1", olds, { ...olds, profile: "b" });
    assert.deepEqual(diff.replaces, ["profile"]);
    assert.deepEqual((await bot.diff("1", { ...olds, profile: undefined }, olds)).replaces, ["profile"]);
  });

  it("keeps a broken profile's refusal for its own resources, naming cliq:profiles.<name>.<key>", async () => {
    const configuration = new StackConfiguration(() => ({}));
    const { bot, botHandler } = createProviders(configurationDeps(configuration));
    const broken = profilesOf({ a: profile(orgA, TOKEN_A), b: { apiUrl: orgB.apiUrl, dataCenter: "mars" } });
    await bot.configure(stackConfig(broken));
    const news = { name: "Alerts", description: "d", profile: "b" };
    for (const call of [() => bot.check({}, news), () => bot.create(news), () => bot.delete("1", news)]) {
      await assert.rejects(call(), /cliq:profiles\.b\.dataCenter is not a Zoho data center \(got "mars"\)/);
    }
    // A later configure with the profile repaired (another resource kind) never clears the refusal.
    await botHandler.configure(stackConfig(profilesOf({ b: profile(orgB, TOKEN_B) })));
    await assert.rejects(bot.check({}, news), /cliq:profiles\.b\.dataCenter/);
    // The other profile still works.
    const created = await bot.create(await checked(bot, { ...news, profile: "a" }));
    assert.equal(created.outs.apiHost, new URL(orgA.apiUrl).origin);
    assert.deepEqual(await control(orgB).requests(), []);
  });

  it("needs no top-level credentials with profiles; a resource without profile then gets the top-level refusal", async () => {
    const configuration = new StackConfiguration(() => ({}));
    const { bot } = createProviders(configurationDeps(configuration));
    await bot.configure(stackConfig(profilesOf({ a: profile(orgA, TOKEN_A) })));
    assert.deepEqual((await bot.check({}, { name: "Alerts", description: "d", profile: "a" })).failures, []);
    await assert.rejects(
      bot.check({}, { name: "Alerts", description: "d" }),
      /no Cliq credentials: .*; or give the resource a `profile` of cliq:profiles \(defined: "a"\)/,
    );
  });

  it("never reads, changes or deletes an object through other credentials when its profile is gone", async () => {
    const first = await twoOrgs();
    const created = await first.bot.create(
      await checked(first.bot, { name: "Alerts", description: "d", profile: "b" }),
    );
    resetSharedClients();
    const later = await providers({
      ...profilesOf({ a: profile(orgA, TOKEN_A) }),
      "cliq:apiUrl": orgB.apiUrl,
      "cliq:accessToken": TOKEN_B,
    });
    await control(orgB).clearRequests();
    const gone =
      /The profile argument names the profile "b", which cliq:profiles does not define; defined: "a"/;
    await assert.rejects(later.bot.read(created.id, created.outs), gone);
    await assert.rejects(later.bot.delete(created.id, created.outs), gone);
    assert.deepEqual(await control(orgB).requests(), []);
    assert.equal((await control(orgB).state()).bots.length, 1);
  });

  it("refuses an object whose profile now points at another host (the apiHost rule still applies)", async () => {
    const first = await twoOrgs();
    const created = await first.bot.create(
      await checked(first.bot, { name: "Alerts", description: "d", profile: "a" }),
    );
    const moved = await providers(profilesOf({ a: profile(orgB, TOKEN_B) }));
    await assert.rejects(moved.bot.read(created.id, created.outs), /Refusing to read it there/);
  });

  it("keeps profile settings out of outputs and errors (only the name is recorded)", async () => {
    const { bot } = await twoOrgs();
    const created = await bot.create(await checked(bot, { name: "Alerts", description: "d", profile: "a" }));
    const broken = await providers(profilesOf({ a: { ...profile(orgA, TOKEN_A), clientId: TOKEN_B } }));
    const refusal = await broken.bot.check({}, { name: "x", description: "d", profile: "a" }).then(
      () => assert.fail("an incomplete OAuth set was accepted"),
      (failure: Error) => failure.message,
    );
    for (const text of [JSON.stringify(created.outs), refusal]) {
      assert.ok(!text.includes(TOKEN_A) && !text.includes(TOKEN_B), text);
    }
    assert.match(refusal, /cliq:profiles\.a\.clientSecret/);
  });
});

describe("the profile row of each property table", () => {
  const tables = { BOT_PROPERTIES, HANDLER_PROPERTIES, CHANNEL_ASSOCIATION_PROPERTIES };
  for (const [kind, table] of Object.entries(tables)) {
    it(`${kind}: is never sent to Cliq, replaces on change, and stays out of a package schema`, () => {
      const inputs = { profile: "eu" };
      assert.equal(JSON.stringify(createBody(table, inputs)).includes("eu"), false);
      assert.deepEqual(patchBody(table, ["profile"], inputs), {});
      assert.deepEqual(
        diffRules(table).find((rule) => rule.key === "profile"),
        { key: "profile", compare: "scalar", absent: "empty", replaces: true },
      );
      assert.equal("profile" in packageSchemaInputs(table).inputProperties, false);
    });
  }
});
