/**
 * `cliq:profiles`: named credential sets, read from the stack config only. The pure parts: parsing, each
 * profile's settings resolved by the top-level rules, errors naming `cliq:profiles.<name>.<key>`, and the
 * reason an unknown profile name gives (names only).
 */
import { strict as assert } from "node:assert";
import {
  CliqConfigError,
  parseProfiles,
  resolveProfileSettings,
  unknownProfileReason,
} from "../../provider/config";

const SECRET = "cs-profile-secret-0123456789abcdef";
const config = (profiles: unknown) => ({ "cliq:profiles": JSON.stringify(profiles) });

/** The refusal a call makes, with its setting; fails the test when there is none. */
function refusal(call: () => unknown): CliqConfigError {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof CliqConfigError, String(error));
    return error;
  }
  return assert.fail("no refusal");
}

describe("cliq:profiles parsing", () => {
  it("reads no profiles when cliq:profiles is absent or blank", () => {
    assert.equal(parseProfiles({}).size, 0);
    assert.equal(parseProfiles({ "cliq:profiles": "  " }).size, 0);
    assert.equal(parseProfiles(undefined).size, 0);
  });

  it("reads profiles by name, in order, from the JSON string Pulumi's host hands over", () => {
    const profiles = parseProfiles({
      get: (key: string) =>
        key === "cliq:profiles"
          ? JSON.stringify({ eu: { dataCenter: "eu", accessToken: "t1" }, us: { accessToken: "t2" } })
          : undefined,
    });
    assert.deepEqual([...profiles.keys()], ["eu", "us"]);
    assert.deepEqual(profiles.get("eu"), { dataCenter: "eu", accessToken: "t1" });
  });

  it("takes numbers and booleans as their text (tokenCache: false, maxThrottleWaitSeconds: 60)", () => {
    const profiles = parseProfiles(config({ a: { tokenCache: false, maxThrottleWaitSeconds: 60 } }));
    assert.deepEqual(profiles.get("a"), { tokenCache: "false", maxThrottleWaitSeconds: "60" });
  });

  it("refuses text that is not JSON without quoting it (it holds credentials)", () => {
    const error = refusal(() => parseProfiles({ "cliq:profiles": `{"eu": {"clientSecret": "${SECRET}"` }));
    assert.equal(error.setting, "cliq:profiles");
    assert.match(error.message, /cliq:profiles is not valid JSON/);
    assert.ok(!error.message.includes(SECRET));
  });

  it("refuses a value that is not an object of profiles", () => {
    assert.match(refusal(() => parseProfiles(config(["eu"]))).message, /must be a JSON object.*an array/);
    const profile = refusal(() => parseProfiles(config({ eu: "token" })));
    assert.equal(profile.setting, "cliq:profiles.eu");
  });

  it("refuses a profile name that is not a plain identifier", () => {
    assert.match(
      refusal(() => parseProfiles(config({ "eu prod": {} }))).message,
      /profile names are letters/,
    );
  });

  it("refuses a key that is no Cliq setting, naming cliq:profiles.<name>.<key>", () => {
    const error = refusal(() => parseProfiles(config({ eu: { clientSecert: SECRET } })));
    assert.equal(error.setting, "cliq:profiles.eu.clientSecert");
    assert.match(error.message, /is not a Cliq setting; a profile takes dataCenter, apiUrl/);
    assert.ok(!error.message.includes(SECRET));
  });

  it("refuses a nested object as a setting value", () => {
    const error = refusal(() => parseProfiles(config({ eu: { apiUrl: { url: "x" } } })));
    assert.equal(error.setting, "cliq:profiles.eu.apiUrl");
  });
});

describe("a profile's settings", () => {
  it("resolve by the top-level rules: data center, URLs, the OAuth set, tokenCache", () => {
    const options = resolveProfileSettings("eu", {
      dataCenter: "EU",
      clientId: "1000.PROFILECLIENT",
      clientSecret: SECRET,
      refreshToken: "1000.profile-refresh-token",
      tokenCache: "false",
    });
    assert.equal(options.dataCenter, "eu");
    assert.equal(options.credentials.kind === "oauth" && options.credentials.clientSecret, SECRET);
    assert.equal(options.tokenCache, false);
    assert.equal(options.sharedRateLimits, true);
  });

  it("name the key at fault as cliq:profiles.<name>.<key>", () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ dataCenter: "mars", accessToken: "t" }, "cliq:profiles.eu.dataCenter", /not a Zoho data center/],
      [{ apiUrl: "http://cliq.example.com", accessToken: "t" }, "cliq:profiles.eu.apiUrl", /plain http/],
      [{ clientId: "1000.ID" }, "cliq:profiles.eu.clientSecret", /needs cliq:profiles\.eu\.clientSecret/],
      [{ tokenCache: "yes", accessToken: "t" }, "cliq:profiles.eu.tokenCache", /true or false/],
    ];
    for (const [profile, setting, message] of cases) {
      const error = refusal(() => resolveProfileSettings("eu", profile));
      assert.equal(error.setting, setting);
      assert.match(error.message, message);
    }
  });

  it("never fall back to CLIQ_* variables: a profile without credentials is refused", () => {
    const saved = process.env.CLIQ_ACCESS_TOKEN;
    process.env.CLIQ_ACCESS_TOKEN = "env-token-that-must-not-be-used";
    try {
      const error = refusal(() => resolveProfileSettings("eu", { dataCenter: "eu" }));
      assert.match(error.message, /no Cliq credentials: set cliq:profiles\.eu\.clientId/);
      assert.doesNotMatch(error.message, /environment/);
    } finally {
      if (saved === undefined) delete process.env.CLIQ_ACCESS_TOKEN;
      else process.env.CLIQ_ACCESS_TOKEN = saved;
    }
  });

  it("never quote a secret pasted into the wrong key", () => {
    const error = refusal(() => resolveProfileSettings("eu", { dataCenter: SECRET, accessToken: "t" }));
    assert.ok(!error.message.includes(SECRET));
  });
});

describe("an unknown profile name", () => {
  it("is accepted when defined", () => {
    assert.equal(unknownProfileReason("eu", ["us", "eu"]), undefined);
  });

  it("lists the defined names", () => {
    assert.equal(
      unknownProfileReason("apac", ["us", "eu"]),
      'names the profile "apac", which cliq:profiles does not define; defined: "us", "eu"',
    );
  });

  it("says when no profiles are defined at all", () => {
    assert.match(unknownProfileReason("eu", [])!, /the stack config defines no profiles/);
  });
});
