/**
 * The settings table is the one description of every setting: the resolver, the profiles, the plugin's schema,
 * CheckConfig and Configure, the hints and the docs' configuration table all follow its rows.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  configKey,
  envVar,
  parseProfiles,
  resolveClientSettings,
  resolveProfileSettings,
  resolveStackSettings,
  SETTING_NAMES,
  settingSpec,
  SETTINGS,
} from "../../provider/config";
import { checkConfig, secretValues } from "../../provider/plugin/config";
import { configVariables, settingDescription } from "../../provider/plugin/config-schema";
import { createInstance } from "../../provider/plugin/instance";
import { EngineLog } from "../../provider/plugin/log";
import {
  README,
  SETTINGS_PAGE,
  settingsTable,
  withSettingsSummary,
  withSettingsTable,
} from "../../scripts/docs-settings";
import { configErrorFrom as refusal } from "../client/helpers";

/** A refresh token pasted into the wrong key: no part of it may reach a message. */
const PASTED = "1000.8f3c2a9b7d6e5f4a3b2c1d0e9f8a7b6c.0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d";
const OAUTH = {
  clientId: "1000.CLIENTID",
  clientSecret: "client-secret-value",
  refreshToken: "1000.refresh",
};

function assertNoPart(secret: string, text: string): void {
  for (const part of secret.split(/[.:]/).filter((each) => each.length > 4)) {
    assert.ok(!text.includes(part), `leaked in: ${text}`);
  }
}

describe("settings table: the docs' configuration table", () => {
  it("holds the generated table as the settings table makes it now (npm run docs:settings)", () => {
    const page = fs.readFileSync(SETTINGS_PAGE, "utf8");
    assert.equal(withSettingsTable(page), page, `${SETTINGS_PAGE} is stale: run npm run docs:settings`);
  });

  it("holds the README's summary as the settings table makes it now (npm run docs:settings)", () => {
    const readme = fs.readFileSync(README, "utf8");
    assert.equal(withSettingsSummary(readme), readme, `${README} is stale: run npm run docs:settings`);
    for (const name of SETTING_NAMES)
      assert.ok(readme.includes(`| \`${name}\``), `README has no row for ${name}`);
  });

  it("tells a hand-edited block from a fresh one, and fails loudly without its markers", () => {
    const page = fs.readFileSync(SETTINGS_PAGE, "utf8");
    const edited = page.replace("`CLIQ_TOKEN_CACHE`", "`CLIQ_TOKENCACHE`");
    assert.notEqual(edited, page);
    assert.equal(withSettingsTable(edited), page);
    assert.throws(() => withSettingsTable("# Configuration\n"), /settings-table:begin/);
  });

  it("has one row per setting with its environment variable, type and secrecy", () => {
    const table = settingsTable();
    for (const name of SETTING_NAMES) {
      const spec = settingSpec(name);
      const row = table.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      assert.ok(row, `no row for ${name}`);
      assert.ok(row.includes(`\`${envVar(name)}\``), name);
      assert.ok(row.includes(` ${spec.type} `), name);
      assert.equal(row.includes("(secret)"), spec.secret, name);
      assert.ok(row.includes(spec.description), name);
    }
  });
});

describe("settings table: what derives from each row", () => {
  it("names each setting's keys from its name", () => {
    assert.equal(configKey("maxThrottleWaitSeconds"), "cliq:maxThrottleWaitSeconds");
    assert.equal(envVar("maxThrottleWaitSeconds"), "CLIQ_MAX_THROTTLE_WAIT_SECONDS");
    assert.equal(envVar("dataCenter"), "CLIQ_DATA_CENTER");
  });

  it("gives the plugin schema every setting with the row's type, secrecy, default and variable", () => {
    const variables = configVariables();
    assert.deepEqual(Object.keys(variables), SETTING_NAMES);
    for (const name of SETTING_NAMES) {
      const spec = settingSpec(name);
      assert.equal(variables[name]!.type, spec.type, name);
      assert.equal(variables[name]!.secret === true, spec.secret, name);
      assert.ok(settingDescription(name).startsWith(spec.description), name);
      assert.ok(settingDescription(name).includes(envVar(name)), name);
    }
    assert.match(settingDescription("maxThrottleWaitSeconds"), /Default: `1800`\./);
  });

  it("resolves each setting from its variable, with the row's default when absent", () => {
    const bare = resolveStackSettings({ accessToken: "t" }, {});
    assert.equal(bare.dataCenter, SETTINGS.dataCenter.default);
    assert.equal(bare.limits.maxThrottleWaitSeconds, SETTINGS.maxThrottleWaitSeconds.default);
    assert.equal(bare.tokenCache, SETTINGS.tokenCache.default);
    const fromEnv = resolveStackSettings(undefined, {
      [envVar("accessToken")]: "t",
      [envVar("maxThrottleWaitSeconds")]: "60",
      [envVar("movedFrom")]: "us",
      [envVar("sharedRateLimits")]: "false",
    });
    assert.equal(fromEnv.limits.maxThrottleWaitSeconds, 60);
    assert.deepEqual(fromEnv.movedFromHosts, ["https://cliq.zoho.com"]);
    assert.equal(fromEnv.sharedRateLimits, false);
  });

  it("redacts every credential and secret value the row marks, from the config and the environment", () => {
    const values = secretValues({ ...OAUTH, dataCenter: "eu" }, { CLIQ_ACCESS_TOKEN: "env-token" });
    assert.deepEqual(values.sort(), [...Object.values(OAUTH), "env-token"].sort());
  });

  it("lets hints name only settings of the table (a profile's call rewrites them to its own keys)", () => {
    const source = fs.readFileSync(path.join(__dirname, "../../provider/resources/shared/hints.ts"), "utf8");
    const named = [...source.matchAll(/\bcliq:([A-Za-z]+)\b/g)].map((match) => match[1]!);
    assert.ok(named.length > 5);
    for (const name of named) assert.ok(name === "profiles" || SETTING_NAMES.includes(name as never), name);
  });
});

describe("settings table: each value checked by its row's type and validation", () => {
  it("refuses a struct given as clientId at CheckConfig, naming the key and the type", () => {
    const failures = checkConfig({ ...OAUTH, clientId: { id: "1000.CLIENTID" } }, {});
    assert.deepEqual(failures, [
      { property: "clientId", reason: "cliq:clientId must be a string (got an object)" },
    ]);
  });

  it("refuses a struct given as clientId at Configure: every later call fails with that refusal", () => {
    const instance = createInstance(
      { ...OAUTH, clientId: { id: "1000.CLIENTID" } },
      new EngineLog(undefined, () => {}),
      {},
    );
    assert.match(String(instance.configureError), /cliq:clientId must be a string \(got an object\)/);
    assert.throws(() => instance.api(), /cliq:clientId must be a string/);
  });

  it("takes booleans and numbers as themselves or as text, and refuses other types", () => {
    assert.deepEqual(checkConfig({ ...OAUTH, tokenCache: false, maxThrottleWaitSeconds: 60 }, {}), []);
    assert.deepEqual(checkConfig({ ...OAUTH, tokenCache: "false", maxThrottleWaitSeconds: "60" }, {}), []);
    assert.deepEqual(checkConfig({ ...OAUTH, maxThrottleWaitSeconds: [60] }, {}), [
      {
        property: "maxThrottleWaitSeconds",
        reason: "cliq:maxThrottleWaitSeconds must be a number (got an array)",
      },
    ]);
    assert.deepEqual(checkConfig({ ...OAUTH, apiUrl: 8080 }, {}), [
      { property: "apiUrl", reason: "cliq:apiUrl must be a string (got a number)" },
    ]);
  });

  it("refuses a refresh token pasted as movedFrom at CheckConfig, without showing it", () => {
    const failures = checkConfig({ ...OAUTH, movedFrom: PASTED }, {});
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.property, "movedFrom");
    assert.match(
      failures[0]!.reason,
      /cliq:movedFrom lists a value of 70 characters .*neither a data center/,
    );
    assertNoPart(PASTED, failures[0]!.reason);
  });

  it("refuses a bad movedFrom when the stack is configured, not at the first API call", () => {
    const error = refusal(() =>
      resolveStackSettings({ accessToken: "t", "cliq:movedFrom": `us,${PASTED}` }, {}),
    );
    assert.equal(error.setting, "cliq:movedFrom");
    assertNoPart(PASTED, error.message);
  });

  it("checks a profile's values by the same rows, naming cliq:profiles.<name>.<key>", () => {
    const profiles = { eu: { ...OAUTH, clientId: ["1000.CLIENTID"] } };
    const error = refusal(() => parseProfiles({ "cliq:profiles": JSON.stringify(profiles) }));
    assert.equal(error.setting, "cliq:profiles.eu.clientId");
    assert.match(error.message, /must be a string \(got an array\)/);
    const moved = refusal(() => resolveProfileSettings("eu", { ...OAUTH, movedFrom: PASTED }));
    assert.equal(moved.setting, "cliq:profiles.eu.movedFrom");
    assertNoPart(PASTED, moved.message);
  });

  it("checks a bare client's options by the same rows, with the options' own defaults", () => {
    const direct = resolveClientSettings({ accessToken: "t", dataCenter: "EU", maxThrottleWaitSeconds: 5 });
    assert.equal(direct.dataCenter, "eu");
    assert.equal(direct.limits.maxThrottleWaitSeconds, 5);
    assert.equal(direct.tokenCache, SETTINGS.tokenCache.optionsDefault);
    assert.equal(direct.sharedRateLimits, SETTINGS.sharedRateLimits.optionsDefault);
    assert.equal(
      refusal(() => resolveClientSettings({ accessToken: "t", movedFrom: PASTED })).setting,
      "movedFrom",
    );
  });
});
