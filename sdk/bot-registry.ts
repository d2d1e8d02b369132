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

/** Records a `Bot` just constructed; `args` undefined for `Bot.get`. */
export function rememberBot(
  bot: { id: pulumi.Output<string>; botId: pulumi.Output<string> },
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
}

/** The record of the bot a handler was given: the `Bot` itself, or its `id` / `botId` output; else undefined. */
export function botRecordOf(value: unknown): BotRecord | undefined {
  return typeof value === "object" && value !== null ? records.get(value) : undefined;
}
