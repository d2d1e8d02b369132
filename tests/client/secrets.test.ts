import assert from "node:assert/strict";
import { inspect } from "node:util";
import { MINTED_ACCESS_TOKEN } from "../../emulator";
import { CliqClient, quoteBody, resolveStackSettings } from "../../provider/client";
import {
  botName,
  captureLogger,
  caught,
  configErrorFrom,
  oauthClient,
  SECRETS,
  staticClient,
  tappedTransport,
  useEmulator,
} from "./helpers";

const TIME_SCALE = 0.002;
const WRONG = {
  accessToken: "wrong-access-token-91c3d7e5",
  clientSecret: "wrong-client-secret-3e8a6b",
  refreshToken: "1000.wrong-refresh-token-8d2f",
};
const ALL_SECRETS = [...Object.values(SECRETS), ...Object.values(WRONG)];

/** Every textual form an error can take when it is thrown, logged, serialized or inspected. */
function renderings(error: unknown): Record<string, string> {
  const err = error as Error & { cause?: unknown };
  return {
    message: String(err.message),
    stack: String(err.stack),
    json: JSON.stringify(err) ?? "",
    inspect: inspect(err, { depth: 10 }),
    inspectHidden: inspect(err, { depth: 10, showHidden: true }),
    causeStack: String((err.cause as Error | undefined)?.stack ?? ""),
    enumerable: JSON.stringify(Object.entries(err)),
  };
}

function assertNoSecret(label: string, error: unknown, logLines: string[] = []): void {
  assert.ok(error instanceof Error, `${label}: an Error was thrown`);
  const texts = { ...renderings(error), log: logLines.join("\n") };
  for (const [form, text] of Object.entries(texts)) {
    for (const secret of ALL_SECRETS) {
      assert.ok(!text.includes(secret), `${label}: the ${form} form contains a credential`);
    }
    assert.doesNotMatch(
      text,
      MINTED_ACCESS_TOKEN,
      `${label}: the ${form} form contains a minted access token`,
    );
  }
}

describe("CliqClient keeps credentials out of errors and logs", () => {
  const env = useEmulator({ timeScale: TIME_SCALE });

  it("after a refused static token (401)", async () => {
    const logger = captureLogger();
    const client = new CliqClient({ apiUrl: env.emulator.apiUrl, accessToken: WRONG.accessToken, logger });
    assertNoSecret("401", await caught(() => client.listBots()), logger.lines);
  });

  it("after a refused refresh token and a refused client secret", async () => {
    const logger = captureLogger();
    const badRefresh = oauthClient(env.emulator, { refreshToken: WRONG.refreshToken, logger });
    assertNoSecret("invalid_code", await caught(() => badRefresh.listBots()), logger.lines);
    const badSecret = oauthClient(env.emulator, { clientSecret: WRONG.clientSecret, logger });
    assertNoSecret("invalid_client", await caught(() => badSecret.listBots()), logger.lines);
  });

  it("after a dropped connection while minting (the failed request carried the client secret)", async () => {
    const logger = captureLogger();
    // Every attempt dropped: the retries report (to the logger) and the final error, all scrubbed.
    await env.control.fault({ operationId: "oauth_token", kind: "drop", count: 4 });
    const error = await caught(() => oauthClient(env.emulator, { logger, maxAttempts: 4 }).listBots());
    assert.equal(logger.lines.filter((line) => /retrying/.test(line)).length, 3);
    assert.equal((error as { code?: string }).code, "network_error");
    assertNoSecret("mint drop", error, logger.lines);
  });

  it("after a timeout while minting", async () => {
    const logger = captureLogger();
    await env.control.fault({ operationId: "oauth_token", kind: "latency", ms: 400, count: 2 });
    const error = await caught(() =>
      oauthClient(env.emulator, { logger, requestTimeoutMs: 100, maxAttempts: 2 }).listBots(),
    );
    assert.equal((error as { code?: string }).code, "network_error");
    assertNoSecret("mint timeout", error, logger.lines);
  });

  it("redacts a copy: the original transport error keeps its Authorization header", async () => {
    const tap = tappedTransport();
    const client = staticClient(env.emulator, { transport: tap.transport, maxAttempts: 1 });
    await env.control.fault({ operationId: "list_all_bots", kind: "drop" });
    const error = await caught(() => client.listBots());
    assertNoSecret("GET drop, tapped", error);
    assert.equal(tap.failures.length, 1);
    const original = tap.failures[0] as { config: { headers: Record<string, unknown> } };
    assert.equal(original.config.headers.Authorization, `Zoho-oauthtoken ${SECRETS.accessToken}`);
    assert.notEqual((error as { cause?: unknown }).cause, original, "the error carries a scrubbed stand-in");
  });

  it("scrubs a quoted body on a copy, leaving the body itself intact", () => {
    const minted = `1000.${"a".repeat(32)}.${"b".repeat(32)}`;
    const body = {
      data: { note: `echo ${SECRETS.accessToken}`, header: `Zoho-oauthtoken ${minted}` },
      refresh_token: SECRETS.refreshToken,
      form: `client_id=x&client_secret=${SECRETS.clientSecret}`,
    };
    const untouched = structuredClone(body);
    const quoted = quoteBody(body, [SECRETS.accessToken]);
    for (const secret of ALL_SECRETS) assert.ok(!quoted.includes(secret), "a credential survived quoting");
    assert.doesNotMatch(quoted, MINTED_ACCESS_TOKEN);
    assert.deepEqual(body, untouched);
  });

  it("after dropped connections on a GET (the failed requests carried the access token)", async () => {
    const logger = captureLogger();
    const client = oauthClient(env.emulator, { timeScale: TIME_SCALE, logger });
    await env.control.fault({ operationId: "list_all_bots", kind: "drop", count: 10 });
    const error = await caught(() => client.listBots());
    assert.ok((error as { cause?: unknown }).cause !== undefined, "the redacted cause is kept");
    assertNoSecret("GET drop", error, logger.lines);
  });

  it("after a 5xx on a POST, a timeout and a throttle beyond the budget", async () => {
    const logger = captureLogger();
    const client = oauthClient(env.emulator, {
      timeScale: TIME_SCALE,
      logger,
      requestTimeoutMs: 100,
      maxThrottleWaitSeconds: 0,
    });
    await env.control.fault({ operationId: "create_a_new_bot", kind: "status", status: 500 });
    assertNoSecret(
      "POST 500",
      await caught(() => client.createBot({ name: botName("S"), description: "x" })),
    );
    await env.control.fault({ operationId: "create_a_new_bot", kind: "latency", ms: 300 });
    assertNoSecret("timeout", await caught(() => client.createBot({ name: botName("S"), description: "x" })));
    await env.control.fault({ operationId: "list_all_bots", kind: "throttle" });
    assertNoSecret("throttle", await caught(() => client.listBots()), logger.lines);
  });

  it("after an invalid response", async () => {
    const logger = captureLogger();
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE, logger });
    await env.control.fault({ operationId: "list_all_bots", kind: "status", status: 200 });
    const error = await caught(() => client.listBots());
    assert.equal((error as { code?: string }).code, "invalid_response");
    assertNoSecret("invalid_response", error, logger.lines);
  });

  it("after configuration errors", () => {
    const partial = configErrorFrom(() =>
      resolveStackSettings(
        { "cliq:clientId": SECRETS.clientId, "cliq:clientSecret": SECRETS.clientSecret },
        {},
      ),
    );
    assert.match(partial.message, /cliq:refreshToken/);
    assertNoSecret("partial OAuth config", partial);

    const pasted = configErrorFrom(() =>
      resolveStackSettings({ "cliq:accessToken": `${SECRETS.accessToken} trailing` }, {}),
    );
    assert.match(pasted.message, /cliq:accessToken/);
    assertNoSecret("whitespace token", pasted);

    const insecure = configErrorFrom(
      () => new CliqClient({ apiUrl: "http://cliq.example.com/api/v3", accessToken: SECRETS.accessToken }),
    );
    assert.match(insecure.message, /apiUrl/);
    assertNoSecret("http apiUrl", insecure);
  });

  it("leaves no credential in the enumerable fields or inspection of a client", () => {
    const client = oauthClient(env.emulator);
    const text =
      inspect(client, { depth: 10 }) +
      inspect(client, { depth: 10, showHidden: true }) +
      JSON.stringify(client) +
      JSON.stringify(Object.keys(client));
    for (const secret of ALL_SECRETS) assert.ok(!text.includes(secret));
  });
});
