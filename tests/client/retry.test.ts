import assert from "node:assert/strict";
import type { CliqApiError } from "../../provider/client";
import { botName, captureLogger, caught, staticClient, useEmulator } from "./helpers";
import { DEFAULT_MAX_ATTEMPTS } from "../../provider/client/state";

// Backoff delays (500 ms doubling, full jitter) shrink to a few ms.
const TIME_SCALE = 0.002;

describe("CliqClient retries", () => {
  const env = useEmulator({ timeScale: TIME_SCALE });

  async function seededBot() {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    const bot = await client.createBot({ name: botName("Retry"), description: "retry" });
    await env.control.clearRequests();
    return { client, bot };
  }

  it("retries a GET answered 500 twice, then returns the bot", async () => {
    const { client, bot } = await seededBot();
    await env.control.fault({
      operationId: "get_details_of_a_specific_bot",
      kind: "status",
      status: 500,
      count: 2,
    });
    assert.equal((await client.getBot(bot.id)).id, bot.id);
    assert.deepEqual(
      (await env.control.requests()).map((entry) => entry.status),
      [500, 500, 200],
    );
  });

  it("retries a GET whose connection was dropped twice", async () => {
    const { client, bot } = await seededBot();
    await env.control.fault({ operationId: "get_details_of_a_specific_bot", kind: "drop", count: 2 });
    assert.equal((await client.getBot(bot.id)).id, bot.id);
    assert.deepEqual(
      (await env.control.requests()).map((entry) => entry.status),
      [null, null, 200],
    );
  });

  it("retries a PATCH answered 503 and a PATCH whose answer was lost after the change", async () => {
    const { client, bot } = await seededBot();
    await env.control.fault({ operationId: "update_an_existing_bot", kind: "status", status: 503 });
    assert.equal((await client.updateBot(bot.id, { description: "first" })).description, "first");
    await env.control.fault({ operationId: "update_an_existing_bot", kind: "drop-after-commit" });
    assert.equal((await client.updateBot(bot.id, { description: "second" })).description, "second");
    assert.deepEqual(
      (await env.control.requests()).map((entry) => entry.status),
      [503, 200, null, 200],
    );
  });

  it("retries a DELETE whose connection was dropped, and a handler DELETE answered 500", async () => {
    const { client, bot } = await seededBot();
    await client.createHandler(bot.id, { type: "welcome_handler", script: "return {};" });
    await env.control.clearRequests();
    await env.control.fault({ operationId: "delete_a_handler_from_a_bot", kind: "status", status: 500 });
    await client.deleteHandler(bot.id, "welcome_handler");
    await env.control.fault({ operationId: "delete_a_specific_bot", kind: "drop" });
    await client.deleteBot(bot.id);
    assert.deepEqual(
      (await env.control.requests()).map((entry) => [entry.operationId, entry.status]),
      [
        ["delete_a_handler_from_a_bot", 500],
        ["delete_a_handler_from_a_bot", 200],
        ["delete_a_specific_bot", null],
        ["delete_a_specific_bot", 200],
      ],
    );
    assert.deepEqual((await env.control.state()).bots, []);
  });

  it("gives up after the client's attempts with the last status, not ambiguous for a GET", async () => {
    const { client, bot } = await seededBot();
    await env.control.fault({
      operationId: "get_details_of_a_specific_bot",
      kind: "status",
      status: 502,
      count: DEFAULT_MAX_ATTEMPTS + 2,
    });
    const error = (await caught(() => client.getBot(bot.id))) as CliqApiError;
    assert.equal(error.status, 502);
    assert.equal(error.isAmbiguous(), false);
    assert.equal((await env.control.requests()).length, DEFAULT_MAX_ATTEMPTS);
  });

  it("does not repeat a POST answered 500: one request, an ambiguous error", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    await env.control.fault({ operationId: "create_a_new_bot", kind: "status", status: 500 });
    const error = (await caught(() =>
      client.createBot({ name: botName("P500"), description: "x" }),
    )) as CliqApiError;
    assert.equal(error.status, 500);
    assert.equal(error.isAmbiguous(), true);
    assert.equal((await env.control.requestsOf("create_a_new_bot")).length, 1);
  });

  it("does not repeat a POST whose connection dropped: one request, an ambiguous network error", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    await env.control.fault({ operationId: "create_a_handler_for_a_bot", kind: "drop" });
    const bot = await client.createBot({ name: botName("Pdrop"), description: "x" });
    const error = (await caught(() =>
      client.createHandler(bot.id, { type: "message_handler", script: "return {};" }),
    )) as CliqApiError;
    assert.equal(error.code, "network_error");
    assert.equal(error.isAmbiguous(), true);
    assert.equal((await env.control.requestsOf("create_a_handler_for_a_bot")).length, 1);
  });

  it("reports a POST whose answer was lost after the create as ambiguous; the bot exists", async () => {
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE });
    await env.control.fault({ operationId: "create_a_new_bot", kind: "drop-after-commit" });
    const name = botName("Lost");
    const error = (await caught(() => client.createBot({ name, description: "x" }))) as CliqApiError;
    assert.equal(error.isAmbiguous(), true);
    assert.equal((await env.control.requestsOf("create_a_new_bot")).length, 1);
    const found = (await client.listAllBots()).filter((bot) => bot.name === name);
    assert.equal(found.length, 1, "the lookup the provider does after an ambiguous create finds the bot");
  });

  it("times out a slow GET and retries it; a slow POST fails as an ambiguous timeout", async () => {
    const logger = captureLogger();
    // A 1 s timeout against 3 s of latency: a pause of a loaded machine can neither make the create time out
    // nor let the slow answers in before the timeout.
    const client = staticClient(env.emulator, { timeScale: TIME_SCALE, requestTimeoutMs: 1000, logger });
    const bot = await client.createBot({ name: botName("Slow"), description: "x" });
    await env.control.fault({ operationId: "get_details_of_a_specific_bot", kind: "latency", ms: 3000 });
    assert.equal((await client.getBot(bot.id)).id, bot.id);
    // The emulator logs the abandoned request only once its latency has passed, so the client's report is
    // the witness of the retry here.
    const retries = logger.lines.filter((line) =>
      /get_details_of_a_specific_bot.*timeout.*retrying/.test(line),
    );
    assert.equal(retries.length, 1);

    await env.control.fault({ operationId: "associate_bot_to_channel", kind: "latency", ms: 3000 });
    const error = (await caught(() => client.associateBotToChannel(bot.unique_name, "ops"))) as CliqApiError;
    assert.equal(error.code, "timeout");
    assert.equal(error.isAmbiguous(), true);
  });
});
