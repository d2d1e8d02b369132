import assert from "node:assert/strict";
import axios from "axios";
import {
  CliqClient,
  getSharedClient,
  OAuthTokenSource,
  refreshMarginSeconds,
  resetSharedClients,
  type CliqApiError,
} from "../../provider/client";
import {
  botName,
  caught,
  Control,
  emulatorOptions,
  oauthClient,
  SECRETS,
  startEmulator,
  staticClient,
  type RunningEmulator,
} from "./helpers";

const TIME_SCALE = 0.002;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("CliqClient authentication", () => {
  let emulator: RunningEmulator;
  let control: Control;

  before(async () => {
    emulator = await startEmulator(emulatorOptions({ timeScale: TIME_SCALE }));
    control = new Control(emulator);
  });
  after(async () => emulator.close());
  beforeEach(async () => control.reset());

  it("mints one access token for 50 concurrent calls", async () => {
    const client = oauthClient(emulator, { timeScale: TIME_SCALE });
    await Promise.all(
      Array.from({ length: 50 }, () => client.listSubscribers("somebot").catch(() => undefined)),
    );
    const log = await control.requests();
    assert.equal(log.filter((entry) => entry.path === "/oauth/v2/token").length, 1);
    assert.equal(log.filter((entry) => entry.operationId === "list_all_subscribers_of_a_bot").length, 50);
    assert.equal(log.filter((entry) => entry.status === 401).length, 0);
  });

  it("sends the token as `Authorization: Zoho-oauthtoken <token>` (the emulator accepts it)", async () => {
    const client = staticClient(emulator, { timeScale: TIME_SCALE });
    await client.listBots();
    assert.deepEqual(
      (await control.requests()).map((entry) => entry.status),
      [200],
    );
  });

  it("shares one token between shared clients of the same credentials", async () => {
    resetSharedClients();
    const options = {
      apiUrl: emulator.apiUrl,
      accountsUrl: emulator.url,
      clientId: SECRETS.clientId,
      clientSecret: SECRETS.clientSecret,
      refreshToken: SECRETS.refreshToken,
      timeScale: TIME_SCALE,
    };
    await Promise.all([getSharedClient(options).listBots(), getSharedClient({ ...options }).listBots()]);
    await getSharedClient({ ...options, maxThrottleWaitSeconds: 60 }).listBots();
    assert.equal((await control.requestsOf("oauth_token")).length, 1);
    resetSharedClients();
  });

  it("mints a new token after a 401 oauthtoken_invalid, once, and the call succeeds", async () => {
    const client = oauthClient(emulator, { timeScale: TIME_SCALE });
    await client.listBots();
    await control.reset(); // forgets every minted token: the cached one is now invalid
    const page = await client.listBots();
    assert.deepEqual(page.bots, []);
    assert.deepEqual(
      (await control.requests()).map((entry) => [entry.operationId, entry.status]),
      [
        ["list_all_bots", 401],
        ["oauth_token", 200],
        ["list_all_bots", 200],
      ],
    );
  });

  it("fails a refused static token (401) with its code and a hint, without retrying", async () => {
    const client = new CliqClient({
      apiUrl: emulator.apiUrl,
      accessToken: "not-a-valid-token",
      timeScale: TIME_SCALE,
    });
    const error = (await caught(() => client.listBots())) as CliqApiError;
    assert.equal(error.status, 401);
    assert.equal(error.code, "oauthtoken_invalid");
    assert.match(error.message, /cliq:accessToken/);
    assert.equal((await control.requests()).length, 1);
  });

  describe("with short-lived tokens", () => {
    let shortLived: RunningEmulator;
    let shortControl: Control;
    // 20 s tokens at time scale 0.01 live 200 ms; the client refreshes 2 s (20 ms) before expiry.
    const SHORT_SCALE = 0.01;

    before(async () => {
      shortLived = await startEmulator(
        emulatorOptions({ timeScale: SHORT_SCALE, accessTokenTtlSeconds: 20 }),
      );
      shortControl = new Control(shortLived);
    });
    after(async () => shortLived.close());

    it("mints a fresh token when the cached one is near expiry, before Cliq refuses it", async () => {
      const client = oauthClient(shortLived, { timeScale: SHORT_SCALE });
      await client.listBots();
      await sleep(250);
      await client.listBots();
      const log = await shortControl.requests();
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
      emulator.url,
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
    let accounts: RunningEmulator;
    let accountsControl: Control;

    before(async () => {
      accounts = await startEmulator(emulatorOptions());
      accountsControl = new Control(accounts);
    });
    after(async () => accounts.close());
    beforeEach(async () => accountsControl.reset());

    it("reports a refused refresh token (HTTP 200 invalid_code) as oauth_invalid_refresh_token", async () => {
      const client = oauthClient(accounts, { refreshToken: "1000.wrong-refresh-token" });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_invalid_refresh_token");
      assert.equal(error.operationId, "oauth_token");
      assert.match(error.message, /cliq:refreshToken/);
      assert.equal((await accountsControl.requestsOf("list_all_bots")).length, 0);
    });

    it("reports a refused client secret (HTTP 200 invalid_client) as oauth_invalid_client", async () => {
      const client = oauthClient(accounts, { clientSecret: "wrong-client-secret" });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_invalid_client");
      assert.match(error.message, /cliq:clientSecret/);
    });

    it("reports the mint cap (HTTP 400 Access Denied) as oauth_mint_limit_exceeded", async () => {
      for (let i = 0; i < 10; i++) await oauthClient(accounts).listBots();
      const error = (await caught(() => oauthClient(accounts).listBots())) as CliqApiError;
      assert.equal(error.code, "oauth_mint_limit_exceeded");
      assert.equal(error.status, 400);
      assert.match(error.message, /10 access tokens per 10 minutes/);
    });

    it("does not cache a failed mint: the next call mints again", async () => {
      const client = oauthClient(accounts);
      await accountsControl.fault({ operationId: "oauth_token", kind: "status", status: 503 });
      const error = (await caught(() => client.listBots())) as CliqApiError;
      assert.equal(error.status, 503);
      const bot = await client.createBot({ name: botName("After"), description: "after a failed mint" });
      assert.match(bot.id, /^\d+$/);
      assert.equal((await accountsControl.requestsOf("oauth_token")).length, 2);
    });
  });
});
