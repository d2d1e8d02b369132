/**
 * The zod building blocks of every `check`: bounded strings and lists, enums, required/optional wrappers that let
 * the preview placeholder through, and `parseShape`, which turns a whole argument object into named failures.
 * (Formerly `failures.ts`.)
 */
import { z } from "zod";
import { isUnknown, UNKNOWN, type Unknown } from "./unknown";

/** A `check` failure as Pulumi reports it: the camelCase property path and why it is refused. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** `["subActions", 0, "name"]` -> `subActions[0].name`, the way users see the property in their program. */
export function propertyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Why a value is not of the expected JSON type, naming what was received. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * What was received, for a failure's reason: a string quoted (cut at 60 characters), anything else by its
 * type. Never `JSON.stringify` of an arbitrary value, which throws on BigInt and circular objects, and `check`
 * must turn every value into failures, never into an exception.
 */
export function describeInput(value: unknown): string {
  if (typeof value !== "string") return describe(value);
  return JSON.stringify([...value].length > 60 ? `${[...value].slice(0, 60).join("")}...` : value);
}

/** The arguments object of `check`: anything but a plain object counts as no arguments at all. */
export function asArguments(news: unknown): Record<string, unknown> {
  return news !== null && typeof news === "object" && !Array.isArray(news)
    ? (news as Record<string, unknown>)
    : {};
}

/**
 * Wraps a schema so that the preview placeholder passes untouched: a value that is not known yet could be
 * valid, so none of the rules that depend on it may fail.
 */
export function orUnknown<T extends z.ZodType>(schema: T): z.ZodType<z.output<T> | Unknown> {
  return z.unknown().transform((value, ctx) => {
    if (isUnknown(value)) return value as Unknown;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as z.output<T>;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<T> | Unknown>;
}

/**
 * A string with an upper length bound, counted in characters as the API documents its limits. With `min` 1
 * the string is a required text: only whitespace counts as empty, since Cliq would show a blank name.
 */
export function boundedString(max: number, min = 0): z.ZodType<string> {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "string") {
      ctx.addIssue({ code: "custom", message: `must be a string (got ${describe(value)})` });
      return z.NEVER;
    }
    const length = [...value].length;
    if (length > max)
      ctx.addIssue({ code: "custom", message: `must be at most ${max} characters (got ${length})` });
    if (length < min) {
      ctx.addIssue({
        code: "custom",
        message: min === 1 ? "must not be empty" : `must be at least ${min} characters (got ${length})`,
      });
    } else if (min >= 1 && value.trim() === "") {
      ctx.addIssue({
        code: "custom",
        message: `must not be only whitespace (got ${length} blank characters)`,
      });
    }
    return value;
  });
}

/** One of a fixed set of strings, with the allowed values spelled out in the reason. */
export function oneOf<const T extends readonly string[]>(values: T): z.ZodType<T[number]> {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${values.join(", ")} (got ${describeInput(value)})`,
      });
      return z.NEVER;
    }
    return value as T[number];
  });
}

/**
 * An array bounded in length whose elements are validated by `item`. Elements may be the preview placeholder;
 * the length bound still applies, since the number of elements is known.
 */
export function boundedArray<T extends z.ZodType>(
  item: T,
  max: number,
  options: { unique?: boolean; min?: number } = {},
): z.ZodType<(z.output<T> | Unknown)[]> {
  const element = orUnknown(item);
  return z.unknown().transform((value, ctx) => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `must be a list (got ${describe(value)})` });
      return z.NEVER;
    }
    if (value.length > max)
      ctx.addIssue({ code: "custom", message: `must have at most ${max} items (got ${value.length})` });
    if (options.min !== undefined && value.length < options.min) {
      ctx.addIssue({
        code: "custom",
        message: `must have at least ${options.min} item(s) (got ${value.length})`,
      });
    }
    const out: (z.output<T> | Unknown)[] = [];
    const seen = new Set<unknown>();
    value.forEach((entry, index) => {
      const parsed = element.safeParse(entry);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({
            code: "custom",
            message: issue.message,
            path: [index, ...(issue.path as PropertyKey[])],
          });
        }
        return;
      }
      if (options.unique && !isUnknown(parsed.data) && typeof parsed.data !== "object") {
        if (seen.has(parsed.data)) {
          ctx.addIssue({
            code: "custom",
            message: `duplicate value ${describeInput(parsed.data)}`,
            path: [index],
          });
        }
        seen.add(parsed.data);
      }
      out.push(parsed.data);
    });
    return out;
  });
}

/** A required argument: absent (undefined or null) fails with "is required"; the placeholder passes. */
export function required<T extends z.ZodType>(schema: T): z.ZodType<z.output<T> | Unknown> {
  const inner = orUnknown(schema);
  return z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null) {
      ctx.addIssue({ code: "custom", message: "is required" });
      return z.NEVER;
    }
    const parsed = inner.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
    }
    return z.NEVER;
  });
}

/** An optional argument: absent (undefined or null) stays undefined; the placeholder passes. */
export function optional<T extends z.ZodType>(schema: T): z.ZodType<z.output<T> | Unknown | undefined> {
  const inner = orUnknown(schema);
  return z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null) return undefined;
    const parsed = inner.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path as PropertyKey[] });
    }
    return z.NEVER;
  });
}

export const booleanFlag: z.ZodType<boolean> = z.unknown().transform((value, ctx) => {
  if (typeof value !== "boolean") {
    ctx.addIssue({ code: "custom", message: `must be true or false (got ${describe(value)})` });
    return z.NEVER;
  }
  return value;
});

/** Keys of `news` that are not arguments of the resource (Pulumi's own `__provider` is not an argument). */
export function unexpectedArguments(news: unknown, allowed: readonly string[]): CheckFailure[] {
  const args = asArguments(news);
  return Object.keys(args)
    .filter((key) => key !== "__provider" && !allowed.includes(key) && args[key] !== undefined)
    .map((key) => ({
      // An empty key would make a failure that names no property at all.
      property: key === "" ? '""' : key,
      reason: `is not an argument of this resource (allowed: ${allowed.join(", ")})`,
    }));
}

export type Shape = Record<string, z.ZodType>;
export type ShapeOutput<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

/**
 * Validates each argument with its own schema, collecting every failure (not only the first), each named by
 * its property path. Absent keys are validated too, so `required` can say "is required". In `data`, an
 * argument that failed stands as the placeholder, so cross-field rules skip it rather than report it twice.
 */
export function parseShape<S extends Shape>(
  shape: S,
  news: unknown,
): { data: ShapeOutput<S>; failures: CheckFailure[] } {
  const args = asArguments(news);
  const data: Record<string, unknown> = {};
  const failures: CheckFailure[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    // Own keys only: `toString` or `constructor` inherited from Object.prototype is no argument.
    const parsed = schema.safeParse(Object.prototype.hasOwnProperty.call(args, key) ? args[key] : undefined);
    if (parsed.success) {
      if (parsed.data !== undefined) data[key] = parsed.data;
    } else {
      data[key] = UNKNOWN;
      for (const issue of parsed.error.issues) {
        failures.push({ property: propertyPath([key, ...issue.path]), reason: issue.message });
      }
    }
  }
  return { data: data as ShapeOutput<S>, failures };
}
