/** Pure text formatting for the demo's progress output. */
import type { LoggedRequest, StateDump } from "../emulator";

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

/** The lines of CLI output that warn a bot stays in a channel (a membership deleted on its own). */
export function membershipWarnings(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => /stays a member/i.test(line))
    .map((line) => line.trim());
}

/**
 * What a destroy sent to Cliq, per operation, and the membership warnings it printed: with `deletedWith` (the
 * default when handlers and memberships are given their `Bot`), one DELETE per bot and no warning.
 */
export function destroySummary(requests: LoggedRequest[], output: string): string[] {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const key = request.operationId ?? `${request.method} ${request.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const mints = counts.get("oauth_token") ?? 0;
  counts.delete("oauth_token");
  const api = [...counts.entries()].map(([operation, n]) => `${operation} ${n}`).join(", ") || "none";
  const warnings = membershipWarnings(output);
  return [
    `  API requests: ${api}; token mints: ${mints}`,
    "  (deleting a bot deletes its handlers and ends its memberships: those given their Bot are deletedWith it",
    "  and need no request of their own)",
    `  "stays a member" warnings: ${warnings.length === 0 ? "none" : warnings.join(" | ")}`,
  ];
}
