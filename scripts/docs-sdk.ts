/**
 * Writes the TypeScript surface's documentation from the tables, so what an editor shows on hover is the text the
 * schema, the other SDKs and the docs carry: each `<Kind>Args` member and each output a resource class declares
 * takes its row's description (provider/resources/<kind>/properties.ts), `apiHost` the schema's, and the
 * settings a client's options take (`SettingInputs`, provider/config/setting-inputs.ts) their settings-table
 * description with the default and environment variable. Run: `npm run docs:sdk`; tests/sdk/sdk-docs.test.ts
 * fails when a file is not what this writes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { format } from "prettier";
import { SETTING_NAMES, settingSpec } from "../provider/config/settings-table";
import { settingDescription } from "../provider/plugin/config-schema";
import { API_HOST } from "../provider/plugin/package-schema";
import { BOT_OUTPUTS, BOT_PROPERTIES } from "../provider/resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../provider/resources/channel-association/properties";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "../provider/resources/handler/properties";
import type { PackageType } from "../provider/resources/shared/value-kinds";

const ROOT = path.join(__dirname, "..");
const WIDTH = 110;

/** Member docs by the name of the interface or class that holds the members. */
export type MemberDocs = Record<string, Record<string, string>>;

const describedBy = (table: Record<string, { description: string }>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([key, row]) => [key, row.description]));

/** The documented fields of an object type (a `record` of the value kinds). */
function fieldDocs(type: PackageType): Record<string, string> {
  if (type.type !== "object") throw new Error(`not an object type: ${type.type}`);
  return Object.fromEntries(
    Object.entries(type.properties).flatMap(([key, field]) =>
      field.description === undefined ? [] : [[key, field.description]],
    ),
  );
}

/** Each SDK file and the docs of its members. */
export function sdkMemberDocs(): Record<string, MemberDocs> {
  const apiHost = { apiHost: API_HOST.description };
  const bot = describedBy(BOT_PROPERTIES);
  const handler = describedBy(HANDLER_PROPERTIES);
  const association = describedBy(CHANNEL_ASSOCIATION_PROPERTIES);
  return {
    "sdk/bot.ts": { BotArgs: bot, Bot: { ...bot, ...describedBy(BOT_OUTPUTS), ...apiHost } },
    "sdk/bot-handler.ts": {
      BotHandlerSubAction: fieldDocs(HANDLER_PROPERTIES.subActions.type.items),
      BotHandlerArgs: handler,
      BotHandler: { ...handler, ...describedBy(HANDLER_OUTPUTS), ...apiHost },
    },
    "sdk/channel-association.ts": {
      ChannelAssociationArgs: association,
      ChannelAssociation: { ...association, ...apiHost },
    },
  };
}

/** `text` as a JSDoc block at `indent`, on one line when it fits, else wrapped at the print width. */
export function jsDoc(text: string, indent: string): string {
  if (text.includes("*/")) throw new Error(`a description cannot hold "*/": ${text}`);
  const single = `${indent}/** ${text} */`;
  if (single.length <= WIDTH) return single.slice(indent.length);
  const lines: string[] = [];
  let line = "";
  // A code span is never broken: `{ deletedWith: bot }` stays on one line.
  for (const word of text.match(/(?:[^\s`]|`[^`]*`)+/g) ?? []) {
    if (line !== "" && indent.length + 3 + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return ["/**", ...lines.map((entry) => `${indent} * ${entry}`), `${indent} */`].join("\n");
}

/**
 * `source` with the JSDoc of every documented member replaced (or added): other comments, the members' types
 * and everything else stay as they are. A documented name the source does not declare is an error, so a
 * renamed member cannot silently lose its docs.
 */
export function withMemberDocs(source: string, fileName: string, docs: MemberDocs): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const seen = new Set<string>();
  file.forEachChild((node) => {
    if (!(ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) || !node.name) return;
    const wanted = docs[node.name.text];
    if (!wanted) return;
    for (const member of node.members) {
      const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
      if (name === undefined || wanted[name] === undefined || ts.isConstructorDeclaration(member)) continue;
      if (!ts.isPropertySignature(member) && !ts.isPropertyDeclaration(member)) continue;
      seen.add(`${node.name.text}.${name}`);
      const indent = " ".repeat(file.getLineAndCharacterOfPosition(member.getStart()).character);
      const text = jsDoc(wanted[name], indent);
      const existing = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc).at(-1);
      if (existing) edits.push({ start: existing.getStart(), end: existing.getEnd(), text });
      else edits.push({ start: member.getStart(), end: member.getStart(), text: `${text}\n${indent}` });
    }
  });
  const missing = Object.entries(docs).flatMap(([holder, members]) =>
    Object.keys(members)
      .map((name) => `${holder}.${name}`)
      .filter((key) => !seen.has(key)),
  );
  if (missing.length > 0) throw new Error(`${fileName} does not declare ${missing.join(", ")}`);
  let out = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** provider/config/setting-inputs.ts: one documented member per setting, its type read off the table. */
export async function settingInputsSource(): Promise<string> {
  const members = SETTING_NAMES.map((name) => {
    const { optionsDefault } = settingSpec(name);
    const inOptions =
      optionsDefault === undefined
        ? ""
        : ` A client built from options rather than the stack config defaults to \`${String(optionsDefault)}\`.`;
    return `${jsDoc(settingDescription(name) + inOptions, "  ")}\n  ${name}?: SettingInputTypes["${name}"];`;
  });
  const text = [
    "// Written by scripts/docs-sdk.ts (`npm run docs:sdk`) from the settings table; edit settings-table.ts.",
    'import type { SettingInputTypes } from "./settings-table";',
    "",
    "/** The settings as a client's options take them (a direct `CliqClient`, or an explicit provider's inputs). */",
    "export interface SettingInputs {",
    ...members.map((member) => `  ${member}`),
    "}",
    "",
  ].join("\n");
  return format(text, { parser: "typescript", printWidth: WIDTH });
}

/** Every file this script writes, with the text it should hold. */
export async function expectedSdkDocs(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [file, docs] of Object.entries(sdkMemberDocs())) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    files[file] = await format(withMemberDocs(source, file, docs), {
      parser: "typescript",
      printWidth: WIDTH,
    });
  }
  files["provider/config/setting-inputs.ts"] = await settingInputsSource();
  return files;
}

async function main(): Promise<void> {
  const written: string[] = [];
  for (const [file, text] of Object.entries(await expectedSdkDocs())) {
    const target = path.join(ROOT, file);
    const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (before === text) continue;
    fs.writeFileSync(target, text);
    written.push(file);
  }
  console.log(written.length === 0 ? "SDK docs are up to date" : `SDK docs rewritten: ${written.join(", ")}`);
}

if (require.main === module) void main();
