import { strict as assert } from "node:assert";
import {
  apiTarget,
  CliqConfigError,
  describeValue,
  resolveStackSettings,
  resolveEndpoints,
} from "../../provider/config";

/** A token-like value pasted into the wrong key: it must never appear in a message. */
const PASTED_SECRET = "1000.8f3c2a9b7d6e5f4a3b2c1d0e9f8a7b6c.0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d";

function refusal(run: () => unknown): CliqConfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CliqConfigError, String(error));
    return error;
  }
  return assert.fail("no CliqConfigError");
}

describe("config values in error messages", () => {
  it("quotes a short plain identifier, and only describes anything that may be a secret", () => {
    assert.equal(describeValue("mars"), '"mars"');
    const described = describeValue(PASTED_SECRET);
    assert.ok(!described.includes(PASTED_SECRET.slice(0, 8)), described);
    assert.match(described, /a value of 70 characters of printable ASCII, not shown/);
    assert.match(describeValue("two words"), /with whitespace/);
  });

  it("never quotes a secret pasted into dataCenter, apiUrl or tokenCache", () => {
    const cases: Record<string, string>[] = [
      { "cliq:dataCenter": PASTED_SECRET },
      { "cliq:apiUrl": PASTED_SECRET },
      { "cliq:apiUrl": `${PASTED_SECRET.replace(".", ":")}` },
      { "cliq:accountsUrl": `x${PASTED_SECRET}:rest` },
      { "cliq:tokenCache": PASTED_SECRET },
    ];
    for (const config of cases) {
      const error = refusal(() => resolveStackSettings({ ...config, "cliq:accessToken": "t" }, {}));
      for (const part of PASTED_SECRET.split(/[.:]/).filter((p) => p.length > 4)) {
        assert.ok(!error.message.includes(part), `${JSON.stringify(config)} leaked in: ${error.message}`);
      }
    }
    assert.ok(
      !refusal(() => resolveEndpoints({ dataCenter: PASTED_SECRET })).message.includes(PASTED_SECRET),
    );
  });

  it("still quotes a plain mistyped data center, so the fix is obvious", () => {
    const error = refusal(() => resolveStackSettings({ "cliq:dataCenter": "europe", accessToken: "t" }, {}));
    assert.match(
      error.message,
      /cliq:dataCenter is not a Zoho data center \(got "europe"\); expected one of us/,
    );
  });
});

describe("tokenCache setting", () => {
  it("is on by default", () => {
    assert.equal(resolveStackSettings({ accessToken: "t" }, {}).tokenCache, true);
  });

  it("reads cliq:tokenCache before CLIQ_TOKEN_CACHE, true or false in any case", () => {
    assert.equal(resolveStackSettings({ accessToken: "t" }, { CLIQ_TOKEN_CACHE: "false" }).tokenCache, false);
    assert.equal(
      resolveStackSettings({ accessToken: "t", "cliq:tokenCache": "TRUE" }, { CLIQ_TOKEN_CACHE: "false" })
        .tokenCache,
      true,
    );
  });

  for (const value of ["yes", "0", "1", "off"]) {
    it(`refuses ${JSON.stringify(value)}, naming the key`, () => {
      const error = refusal(() => resolveStackSettings({ accessToken: "t" }, { CLIQ_TOKEN_CACHE: value }));
      assert.equal(error.setting, "CLIQ_TOKEN_CACHE");
      assert.match(error.message, /CLIQ_TOKEN_CACHE must be true or false/);
    });
  }
});

describe("partial credentials", () => {
  it("refuse an incomplete OAuth set even beside an access token, naming what is missing", () => {
    const error = refusal(() =>
      resolveStackSettings({ "cliq:clientId": "1000.ID", "cliq:accessToken": "t" }, {}),
    );
    assert.equal(error.setting, "cliq:clientSecret");
    assert.match(error.message, /needs cliq:clientSecret and cliq:refreshToken as well as cliq:clientId/);
  });
});

describe("apiTarget", () => {
  it("names the data center and the hosts actually used, explicit URLs winning", () => {
    assert.deepEqual(apiTarget({ dataCenter: "eu" }), {
      dataCenter: "eu",
      apiHost: "cliq.zoho.eu",
      accountsHost: "accounts.zoho.eu",
    });
    assert.equal(apiTarget({ apiUrl: "http://127.0.0.1:8787/api/v3" }).apiHost, "127.0.0.1:8787");
    assert.equal(apiTarget({}).dataCenter, "us");
  });
});
