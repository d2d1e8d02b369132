/**
 * Conformance driven by the spec file: every error code in any `x-error-codes` is produced by a scenario below
 * (request examples: conformance.test.ts).
 */
import * as assert from "assert";
import type { OperationId } from "../../cliq-api/operations";
import { sharedHarness } from "../emulator/harness";
import { loadSpec, specOperations, type Json } from "./spec-support";

/**
 * Every code of every `x-error-codes`, each produced by a scenario over HTTP. The `*_failed` codes are
 * server-side failures the emulator cannot reach by itself: they come from a "status" fault (HTTP 500 with the
 * operation's failure code). `bot_permission_denied` needs a bot owned by another user, seeded through the
 * control surface. No code is left unproducible.
 */
describe("spec conformance: every x-error-codes code is produced", () => {
  const h = sharedHarness({ rateLimits: false, botLimit: 3, defaultHandlerTypes: ["welcome_handler"] });

  const bot = (id: string) => ({ BOT_ID: `b-${id}` });
  const fault = (operationId: OperationId) => h.control("POST", "/faults", { operationId, kind: "status" });

  type Scenario = () => Promise<{ status: number; body: Json }>;
  const scenarios: Record<string, Record<string, Scenario>> = {
    create_a_new_bot: {
      bot_creation_limit_exceeded: async () => {
        for (const n of ["A", "B", "C"]) await h.createDelugeBot(`Bot ${n}`);
        return h.call("create_a_new_bot", { body: { name: "Bot D", description: "d" } });
      },
      bot_name_already_exists: async () => {
        await h.createDelugeBot("Ops Bot");
        return h.call("create_a_new_bot", { body: { name: "OPS BOT", description: "d" } });
      },
      invalid_inputs: () => h.call("create_a_new_bot", { body: { name: "x".repeat(21), description: "d" } }),
      execution_url_required: () =>
        h.call("create_a_new_bot", { body: { name: "W", description: "d", execution_type: "webhook" } }),
      execution_url_not_allowed: () =>
        h.call("create_a_new_bot", {
          body: { name: "D", description: "d", execution_url: "https://x.example/h" },
        }),
      invalid_scope: () =>
        h.call("create_a_new_bot", { body: { name: "S", description: "d", scope: "galaxy" } }),
    },
    update_an_existing_bot: {
      bot_not_found: () => h.call("update_an_existing_bot", { params: bot("1"), body: { name: "x" } }),
      bot_name_already_exists: async () => {
        await h.createDelugeBot("Taken");
        const mine = await h.createDelugeBot("Mine");
        return h.call("update_an_existing_bot", { params: bot(mine.id), body: { name: "taken" } });
      },
      bot_permission_denied: async () => {
        const seeded = await h.control("POST", "/bots", { name: "Foreign", description: "d" });
        return h.call("update_an_existing_bot", {
          params: bot(seeded.body.data.id),
          body: { description: "e" },
        });
      },
    },
    get_details_of_a_specific_bot: {
      bot_not_found: () => h.call("get_details_of_a_specific_bot", { params: bot("53719000000000001") }),
    },
    delete_a_specific_bot: {
      bot_not_found: () => h.call("delete_a_specific_bot", { params: bot("53719000000000001") }),
      bot_permission_denied: async () => {
        const seeded = await h.control("POST", "/bots", { name: "Foreign", description: "d" });
        return h.call("delete_a_specific_bot", { params: bot(seeded.body.data.id) });
      },
    },
    send_a_bot_message: {
      botmessage_sending_failed: async () => {
        const b = await h.createDelugeBot("Msg");
        await fault("send_a_bot_message");
        return h.call("send_a_bot_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          body: { text: "hi" },
        });
      },
      botmessage_no_valid_users: async () => {
        const b = await h.createDelugeBot("Msg");
        return h.call("send_a_bot_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          body: { text: "hi", user_ids: "nobody,no one" },
        });
      },
      bot_unauthorized_message_access: async () => {
        const b = await h.createDelugeBot("Msg", { channel_participation: ["send_message"] });
        return h.call("send_a_bot_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          query: { CHANNEL_UNIQUE_NAME: "ops" },
          body: { text: "hi" },
        });
      },
      bot_message_forbidden: async () => {
        const b = await h.createDelugeBot("Msg", { channel_participation: ["listen_message"] });
        const params = { BOT_UNIQUE_NAME: b.unique_name };
        await h.call("associate_bot_to_channel", { params, body: { channel_unique_name: "ops" } });
        return h.call("send_a_bot_message", {
          params,
          query: { CHANNEL_UNIQUE_NAME: "ops" },
          body: { text: "hi" },
        });
      },
    },
    send_an_incoming_webhook_message: {
      botmessage_sending_failed: async () => {
        const b = await h.createDelugeBot("Hook");
        await fault("send_an_incoming_webhook_message");
        return h.call("send_an_incoming_webhook_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          body: { a: "b" },
        });
      },
      botmessage_no_valid_users: async () => {
        const b = await h.createDelugeBot("Hook");
        return h.call("send_an_incoming_webhook_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          query: { user_ids: "not-a-user" },
          body: { a: "b" },
        });
      },
      bot_unauthorized_message_access: async () => {
        const b = await h.createDelugeBot("Hook");
        await h.control("POST", "/faults", {
          operationId: "send_an_incoming_webhook_message",
          kind: "status",
          status: 403,
          code: "bot_unauthorized_message_access",
        });
        return h.call("send_an_incoming_webhook_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          body: {},
        });
      },
      bot_message_forbidden: async () => {
        const b = await h.createDelugeBot("Hook");
        await h.control("POST", "/faults", {
          operationId: "send_an_incoming_webhook_message",
          kind: "status",
          status: 403,
          code: "bot_message_forbidden",
        });
        return h.call("send_an_incoming_webhook_message", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          body: {},
        });
      },
    },
    Trigger_Bot_Calls: {
      bot_alert_not_enabled: async () => {
        const b = await h.createDelugeBot("Caller", { calls: "disabled" });
        return h.call("Trigger_Bot_Calls", {
          params: { BOT_UNIQUE_NAME: b.unique_name },
          body: { text: "wake up" },
        });
      },
    },
    create_a_handler_for_a_bot: {
      execution_handler_create_failed: async () => {
        const b = await h.createDelugeBot("H");
        const body = { type: "message_handler", script: "return Map();" };
        await h.call("create_a_handler_for_a_bot", { params: bot(b.id), body });
        return h.call("create_a_handler_for_a_bot", { params: bot(b.id), body });
      },
      execution_handler_data_required: async () => {
        const b = await h.createWebhookBot("H");
        return h.call("create_a_handler_for_a_bot", { params: bot(b.id), body: { type: "message_handler" } });
      },
      execution_handler_data_invalid: async () => {
        const b = await h.createWebhookBot("H");
        return h.call("create_a_handler_for_a_bot", {
          params: bot(b.id),
          body: { type: "welcome_handler", permissions: ["chat"] },
        });
      },
      invalid_inputs: async () => {
        const b = await h.createDelugeBot("H");
        return h.call("create_a_handler_for_a_bot", {
          params: bot(b.id),
          body: { type: "alert_handler", script: "x" },
        });
      },
    },
    update_a_handler_for_a_bot: {
      execution_handler_update_failed: async () => {
        const b = await h.createDelugeBot("H");
        await h.call("create_a_handler_for_a_bot", {
          params: bot(b.id),
          body: { type: "message_handler", script: "a" },
        });
        await fault("update_a_handler_for_a_bot");
        return h.call("update_a_handler_for_a_bot", {
          params: { ...bot(b.id), HANDLER_TYPE: "message_handler" },
          body: { script: "b" },
        });
      },
      execution_handler_not_found: async () => {
        const b = await h.createDelugeBot("H");
        return h.call("update_a_handler_for_a_bot", {
          params: { ...bot(b.id), HANDLER_TYPE: "mention_handler" },
          body: { script: "b" },
        });
      },
    },
    get_details_of_a_specific_bot_handler: {
      execution_handler_get_failed: async () => {
        const b = await h.createDelugeBot("H");
        await h.call("create_a_handler_for_a_bot", {
          params: bot(b.id),
          body: { type: "message_handler", script: "a" },
        });
        await fault("get_details_of_a_specific_bot_handler");
        return h.call("get_details_of_a_specific_bot_handler", {
          params: { ...bot(b.id), HANDLER_TYPE: "message_handler" },
        });
      },
      execution_handler_not_found: async () => {
        const b = await h.createDelugeBot("H");
        return h.call("get_details_of_a_specific_bot_handler", {
          params: { ...bot(b.id), HANDLER_TYPE: "menu_handler" },
          query: { handler_id: "1901318000009075000" },
        });
      },
    },
    delete_a_handler_from_a_bot: {
      execution_handler_delete_failed: async () => {
        const b = await h.createDelugeBot("H");
        await h.call("create_a_handler_for_a_bot", {
          params: bot(b.id),
          body: { type: "message_handler", script: "a" },
        });
        await fault("delete_a_handler_from_a_bot");
        return h.call("delete_a_handler_from_a_bot", {
          params: { ...bot(b.id), HANDLER_TYPE: "message_handler" },
        });
      },
      default_handler_delete_not_allowed: async () => {
        const b = await h.createDelugeBot("H");
        await h.call("create_a_handler_for_a_bot", {
          params: bot(b.id),
          body: { type: "welcome_handler", script: "a" },
        });
        return h.call("delete_a_handler_from_a_bot", {
          params: { ...bot(b.id), HANDLER_TYPE: "welcome_handler" },
        });
      },
      execution_handler_not_found: async () => {
        const b = await h.createDelugeBot("H");
        return h.call("delete_a_handler_from_a_bot", {
          params: { ...bot(b.id), HANDLER_TYPE: "context_handler" },
        });
      },
    },
    associate_bot_to_channel: {
      bot_not_found: () =>
        h.call("associate_bot_to_channel", {
          params: { BOT_UNIQUE_NAME: "ghostbot" },
          body: { channel_unique_name: "ops" },
        }),
      bot_already_member: async () => {
        const b = await h.createDelugeBot("Member");
        const params = { BOT_UNIQUE_NAME: b.unique_name };
        await h.call("associate_bot_to_channel", { params, body: { channel_unique_name: "ops" } });
        return h.call("associate_bot_to_channel", { params, body: { channel_unique_name: "ops" } });
      },
    },
  };

  /**
   * Codes the emulator produces only through fault injection, with the reason: the `*_failed` codes name
   * server-side failures; for incoming webhooks the emulator has no users or channels to refuse access to
   * (the bot-message operation produces the same two access codes from real channel state).
   */
  const ONLY_BY_FAULT = new Set([
    "send_a_bot_message/botmessage_sending_failed",
    "send_an_incoming_webhook_message/botmessage_sending_failed",
    "send_an_incoming_webhook_message/bot_unauthorized_message_access",
    "send_an_incoming_webhook_message/bot_message_forbidden",
    "update_a_handler_for_a_bot/execution_handler_update_failed",
    "get_details_of_a_specific_bot_handler/execution_handler_get_failed",
    "delete_a_handler_from_a_bot/execution_handler_delete_failed",
  ]);

  it("has a scenario for every code of every operation's x-error-codes", () => {
    for (const { operationId, op } of specOperations()) {
      const codes = (op["x-error-codes"] ?? []).map((e: { code: string }) => e.code).sort();
      assert.deepStrictEqual(Object.keys(scenarios[operationId] ?? {}).sort(), codes, operationId);
    }
  });

  for (const [operationId, byCode] of Object.entries(scenarios)) {
    for (const [code, scenario] of Object.entries(byCode)) {
      const how = ONLY_BY_FAULT.has(`${operationId}/${code}`) ? " (through a status fault)" : "";
      it(`${operationId} answers ${code}${how}`, async () => {
        const result = await scenario();
        assert.strictEqual(result.body?.code, code, JSON.stringify(result.body));
        assert.ok(result.status >= 400, `status ${result.status}`);
      });
    }
  }

  it("answers every error, including the generic ones, with a {message, code} body valid for its status", async () => {
    const results = [
      await h.call("list_all_bots", { token: null }),
      await h.call("list_all_bots", { token: "forged" }),
      await h.call("list_all_bots", { query: { limit: "51" } }),
      await h.call("get_details_of_a_specific_bot", { params: { BOT_ID: "b-not-digits" } }),
      await h.call("list_all_subscribers_of_a_bot", { params: { BOT_ID_OR_UNIQUE_NAME: "ghostbot" } }),
    ];
    assert.deepStrictEqual(
      results.map((r) => [r.status, r.body.code]),
      [
        [401, "oauthtoken_invalid"],
        [401, "oauthtoken_invalid"],
        [400, "invalid_inputs"],
        [404, "bot_not_found"],
        [404, "bot_not_found"],
      ],
    );
  });

  it("spec responses the error bodies reference declare only message; the emulator adds code", () => {
    const spec = loadSpec();
    for (const name of ["BadRequest", "Unauthorized", "NotFound", "TooManyRequests", "InternalServerError"]) {
      const schema = spec.components.responses[name].content["application/json"].schema;
      assert.deepStrictEqual(Object.keys(schema.properties), ["message"]);
    }
  });
});
