import assert from "node:assert/strict";
import { OPERATION_IDS } from "../../cliq-api/operations";
import type { CliqClient } from "../../provider/client";
import { botName, oauthClient, tappedTransport, useEmulator } from "./helpers";

describe("CliqClient operations against the emulator", () => {
  const env = useEmulator({ timeScale: 0.001 });
  let client: CliqClient;

  beforeEach(() => {
    client = oauthClient(env.emulator, { timeScale: 0.001 });
  });

  it("creates, reads, lists, updates and deletes a bot", async () => {
    const created = await client.createBot({
      name: botName("Ops"),
      description: "CI/CD alerts",
      scope: "team",
      team_ids: ["98765432"],
      execution_type: "webhook",
      execution_url: "https://ci.example.com/cliq",
      channel_participation: ["listen_message", "send_message"],
      status_messages: ["Watching"],
      calls: "enabled",
    });
    assert.match(created.id, /^\d+$/);
    assert.equal(created.calls, "enabled");
    assert.deepEqual(created.team_ids, ["98765432"]);

    const fetched = await client.getBot(created.id);
    assert.equal(fetched.unique_name, created.unique_name);

    const page = await client.listBots({ limit: 50 });
    assert.deepEqual(
      page.bots.map((bot) => bot.id),
      [created.id],
    );
    assert.deepEqual(
      (await client.listAllBots()).map((bot) => bot.id),
      [created.id],
    );

    const updated = await client.updateBot(created.id, {
      description: "Pipeline alerts",
      status_messages: [],
    });
    assert.equal(updated.description, "Pipeline alerts");
    assert.equal((await env.control.state()).bots[0]!.description, "Pipeline alerts");

    await client.deleteBot(created.id);
    assert.deepEqual((await env.control.state()).bots, []);
  });

  it("follows next_token through every page in listAllBots", async () => {
    const names = Array.from({ length: 7 }, () => botName("Page"));
    for (const name of names) await client.createBot({ name, description: "paged" });
    const firstPage = await client.listBots({ limit: 3 });
    assert.equal(firstPage.bots.length, 3);
    assert.ok(firstPage.nextToken, "a partial page carries next_token");
    const all = await client.listAllBots();
    assert.deepEqual(all.map((bot) => bot.name).sort(), [...names].sort());
  });

  it("creates, reads, updates and deletes handlers, menu handlers by handler_id", async () => {
    const bot = await client.createBot({
      name: botName("Hnd"),
      description: "handlers",
      execution_type: "webhook",
      execution_url: "https://hooks.example.com/bot",
    });
    const message = await client.createHandler(bot.id, {
      type: "message_handler",
      permissions: ["chat", "user"],
    });
    assert.equal(message.type, "message_handler");
    assert.deepEqual(await client.getHandler(bot.id, "message_handler").then((h) => h.permissions), [
      "chat",
      "user",
    ]);
    const changed = await client.updateHandler(bot.id, "message_handler", { permissions: ["message"] });
    assert.deepEqual(changed.permissions, ["message"]);

    const menu = await client.createHandler(bot.id, {
      type: "menu_handler",
      name: "Help",
      icon: "wand/FF5733",
      permissions: ["chat"],
      sub_actions: [{ name: "Docs" }],
    });
    assert.match(menu.id ?? "", /^\d+$/, "a menu handler comes back with its id as a digit string");
    assert.equal(menu.name, "Help", "display props are flattened into the handler");
    const renamed = await client.updateHandler(bot.id, "menu_handler", { name: "Support" }, menu.id);
    assert.equal(renamed.name, "Support");
    assert.equal((await client.getHandler(bot.id, "menu_handler", menu.id)).name, "Support");

    const menuRequests = (await env.control.requests()).filter((entry) =>
      entry.path.endsWith("/handlers/menu_handler"),
    );
    assert.ok(menuRequests.length >= 2);
    for (const entry of menuRequests)
      assert.equal(entry.query.handler_id, menu.id, "handler_id goes out verbatim");

    await client.deleteHandler(bot.id, "menu_handler", menu.id);
    await client.deleteHandler(bot.id, "message_handler");
    assert.deepEqual((await env.control.state()).bots[0]!.handlers, []);
  });

  it("sends bot messages, incoming webhook messages and bot calls", async () => {
    const bot = await client.createBot({ name: botName("Msg"), description: "messages", calls: "enabled" });
    await client.sendBotMessage(bot.unique_name, { text: "Build green" });
    const incoming = await client.sendIncomingWebhookMessage(bot.unique_name, { alert_type: "deployment" });
    assert.ok(Array.isArray(incoming.user_ids));
    const call = await client.triggerBotCall(bot.unique_name, { text: "Production is down" });
    assert.equal(typeof call.id, "string");
  });

  it("associates a bot with a channel and lists its subscribers by id or unique name", async () => {
    const bot = await client.createBot({ name: botName("Chan"), description: "channels" });
    await client.associateBotToChannel(bot.unique_name, "ops");
    assert.deepEqual((await env.control.state()).memberships, [
      { channel_unique_name: "ops", bot_unique_name: bot.unique_name },
    ]);
    const byName = await client.listSubscribers(bot.unique_name);
    const byId = await client.listSubscribers(bot.id);
    assert.ok(byName.subscribers.length > 0);
    assert.deepEqual(byId.subscribers, byName.subscribers);
    const paths = (await env.control.requestsOf("list_all_subscribers_of_a_bot")).map((entry) => entry.path);
    assert.deepEqual(paths, [
      `/api/v3/bots/${bot.unique_name}/subscribers`,
      `/api/v3/bots/b-${bot.id}/subscribers`,
    ]);
  });

  it("round-trips all 14 operations of the spec", async () => {
    const bot = await client.createBot({ name: botName("All"), description: "all", calls: "enabled" });
    await client.listBots();
    await client.getBot(bot.id);
    await client.updateBot(bot.id, { description: "all of them" });
    await client.sendBotMessage(bot.unique_name, { text: "hello" });
    await client.sendIncomingWebhookMessage(bot.unique_name, { key: "value" });
    await client.triggerBotCall(bot.unique_name, { text: "call" });
    await client.createHandler(bot.id, { type: "welcome_handler", script: 'return {"text":"hi"};' });
    await client.updateHandler(bot.id, "welcome_handler", { script: 'return {"text":"hello"};' });
    await client.getHandler(bot.id, "welcome_handler");
    await client.deleteHandler(bot.id, "welcome_handler");
    await client.associateBotToChannel(bot.unique_name, "general");
    await client.listSubscribers(bot.unique_name);
    await client.deleteBot(bot.id);
    const answered = new Set(
      (await env.control.requests())
        .filter((entry) => entry.status === 200)
        .map((entry) => entry.operationId),
    );
    for (const operationId of OPERATION_IDS)
      assert.ok(answered.has(operationId), `${operationId} answered 200`);
  });

  it("sends a team id beyond 2^53 as the exact number and reads it back exactly", async () => {
    const big = "9007199254740993";
    const bot = await client.createBot({
      name: botName("Big"),
      description: "big",
      scope: "team",
      team_ids: [big, "12"],
    });
    assert.deepEqual(bot.team_ids, [big, "12"]);
    assert.deepEqual(
      (await env.control.state()).bots[0]!.team_ids,
      [big, "12"],
      "the emulator stored the exact digits",
    );
    assert.deepEqual((await client.getBot(bot.id)).team_ids, [big, "12"]);
  });

  it("puts digit-string team ids on the wire as bare JSON numbers with every digit", async () => {
    const tap = tappedTransport();
    const tapped = oauthClient(env.emulator, { timeScale: 0.001, transport: tap.transport });
    const big = "12345678901234567890";
    await tapped.createBot({ name: botName("Wire"), description: "wire", scope: "team", team_ids: [big] });
    const create = tap.sent.find((config) => config.method === "post" && config.url === "/bots");
    assert.ok(create, "the create request went through the transport");
    assert.equal(typeof create.data, "string");
    assert.match(create.data as string, /"team_ids":\[12345678901234567890\]/);
  });

  it("accepts bot ids with and without the b- prefix and always sends b-<digits>", async () => {
    const bot = await client.createBot({ name: botName("Pfx"), description: "prefix" });
    const bare = await client.getBot(bot.id);
    const prefixed = await client.getBot(`b-${bot.id}`);
    assert.equal(bare.id, bot.id);
    assert.equal(prefixed.id, bot.id);
    const paths = (await env.control.requestsOf("get_details_of_a_specific_bot")).map((entry) => entry.path);
    assert.deepEqual(paths, [`/api/v3/bots/b-${bot.id}`, `/api/v3/bots/b-${bot.id}`]);
  });

  it("reports a missing bot as a not-found CliqApiError with status, code, method and path", async () => {
    const error = await client.getBot("b-1234567").catch((e: unknown) => e);
    assert.ok(error instanceof Error && error.name === "CliqApiError");
    const apiError = error as import("../../provider/client").CliqApiError;
    assert.equal(apiError.status, 404);
    assert.equal(apiError.code, "bot_not_found");
    assert.equal(apiError.method, "GET");
    assert.equal(apiError.path, "/bots/b-1234567");
    assert.equal(apiError.operationId, "get_details_of_a_specific_bot");
    assert.equal(apiError.isNotFound(), true);
    assert.equal(apiError.isAlreadyExists(), false);
  });

  it("reports an existing name and an existing membership as already-exists", async () => {
    const name = botName("Dup");
    const bot = await client.createBot({ name, description: "dup" });
    const duplicate = await client.createBot({ name, description: "dup" }).catch((e: unknown) => e);
    assert.equal((duplicate as { code?: string }).code, "bot_name_already_exists");
    assert.equal((duplicate as { isAlreadyExists(): boolean }).isAlreadyExists(), true);
    await client.associateBotToChannel(bot.unique_name, "ops");
    const again = await client.associateBotToChannel(bot.unique_name, "ops").catch((e: unknown) => e);
    assert.equal((again as { isAlreadyExists(): boolean }).isAlreadyExists(), true);
  });

  it("refuses an invalid request body before sending anything", async () => {
    const error = await client
      .createBot({ name: "x".repeat(21), description: "too long" })
      .catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, "invalid_request");
    assert.match((error as Error).message, /name/);
    assert.deepEqual(await env.control.requestsOf("create_a_new_bot"), []);
  });

  it("turns a 200 answer that breaks the spec into invalid_response quoting the body and the issue path", async () => {
    const bot = await client.createBot({ name: botName("Bad"), description: "bad body" });
    // A "status" fault with HTTP 200 answers {message, code}: a 200 body without the bot.
    await env.control.fault({
      operationId: "get_details_of_a_specific_bot",
      kind: "status",
      status: 200,
      code: "odd",
    });
    const error = await client.getBot(bot.id).catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, "invalid_response");
    assert.match((error as Error).message, /at data/);
    assert.match((error as Error).message, /"code":"odd"/);
  });
});
