/**
 * What the reference pages' example programs (examples/bot/<language>, examples/lookups/<language>) must do, the
 * same in every language: the bot program makes two bots, their handlers and one channel membership; the lookups
 * program finds the first bot by name and lists both; destroying the bot program sends one DELETE per bot.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { EmulatorControl, StateDump } from "../../emulator";
import { apiOnly, countByOperation, takeRequests } from "../cli/support/fixture";
import type { PulumiWorkspace } from "../cli/support/pulumi";
import { repoRoot } from "../cli/support/project";

export const EXAMPLE_LANGUAGES = ["typescript", "python", "go", "yaml"] as const;
export type ExampleLanguage = (typeof EXAMPLE_LANGUAGES)[number];
/** The example programs, each a folder of examples/ with one project per language. */
export const EXAMPLES = ["bot", "lookups"] as const;
export type ExampleName = (typeof EXAMPLES)[number];

export const exampleDir = (example: ExampleName, language: ExampleLanguage) =>
  path.join(repoRoot, "examples", example, language);

/** Copies an example project as a user copies it from the repository; returns the copy. */
export function copyExample(into: string, example: ExampleName, language: ExampleLanguage): string {
  const dir = path.join(into, `${example}-${language}`);
  fs.cpSync(exampleDir(example, language), dir, { recursive: true });
  return dir;
}

/** The organisation in comparable lines: each bot with its execution type and handlers, then the memberships. */
export function describeBots(state: StateDump): string[] {
  const bots = state.bots.map((bot) => {
    const handlers = bot.handlers.map((h) => {
      const subs = h.sub_actions ? ` [${h.sub_actions.map((s) => s.name).join(", ")}]` : "";
      return `${h.type}${h.name ? ` ${h.name}` : ""}${subs}${h.script ? " (script)" : ""}`;
    });
    return `bot ${bot.name} (${bot.execution_type}): ${handlers.sort().join(", ")}`;
  });
  const members = state.memberships.map((m) => `member ${m.bot_unique_name} of ${m.channel_unique_name}`);
  return [...bots.sort(), ...members.sort()];
}

/** What examples/bot makes, given the emulator's unique name of the alerts bot. */
export function expectedBots(alertsUniqueName: string): string[] {
  return [
    "bot Release Alerts (webhook): menu_handler Runbook [Rollback, Status], message_handler",
    "bot Support Desk (deluge): welcome_handler (script)",
    `member ${alertsUniqueName} of ops`,
  ];
}

/** A stack of one example project in a CLI workspace. */
export class ExampleStack {
  constructor(
    readonly workspace: PulumiWorkspace,
    readonly dir: string,
    readonly stack: string,
  ) {}
  pulumi = (args: string[]) => this.workspace.ok(this.dir, [...args, "--stack", this.stack]);
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  }
}

/**
 * The examples of one language, end to end: `up` of the bot program (checked against the emulator), `up` of
 * the lookups program finding that bot by name (during the run, no write), destroy of both, and nothing left.
 */
export async function runLanguageExamples(
  control: EmulatorControl,
  bot: ExampleStack,
  lookups: ExampleStack,
): Promise<void> {
  await takeRequests(control);
  await bot.pulumi(["up", "--yes", "--skip-preview"]);
  const made = await control.state();
  const alerts = made.bots.find((b) => b.name === "Release Alerts");
  assert.ok(alerts, `no bot "Release Alerts" after up: ${describeBots(made).join("; ")}`);
  assert.deepEqual(describeBots(made), expectedBots(alerts.unique_name));
  const outputs = await bot.outputs();
  assert.equal(outputs.alertsUniqueName, alerts.unique_name);
  assert.equal(outputs.supportBotId, String(made.bots.find((b) => b.name === "Support Desk")?.id));
  await takeRequests(control);

  await lookups.pulumi(["up", "--yes", "--skip-preview"]);
  const writes = apiOnly(await takeRequests(control)).filter((r) => r.method !== "GET");
  assert.deepEqual(writes, [], "lookups write nothing");
  const found = await lookups.outputs();
  assert.equal(found.uniqueName, alerts.unique_name);
  assert.equal(found.botId, String(alerts.id));
  // YAML has no way to map a list: its program shows the first bot's name instead of all names.
  if ("botNames" in found) assert.deepEqual(found.botNames, ["Release Alerts", "Support Desk"]);
  else
    assert.ok(
      ["Release Alerts", "Support Desk"].includes(found.firstBotName as string),
      JSON.stringify(found),
    );
  await lookups.pulumi(["destroy", "--yes", "--skip-preview"]);

  await takeRequests(control);
  const destroyed = await bot.pulumi(["destroy", "--yes", "--skip-preview"]);
  assert.doesNotMatch(destroyed.output, /stays a member/, "deletedWith: no membership warning");
  assert.deepEqual(describeBots(await control.state()), [], "destroy leaves Cliq empty");
  assert.deepEqual(
    countByOperation(apiOnly(await takeRequests(control))),
    { delete_a_specific_bot: 2 },
    "deletedWith: one DELETE per bot takes its handlers and membership along",
  );
}
