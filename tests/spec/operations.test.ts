import * as assert from "assert";
import {
  CHANNEL_PARTICIPATION,
  EXECUTION_TYPES,
  HANDLER_TYPES,
  LIMITS,
  OPERATION_IDS,
  OPERATIONS,
  PERMISSIONS,
  PERMISSIONS_BY_HANDLER,
  SCOPES,
} from "../../cliq-api/operations";
import { loadSpec, resolveRef, specOperation, specOperations } from "./spec-support";

describe("cliq-api/operations.ts matches spec/cliq-bots-v3.yaml", () => {
  const spec = loadSpec();
  const schemas = spec.components.schemas;

  it("lists exactly the spec's operations", () => {
    assert.deepStrictEqual(
      [...OPERATION_IDS].sort(),
      specOperations()
        .map((o) => o.operationId)
        .sort(),
    );
  });

  for (const id of OPERATION_IDS) {
    describe(id, () => {
      const fromSpec = specOperation(id);
      const table = OPERATIONS[id];

      it("has the spec's method and path", () => {
        assert.strictEqual(table.id, id);
        assert.strictEqual(table.method, fromSpec.method);
        assert.strictEqual(table.path, fromSpec.path);
      });

      it("has the spec's x-rate-limit", () => {
        const limit = fromSpec.op["x-rate-limit"];
        assert.deepStrictEqual(table.rateLimit, {
          requests: limit.requests,
          perSeconds: limit.per_seconds,
          lockSeconds: limit.lock_seconds,
        });
      });

      it("has the spec's x-error-codes, in order", () => {
        const codes = (fromSpec.op["x-error-codes"] ?? []).map((e: { code: string }) => e.code);
        assert.deepStrictEqual([...table.errorCodes], codes);
      });
    });
  }

  it("uses the spec's handler type enum (HandlerCreate.type and the HANDLER_TYPE path parameter)", () => {
    assert.deepStrictEqual([...HANDLER_TYPES].sort(), [...schemas.HandlerCreate.properties.type.enum].sort());
    const pathParam = specOperation("update_a_handler_for_a_bot").op.parameters.find(
      (p: { name: string }) => p.name === "HANDLER_TYPE",
    );
    assert.deepStrictEqual([...HANDLER_TYPES].sort(), [...pathParam.schema.enum].sort());
  });

  it("has the permission matrix of x-permissions-by-handler, with the alert_handler row serving call_handler", () => {
    const matrix = specOperation("create_a_handler_for_a_bot").op["x-permissions-by-handler"];
    const expected: Record<string, string[]> = {};
    for (const [type, permissions] of Object.entries<string[]>(matrix)) {
      expected[type === "alert_handler" ? "call_handler" : type] = [...permissions].sort();
    }
    const actual: Record<string, string[]> = {};
    for (const [type, permissions] of Object.entries(PERMISSIONS_BY_HANDLER))
      actual[type] = [...permissions].sort();
    assert.deepStrictEqual(actual, expected);
    assert.ok(!("call_handler" in matrix), "the spec's matrix would now name call_handler itself");
  });

  it("uses the spec's permission, scope, execution type and channel participation enums", () => {
    assert.deepStrictEqual(
      [...PERMISSIONS].sort(),
      [...schemas.HandlerCreate.properties.permissions.items.enum].sort(),
    );
    assert.deepStrictEqual([...SCOPES], schemas.BotCreate.properties.scope.enum);
    assert.deepStrictEqual([...SCOPES], schemas.BotEdit.properties.scope.enum);
    assert.deepStrictEqual([...EXECUTION_TYPES], schemas.BotCreate.properties.execution_type.enum);
    assert.deepStrictEqual(
      [...CHANNEL_PARTICIPATION],
      schemas.BotCreate.properties.channel_participation.items.enum,
    );
    assert.deepStrictEqual(
      [...CHANNEL_PARTICIPATION],
      schemas.BotEdit.properties.channel_participation.items.enum,
    );
  });

  it("uses the spec's length and size limits", () => {
    const create = schemas.BotCreate.properties;
    assert.strictEqual(LIMITS.botName, create.name.maxLength);
    assert.strictEqual(LIMITS.botName, schemas.BotEdit.properties.name.maxLength);
    assert.strictEqual(LIMITS.botDescription, create.description.maxLength);
    assert.strictEqual(LIMITS.teamIds, create.team_ids.maxItems);
    assert.strictEqual(LIMITS.statusMessages, create.status_messages.maxItems);
    assert.strictEqual(LIMITS.statusMessageLength, create.status_messages.items.maxLength);
    assert.match(
      create.channel_participation.description,
      new RegExp(`Maximum limit: ${LIMITS.channelParticipation}\\.`),
    );
    assert.match(schemas.HandlerCreate.properties.script.description, /Maximum size is 250KB/);
    assert.strictEqual(LIMITS.scriptBytes, 250 * 1024);
    assert.strictEqual(LIMITS.permissions, schemas.HandlerCreate.properties.permissions.maxItems);
    assert.strictEqual(LIMITS.menuName, schemas.HandlerCreate.properties.name.maxLength);
    assert.strictEqual(LIMITS.subActions, schemas.HandlerCreate.properties.sub_actions.maxItems);
    assert.strictEqual(LIMITS.subActionName, schemas.SubAction.properties.name.maxLength);
    const limitParam = specOperation("list_all_bots").op.parameters.find(
      (p: { name: string }) => p.name === "limit",
    );
    assert.match(
      limitParam.description,
      new RegExp(
        `Default value is ${LIMITS.listLimitDefault} and maximum allowed value is ${LIMITS.listLimitMax}`,
      ),
    );
  });

  it("resolves every $ref of the spec", () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref" && typeof v === "string") refs.push(v);
          else walk(v);
        }
      }
    };
    walk(spec);
    assert.ok(refs.length > 20);
    for (const ref of refs) assert.ok(resolveRef({ $ref: ref }), `unresolved ${ref}`);
  });
});
