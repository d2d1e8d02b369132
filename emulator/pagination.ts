import { LIMITS } from "../cliq-api/operations";
import { errors } from "./errors";

/**
 * Cursor tokens shaped like Cliq's (base64 of `limit|marker|last id`, e.g. `NTB8MTc1...` decodes to
 * `50|1756362093498|53719000001620003`). Here the middle part is the change sequence the listing is
 * filtered from (0 = everything), so a `next_token` walk of a sync listing stays a sync listing.
 */
export interface Cursor {
  limit: number;
  sinceSeq: number;
  afterId: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.limit}|${cursor.sinceSeq}|${cursor.afterId}`).toString("base64");
}

export function decodeCursor(token: string, param: string): Cursor {
  const parts = Buffer.from(token, "base64").toString("utf8").split("|");
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) {
    throw errors.invalidInputs(`${param} is not a valid token.`);
  }
  return { limit: Number(parts[0]), sinceSeq: Number(parts[1]), afterId: parts[2] };
}

/** A sync token remembers the change sequence at the time of the listing. */
export function encodeSyncToken(limit: number, changeSeq: number): string {
  return encodeCursor({ limit, sinceSeq: changeSeq, afterId: "0" });
}

/**
 * `limit`: default 20, at most 50. Out of range (or not an integer) is `invalid_inputs` rather than a silent
 * clamp, so a client that asks for more than the API gives learns it at once.
 */
export function parseLimit(raw: string | null, fallback: number = LIMITS.listLimitDefault): number {
  if (raw === null) {
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > LIMITS.listLimitMax) {
    throw errors.invalidInputs(`limit must be an integer from 1 to ${LIMITS.listLimitMax} (got ${raw}).`);
  }
  return Number(raw);
}

export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One page of items sorted by id, after `afterId`, plus whether more follow. */
export function pageAfter<T extends { id: string }>(items: T[], afterId: string, limit: number) {
  const sorted = [...items].sort((a, b) => compareIds(a.id, b.id));
  const rest = sorted.filter((item) => compareIds(item.id, afterId) > 0);
  return { page: rest.slice(0, limit), more: rest.length > limit };
}
