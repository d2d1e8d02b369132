import { isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";

/**
 * JSON in and out of the emulator. Team ids may exceed 2^53, so request bodies are parsed losslessly: numbers
 * that a double holds exactly become plain numbers, the others stay `LosslessNumber`s carrying every digit.
 */
export function parseJsonBody(text: string): unknown {
  return parse(text, null, (value: string) =>
    isSafeNumber(value) ? parseFloat(value) : new LosslessNumber(value),
  );
}

/** Serializes a response; `LosslessNumber` values go out as the exact JSON numbers they spell. */
export function toJsonText(value: unknown): string {
  return stringify(value) ?? "null";
}

/** A digit string as a JSON number that keeps every digit when serialized. */
export function exactNumber(digits: string): LosslessNumber {
  return new LosslessNumber(digits);
}

/**
 * The digit string a JSON value spells when it is a non-negative integer (a number, a lossless number or a
 * digit string), otherwise undefined.
 */
export function integerDigits(value: unknown): string | undefined {
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  }
  if (value instanceof LosslessNumber) {
    return /^\d+$/.test(value.value) ? stripLeadingZeros(value.value) : undefined;
  }
  if (typeof value === "string") {
    return /^\d+$/.test(value) ? stripLeadingZeros(value) : undefined;
  }
  return undefined;
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, "");
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber)
  );
}
