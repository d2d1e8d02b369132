/**
 * Conformance driven by the spec file: every request example is sent to the emulator and accepted, and every
 * answer validates against the operation's declared response schema (the harness checks each response).
 * Every error code in any `x-error-codes` is produced by a scenario in conformance-error-codes.test.ts.
 */
import * as assert from "assert";
import type { OperationId } from "../../cliq-api/operations";
import { sharedHarness } from "../emulator/harness";
import { resolveRef, specOperations, type Json } from "./spec-support";

interface RequestExample {
  operationId: OperationId;
  name: string;
  value: Json;
}

/**
 * Request examples the spec's README lists as inconsistent: instead of "must be accepted", each is sent and
 * must be refused with the code its inconsistency calls for.
 */
const INCONSISTENT_EXAMPLES: Record<string, { reason: string; code: string }> = {
  "create_a_handler_for_a_bot/menu_handler_webhook": {
    reason:
      "requests 'message' for a menu_handler, which x-permissions-by-handler does not allow (README item 3)",
    code: "execution_handler_data_invalid",
  },
  "create_a_handler_for_a_bot/schema example": {
    reason: "the HandlerCreate schema example omits the required type (README: further source quirks)",
    code: "invalid_inputs",
  },
};

function requestExamples(): RequestExample[] {
  const result: RequestExample[] = [];
  for (const { operationId, op } of specOperations()) {
    const media = op.requestBody?.content?.["application/json"];
    if (!media) continue;
    for (const [name, example] of Object.entries<Json>(media.examples ?? {})) {
      result.push({ operationId: operationId as OperationId, name, value: example.value });
    }
    if (media.example !== undefined) {
      result.push({ operationId: operationId as OperationId, name: "media example", value: media.example });
    }
    const schema = resolveRef(media.schema);
    if (schema?.example !== undefined) {
      result.push({ operationId: operationId as OperationId, name: "schema example", value: schema.example });
    }
  }
  return result;
}

function responseExample(operationId: string, name: string): Json | undefined {
  const op = specOperations().find((o) => o.operationId === operationId)?.op;
  return op?.responses?.["200"]?.content?.["application/json"]?.examples?.[name]?.value;
}

/** The execution type a request example is written for: script = deluge, permissions/execution_url = webhook. */
function executionTypeFor(value: Json): "deluge" | "webhook" {
  return value.permissions !== undefined || value.execution_url !== undefined ? "webhook" : "deluge";
}

describe("spec conformance: request examples", () => {
  const h = sharedHarness({ rateLimits: false });

  /** Creates what the example needs and returns the path parameters and query to send it with. */
  async function setUp(
    example: RequestExample,
  ): Promise<{ params: Record<string, string>; query: Record<string, string> }> {
    const type = executionTypeFor(example.value);
    const bot =
      type === "webhook"
        ? await h.createWebhookBot("Example Bot", {
            calls: "enabled",
            channel_participation: ["send_message"],
          })
        : await h.createDelugeBot("Example Bot", {
            calls: "enabled",
            channel_participation: ["send_message"],
          });
    const params = {
      BOT_ID: `b-${bot.id}`,
      BOT_UNIQUE_NAME: bot.unique_name,
      BOT_ID_OR_UNIQUE_NAME: bot.unique_name,
    };
    if (example.operationId !== "update_a_handler_for_a_bot") return { params, query: {} };
    const isMenu = ["name", "icon", "sub_actions"].some((k) => example.value[k] !== undefined);
    const handlerType = isMenu ? "menu_handler" : "message_handler";
    const created = await h.call("create_a_handler_for_a_bot", {
      params,
      body: {
        type: handlerType,
        ...(isMenu ? { name: "Menu" } : {}),
        ...(type === "webhook" ? { permissions: ["chat"] } : { script: "return Map();" }),
      },
    });
    assert.strictEqual(created.status, 200, created.text);
    return { params: { ...params, HANDLER_TYPE: handlerType }, query: { handler_id: created.body.data.id } };
  }

  const examples = requestExamples();

  it("finds request examples for every operation that takes a body", () => {
    const withBody = specOperations()
      .filter((o) => o.op.requestBody)
      .map((o) => o.operationId);
    assert.deepStrictEqual([...new Set(examples.map((e) => e.operationId))].sort(), withBody.sort());
  });

  for (const example of examples) {
    const key = `${example.operationId}/${example.name}`;
    if (INCONSISTENT_EXAMPLES[key]) continue;
    it(`accepts ${key}`, async () => {
      const { params, query } = await setUp(example);
      const result = await h.call(example.operationId, { params, query, body: example.value });
      assert.strictEqual(result.status, 200, result.text);
      const expected = responseExample(example.operationId, example.name);
      if (expected?.data) {
        // The answer carries every field the spec's paired response example shows, and for each field sent,
        // the value that example answers (so normalizations such as calls enable -> enabled follow the spec).
        for (const field of Object.keys(expected.data)) {
          assert.ok(field in result.body.data, `${key}: response data lacks ${field}: ${result.text}`);
        }
        for (const [field, sent] of Object.entries<Json>(example.value)) {
          if (field in expected.data)
            assert.deepStrictEqual(result.body.data[field], expected.data[field], field);
          else if (field in (expected.data.display_props ?? {}))
            assert.deepStrictEqual(result.body.data.display_props[field], sent, field);
        }
        if (example.operationId === "create_a_new_bot") {
          assert.strictEqual(result.body.data.unique_name, expected.data.unique_name);
        }
      }
    });
  }

  for (const [key, { reason, code }] of Object.entries(INCONSISTENT_EXAMPLES)) {
    it(`refuses ${key} with ${code} (it ${reason})`, async () => {
      const example = examples.find((e) => `${e.operationId}/${e.name}` === key);
      assert.ok(example, `${key} is no longer in the spec`);
      const { params, query } = await setUp(example);
      const result = await h.call(example.operationId, { params, query, body: example.value });
      assert.deepStrictEqual([result.status, result.body.code], [400, code], result.text);
    });
  }
});
