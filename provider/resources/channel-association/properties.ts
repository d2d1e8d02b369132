/**
 * Both ChannelAssociation properties, described once. The check shape, diff rules and the README's argument
 * table are derived from this table (see shared/properties); a membership has no body to send or clear.
 */
import { z } from "zod";
import { unsafePathParamReason } from "../../client/path-params";
import { defineProperties, profileProperty, type PropertySpec } from "../shared/properties";
import { describeInput } from "../shared/schemas";
import { stringOf } from "../shared/value-kinds";

/**
 * Why a unique name cannot be one, or undefined. Unique names are path segments in the API and parts of the
 * resource id: no whitespace (display names have it), and nothing that changes a path (`..`, `/`, `?`, ...).
 */
export function uniqueNameProblem(value: string): string | undefined {
  if (/\s/.test(value)) return "has spaces (use the unique name, not the display name)";
  return unsafePathParamReason(value);
}

/**
 * Why a channel's unique name cannot be one, or undefined. It travels in associate_bot_to_channel's JSON body
 * (`channel_unique_name`, a plain string in the spec), never in a path, so `#`, `?` and `%` are fine; only the
 * membership id's separator (`/`), spaces (a display name) and `.`/`..` are refused.
 */
export function channelNameProblem(value: string): string | undefined {
  if (value === "") return "is empty";
  if (value === "." || value === "..") return `is "${value}", which names a directory rather than a channel`;
  if (/\s/.test(value)) return "has spaces (use the unique name, not the display name)";
  if (value.includes("/"))
    return 'contains "/", which separates the bot from the channel in the membership\'s id';
  return undefined;
}

/** A bot's or channel's unique name, judged by `problemOf`. */
export function uniqueNameSchema(
  what: string,
  problemOf: (value: string) => string | undefined = uniqueNameProblem,
): z.ZodType<string> {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "string" || value === "") {
      ctx.addIssue({
        code: "custom",
        message: `must be the ${what}'s unique name (got ${describeInput(value)})`,
      });
      return z.NEVER;
    }
    const problem = problemOf(value);
    if (problem !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must be the ${what}'s unique name, but ${describeInput(value)} ${problem}`,
      });
    }
    return value;
  });
}

/** Any change is another membership: every property replaces. */
const MEMBERSHIP = {
  required: true,
  compare: "scalar",
  onRemove: "clear",
  replaceOnChange: true,
} as const;

export const CHANNEL_ASSOCIATION_PROPERTIES = defineProperties({
  botUniqueName: {
    ...MEMBERSHIP,
    ...stringOf(uniqueNameSchema("bot")),
    limits:
      "the `Bot`, or its unique name (`Bot.uniqueName`), not its display name; no spaces, none of `/ \\ ? # %`, " +
      "not `.` or `..` (it is a path segment)",
    description:
      "The bot: the `Bot` itself (recommended), or its unique name (`Bot.uniqueName`, not its display " +
      "name). Given the `Bot`, the membership is deleted with it (`deletedWith` defaults to the bot: " +
      `deleting a bot ends its memberships, so no delete and no "stays a member" warning), and a ` +
      "preview of an in-place update of the bot does not show the association as replaced. With a " +
      "plain unique name, pass `{ deletedWith: bot }` for the former. A change replaces the " +
      "association.",
  },
  channelUniqueName: {
    ...MEMBERSHIP,
    ...stringOf(uniqueNameSchema("channel", channelNameProblem)),
    limits: "the channel's unique name; no spaces or `/`, not `.` or `..` (`#`, `?` and `%` are accepted)",
    description: "The channel's unique name. A change replaces the association.",
  },
  profile: profileProperty(
    "membership",
    "Given the `Bot` itself or its `uniqueName` output, it defaults to the bot's profile.",
  ),
} satisfies Record<string, PropertySpec>);
