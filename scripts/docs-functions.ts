/**
 * The argument and result blocks of the function pages (docs/get-bot.md, docs/list-bots.md), rendered from the
 * functions of the plugin's package schema (provider/plugin/function-schema.ts, itself derived from the Bot's
 * property tables): the same names and descriptions the generated SDKs carry.
 */
import * as fs from "fs";
import * as path from "path";
import { packageSchema } from "../provider/plugin/package-schema";
import { markdownTable } from "../provider/resources/shared/properties";
import { cell } from "./docs-properties";

/** A property of the package schema, as far as the pages need it. */
interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  description?: string;
}

interface SchemaObject {
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

interface FunctionSchema {
  description: string;
  inputs: SchemaObject;
  outputs: SchemaObject;
}

const VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }
).version;

function schema(): { functions: Record<string, FunctionSchema>; types: Record<string, SchemaObject> } {
  return packageSchema(VERSION) as never;
}

/** A schema type as the pages spell it: `string`, `string[]`, `BotSummary`. */
export function schemaTypeText(property: SchemaProperty): string {
  if (property.$ref) return property.$ref.split(":").pop()!;
  if (property.type === "array" && property.items) return `${schemaTypeText(property.items)}[]`;
  return property.type === "integer" ? "number" : (property.type ?? "any");
}

/** One row per property: name, type, whether it is required (arguments) or always set (results), description. */
function propertiesTable(object: SchemaObject, presence: "Required" | "Always set"): string {
  const required = new Set(object.required ?? []);
  const rows = Object.entries(object.properties).map(([name, property]) => [
    `\`${name}\``,
    `\`${cell(schemaTypeText(property))}\``,
    required.has(name) ? "yes" : "no",
    cell(property.description ?? ""),
  ]);
  return markdownTable(["Name", "Type", presence, "Description"], rows);
}

/** The function's token, description and arguments. */
export function functionInputsBlock(token: string): string {
  const fn = schema().functions[token];
  if (!fn) throw new Error(`the package schema has no function ${token}`);
  const inputs = Object.keys(fn.inputs.properties).length
    ? propertiesTable(fn.inputs, "Required")
    : "No arguments.";
  return `Plugin token \`${token}\`. ${fn.description}\n\n${inputs}`;
}

/** The function's result, and the fields of any object type it holds (`BotSummary`, `BotCreator`). */
export function functionOutputsBlock(token: string): string {
  const { functions, types } = schema();
  const fn = functions[token];
  if (!fn) throw new Error(`the package schema has no function ${token}`);
  const blocks = [propertiesTable(fn.outputs, "Always set")];
  const refs = new Set<string>();
  const collect = (property: SchemaProperty) => {
    if (property.$ref) refs.add(property.$ref.replace("#/types/", ""));
    if (property.items) collect(property.items);
  };
  Object.values(fn.outputs.properties).forEach(collect);
  for (const ref of [...refs].sort()) {
    const type = types[ref];
    if (!type) throw new Error(`the package schema has no type ${ref}`);
    Object.values(type.properties).forEach(collect);
  }
  for (const ref of [...refs].sort()) {
    blocks.push(`\`${ref.split(":").pop()}\`:\n\n${propertiesTable(types[ref]!, "Always set")}`);
  }
  return blocks.join("\n\n");
}
