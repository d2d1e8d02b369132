/**
 * A bot as handlers and channel associations take it: the `Bot` resource itself, or a plain id / unique name.
 * Given the `Bot`, the dependent resource is deleted with it (Pulumi's `deletedWith`): deleting a bot deletes
 * its handlers and ends its channel memberships in Cliq, so their own deletes are skipped.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Bot } from "./bot";
import { botOwning } from "./bot-registry";
import { isLookedUp } from "./lookups";

/** A `Bot` resource, or (the plain form) its id or unique name as a string input. */
export type BotReference = Bot | pulumi.Input<string>;

/** Whether a value is a `Bot` resource (rather than a string input or an output of one). */
export function isBot(value: unknown): value is Bot {
  return value instanceof Bot;
}

/**
 * The resource options of something that belongs to `bot`: when the `Bot` itself was given, `deletedWith`
 * defaults to it. An explicit `deletedWith` of the user always wins. A bot from `Bot.get` is never deleted by
 * the program (its delete is a no-op), so its dependents keep their own deletes.
 */
export function deletedWithBot(
  bot: unknown,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions | undefined {
  if (!isBot(bot) || isLookedUp(bot) || opts?.deletedWith !== undefined) return opts;
  return { ...opts, deletedWith: bot };
}

/**
 * A handler's `botId` as an input: the `Bot`'s id (known during a preview of a bot update) for the `Bot` or any
 * of its identifying outputs (`bot.botId` is not known then, `bot.id` is), else as given.
 */
export function botIdInput(bot: BotReference): pulumi.Input<string> {
  return isBot(bot) ? bot.id : (botOwning(bot)?.id ?? bot);
}

/**
 * A channel association's bot inputs: the `Bot`'s unique name, plus its id, which lets a preview of a bot update
 * show the association unchanged (the unique name is unknown then, the id is not; a bot's unique name never
 * changes). So for the `Bot` and for its own `uniqueName` output; any other value (a plain name, a derived
 * output) passes as the unique name alone.
 */
export function associationBotInputs(bot: BotReference): {
  botUniqueName: pulumi.Input<string>;
  botId?: pulumi.Input<string>;
} {
  if (isBot(bot)) return { botUniqueName: bot.uniqueName, botId: bot.id };
  const owner = botOwning(bot);
  return owner !== undefined && owner.uniqueName === bot
    ? { botUniqueName: bot, botId: owner.id }
    : { botUniqueName: bot };
}
