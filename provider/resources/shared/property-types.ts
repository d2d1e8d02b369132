/**
 * The TypeScript types of a kind's arguments and outputs, read off its property table by type-level mapping:
 * each property's package `type` is the one statement of its type, so `check`'s result (`InputsOf`) and the
 * provider's outputs (`OutputsOf`) cannot drift from the table.
 */
import type { OutputSpec, PropertySpec } from "./properties";
import type { Maybe } from "./unknown";

/** The value a package type describes, as a program gives it. */
export type ValueOf<P> = P extends { type: "string"; enum: readonly (infer E)[] }
  ? E
  : P extends { type: "string" }
    ? string
    : P extends { type: "boolean" }
      ? boolean
      : P extends { type: "integer" | "number" }
        ? number
        : P extends { type: "array"; items: infer I }
          ? ValueOf<I>[]
          : P extends { type: "object"; properties: infer Fields; required: readonly (infer R)[] }
            ? ObjectOf<Fields, R & keyof Fields>
            : P extends { type: "object"; properties: infer Fields }
              ? ObjectOf<Fields, never>
              : never;

/** An object type's fields: those its `required` lists always present, the others optional. */
type ObjectOf<Fields, Required extends keyof Fields> = {
  -readonly [K in Required]: ValueOf<Fields[K]>;
} & { -readonly [K in Exclude<keyof Fields, Required>]?: ValueOf<Fields[K]> };

/** A checked value: unknown during a preview (`Maybe`), as a whole and, for arrays, element by element. */
type CheckedOf<P> = P extends { type: "array"; items: infer I }
  ? Maybe<Maybe<ValueOf<I>>[]>
  : Maybe<ValueOf<P>>;

/** The arguments `check` always returns: the required ones and those it fills with a default. */
type Present<T> = {
  [K in keyof T]: T[K] extends { required: true } | { default: string } ? K : never;
}[keyof T];

/** A kind's arguments after `check`, one field per row of its table. */
export type InputsOf<T extends Record<string, PropertySpec>> = {
  -readonly [K in Present<T>]: CheckedOf<T[K]["type"]>;
} & {
  -readonly [K in Exclude<keyof T, Present<T>>]?: CheckedOf<T[K]["type"]>;
};

/** The outputs Cliq assigns, one field per row of a kind's output table; `always` rows are always present. */
export type OutputsOf<T extends Record<string, OutputSpec>> = {
  -readonly [K in keyof T as T[K] extends { always: true } ? K : never]: ValueOf<T[K]["type"]>;
} & {
  -readonly [K in keyof T as T[K] extends { always: true } ? never : K]?: ValueOf<T[K]["type"]>;
};
