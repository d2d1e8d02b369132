/**
 * JSON on the wire without losing digits. Cliq ids can exceed 2^53: integers that a JS number cannot hold
 * exactly are parsed as strings, and team ids (digit strings in the client) are written as the exact JSON
 * numbers they spell.
 */
import { isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";

/** Parses JSON; unsafe integers become digit strings, every other number a JS number. */
export function parseJson(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
}

/** Marks a digit string to be written as a bare JSON number. */
export function jsonNumber(digits: string): LosslessNumber {
  return new LosslessNumber(digits);
}

/** Serialises a request body; `LosslessNumber` values are written verbatim as numbers. */
export function stringifyJson(value: unknown): string {
  return stringify(value) ?? "";
}

/** Response body as the client sees it: parsed JSON, or the raw text when it is not JSON. */
export function decodeBody(data: unknown): unknown {
  if (typeof data !== "string") return data;
  if (data.trim() === "") return undefined;
  try {
    return parseJson(data);
  } catch {
    return data;
  }
}
