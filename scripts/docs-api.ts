/**
 * The API blocks of the reference pages (docs/<resource>.md): which Cliq operations each step of a resource's
 * life calls, with the OAuth scope (read from spec/cliq-bots-v3.yaml) and the rate limit (cliq-api/operations.ts)
 * of each, and the error codes it can meet with the next step (provider/resources/shared/hints.ts). Pure
 * functions over those sources; scripts/docs-args.ts writes the blocks, tests/docs/reference.test.ts checks them.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { SPEC_ERROR_MESSAGES } from "../cliq-api/error-messages";
import { OPERATIONS, type OperationId, type RateLimit } from "../cliq-api/operations";
import { hintFor } from "../provider/resources/shared/hints";
import { markdownTable } from "../provider/resources/shared/properties";
import { spelledValues } from "../provider/resources/shared/value-kinds";
import { cell } from "./docs-properties";

/** One step of a resource's life and the operations it may call, in order. */
export interface LifecycleStep {
  /** When the step runs, e.g. "create" or "create, after a lost answer or with `adoptExisting`". */
  when: string;
  operations: readonly OperationId[];
}

/** How the provider itself treats an error code before any hint applies (success, a warning, a drop). */
export type ProviderHandling = Readonly<Record<string, string>>;

/** The client's own codes and Cliq's 401, which any call can meet. */
export const CLIENT_CODES = [
  "unauthorized",
  "request_limit_exceeded",
  "oauth_invalid_client",
  "oauth_invalid_refresh_token",
  "oauth_mint_limit_exceeded",
  "network_error",
  "timeout",
  "invalid_response",
] as const;

const SPEC_PATH = path.join(__dirname, "..", "spec", "cliq-bots-v3.yaml");

type SpecDocument = { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };

let scopes: Map<string, string[]> | undefined;

/** The OAuth scopes each operation's `security` asks for, as the spec declares them. */
export function operationScopes(): Map<string, string[]> {
  if (scopes !== undefined) return scopes;
  const spec = parse(fs.readFileSync(SPEC_PATH, "utf8")) as SpecDocument;
  scopes = new Map();
  for (const methods of Object.values(spec.paths)) {
    for (const operation of Object.values(methods)) {
      if (typeof operation !== "object" || operation?.operationId === undefined) continue;
      const required = (operation.security ?? []).flatMap((entry) => Object.values(entry as object).flat());
      scopes.set(operation.operationId, required as string[]);
    }
  }
  return scopes;
}

/** `10 per minute, then a 5 min lock`. */
export function rateLimitText(limit: RateLimit): string {
  const window = limit.perSeconds === 60 ? "minute" : `${limit.perSeconds / 60} minutes`;
  return `${limit.requests} per ${window}, then a ${limit.lockSeconds / 60} min lock`;
}

/** The operations block: each step, its request, OAuth scope and rate limit per user. */
export function operationsBlock(steps: readonly LifecycleStep[]): string {
  const rows = steps.flatMap((step) =>
    step.operations.map((id) => {
      const operation = OPERATIONS[id];
      return [
        cell(step.when),
        `\`${id}\``,
        `\`${operation.method} ${operation.path}\``,
        spelledValues(operationScopes().get(id) ?? []),
        rateLimitText(operation.rateLimit),
      ];
    }),
  );
  return markdownTable(["When", "Operation", "Request", "OAuth scope", "Rate limit (per user)"], rows);
}

/** Every scope the steps need, sorted: what the refresh token must be made with. */
export function scopesOf(steps: readonly LifecycleStep[]): string[] {
  const all = steps.flatMap((step) => step.operations.flatMap((id) => operationScopes().get(id) ?? []));
  return [...new Set(all)].sort();
}

/** Cliq's own message for a code, from the first of the operations that documents it. */
function specMessage(code: string, operations: readonly OperationId[]): string | undefined {
  for (const id of operations) {
    const message = SPEC_ERROR_MESSAGES[id][code];
    if (message !== undefined) return message;
  }
  return undefined;
}

/** The errors block: every code the steps' operations declare, then the client's own, with the next step. */
export function errorsBlock(steps: readonly LifecycleStep[], handling: ProviderHandling): string {
  const operations = [...new Set(steps.flatMap((step) => step.operations))];
  const specCodes = [...new Set(operations.flatMap((id) => OPERATIONS[id].errorCodes))];
  const rows = [...specCodes, ...CLIENT_CODES].map((code) => {
    const action = [handling[code], hintFor({ code, status: code === "unauthorized" ? 401 : undefined })]
      .filter((part): part is string => part !== undefined)
      .join(" Otherwise: ");
    return [`\`${code}\``, cell(specMessage(code, operations) ?? "—"), cell(action)];
  });
  return markdownTable(["Code", "Cliq's message", "What the provider does / what to do"], rows);
}
