/**
 * A property's value, declared once: each builder returns the zod schema `check` validates with and the package
 * type the schema, the SDKs' types and the docs are generated from, so a row of a property table states its type
 * in one place (`...text(LIMITS.botName, 1)`) and the two cannot disagree. Bounds come from the caller (the
 * API's `LIMITS`), never written twice.
 */
import { z } from "zod";
import {
  booleanFlag,
  boundedArray,
  boundedString,
  oneOf,
  optional,
  parseShape,
  required,
  unexpectedArguments,
} from "./schemas";
import { dropUndefined } from "./records";
import type { Unknown } from "./unknown";

/**
 * A property's type in Pulumi package schema terms (`TypeSpec`), so a package schema can be generated from the
 * table without guessing.
 */
export type PackageType = (
  | { type: "string" | "boolean" | "integer" | "number"; enum?: readonly string[] }
  | { type: "array"; items: PackageType }
  | { type: "object"; properties: Record<string, PackageType>; required?: readonly string[] }
) & {
  /** A field of an object type documents itself here (a property of a table has its row's `description`). */
  description?: string;
};

/** A value's check and its type, side by side; rows of a property table spread it. */
export interface ValueKind<T extends PackageType = PackageType, V = unknown> {
  /** Validates one value (absence is handled by the row's `required`); failures name the property. */
  readonly schema: z.ZodType<V>;
  /** The type for a Pulumi package schema, and through it the SDKs' types. */
  readonly type: T;
}

type StringType = { readonly type: "string" };

/** A string of at most `max` characters; with `min` 1 it is a required text (not empty, not only blanks). */
export function text(max: number, min = 0): ValueKind<StringType, string> {
  return { schema: boundedString(max, min), type: { type: "string" } };
}

/** A string judged by its own rules (an id, a URL, a script): the schema says what is refused. */
export function stringOf(schema: z.ZodType<string>): ValueKind<StringType, string> {
  return { schema, type: { type: "string" } };
}

/** One of a fixed set of strings; the package type carries them as an enum. */
export function choice<const T extends readonly string[]>(
  values: T,
): ValueKind<{ readonly type: "string"; readonly enum: T }, T[number]> {
  return { schema: oneOf(values), type: { type: "string", enum: values } };
}

/** `true` or `false`. */
export const flag: ValueKind<{ readonly type: "boolean" }, boolean> = {
  schema: booleanFlag,
  type: { type: "boolean" },
};

/** At most `max` values of `item` (`unique`: no value twice; `min`: at least that many). */
export function listOf<const I extends PackageType, V>(
  item: ValueKind<I, V>,
  max: number,
  options: { unique?: boolean; min?: number } = {},
): ValueKind<{ readonly type: "array"; readonly items: I }, (V | Unknown)[]> {
  return { schema: boundedArray(item.schema, max, options), type: { type: "array", items: item.type } };
}

/** A field of a `record`: its kind, whether the record must have it, and its documentation. */
export type FieldKind = ValueKind & { readonly required?: true; readonly description: string };

type RequiredFields<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F] & string;

/** The package type of a `record` with fields `F`. */
type RecordType<F extends Record<string, FieldKind>> = {
  readonly type: "object";
  readonly properties: { readonly [K in keyof F]: F[K]["type"] };
  readonly required: readonly RequiredFields<F>[];
};

/**
 * An object with exactly these fields (others are refused, each by name), each validated by its kind; a
 * failure names the field (`subActions[0].name`).
 */
export function record<const F extends Record<string, FieldKind>>(
  fields: F,
): ValueKind<RecordType<F>, Record<string, unknown>> {
  const names = Object.keys(fields);
  const shape = Object.fromEntries(
    names.map((name) => [
      name,
      fields[name]!.required ? required(fields[name]!.schema) : optional(fields[name]!.schema),
    ]),
  );
  const spelled = names.map((name) => (fields[name]!.required ? name : `${name}?`)).join(", ");
  const schema = z.unknown().transform((value, ctx) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `must be an object { ${spelled} }` });
      return z.NEVER;
    }
    const { data, failures } = parseShape(shape, value);
    const unexpected = unexpectedArguments(value, names);
    for (const failure of [...failures, ...unexpected]) {
      ctx.addIssue({ code: "custom", message: failure.reason, path: [failure.property] });
    }
    return failures.length + unexpected.length > 0 ? z.NEVER : dropUndefined(data);
  });
  const type = {
    type: "object",
    properties: Object.fromEntries(
      names.map((name) => [name, { ...fields[name]!.type, description: fields[name]!.description }]),
    ),
    required: names.filter((name) => fields[name]!.required),
  };
  return { schema, type: type as unknown as RecordType<F> };
}

/** Values as a docs cell spells them: "`a`, `b`, `c`". */
export function spelledValues(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(", ");
}
