/** Pure text formatting for the demo's progress output. */
import type { Step } from "../engine-stand-in/engine";
import type { StateDump } from "../emulator";

const symbols: Record<Step["op"], string> = {
  create: "+",
  update: "~",
  replace: "+-",
  delete: "-",
  same: " ",
  read: ">",
  refresh: "~",
  drop: "-",
};

/** `cliq:Bot` from `pulumi-nodejs:dynamic/cliq:Bot`, as `pulumi preview` names dynamic resources by module. */
export function shortType(type: string): string {
  const match = /^pulumi-nodejs:dynamic\/([^:]+):(.+)$/.exec(type);
  return match ? `${match[1]}:${match[2]}` : type;
}

/** One line per step, like the resource table of `pulumi preview`. */
export function formatSteps(steps: Step[]): string[] {
  return steps.map((step) => {
    let detail = "";
    if (step.op === "replace" && step.diff) {
      detail = ` [diff: ${step.diff.replaces.join(", ")}${step.deleteBeforeReplace ? "; delete before replace" : ""}]`;
    }
    if (step.op === "refresh" && step.changed?.length) detail = ` [changed: ${step.changed.join(", ")}]`;
    const verb = step.op === "same" ? "unchanged" : step.op;
    return `  ${symbols[step.op].padEnd(2)} ${shortType(step.type).padEnd(24)} ${step.name.padEnd(26)} ${verb}${detail}`;
  });
}

/** Counts per operation, e.g. "12 to create" / "1 to update, 1 to replace, 10 unchanged". */
export function summarizeSteps(steps: Step[], preview: boolean): string {
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
  const words: Record<string, string> = preview
    ? {
        create: "to create",
        update: "to update",
        replace: "to replace",
        delete: "to delete",
        same: "unchanged",
      }
    : { create: "created", update: "updated", replace: "replaced", delete: "deleted", same: "unchanged" };
  return [...counts.entries()].map(([op, n]) => `${n} ${words[op] ?? op}`).join(", ");
}

/** What the Cliq organization holds, bot by bot. */
export function formatEmulatedState(state: StateDump): string[] {
  const lines: string[] = [];
  if (state.bots.length === 0) lines.push("  (no bots)");
  for (const bot of state.bots) {
    lines.push(
      `  bot ${JSON.stringify(bot.name)}  id ${bot.id}  unique name ${bot.unique_name}  (${bot.execution_type})`,
    );
    for (const handler of bot.handlers) {
      const what = handler.script
        ? `Deluge script, ${Buffer.byteLength(handler.script)} bytes`
        : `permissions ${(handler.permissions ?? []).join(", ")}`;
      const menu = handler.name
        ? ` "${handler.name}"${handler.sub_actions ? ` sub actions ${handler.sub_actions.map((s) => s.name).join("/")}` : ""}`
        : "";
      lines.push(`    - ${handler.type}${menu}: ${what}`);
    }
  }
  for (const membership of state.memberships) {
    lines.push(`  channel #${membership.channel_unique_name} has bot ${membership.bot_unique_name}`);
  }
  return lines;
}

/** The warning lines the host printed (pulumi.log.warn without an engine connection goes to stderr). */
export function warningLines(printed: string): string[] {
  return printed
    .split("\n")
    .filter((line) => /^warning: /.test(line))
    .map((line) => line.replace(/^warning: (\[runtime\] )?/, ""));
}
