/**
 * The stacks of the CLI benchmark as its Pulumi program reads them: a JSON plan of bots, each with its handlers'
 * arguments and its channels, built from the same `StackPlan`s as the in-process benchmark (workload.ts), so
 * that both apply the same work. The plan's `updated` version changes the first bot's description and a share of
 * the handlers; the phases give the API's true minimum of calls and the rate-limit floor (stats.ts).
 */
import { HANDLER_TYPES, PERMISSIONS_BY_HANDLER } from "../cliq-api/operations";
import type { PhaseResult, StackPlan } from "./workload";

/** One handler of a planned bot: its resource name and its arguments without `botId` (the program adds it). */
export interface PlannedHandler {
  key: string;
  args: Record<string, unknown>;
}

/** One bot of the program: resource name, arguments, handlers and the channels it joins. */
export interface PlannedBot {
  key: string;
  args: Record<string, unknown>;
  handlers: PlannedHandler[];
  channels: string[];
}

function handlersOf(botKey: string, webhook: boolean, types: number, menus: number): PlannedHandler[] {
  const handlers: PlannedHandler[] = [];
  for (const type of HANDLER_TYPES.slice(0, types)) {
    const count = type === "menu_handler" ? menus : 1;
    for (let i = 0; i < count; i++) {
      const extra = webhook ? { icon: "wand/FF5733" } : { subActions: [{ name: "Docs" }] };
      const menu = type === "menu_handler" ? { name: `Menu ${i + 1}`, ...extra } : {};
      const body = webhook
        ? { permissions: [PERMISSIONS_BY_HANDLER[type][0]] }
        : { script: `return {"text": "${type}"};` };
      handlers.push({
        key: `${botKey}-${type}${count > 1 ? `-${i + 1}` : ""}`,
        args: { type, ...body, ...menu },
      });
    }
  }
  return handlers;
}

/** A change Cliq must apply to `handler` (as workload.ts's), or undefined when its row offers none. */
function changeOf(handler: PlannedHandler): Record<string, unknown> | undefined {
  const args = handler.args;
  const row = PERMISSIONS_BY_HANDLER[args.type as keyof typeof PERMISSIONS_BY_HANDLER];
  if (args.script !== undefined) return { script: `${String(args.script)} // v2` };
  if (args.type === "menu_handler") return { name: `${String(args.name)}!` };
  return row.length > 1 ? { permissions: [...row] } : undefined;
}

/** The bots of `plan` as first applied. */
function initialBots(plan: StackPlan): PlannedBot[] {
  const slug = plan.prefix.toLowerCase();
  const bots: PlannedBot[] = [];
  if (plan.webhook) {
    const key = `${slug}-webhook`;
    bots.push({
      key,
      args: {
        name: `${plan.prefix} Webhook`,
        description: "bench",
        executionType: "webhook",
        executionUrl: "https://hooks.example.com/bench",
      },
      handlers: handlersOf(key, true, HANDLER_TYPES.length, 5),
      channels: Array.from({ length: 5 }, (_, c) => `bench-${c + 1}`),
    });
  }
  for (let i = 0; i < plan.delugeBots; i++) {
    const key = `${slug}-deluge-${i + 1}`;
    bots.push({
      key,
      args: { name: `${plan.prefix} Deluge ${i + 1}`, description: "bench" },
      handlers: handlersOf(key, false, plan.handlerTypes, 1),
      channels: Array.from({ length: plan.channels }, (_, c) => `bench-${c + 1}`),
    });
  }
  return bots;
}

/** The handlers the update changes: the first changeable ones, `updateShare` of all handlers. */
function handlersToUpdate(bots: PlannedBot[], share: number): PlannedHandler[] {
  const all = bots.flatMap((bot) => bot.handlers);
  return all.filter((handler) => changeOf(handler) !== undefined).slice(0, Math.floor(all.length * share));
}

/** The program's plan: `initial`, or `updated` (first bot's description and a share of the handlers changed). */
export function programPlan(plan: StackPlan, version: "initial" | "updated"): PlannedBot[] {
  const bots = initialBots(plan);
  if (version === "initial" || bots.length === 0) return bots;
  for (const handler of handlersToUpdate(bots, plan.updateShare))
    Object.assign(handler.args, changeOf(handler));
  bots[0]!.args.description = "bench, updated";
  return bots;
}

/**
 * The writes of each phase Cliq must do (wallMs 0: only the writes matter here): the bots, then their handlers
 * and memberships, the update if any, and a destroy that deletes only the bots (handlers and memberships are
 * given their Bot, so their `deletedWith` is the bot and Cliq deletes them with it).
 */
export function planPhases(plan: StackPlan): PhaseResult[] {
  const bots = initialBots(plan);
  const phase = (name: string, writes: PhaseResult["writes"]): PhaseResult => ({ name, writes, wallMs: 0 });
  const phases = [
    phase("create bots", { create_a_new_bot: bots.length }),
    phase("create handlers + memberships", {
      create_a_handler_for_a_bot: bots.reduce((sum, bot) => sum + bot.handlers.length, 0),
      associate_bot_to_channel: bots.reduce((sum, bot) => sum + bot.channels.length, 0),
    }),
  ];
  if (plan.updateShare > 0) {
    const handlers = handlersToUpdate(bots, plan.updateShare).length;
    phases.push(phase("update", { update_a_handler_for_a_bot: handlers, update_an_existing_bot: 1 }));
  }
  if (plan.destroy) phases.push(phase("destroy", { delete_a_specific_bot: bots.length }));
  return phases;
}
