import { errors } from "../errors";
import { isPlainObject } from "../json";

/** The request body as an object, or `invalid_inputs`. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) {
    throw errors.invalidInputs("The request body must be a JSON object.");
  }
  return body;
}

export function optionalString(body: Record<string, unknown>, field: string, fail = errors.invalidInputs) {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string") {
    throw fail(`${field} must be a string.`);
  }
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "boolean") {
    throw errors.invalidInputs(`${field} must be a boolean.`);
  }
  return value;
}

export function checkMaxLength(
  field: string,
  value: string | undefined,
  max: number,
  fail = errors.invalidInputs,
) {
  if (value !== undefined && [...value].length > max) {
    throw fail(`${field} must be at most ${max} characters (got ${[...value].length}).`);
  }
}

export function optionalArray(body: Record<string, unknown>, field: string, fail = errors.invalidInputs) {
  const value = body[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw fail(`${field} must be an array.`);
  }
  return value as unknown[];
}

/** An optional array field of at most `maxItems` entries. */
export function optionalBoundedArray(
  body: Record<string, unknown>,
  field: string,
  maxItems: number,
  fail = errors.invalidInputs,
): unknown[] | undefined {
  const items = optionalArray(body, field, fail);
  if (items !== undefined && items.length > maxItems) {
    throw fail(`${field} accepts at most ${maxItems} entries (got ${items.length}).`);
  }
  return items;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
