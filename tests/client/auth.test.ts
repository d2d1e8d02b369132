import assert from "node:assert/strict";
import axios from "axios";
import {
  CliqClient,
  getSharedClient,
  OAuthTokenSource,
  refreshMarginSeconds,
  resetSharedClients,
  sleep,
  type CliqApiError,
} from "../../provider/client";
import { botName, captureLogger, caught, oauthClient, SECRETS, staticClient, useEmulator } from "./helpers";

const TIME_SCALE = 0.002;

describe("CliqClient authentication", () => {
  const env = useEmulator({ timeScale: TIME_SCALE });

  it("mints one access token for 50 concurrent calls", async () => {
    const client = oauthClient(env.emulator, { timeScale: TIME_SCALE });
    await Promise.all(
      Array.from({ length: 50 }, () => client.listSubscribers("somebot").catch(() => undefined)),
    );
    const log = await env.control.requests();
    assert.equal(log.filter((entry) => entry.path === "/oauth/v2/token").length, 1);
    assert.equal(log.filter((entry) => entry.operationId === "list_all_subscribers_of_a_bot").length, 50);
    assert.equal(log.filter((entry) => entry.status === 401).length, 0);
  });

  it("sends the token as `Authorization: Zoho-oauthtoken <token>` (the emulator accepts it)", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    await client.listBots();
    assert.deepEqual(
      (await env.control.requests()).map((entry) => entry.status),
      [200],
    );
  });

  it("shares one token between shared clients of the same credentials", async () => {
    resetSharedClients();
    const options = {
      apiUrl: env.emulator.apiUrl,
      accountsUrl: env.emulator.url,
      clientId: SECRETS.clientId,
      clientSecret: SECRETS.clientSecret,
      refreshToken: SECRETS.refreshToken,
      timeScale: TIME_SCALE,
    };
    await Promise.all([getSharedClient(options).listBots(), getSharedClient({ ...options }).listBots()]);
    await getSharedClient({ ...options, maxThrottleWaitSeconds: 60 }).listBots();
    assert.equal((await env.control.requestsOf("oauth_token")).length, 1);
    resetSharedClients();
  });

  it("mints a new token after a 401 oauthtoken_invalid, once, and the call succeeds", async () => {
    const client = oauthClient(env.emulator, { timeScale: TIME_SCALE });
    await client.listBots();
    await env.control.reset(); // forgets every minted token: the cached one is now invalid
    const page = await client.listBots();
    assert.deepEqual(page.bots, []);
    assert.deepEqual(
      (await env.control.requests()).map((entry) => [entry.operationId, entry.status]),
      [
        ["list_all_bots", 401],
        ["oauth_token", 200],
        ["list_all_bots", 200],
      ],
    );
  });

  it("fails a refused static token (401) with its code and Cliq's message, without retrying", async () => {
    const client = new CliqClient({
      apiUrl: env.emulator.apiUrl,
      accessToken: "not-a-valid-token",
      timeScale: TIME_SCALE,
    });
    const error = (await caught(() => client.listBots())) as CliqApiError;
    assert.equal(error.status, 401);
    assert.equal(error.code, "oauthtoken_invalid");
    // What to do about it (which setting, which data center and host) is the providers' hint, added once there.
    assert.match(
      error.message,
      /HTTP 401 oauthtoken_invalid: Request was rejected because of invalid AuthToken/,
    );
    assert.equal((await env.control.requests()).length, 1);
  });

  describe("with short-lived tokens", () => {
    // 60 s tokens at time scale 0.01 live 600 ms; the client refreshes 6 s (60 ms) before expiry. The pause
    // outlasts the token itself, so a client that kept the old token would meet a 401 in the log.
    const SHORT_SCALE = 0.01;
    const short = useEmulator({ timeScale: SHORT_SCALE, accessTokenTtlSeconds: 60 });

    it("mints a fresh token when the cached one is near expiry, before Cliq refuses it", async () => {
      const client = oauthClient(short.emulator, { timeScale: SHORT_SCALE });
      await client.listBots();
      await sleep(700);
      await client.listBots();
      const log = await short.control.requests();
      assert.deepEqual(
        log.map((entry) => [entry.operationId, entry.status]),
        [
          ["oauth_token", 200],
          ["list_all_bots", 200],
          ["oauth_token", 200],
          ["list_all_bots", 200],
        ],
      );
    });
  });

  it("refreshes inside the margin before expiry and not earlier (controlled clock)", async () => {
    let clock = 1_000_000;
    const source = new OAuthTokenSource(
      axios.create(),
      env.emulator.url,
      { clientId: SECRETS.clientId, clientSecret: SECRETS.clientSecret, refreshToken: SECRETS.refreshToken },
      1,
      () => clock,
    );
    const first = await source.getToken();
    // The emulator reports expires_in 3600: the margin is min(300 s, 10 %) = 300 s.
    assert.equal(refreshMarginSeconds(3600), 300);
    clock += (3600 - 300 - 1) * 1000;
    assert.equal(await source.getToken(), first, "still outside the margin: the cached token is reused");
    clock += 2000;
    const second = await source.getToken();
    assert.notEqual(
      second,
      first,
      "inside the margin: a new token is minted while the old one is still valid",
    );
    assert.equal(source.mintCount, 2);
  });

  describe("OAuth refusals (time scale 1)", () => {
    const accounts = useEmulator();

    it("reports a refused refresh token (HTTP 200 invalid_code) as oauth_invalid_refresh_token", async () => {
      const client = oauthClient(accounts.emulator, { refreshToken: "1000.wrong-refresh-token" });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_invalid_refresh_token");
      assert.equal(error.operationId, "oauth_token");
      assert.match(error.message, /cliq:refreshToken/);
      assert.equal((await accounts.control.requestsOf("list_all_bots")).length, 0);
    });

    it("reports a refused client secret (HTTP 200 invalid_client) as oauth_invalid_client", async () => {
      const client = oauthClient(accounts.emulator, { clientSecret: "wrong-client-secret" });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_invalid_client");
      assert.match(error.message, /cliq:clientSecret/);
    });

    it("reports the mint cap (HTTP 400 Access Denied) as oauth_mint_limit_exceeded", async () => {
      for (let i = 0; i < 10; i++) await oauthClient(accounts.emulator).listBots();
      const error = (await caught(() => oauthClient(accounts.emulator).listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_mint_limit_exceeded");
      assert.equal(error.status, 400);
      assert.match(error.message, /10 access tokens per 10 minutes/);
    });

    it("retries a mint answered 503 and then dropped: 20 waiting calls all succeed on the third mint", async () => {
      const logger = captureLogger();
      const client = oauthClient(accounts.emulator, { random: () => 0, logger });
      await accounts.control.fault({ operationId: "oauth_token", kind: "status", status: 503 });
      await accounts.control.fault({ operationId: "oauth_token", kind: "drop" });
      const pages = await Promise.all(Array.from({ length: 20 }, () => client.listBots()));
      assert.equal(pages.length, 20);
      assert.deepEqual(
        (await accounts.control.requestsOf("oauth_token")).map((entry) => entry.status),
        [503, null, 200],
      );
      assert.equal(
        logger.lines.filter((line) => /refresh the access token|token refresh.*retrying/.test(line)).length,
        2,
      );
    });

    it("does not retry Zoho's OAuth refusals: one mint request for a refused refresh token", async () => {
      const client = oauthClient(accounts.emulator, { refreshToken: "1000.wrong-refresh-token" });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_invalid_refresh_token");
      assert.equal((await accounts.control.requestsOf("oauth_token")).length, 1);
    });

    it("does not cache a failed mint: after its retries are spent, the next call mints again", async () => {
      const client = oauthClient(accounts.emulator, { maxAttempts: 2, random: () => 0 });
      await accounts.control.fault({ operationId: "oauth_token", kind: "status", status: 503, count: 2 });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.status, 503);
      const bot = await client.createBot({ name: botName("After"), description: "after a failed mint" });
      assert.match(bot.id, /^\d+$/);
      assert.deepEqual(
        (await accounts.control.requestsOf("oauth_token")).map((entry) => entry.status),
        [503, 503, 200],
      );
    });
  });
});
