import * as assert from "assert";
import { SPEC_ERROR_MESSAGES, SPEC_STATUS_MESSAGES } from "../../cliq-api/error-messages";
import { sharedHarness } from "./harness";

/**
 * Cliq's error messages are terse and say nothing about what to change; the provider's hints are written
 * against them. The emulator must answer with exactly the spec's texts, never friendlier prose of its own.
 */
describe("emulator: error bodies carry the spec's message texts", () => {
  const h = sharedHarness({ rateLimits: false, defaultHandlerTypes: ["message_handler"] });

  it("answers a code with its operation's x-error-codes description", async () => {
    const bot = await h.createDelugeBot("Texts");
    const duplicate = await h.call("create_a_new_bot", { body: { name: "Texts", description: "d" } });
    assert.strictEqual(duplicate.body.message, SPEC_ERROR_MESSAGES.create_a_new_bot.bot_name_already_exists);
    const other = await h.createDelugeBot("Other");
    const renamed = await h.call("update_an_existing_bot", {
      params: { BOT_ID: `b-${other.id}` },
      body: { name: "Texts" },
    });
    assert.strictEqual(renamed.body.message, "Another bot with this name already exists.");
    const missing = await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: "b-999" } });
    assert.strictEqual(missing.body.message, "Bot with the specified ID does not exist.");
    const noBot = await h.call("associate_bot_to_channel", {
      params: { BOT_UNIQUE_NAME: "nobody" },
      body: { channel_unique_name: "ops" },
    });
    assert.strictEqual(noBot.body.message, "Bot with the specified ID or unique name does not exist.");
    const invalid = await h.call("create_a_new_bot", { body: { name: "x".repeat(21), description: "d" } });
    assert.strictEqual(invalid.body.message, "Request body validation failed.");
    assert.strictEqual(bot.name, "Texts");
  });

  it("answers a second handler of a type with the spec's text, not advice of ours", async () => {
    const bot = await h.createWebhookBot("Twice");
    const create = () =>
      h.call("create_a_handler_for_a_bot", {
        params: { BOT_ID: `b-${bot.id}` },
        body: { type: "welcome_handler", permissions: ["user"] },
      });
    assert.strictEqual((await create()).status, 200);
    const second = await create();
    assert.deepStrictEqual(second.body, {
      message: "Failed to create the execution handler.",
      code: "execution_handler_create_failed",
    });
  });

  it("answers a default handler's delete and a missing handler with the spec's texts", async () => {
    const bot = await h.createDelugeBot("Defaults");
    const params = (type: string) => ({ params: { BOT_ID: `b-${bot.id}`, HANDLER_TYPE: type } });
    await h.call("create_a_handler_for_a_bot", {
      params: { BOT_ID: `b-${bot.id}` },
      body: { type: "message_handler", script: "x" },
    });
    const kept = await h.call("delete_a_handler_from_a_bot", params("message_handler"));
    assert.strictEqual(kept.body.message, "Default handlers cannot be deleted.");
    const gone = await h.call("get_details_of_a_specific_bot_handler", params("welcome_handler"));
    assert.strictEqual(gone.body.message, "Specified handler was not found for this bot.");
  });

  it("answers codes the spec gives no text for with its status texts", async () => {
    const unauthorized = await h.call("list_all_bots", { token: "nope" });
    assert.strictEqual(unauthorized.body.message, SPEC_STATUS_MESSAGES[401]);
    const unknownUrl = await h.raw("GET", "/api/v3/nothing");
    assert.strictEqual(unknownUrl.body.message, SPEC_STATUS_MESSAGES[404]);
    const wrongMethod = await h.raw("PUT", "/api/v3/bots");
    assert.strictEqual(wrongMethod.body.message, SPEC_STATUS_MESSAGES[405]);
  });
});
