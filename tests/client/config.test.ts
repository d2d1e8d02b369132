import assert from "node:assert/strict";
import { CliqClient, resolveStackSettings } from "../../provider/client";
import { configErrorFrom as thrown } from "./helpers";
import {
  DATA_CENTERS,
  dataCenterEndpoints,
  isLoopbackHost,
  resolveEndpoints,
  validateBaseUrl,
} from "../../provider/config";

/** The dynamic provider's Config: `get` with full `cliq:x` keys. */
function pulumiConfig(values: Record<string, string>) {
  return { get: (key: string) => values[key] };
}

describe("client configuration", () => {
  describe("data centers", () => {
    const expected: Record<string, [string, string]> = {
      us: ["accounts.zoho.com", "cliq.zoho.com"],
      eu: ["accounts.zoho.eu", "cliq.zoho.eu"],
      in: ["accounts.zoho.in", "cliq.zoho.in"],
      au: ["accounts.zoho.com.au", "cliq.zoho.com.au"],
      jp: ["accounts.zoho.jp", "cliq.zoho.jp"],
      cn: ["accounts.zoho.com.cn", "cliq.zoho.com.cn"],
      ca: ["accounts.zohocloud.ca", "cliq.zohocloud.ca"],
      sa: ["accounts.zoho.sa", "cliq.zoho.sa"],
      uk: ["accounts.zoho.uk", "cliq.zoho.uk"],
    };

    it("knows exactly the nine Zoho data centers", () => {
      assert.deepEqual(Object.keys(DATA_CENTERS).sort(), Object.keys(expected).sort());
    });

    for (const [dataCenter, [accounts, cliq]] of Object.entries(expected)) {
      it(`maps ${dataCenter} to https://${accounts} and https://${cliq}/api/v3`, () => {
        assert.deepEqual(dataCenterEndpoints(dataCenter as keyof typeof DATA_CENTERS), {
          accountsUrl: `https://${accounts}`,
          apiUrl: `https://${cliq}/api/v3`,
        });
      });
    }

    it("defaults to us and lets explicit URLs override the data center", () => {
      assert.deepEqual(resolveEndpoints({}), dataCenterEndpoints("us"));
      assert.deepEqual(
        resolveEndpoints({ dataCenter: "eu", apiUrl: "https://proxy.example.com/cliq/api/v3/" }),
        { apiUrl: "https://proxy.example.com/cliq/api/v3", accountsUrl: "https://accounts.zoho.eu" },
      );
    });

    it("refuses an unknown data center, naming the choices", () => {
      const error = thrown(() => resolveEndpoints({ dataCenter: "mars" }));
      assert.match(error.message, /us, eu, in, au, jp, cn, ca, sa, uk/);
    });
  });

  describe("plain http", () => {
    for (const host of ["127.0.0.1", "127.10.20.30", "[::1]", "localhost"]) {
      it(`is allowed for the loopback host ${host}`, () => {
        assert.equal(validateBaseUrl(`http://${host}:8080/api/v3`, "apiUrl"), `http://${host}:8080/api/v3`);
      });
    }

    for (const host of ["cliq.zoho.com", "10.0.0.5", "128.0.0.1", "localhost.example.com"]) {
      it(`is refused for ${host}, naming the setting`, () => {
        const error = thrown(() => validateBaseUrl(`http://${host}/api/v3`, "cliq:apiUrl"));
        assert.equal(error.setting, "cliq:apiUrl");
        assert.match(error.message, /cliq:apiUrl uses plain http/);
      });
    }

    it("is refused by the client constructor for accountsUrl too", () => {
      const error = thrown(
        () =>
          new CliqClient({
            accountsUrl: "http://accounts.zoho.com",
            clientId: "a",
            clientSecret: "b",
            refreshToken: "c",
          }),
      );
      assert.equal(error.setting, "accountsUrl");
    });

    it("recognises loopback addresses and nothing else", () => {
      assert.equal(isLoopbackHost("127.255.255.254"), true);
      assert.equal(isLoopbackHost("::1"), true);
      assert.equal(isLoopbackHost("127.0.0.256"), false);
      assert.equal(isLoopbackHost("0.0.0.0"), false);
    });
  });

  describe("resolveStackSettings", () => {
    const env = {
      CLIQ_DATA_CENTER: "eu",
      CLIQ_API_URL: "https://env.example.com/api/v3",
      CLIQ_ACCESS_TOKEN: "env-token",
      CLIQ_MAX_THROTTLE_WAIT_SECONDS: "600",
    };

    it("reads CLIQ_* variables when the stack config is empty", () => {
      assert.deepEqual(resolveStackSettings(undefined, env), {
        dataCenter: "eu",
        endpoints: { apiUrl: "https://env.example.com/api/v3", accountsUrl: "https://accounts.zoho.eu" },
        credentials: { kind: "accessToken", accessToken: "env-token" },
        limits: { timeScale: 1, maxThrottleWaitSeconds: 600, maxAttempts: 8, requestTimeoutMs: 30_000 },
        tokenCache: true,
        sharedRateLimits: true,
        movedFromHosts: [],
        profile: undefined,
      });
    });

    it("lets each cliq:* key win over its variable", () => {
      const options = resolveStackSettings(
        pulumiConfig({ "cliq:dataCenter": "jp", "cliq:apiUrl": "https://config.example.com/api/v3" }),
        env,
      );
      assert.equal(options.dataCenter, "jp");
      assert.equal(options.endpoints.apiUrl, "https://config.example.com/api/v3");
      assert.deepEqual(
        options.credentials,
        { kind: "accessToken", accessToken: "env-token" },
        "credentials fall back to the environment as a set",
      );
    });

    it("takes credentials as one set from the config when it holds any", () => {
      const options = resolveStackSettings(
        pulumiConfig({
          "cliq:clientId": "id",
          "cliq:clientSecret": "secret",
          "cliq:refreshToken": "refresh",
        }),
        { ...env, CLIQ_CLIENT_ID: "env-id" },
      );
      assert.deepEqual(options.credentials, {
        kind: "oauth",
        clientId: "id",
        clientSecret: "secret",
        refreshToken: "refresh",
      });
    });

    it("accepts a plain record with full or bare keys", () => {
      assert.deepEqual(resolveStackSettings({ "cliq:accessToken": "a" }, {}).credentials, {
        kind: "accessToken",
        accessToken: "a",
      });
      assert.deepEqual(resolveStackSettings({ accessToken: "b" }, {}).credentials, {
        kind: "accessToken",
        accessToken: "b",
      });
    });

    it("prefers the refreshable OAuth set over a static token when both are complete", () => {
      const options = resolveStackSettings(undefined, {
        CLIQ_ACCESS_TOKEN: "static",
        CLIQ_CLIENT_ID: "id",
        CLIQ_CLIENT_SECRET: "secret",
        CLIQ_REFRESH_TOKEN: "refresh",
      });
      assert.equal(options.credentials.kind, "oauth");
    });

    it("names the missing keys of an incomplete OAuth set", () => {
      const error = thrown(() => resolveStackSettings(undefined, { CLIQ_CLIENT_ID: "id" }));
      assert.equal(error.setting, "CLIQ_CLIENT_SECRET");
      assert.match(error.message, /CLIQ_CLIENT_SECRET and CLIQ_REFRESH_TOKEN/);
    });

    it("says how to provide credentials when there are none", () => {
      const error = thrown(() => resolveStackSettings(undefined, {}));
      assert.match(error.message, /cliq:refreshToken/);
      assert.match(error.message, /CLIQ_ACCESS_TOKEN/);
    });

    it("refuses a bad data center, URL or wait, naming the key", () => {
      assert.equal(
        thrown(() => resolveStackSettings({ "cliq:dataCenter": "xx", accessToken: "t" }, {})).setting,
        "cliq:dataCenter",
      );
      assert.equal(
        thrown(() =>
          resolveStackSettings(undefined, {
            CLIQ_ACCOUNTS_URL: "http://accounts.zoho.com",
            CLIQ_ACCESS_TOKEN: "t",
          }),
        ).setting,
        "CLIQ_ACCOUNTS_URL",
      );
      assert.equal(
        thrown(() => resolveStackSettings({ "cliq:maxThrottleWaitSeconds": "-1", accessToken: "t" }, {}))
          .setting,
        "cliq:maxThrottleWaitSeconds",
      );
    });

    it("allows an http loopback apiUrl for a local emulator", () => {
      const options = resolveStackSettings(
        { "cliq:apiUrl": "http://127.0.0.1:4010/api/v3", accessToken: "t" },
        {},
      );
      assert.equal(options.endpoints.apiUrl, "http://127.0.0.1:4010/api/v3");
    });
  });
});
