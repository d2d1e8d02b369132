/**
 * The `profile` each `Bot` was given, for the handlers and memberships given that `Bot` itself (their profile
 * defaults to the bot's). Internal: not exported from the package's entry point.
 */
import type * as pulumi from "@pulumi/pulumi";

const botProfiles = new WeakMap<object, pulumi.Input<string> | undefined>();

/**
 * Records a `Bot`'s `profile` argument, as given, under the `Bot` and under its `id`, `botId` and `uniqueName`
 * outputs: `botId: bot.id` or `botUniqueName: bot.uniqueName` must reach the same organisation as the bot.
 */
export function recordBotProfile(
  bot: { id: object; botId: object; uniqueName: object },
  profile: pulumi.Input<string> | undefined,
): void {
  for (const key of [bot, bot.id, bot.botId, bot.uniqueName]) botProfiles.set(key, profile);
}

/**
 * The profile of a `Bot` resource (or of its `id`, `botId` or `uniqueName` output); undefined for anything else
 * (a plain id or unique name). The bot's input is
 * used rather than its `profile` output, which is unknown during a preview of a bot update and would show every
 * dependent as replaced.
 */
export function botProfile(bot: unknown): pulumi.Input<string> | undefined {
  return typeof bot === "object" && bot !== null ? botProfiles.get(bot) : undefined;
}
