/**
 * One description per property of a resource kind, and everything derived from it: the `check` shape, the diff
 * rules, the create and PATCH bodies, what the API's answer says about the arguments, the outputs carried across
 * an update, and the README's argument table. Each kind declares its table once (`<kind>/properties.ts`); these
 * functions are pure and know nothing about Pulumi, so each is tested on its own.
 */
import { z } from "zod";
import type { Comparison, PropertyRule } from "./compare";
import { PROFILE_NAME } from "../../config/profiles";
import { describeInput, optional, required, type Shape } from "./schemas";
import { dropUndefined } from "./records";
import { isUnknown } from "./unknown";
import { flag, stringOf, type PackageType } from "./value-kinds";

export type { PackageType };

/** An argument of a resource: the user sets it. */
export interface PropertySpec {
  /** The API's snake_case field in create and PATCH bodies; absent when the value travels in the path only. */
  wire?: string;
  /** Validates one value (absence is handled by `required`); failures name the property. */
  schema: z.ZodType;
  /** Whether `check` fails when it is missing. */
  required: boolean;
  /** The type for a Pulumi package schema. */
  type: PackageType;
  /**
   * How the previous output and the new input compare. `"none"` marks a create-time directive (such as
   * `adoptExisting`): never compared, never sent, never read back.
   */
  compare: Comparison | "none";
  /**
   * What leaving the argument out means. `"clear"`: the user removed it, so it is cleared in Cliq (with
   * `clearValue`). `"keep"`: Cliq decides, so leaving it out asks for no change and its value is carried forward.
   */
  onRemove: "clear" | "keep";
  /** What a PATCH sends to clear the property (the API has no null); a required property has none. */
  clearValue?: "" | readonly [];
  /** A change cannot be made in place: the object is replaced, and the property is never in a PATCH body. */
  replaceOnChange: boolean;
  /** Spelling normalised on both sides of a comparison, after `check` and on values read back from Cliq. */
  normalise?: (value: unknown) => unknown;
  /** Converts a checked value to the wire (default: as it is). */
  toWire?: (value: unknown) => unknown;
  /** Converts a value read back from Cliq (default: `normalise`). */
  fromWire?: (value: unknown) => unknown;
  /** Whether Cliq's value is read back from API answers into the outputs (default: when it has a `wire`). */
  readBack?: boolean;
  /** Never shown in plain text by Pulumi (a package schema's `secret`). */
  secret?: boolean;
  /**
   * Only the dynamic resources have it; the provider plugin uses explicit provider instances instead (such as
   * `profile`, which picks a credential set of `cliq:profiles`). Left out of a package schema.
   */
  dynamicOnly?: true;
  /** Default filled in by `check` when the argument is left out. */
  default?: string;
  /** The README's "Limits" cell: the constraints in a few words. */
  limits: string;
  /** The full documentation (JSDoc of the SDK argument, a package schema's description). */
  description: string;
}

/** A property Cliq assigns and reports, never set by the user. */
export interface OutputSpec {
  type: PackageType;
  /** Cliq reports it for every object (the output type then has it always). */
  always?: true;
  description: string;
}

export type PropertyTable = Record<string, PropertySpec>;

/** Declares a kind's table, keeping its literal keys (so the SDK's `Args` can be checked against them). */
export function defineProperties<const T extends PropertyTable>(table: T): T {
  return table;
}

/** Declares a kind's computed outputs, keeping their literal keys. */
export function defineOutputs<const T extends Record<string, OutputSpec>>(table: T): T {
  return table;
}

/** A profile name: the same plain identifiers `cliq:profiles` accepts (see config/profiles.ts). */
const profileNameSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  if (typeof value !== "string" || !PROFILE_NAME.test(value)) {
    ctx.addIssue({
      code: "custom",
      message:
        "must be a profile name of cliq:profiles: letters, digits, _ and -, at most 64 " +
        `(got ${describeInput(value)})`,
    });
    return z.NEVER;
  }
  return value;
});

const entries = (table: PropertyTable): [string, PropertySpec][] => Object.entries(table);

/**
 * `adoptExisting`, the same create-time directive on every kind that can be adopted: never compared, sent or
 * read back; `limits` and `description` say what "existing" means for the kind.
 */
export function adoptExistingProperty(
  limits: string,
  description: string,
): PropertySpec & { wire?: never; required: false; type: { type: "boolean" } } {
  return {
    ...flag,
    required: false,
    compare: "none",
    onRemove: "clear",
    replaceOnChange: false,
    limits,
    description,
  };
}

/**
 * `profile`, the same on every kind: which credential set of `cliq:profiles` the resource's calls use. A plain
 * name (the settings stay in the stack config), never sent to Cliq; a change replaces the resource, since it
 * names another organisation, where the object does not exist. Dynamic resources only: the provider plugin
 * takes explicit provider instances instead.
 */
export function profileProperty(
  what: string,
  note?: string,
): PropertySpec & { wire?: never; required: false; type: { type: "string" } } {
  return {
    ...stringOf(profileNameSchema),
    required: false,
    compare: "scalar",
    onRemove: "clear",
    replaceOnChange: true,
    dynamicOnly: true,
    limits: "a profile name of `cliq:profiles`; left out, the top-level `cliq:*` settings",
    description:
      `The credential set (Cliq organisation) for this ${what}: a profile name of the stack config ` +
      "`cliq:profiles`. Left out, the top-level `cliq:*` settings (or `CLIQ_*` variables) are used. A change " +
      "replaces the resource: it is created in the new profile's organisation and deleted from the old one." +
      (note === undefined ? "" : ` ${note}`),
  };
}

/** The argument names `check` accepts. */
export function argumentNames(table: PropertyTable): string[] {
  return Object.keys(table);
}

/** The `check` shape: each argument's schema, required or optional. */
export function checkShape(table: PropertyTable): Shape {
  const shape: Shape = {};
  for (const [key, spec] of entries(table)) {
    shape[key] = spec.required ? required(spec.schema) : optional(spec.schema);
  }
  return shape;
}

/** Fills defaults and normalises spellings of checked data; placeholders and absent values stay as they are. */
export function normaliseChecked(
  table: PropertyTable,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const [key, spec] of entries(table)) {
    const value = out[key] ?? spec.default;
    out[key] = value === undefined || isUnknown(value) || !spec.normalise ? value : spec.normalise(value);
  }
  return dropUndefined(out);
}

/** The diff rules: every compared property, in table order. */
export function diffRules(table: PropertyTable): PropertyRule[] {
  const rules: PropertyRule[] = [];
  for (const [key, spec] of entries(table)) {
    if (spec.compare === "none") continue;
    rules.push(
      dropUndefined({
        key,
        compare: spec.compare,
        absent: spec.onRemove === "clear" ? ("empty" as const) : ("unchanged" as const),
        replaces: spec.replaceOnChange || undefined,
        normalise: spec.normalise,
      }),
    );
  }
  return rules;
}

function wireValue(spec: PropertySpec, value: unknown): unknown {
  return value === undefined || !spec.toWire ? value : spec.toWire(value);
}

/** The create body: every argument that has a wire name and a value, in the API's names. */
export function createBody(table: PropertyTable, inputs: object): Record<string, unknown> {
  const values = inputs as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, spec] of entries(table)) {
    if (spec.wire === undefined || spec.compare === "none") continue;
    const value = wireValue(spec, values[key]);
    if (value !== undefined) body[spec.wire] = value;
  }
  return body;
}

/**
 * The PATCH body for the changed properties only. A removed argument is cleared by sending its `clearValue`;
 * a property whose change replaces the object never appears (the API cannot update it).
 */
export function patchBody(
  table: PropertyTable,
  changed: readonly string[],
  inputs: object,
): Record<string, unknown> {
  const values = inputs as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const key of changed) {
    const spec = table[key];
    if (spec?.wire === undefined || spec.replaceOnChange || spec.compare === "none") continue;
    const value = wireValue(spec, values[key]);
    if (value !== undefined) body[spec.wire] = value;
    else if (spec.clearValue !== undefined) body[spec.wire] = spec.clearValue;
  }
  return body;
}

/** The arguments as an API answer reports them; fields the answer does not carry are left out (not cleared). */
export function argumentsFromWire(table: PropertyTable, answer: object): Record<string, unknown> {
  const wire = answer as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, spec] of entries(table)) {
    if (spec.wire === undefined || spec.compare === "none" || spec.readBack === false) continue;
    const value = wire[spec.wire];
    const convert = spec.fromWire ?? spec.normalise;
    if (value !== undefined) out[key] = convert ? convert(value) : value;
  }
  return out;
}

/** The arguments carried forward from the previous outputs across an update: those Cliq decides when left out. */
export function carriedAcrossUpdate(table: PropertyTable): string[] {
  return entries(table)
    .filter(([, spec]) => spec.onRemove === "keep" && spec.compare !== "none")
    .map(([key]) => key);
}

/** How a change of the property is applied, as the README says it. */
export function changeColumn(spec: PropertySpec): string {
  if (spec.compare === "none") return "—";
  return spec.replaceOnChange ? "**replaces**" : "in place";
}

/** A Markdown table laid out the way prettier formats one, so the generated README passes `prettier --check`. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(3, [...cell].length, ...rows.map((row) => [...(row[column] ?? "")].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell + " ".repeat(widths[column]! - [...cell].length)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** The README's argument table of one kind. */
export function argumentsTable(table: PropertyTable): string {
  const rows = entries(table).map(([key, spec]) => [`\`${key}\``, spec.limits, changeColumn(spec)]);
  return markdownTable(["Argument", "Limits", "Change"], rows);
}

/**
 * `document` with the text between `<!-- args:<name> -->` and `<!-- /args:<name> -->` replaced by `content`
 * (blank lines around it, so Markdown still sees a table). Throws when the markers are missing, so a page
 * that lost them fails loudly instead of silently keeping a stale table.
 */
export function replaceBetweenMarkers(document: string, name: string, content: string): string {
  const open = `<!-- args:${name} -->`;
  const close = `<!-- /args:${name} -->`;
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  if (start < 0 || end < start) throw new Error(`the page has no ${open} ... ${close} section`);
  return `${document.slice(0, start + open.length)}\n\n${content}\n\n${document.slice(end)}`;
}

/**
 * What survives an update from the previous outputs: the arguments Cliq decides when left out and everything
 * Cliq assigns (`outputs`). Removed arguments do not survive: they were cleared.
 */
export function carriedForward(
  table: PropertyTable,
  outputs: Record<string, OutputSpec>,
  olds: object,
): Record<string, unknown> {
  const previous = olds as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of [...carriedAcrossUpdate(table), ...Object.keys(outputs)]) {
    if (previous[key] !== undefined) kept[key] = previous[key];
  }
  return kept;
}

/** A resource's inputs in Pulumi package schema terms (`inputProperties` and `requiredInputs` of a resource). */
export function packageSchemaInputs(table: PropertyTable): {
  inputProperties: Record<
    string,
    PackageType & { description: string; secret?: true; replaceOnChange?: true }
  >;
  requiredInputs: string[];
} {
  const inputProperties: ReturnType<typeof packageSchemaInputs>["inputProperties"] = {};
  // The plugin has explicit provider instances for what the dynamic-only arguments do.
  const plugin = entries(table).filter(([, spec]) => !spec.dynamicOnly);
  for (const [key, spec] of plugin) {
    inputProperties[key] = dropUndefined({
      ...spec.type,
      description: spec.description,
      secret: spec.secret ? (true as const) : undefined,
      replaceOnChange: spec.replaceOnChange ? (true as const) : undefined,
    });
  }
  const requiredInputs = plugin.filter(([, spec]) => spec.required).map(([key]) => key);
  return { inputProperties, requiredInputs };
}
