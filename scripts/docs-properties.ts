/**
 * The argument and output blocks of the reference pages (docs/<resource>.md), rendered from the property tables
 * (`provider/resources/<kind>/properties.ts` and their `*_OUTPUTS`). Pure functions: scripts/docs-args.ts writes
 * the blocks, tests/docs/reference.test.ts fails when a page holds a stale one.
 */
import {
  markdownTable,
  type OutputSpec,
  type PackageType,
  type PropertySpec,
} from "../provider/resources/shared/properties";

/** A cell of a Markdown table: `|` would end the cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** A property's type as TypeScript spells it: `string`, `"deluge" | "webhook"`, `string[]`, `{ name: string }`. */
export function typeText(type: PackageType): string {
  switch (type.type) {
    case "array": {
      const items = typeText(type.items);
      return items.includes("|") ? `(${items})[]` : `${items}[]`;
    }
    case "object": {
      const required = new Set(type.required ?? []);
      const fields = Object.entries(type.properties).map(
        ([key, value]) => `${key}${required.has(key) ? "" : "?"}: ${typeText(value)}`,
      );
      return `{ ${fields.join("; ")} }`;
    }
    case "integer":
    case "number":
      return "number";
    case "string":
      return type.enum === undefined ? "string" : type.enum.map((value) => JSON.stringify(value)).join(" | ");
    default:
      return type.type;
  }
}

/** What a change of the argument does, as the registry's "Changes" say it. */
export function changeText(spec: PropertySpec): string {
  if (spec.compare === "none") return "create only";
  return spec.replaceOnChange ? "**replaces**" : "in place";
}

/** Whether leaving the argument out clears it, or leaves Cliq's value alone. */
function removalText(spec: PropertySpec): string | undefined {
  // Without a wire name the argument never reaches Cliq (a path part, or a setting of the provider).
  if (spec.required || spec.compare === "none" || spec.wire === undefined) return undefined;
  if (spec.default !== undefined) return `Left out: \`${JSON.stringify(spec.default)}\`.`;
  return spec.onRemove === "clear"
    ? "Removing it from the program clears it in Cliq."
    : "Left out, Cliq's value is kept (and carried in the outputs).";
}

/** Flags the tables may carry beyond the basics (added by later releases): rendered when present. */
function flagsText(spec: PropertySpec): string[] {
  const flags: string[] = [];
  if (spec.secret) flags.push("secret (never shown in plain text)");
  if ((spec as { dynamicOnly?: boolean }).dynamicOnly) {
    flags.push("dynamic resources only: the provider plugin's schema leaves it out");
  }
  return flags;
}

/** The inputs block: a summary table, then each argument with its full description and limits. */
export function inputsBlock(table: Readonly<Record<string, PropertySpec>>): string {
  const rows = Object.entries(table).map(([key, spec]) => [
    `\`${key}\``,
    `\`${cell(typeText(spec.type))}\``,
    spec.required ? "yes" : "no",
    spec.default === undefined ? "" : `\`${JSON.stringify(spec.default)}\``,
    changeText(spec),
  ]);
  const summary = markdownTable(["Argument", "Type", "Required", "Default", "Change"], rows);
  const details = Object.entries(table).map(([key, spec]) => {
    const head = `- **\`${key}\`** \`${typeText(spec.type)}\`, ${spec.required ? "required" : "optional"}, ${changeText(spec)}`;
    const lines = [`${head}: ${spec.description}`, `  Limits: ${spec.limits}.`];
    const removal = removalText(spec);
    if (removal !== undefined) lines.push(`  ${removal}`);
    for (const flag of flagsText(spec)) lines.push(`  Note: ${flag}.`);
    return lines.join("\\\n");
  });
  return `${summary}\n\n${details.join("\n")}`;
}

/** Outputs every resource has, whatever its table: its id and the API host it lives on. */
export interface CommonOutput {
  name: string;
  type: string;
  description: string;
}

/** The outputs block: the id, each computed output of the table, `apiHost`, and a word on the arguments. */
export function outputsBlock(
  id: CommonOutput,
  outputs: Readonly<Record<string, OutputSpec>>,
  common: readonly CommonOutput[],
): string {
  const rows = [
    [`\`${id.name}\``, `\`${cell(id.type)}\``, cell(id.description)],
    ...Object.entries(outputs).map(([key, spec]) => [
      `\`${key}\``,
      `\`${cell(typeText(spec.type))}\``,
      cell(spec.description),
    ]),
    ...common.map((output) => [`\`${output.name}\``, `\`${cell(output.type)}\``, cell(output.description)]),
  ];
  return [
    "Every argument is also an output (as given, or as Cliq reports it where Cliq decides). In addition:",
    "",
    markdownTable(["Output", "Type", "Description"], rows),
  ].join("\n");
}
