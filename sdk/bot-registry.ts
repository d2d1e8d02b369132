/**
 * What the program itself says about each `Bot` it declares, for checks that need more than one resource (see
 * handler-checks.ts): the bot's name in the program, its `executionType` argument as given, and the handlers the
 * program has declared on it so far. Kept per program run, in memory, never sent anywhere.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A handler declared on a bot, as the program gave it. */
export interface DeclaredHandler {
  /** The handler's Pulumi resource name. */
  name: string;
  /** Its `type` argument, possibly an output not known yet. */
  type: pulumi.Input<string>;
}

/** One `Bot` of the program. */
export interface BotRecord {
  /** The bot's Pulumi resource name. */
  name: string;
  /**
   * The `executionType` argument as given (`undefined`: the default, `deluge`); absent for a bot from
   * `Bot.get`, whose execution type only Cliq knows.
   */
  executionType?: pulumi.Input<string> | undefined;
  /** Whether the program declared the bot's arguments (false for `Bot.get`). */
  declared: boolean;
  /** Handlers declared on this bot so far, in program order. */
  handlers: DeclaredHandler[];
}

/** Keyed by the `Bot` object and by its `id` and `botId` outputs, so `botId: bot.id` finds the bot too. */
const records = new WeakMap<object, BotRecord>();

/** The outputs that identify a `Bot`: what its dependents need to tell "same bot" during a preview. */
export interface BotIdentity {
  id: pulumi.Output<string>;
  uniqueName: pulumi.Output<string>;
}

/**
 * The `Bot` each of its identifying outputs (`id`, `botId`, `uniqueName`) belongs to. Keyed by the output objects
 * the `Bot` itself holds: `botUniqueName: bot.uniqueName` is recognised as the bot's, while anything derived from
 * it (`bot.uniqueName.apply(...)`) is a value of its own and is not.
 */
const owners = new WeakMap<object, BotIdentity>();

/** Records a `Bot` just constructed; `args` undefined for `Bot.get`. */
export function rememberBot(
  bot: BotIdentity & { botId: pulumi.Output<string> },
  name: string,
  args: { executionType?: pulumi.Input<string> } | undefined,
): void {
  const record: BotRecord =
    args === undefined
      ? { name, declared: false, handlers: [] }
      : { name, declared: true, executionType: args.executionType, handlers: [] };
  for (const key of [bot, bot.id, bot.botId]) {
    if (typeof key === "object" && key !== null) records.set(key, record);
  }
  for (const key of [bot.id, bot.botId, bot.uniqueName]) {
    if (typeof key === "object" && key !== null) owners.set(key, bot);
  }
}

/** The `Bot` whose own `id`, `botId` or `uniqueName` output `value` is; undefined for anything else. */
export function botOwning(value: unknown): BotIdentity | undefined {
  return typeof value === "object" && value !== null ? owners.get(value) : undefined;
}

/** The record of the bot a handler was given: the `Bot` itself, or its `id` / `botId` output; else undefined. */
export function botRecordOf(value: unknown): BotRecord | undefined {
  return typeof value === "object" && value !== null ? records.get(value) : undefined;
}
