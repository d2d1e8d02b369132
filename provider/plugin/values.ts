/**
 * Pulumi's wire values (google.protobuf.Struct with the engine's signature objects) and the plain records our
 * resource code works on. Secrets are unwrapped on the way in and wrapped again on the way out, key by key, so
 * the provider code never sees the engine's markers; unknowns already travel as the sentinel string our code
 * knows (`UNKNOWN` in provider/resources/shared/unknown.ts), so they pass through as they are.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "../resources/shared/unknown";

/** The key that marks an object as one of the engine's special values. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** `SIG_KEY`'s value on a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** `SIG_KEY`'s value on a resource reference (`urn`, `id`); sent because Configure accepts resources. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** `SIG_KEY`'s value on an output value; never sent to this plugin (it does not accept outputs), handled anyway. */
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

type Props = Record<string, unknown>;

/** A record as our code takes it, and which of its top-level keys held a secret anywhere inside. */
export interface Unwrapped {
  props: Props;
  secretKeys: Set<string>;
}

/** The plain value of one wire value; `found.secret` turns true when a secret was inside. */
function plainValue(value: unknown, found: { secret: boolean }): unknown {
  if (Array.isArray(value)) return value.map((item) => plainValue(item, found));
  if (value === null || typeof value !== "object") return value;
  const record = value as Props;
  switch (record[SIG_KEY]) {
    case SECRET_SIG:
      found.secret = true;
      return plainValue(record.value, found);
    case RESOURCE_SIG:
      // A resource reference stands for its id (custom resources) or, failing that, its URN.
      return typeof record.id === "string" && record.id !== "" ? record.id : record.urn;
    case OUTPUT_SIG:
      if (record.secret === true) found.secret = true;
      return "value" in record ? plainValue(record.value, found) : UNKNOWN;
  }
  const out: Props = {};
  for (const [key, item] of Object.entries(record)) out[key] = plainValue(item, found);
  return out;
}

/** A Struct as a plain record, with the keys that held secrets. An absent Struct is an empty record. */
export function fromStruct(struct: Struct | undefined): Unwrapped {
  const raw = (struct?.toJavaScript() ?? {}) as Props;
  const props: Props = {};
  const secretKeys = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    const found = { secret: false };
    props[key] = plainValue(value, found);
    if (found.secret) secretKeys.add(key);
  }
  return { props, secretKeys };
}

/** A JSON-safe copy: undefined fields dropped at every depth (Struct cannot hold them). */
function jsonSafe(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : jsonSafe(item)));
  if (value === null || typeof value !== "object") return value;
  const out: Props = {};
  for (const [key, item] of Object.entries(value as Props)) {
    if (item !== undefined) out[key] = jsonSafe(item);
  }
  return out;
}

/** Wraps a value in the engine's secret marker. */
export function secretValue(value: unknown): Props {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** A record as a Struct; the values of `secretKeys` travel wrapped as secrets. */
export function toStruct(props: Props, secretKeys: ReadonlySet<string> = new Set()): Struct {
  const out: Props = {};
  for (const [key, value] of Object.entries(jsonSafe(props) as Props)) {
    out[key] = secretKeys.has(key) ? secretValue(value) : value;
  }
  return Struct.fromJavaScript(out as Parameters<typeof Struct.fromJavaScript>[0]);
}
