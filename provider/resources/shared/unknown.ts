/**
 * During `pulumi preview`, inputs that depend on not-yet-created resources reach `check` and `diff` as this
 * placeholder string, at any depth (a whole array, or one element of it).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The placeholder's type, so schemas can say "this value or not known yet". */
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** True when the value is the placeholder or holds it anywhere inside (array elements, object fields). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** A value, or the preview placeholder for a value not known yet. */
export type Maybe<T> = T | Unknown;

/** The type once the placeholder is ruled out (create and update only run with known values). */
export type Known<T> = Exclude<T, Unknown>;

/** The type with the placeholder ruled out at every depth (array elements, object fields). */
export type KnownDeep<T> = T extends readonly (infer E)[]
  ? KnownDeep<Known<E>>[]
  : T extends object
    ? { [K in keyof T]: KnownDeep<Known<T[K]>> }
    : Known<T>;

/**
 * Create and update only ever run with known values (the engine resolves them first); a placeholder here
 * means the provider was called outside an update, and sending it to Cliq would store the placeholder text.
 * An assertion: after it, the inputs' types hold no placeholder, so the mapping code needs no casts.
 */
export function assertKnown<T extends object>(
  inputs: T,
  resource: string,
  operation: string,
): asserts inputs is T & KnownDeep<T> {
  if (containsUnknown(inputs)) {
    throw new Error(
      `${resource} ${operation}: some arguments are still unknown; this only happens in preview`,
    );
  }
}
