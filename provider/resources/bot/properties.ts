/**
 * Every Bot property, described once: wire name, schema, comparison, what leaving it out means, whether a change
 * replaces, what clearing sends, its documentation. The check shape, diff rules, create and PATCH bodies, the
 * carried-forward set and the README's argument table are all derived from this table (see shared/properties).
 */
import { z } from "zod";
import {
  CALLS_SPELLINGS,
  CHANNEL_PARTICIPATION,
  EXECUTION_TYPES,
  LIMITS,
  normaliseCalls,
  SCOPES,
} from "../../../cliq-api/operations";
import type { BotCreateRequest } from "../../client/api";
import { isLoopbackHost } from "../../config/data-centers";
import {
  adoptExistingProperty,
  defineOutputs,
  defineProperties,
  profileProperty,
  type PropertySpec,
} from "../shared/properties";
import { describeInput } from "../shared/schemas";
import { choice, listOf, spelledValues, stringOf, text } from "../shared/value-kinds";

/**
 * Team ids are Zoho ids that can exceed 2^53: they travel as digit strings. A number is accepted only while
 * it is a safe integer, because a larger one has already been rounded by JavaScript before we see it.
 */
export const teamIdSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && value > 0) return String(value);
    ctx.addIssue({
      code: "custom",
      message: `must be a digit string; the number ${value} is not a positive integer below 2^53 and may have been rounded (write it in quotes)`,
    });
    return z.NEVER;
  }
  if (typeof value !== "string" || !/^[0-9]+$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be a digit string such as "98765432" (got ${describeInput(value)})`,
    });
    return z.NEVER;
  }
  // Cliq reads team ids as numbers: "007" would reach it as 7, another team, and it answers a raw JSON error.
  if (!/^[1-9]/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be a positive number without leading zeros (got ${describeInput(value)})`,
    });
    return z.NEVER;
  }
  return value;
});

/** Cliq calls the execution URL from its servers: https is required; plain http only reaches loopback (tests). */
export const executionUrlSchema: z.ZodType<string> = z.unknown().transform((value, ctx) => {
  if (typeof value !== "string") {
    ctx.addIssue({ code: "custom", message: `must be a URL string (got ${describeInput(value)})` });
    return z.NEVER;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: "custom", message: `must be an absolute https URL (got ${describeInput(value)})` });
    return z.NEVER;
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    ctx.addIssue({
      code: "custom",
      message: `must use https (http is accepted only for loopback hosts) (got ${describeInput(value)})`,
    });
  }
  return value;
});

const STRING = { type: "string" } as const;
const STRINGS = { type: "array", items: STRING } as const;
/** Properties that update in place and are cleared when removed. */
const IN_PLACE = { required: false, onRemove: "clear", replaceOnChange: false } as const;

/** Wire names are checked against the API's create body, so a misspelt one fails to compile. */
type BotPropertySpec = PropertySpec & { wire?: keyof BotCreateRequest };

export const BOT_PROPERTIES = defineProperties({
  name: {
    wire: "name",
    ...text(LIMITS.botName, 1),
    required: true,
    compare: "scalar",
    onRemove: "clear",
    replaceOnChange: false,
    limits: `required, <= ${LIMITS.botName} chars, unique in the org`,
    description:
      `Display name, unique in the organisation, at most ${LIMITS.botName} characters. Updated in place; Cliq keeps the ` +
      "`uniqueName` it derived from the first name.",
  },
  description: {
    wire: "description",
    ...text(LIMITS.botDescription, 1),
    required: true,
    compare: "scalar",
    onRemove: "clear",
    replaceOnChange: false,
    limits: `required, <= ${LIMITS.botDescription} chars`,
    description: `What the bot does, at most ${LIMITS.botDescription} characters (required by the API). Updated in place.`,
  },
  scope: {
    wire: "scope",
    ...choice(SCOPES),
    required: false,
    compare: "scalar",
    onRemove: "keep",
    replaceOnChange: false,
    limits: `${spelledValues(SCOPES)}; left out, Cliq keeps its value (so it cannot just be removed from a team bot)`,
    description:
      "Who can use the bot: `organization`, `team` (needs `teamIds`) or `personal`. Updated in place; when left " +
      "out, Cliq decides and the provider leaves it alone.",
  },
  teamIds: {
    ...IN_PLACE,
    wire: "team_ids",
    ...listOf(stringOf(teamIdSchema), LIMITS.teamIds, { unique: true }),
    compare: "set",
    clearValue: [],
    // State written before ids were strings may hold numbers.
    normalise: (ids) => (Array.isArray(ids) ? ids.map(String) : ids),
    limits:
      `1..${LIMITS.teamIds} team ids, only and always with \`scope: "team"\`; positive whole numbers written as digit strings, ` +
      'no leading zeros (`"0"` and `"007"` are refused)',
    description:
      `Teams that may use the bot: 1 to ${LIMITS.teamIds} team ids, only with \`scope: "team"\`. Digit strings (ids can exceed ` +
      "2^53); numbers are accepted only while they are safe integers. Cliq reads team ids as numbers, so a " +
      'leading zero would name another team (`"007"` is team 7) and is refused. Updated in place; removing ' +
      "clears them.",
  },
  executionType: {
    wire: "execution_type",
    ...choice(EXECUTION_TYPES),
    required: false,
    default: "deluge",
    compare: "scalar",
    onRemove: "keep",
    replaceOnChange: true,
    limits: "`deluge` (default) or `webhook`",
    description:
      "`deluge` (default: handlers are Deluge scripts run by Cliq) or `webhook` (Cliq posts events to " +
      "`executionUrl`). A change replaces the bot (the old one is deleted first when the name stays the same).",
  },
  executionUrl: {
    ...IN_PLACE,
    wire: "execution_url",
    ...stringOf(executionUrlSchema),
    compare: "scalar",
    clearValue: "",
    limits: "required for webhook bots, refused for Deluge bots; https",
    description:
      "Required for webhook bots, refused for Deluge bots: the https endpoint Cliq posts handler events to " +
      "(plain http only for loopback hosts). Updated in place.",
  },
  statusMessages: {
    ...IN_PLACE,
    wire: "status_messages",
    ...listOf(text(LIMITS.statusMessageLength), LIMITS.statusMessages),
    compare: "list",
    clearValue: [],
    limits: `<= ${LIMITS.statusMessages}, each <= ${LIMITS.statusMessageLength} chars`,
    description: `Up to ${LIMITS.statusMessages} status messages of at most ${LIMITS.statusMessageLength} characters each. Updated in place; removing clears them.`,
  },
  image: {
    ...IN_PLACE,
    wire: "image",
    ...text(Number.MAX_SAFE_INTEGER),
    compare: "scalar",
    clearValue: "",
    limits: "image URL or Base64",
    description:
      "Avatar: an image URL or Base64 data, as the API accepts. Updated in place; removing clears it.",
  },
  channelParticipation: {
    ...IN_PLACE,
    wire: "channel_participation",
    ...listOf(choice(CHANNEL_PARTICIPATION), LIMITS.channelParticipation, { unique: true }),
    compare: "set",
    clearValue: [],
    limits: `${spelledValues(CHANNEL_PARTICIPATION)}, no duplicates`,
    description:
      "What the bot may do in channels: any of `listen_message`, `send_message`, `auto_follow_thread` " +
      `(at most ${LIMITS.channelParticipation}, ` +
      "no duplicates). Updated in place; removing clears it.",
  },
  calls: {
    wire: "calls",
    ...choice(CALLS_SPELLINGS),
    required: false,
    compare: "scalar",
    onRemove: "keep",
    replaceOnChange: false,
    // The spec's create enum says enable|disable, its examples enabled|disabled: both are accepted, one is kept.
    normalise: (value) => (typeof value === "string" ? normaliseCalls(value) : value),
    limits: "`enabled` / `disabled` (`enable` / `disable` accepted)",
    description:
      "Bot calls: `enabled` or `disabled` (`enable` / `disable` are accepted and stored as `enabled` / " +
      "`disabled`). Updated in place; when left out, Cliq's setting is left alone.",
  },
  adoptExisting: adoptExistingProperty(
    "take over an existing bot with this name on create",
    "Opt-in adoption: when a bot with this name already exists, take it over (update it to these arguments) " +
      "instead of failing. `pulumi import` cannot reach dynamic providers; this is the way to bring an existing " +
      "bot under management. Only consulted on create.",
  ),
  profile: profileProperty(
    "bot",
    "Handlers and channel associations given this `Bot` itself default to the same profile.",
  ),
} satisfies Record<string, BotPropertySpec>);

/** What Cliq assigns and reports for a bot; all of it is carried forward across updates. */
export const BOT_OUTPUTS = defineOutputs({
  botId: {
    type: STRING,
    always: true,
    description: "The bare bot id (same as `id`); handlers take it as `botId`.",
  },
  uniqueName: {
    type: STRING,
    always: true,
    description: "Permanent identifier Cliq assigned; channel associations and messages use it.",
  },
  status: { type: STRING, description: "Cliq's status of the bot, e.g. `enabled`." },
  creator: {
    type: {
      type: "object",
      properties: {
        name: { ...STRING, description: "The creator's name." },
        id: { ...STRING, description: "The creator's user id (ZUID)." },
      },
    },
    description: "Who created the bot.",
  },
  subscriberCount: { type: { type: "integer" }, description: "How many users subscribed to the bot." },
  botType: { type: STRING, description: "Cliq's bot category (`custom` for bots made through the API)." },
  handlerTypes: {
    type: STRINGS,
    description:
      "Handler types the bot has, from the summary Cliq returns with the bot, as of the last create, update or " +
      "refresh (so handlers made after the bot show up at the next refresh). Informational: never causes a diff.",
  },
});
