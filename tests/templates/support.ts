/**
 * The `pulumi new` templates of templates/<name>/ as the tests see them: their names and languages, their
 * `template.config` section, and what a template's stack must hold in the emulator after `pulumi up`.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import type { StateDump } from "../../emulator";
import { repoRoot } from "../cli/support/project";

export const TEMPLATES = {
  "cliq-typescript": "nodejs",
  "cliq-python": "python",
  "cliq-go": "go",
  "cliq-yaml": "yaml",
} as const;
export type TemplateName = keyof typeof TEMPLATES;

export const templateDir = (name: TemplateName) => path.join(repoRoot, "templates", name);

export interface TemplateConfigValue {
  description?: string;
  default?: string;
  secret?: boolean;
}

/** A template's Pulumi.yaml, parsed. */
export function templateProject(name: TemplateName): {
  runtime: string | { name: string };
  template: { description: string; config: Record<string, TemplateConfigValue> };
} {
  return parse(fs.readFileSync(path.join(templateDir(name), "Pulumi.yaml"), "utf8"));
}

/** What every template makes: one Deluge bot named by `botName`, its welcome script, its membership. */
export function expectedObjects(botName: string, channel: string, state: StateDump): string[] {
  const bot = state.bots.find((b) => b.name === botName);
  assert.ok(bot, `no bot named ${botName}: ${JSON.stringify(state.bots.map((b) => b.name))}`);
  return [`bot ${botName} (deluge): welcome_handler (script)`, `member ${bot.unique_name} of ${channel}`];
}

/** The shell block of templates/README.md's Go item: the steps a Go user runs after `pulumi new` today. */
export function goReadmeSteps(): string {
  const readme = fs.readFileSync(path.join(repoRoot, "templates", "README.md"), "utf8");
  const item = readme.slice(readme.indexOf("- **Go**"));
  const block = /```sh[^\n]*\n([\s\S]*?)\n\s*```/.exec(item);
  assert.ok(block, "templates/README.md: the Go item has no sh block");
  return block[1]!.replace(/^ {2}/gm, "");
}
