/**
 * Pure helpers for the values that travel between the Pulumi engine, the program and the dynamic-provider host.
 * They mirror what the engine does to property values before it hands them to a provider plugin.
 */

/** The engine's wire form of a value that is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Signature key/value Pulumi uses to mark a secret value on the wire (`rpc.specialSigKey`/`specialSecretSig`). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };
export type WireObject = { [key: string]: Wire };

/** Wraps a value the way the engine marks a secret config value in ConfigureRequest.args. */
export function wrapSecret(value: string): WireObject {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isSecretWrapper(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/**
 * Converts a value deserialized by the Pulumi SDK (as a mock's `newResource` receives it) into what the engine sends
 * a provider that does not accept secrets: unknowns become {@link UNKNOWN}, secret wrappers are unwrapped, undefined
 * members are dropped.
 */
export function toProviderWire(value: unknown, isUnknown: (v: unknown) => boolean): Wire | undefined {
  if (value === undefined) return undefined;
  if (isUnknown(value)) return UNKNOWN;
  if (
    value === null ||
    typeof value === "boolean" ||
    typeof value === "number" ||
    typeof value === "string"
  ) {
    return value;
  }
  if (isSecretWrapper(value)) return toProviderWire(value.value, isUnknown);
  if (Array.isArray(value)) {
    return value.map((item) => toProviderWire(item, isUnknown) ?? null);
  }
  if (typeof value === "object") {
    const result: WireObject = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const converted = toProviderWire(item, isUnknown);
      if (converted !== undefined) result[key] = converted;
    }
    return result;
  }
  throw new Error(`value of type ${typeof value} cannot travel to a provider`);
}

/** True when the value, anywhere inside, holds the engine's unknown marker. */
export function containsUnknown(value: Wire | undefined): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

/** Pulumi's URN for a resource without parent in a stack, as the engine builds it. */
export function resourceUrn(stack: string, project: string, type: string, name: string): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** The project-qualified form of a config key (`namePrefix` -> `<project>:namePrefix`). */
export function qualifyConfigKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}
