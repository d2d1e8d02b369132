/**
 * Reads `spec/cliq-bots-v3.yaml` and validates response bodies against an operation's declared response
 * schema for the status received (resolving `$ref`s), with ajv. Tests use it instead of hand-written
 * expectations of the response shapes.
 */
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any;

export const SPEC_PATH = path.join(__dirname, "..", "..", "spec", "cliq-bots-v3.yaml");

let cachedSpec: Json | undefined;
export function loadSpec(): Json {
  cachedSpec ??= parse(fs.readFileSync(SPEC_PATH, "utf8"));
  return cachedSpec;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  op: Json;
}

export function specOperations(): SpecOperation[] {
  const spec = loadSpec();
  const result: SpecOperation[] = [];
  for (const [p, item] of Object.entries<Json>(spec.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (["get", "post", "patch", "delete", "put"].includes(method)) {
        result.push({ operationId: op.operationId, method: method.toUpperCase(), path: p, op });
      }
    }
  }
  return result;
}

export function specOperation(operationId: string): SpecOperation {
  const found = specOperations().find((o) => o.operationId === operationId);
  if (!found) throw new Error(`operation ${operationId} is not in the spec`);
  return found;
}

/** Follows a local `$ref` (`#/components/...`). */
export function resolveRef(node: Json): Json {
  let current = node;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((acc: Json, key: string) => acc[key.replace(/~1/g, "/").replace(/~0/g, "~")], loadSpec());
  }
  return current;
}

const SPEC_SCHEMA_ID = "cliq-spec";

function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        k === "$ref" && typeof v === "string" && v.startsWith("#/")
          ? `${SPEC_SCHEMA_ID}${v}`
          : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

let ajv: Ajv | undefined;
function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: SPEC_SCHEMA_ID, components: rewriteRefs(loadSpec().components) });
  }
  return ajv;
}

/** The JSON schema the spec declares for an operation's response with this status, if any. */
export function declaredResponseSchema(operationId: string, status: number): Json | undefined {
  const response = resolveRef(specOperation(operationId).op.responses?.[String(status)]);
  return response?.content?.["application/json"]?.schema;
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = getAjv().compile(rewriteRefs(schema));
    validators.set(key, validate);
  }
  return validate;
}

/** The generic error body every Cliq error carries (`info.description`): {message, code}. */
const ERROR_BODY_SCHEMA = {
  type: "object",
  required: ["message", "code"],
  properties: { message: { type: "string", minLength: 1 }, code: { type: "string", pattern: "^[a-z_]+$" } },
};

/**
 * Problems of a response body against the spec: the operation's declared schema for the status (when the
 * spec declares one), and for error statuses also the `{message, code}` shape. Empty when it conforms.
 */
export function responseProblems(operationId: string, status: number, body: Json): string[] {
  const problems: string[] = [];
  const schema = declaredResponseSchema(operationId, status);
  if (schema) {
    const validate = validatorFor(`${operationId} ${status}`, schema);
    if (!validate(body)) problems.push(`${operationId} ${status}: ${getAjv().errorsText(validate.errors)}`);
  } else if (status < 400) {
    problems.push(`${operationId} declares no ${status} response`);
  }
  if (status >= 400) {
    const validate = validatorFor("error body", ERROR_BODY_SCHEMA);
    if (!validate(body))
      problems.push(`${operationId} ${status} error body: ${getAjv().errorsText(validate.errors)}`);
  }
  return problems;
}
