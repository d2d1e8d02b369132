import * as assert from "assert";
import { Harness, sharedHarness, sleep } from "./harness";

const CLIENT = {
  clientId: "1000.CLIENT",
  clientSecret: "client-secret-value",
  refreshTokens: ["1000.refresh-one", "1000.refresh-two"],
};

async function mint(h: Harness, overrides: Record<string, string> = {}) {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    refresh_token: CLIENT.refreshTokens[0],
    ...overrides,
  });
  const response = await fetch(`${h.emulator.url}/oauth/v2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("emulator: authentication and OAuth", () => {
  const h = sharedHarness({ oauthClients: [CLIENT] });

  it("accepts a configured token as Zoho-oauthtoken or Bearer", async () => {
    assert.strictEqual((await h.call("list_all_bots")).status, 200);
    assert.strictEqual((await h.call("list_all_bots", { authScheme: "Bearer" })).status, 200);
  });

  it("answers 401 oauthtoken_invalid without a token, with an unknown token or with another scheme", async () => {
    for (const token of [null, "unknown"]) {
      const result = await h.call("list_all_bots", { token });
      assert.deepStrictEqual([result.status, result.body.code], [401, "oauthtoken_invalid"]);
    }
    const basic = await fetch(`${h.emulator.apiUrl}/bots`, {
      headers: { Authorization: `Basic ${h.token}` },
    });
    assert.strictEqual(basic.status, 401);
  });

  it("mints an access token from a refresh token, and the API accepts it", async () => {
    const minted = await mint(h);
    assert.strictEqual(minted.status, 200);
    assert.strictEqual(minted.body.token_type, "Bearer");
    assert.strictEqual(minted.body.expires_in, 3600);
    assert.strictEqual(minted.body.api_domain, h.emulator.url);
    assert.match(String(minted.body.access_token), /^1000\.[0-9a-f]+\.[0-9a-f]+$/);
    const used = await h.call("list_all_bots", { token: String(minted.body.access_token) });
    assert.strictEqual(used.status, 200);
  });

  it("answers bad credentials like Zoho: HTTP 200 with invalid_client or invalid_code", async () => {
    const refusals: [Record<string, string>, string][] = [
      [{ client_id: "1000.OTHER" }, "invalid_client"],
      [{ client_secret: "wrong" }, "invalid_client"],
      [{ refresh_token: "1000.unknown" }, "invalid_code"],
      [{ grant_type: "authorization_code" }, "unsupported_grant_type"],
    ];
    for (const [overrides, error] of refusals) {
      assert.deepStrictEqual(
        await mint(h, overrides),
        { status: 200, body: { error } },
        JSON.stringify(overrides),
      );
    }
  });

  it("caps minting at 10 per refresh token per 10 minutes with HTTP 400 Access Denied", async () => {
    for (let i = 0; i < 10; i++) assert.strictEqual((await mint(h)).status, 200);
    const denied = await mint(h);
    assert.strictEqual(denied.status, 400);
    assert.strictEqual(denied.body.error, "Access Denied");
    assert.match(String(denied.body.error_description), /too many requests/);
    assert.strictEqual((await mint(h, { refresh_token: CLIENT.refreshTokens[1] })).status, 200);
  });

  it("accepts parameters in the query string too, and never logs the secrets", async () => {
    const query = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      refresh_token: CLIENT.refreshTokens[0],
    });
    const response = await fetch(`${h.emulator.url}/oauth/v2/token?${query}`, { method: "POST" });
    const body = (await response.json()) as { access_token: string };
    assert.ok(body.access_token);
    await h.call("list_all_bots", { token: body.access_token });
    const log = await h.control("GET", "/requests");
    const entry = log.body.requests.find((r: { operationId: string }) => r.operationId === "oauth_token");
    assert.deepStrictEqual(entry.query, {
      grant_type: "refresh_token",
      client_id: CLIENT.clientId,
      client_secret: "[redacted]",
      refresh_token: "[redacted]",
    });
    for (const secret of [CLIENT.clientSecret, CLIENT.refreshTokens[0], body.access_token, h.token]) {
      assert.ok(!log.text.includes(secret), "the request log holds a secret");
    }
  });

  it("stops accepting a minted token once its scaled lifetime is over, and lifts the mint cap after its window", async () => {
    // 2 s tokens (20 s at time scale 0.1) and a 3 s mint window (600 s at 0.005): the checks inside either
    // period come right after it starts; one wait of 3.5 s then outlasts both.
    const short = await Harness.start({ oauthClients: [CLIENT], accessTokenTtlSeconds: 20, timeScale: 0.1 });
    const capped = await Harness.start({ oauthClients: [CLIENT], timeScale: 0.005 });
    try {
      const token = String((await mint(short)).body.access_token);
      assert.strictEqual((await short.call("list_all_bots", { token })).status, 200);
      for (let i = 0; i < 10; i++) assert.strictEqual((await mint(capped)).status, 200);
      assert.strictEqual((await mint(capped)).status, 400);

      await sleep(3500);
      const expired = await short.call("list_all_bots", { token });
      assert.deepStrictEqual([expired.status, expired.body.code], [401, "oauthtoken_invalid"]);
      assert.strictEqual((await mint(capped)).status, 200);
    } finally {
      await short.close();
      await capped.close();
    }
  });
});
