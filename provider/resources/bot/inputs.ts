import { z } from "zod";
import {
  CALLS_SPELLINGS,
  CHANNEL_PARTICIPATION,
  EXECUTION_TYPES,
  LIMITS,
  normaliseCalls,
  SCOPES,
  type ChannelParticipation,
  type ExecutionType,
  type Scope,
} from "../../../cliq-api/operations";
import type { CallsSetting } from "../../client/api";
import { isLoopbackHost } from "../../config/data-centers";
import {
  asArguments,
  booleanFlag,
  boundedArray,
  describeInput,
  boundedString,
  oneOf,
  optional,
  parseShape,
  required,
  unexpectedArguments,
  type CheckFailure,
} from "../shared/failures";
import { dropUndefined } from "../shared/records";
import { isUnknown, type Maybe } from "../shared/unknown";
import type { CheckOutcome } from "../shared/wiring";

/** Bot arguments after `check`: normalised (team ids as strings, `calls` spelled enabled|disabled). */
export interface BotInputs {
  name: Maybe<string>;
  description: Maybe<string>;
  scope?: Maybe<Scope>;
  teamIds?: Maybe<Maybe<string>[]>;
  executionType: Maybe<ExecutionType>;
  executionUrl?: Maybe<string>;
  statusMessages?: Maybe<Maybe<string>[]>;
  image?: Maybe<string>;
  channelParticipation?: Maybe<Maybe<ChannelParticipation>[]>;
  calls?: Maybe<CallsSetting>;
  /** Create-time directive: take over an existing bot with the same name instead of failing. */
  adoptExisting?: Maybe<boolean>;
}

export const BOT_ARGUMENTS = [
  "name",
  "description",
  "scope",
  "teamIds",
  "executionType",
  "executionUrl",
  "statusMessages",
  "image",
  "channelParticipation",
  "calls",
  "adoptExisting",
] as const;

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

export { normaliseCalls };

const botShape = {
  name: required(boundedString(LIMITS.botName, 1)),
  description: required(boundedString(LIMITS.botDescription, 1)),
  scope: optional(oneOf(SCOPES)),
  teamIds: optional(boundedArray(teamIdSchema, LIMITS.teamIds, { unique: true })),
  executionType: optional(oneOf(EXECUTION_TYPES)),
  executionUrl: optional(executionUrlSchema),
  statusMessages: optional(boundedArray(boundedString(LIMITS.statusMessageLength), LIMITS.statusMessages)),
  image: optional(boundedString(Number.MAX_SAFE_INTEGER)),
  channelParticipation: optional(
    boundedArray(oneOf(CHANNEL_PARTICIPATION), LIMITS.channelParticipation, { unique: true }),
  ),
  calls: optional(oneOf(CALLS_SPELLINGS)),
  adoptExisting: optional(booleanFlag),
};

/** Rules that relate arguments to each other; a rule whose inputs are not known yet is skipped. */
export function botCrossFieldFailures(inputs: BotInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const { scope, teamIds, executionType, executionUrl } = inputs;
  if (scope === "team" && !isUnknown(teamIds)) {
    if (teamIds === undefined || teamIds.length === 0) {
      failures.push({
        property: "teamIds",
        reason: `is required when scope is "team": give 1 to ${LIMITS.teamIds} team ids`,
      });
    }
  }
  if (!isUnknown(scope) && scope !== "team" && Array.isArray(teamIds) && teamIds.length > 0) {
    failures.push({
      property: "teamIds",
      reason: `is allowed only when scope is "team" (scope is ${scope === undefined ? "not set" : describeInput(scope)})`,
    });
  }
  if (executionType === "webhook" && executionUrl === undefined) {
    failures.push({ property: "executionUrl", reason: 'is required when executionType is "webhook"' });
  }
  // An unknown URL may still turn out to be undefined, which a Deluge bot accepts.
  if (executionType === "deluge" && executionUrl !== undefined && !isUnknown(executionUrl)) {
    failures.push({
      property: "executionUrl",
      reason: 'is not allowed when executionType is "deluge" (Deluge bots run their handlers inside Cliq)',
    });
  }
  return failures;
}

/**
 * Rules that compare with the previous inputs. Leaving `scope` out leaves Cliq's scope alone, so removing it
 * from a team-scoped bot keeps the bot team-scoped in Cliq, where it then needs team ids: say so at preview
 * rather than let Cliq refuse the update.
 */
export function botTransitionFailures(olds: Record<string, unknown>, inputs: BotInputs): CheckFailure[] {
  if (olds.scope === "team" && inputs.scope === undefined) {
    return [
      {
        property: "scope",
        reason:
          'cannot simply be removed from a team-scoped bot (Cliq keeps it "team", which needs teamIds): set it to ' +
          '"organization" or "personal", or keep "team" with 1 to ' +
          `${LIMITS.teamIds} teamIds`,
      },
    ];
  }
  return [];
}

/** Validates and normalises Bot arguments without any API call (`olds`: the previous inputs, if any). */
export function checkBotInputs(news: unknown, olds: unknown = {}): CheckOutcome<BotInputs> {
  const unexpected = unexpectedArguments(news, BOT_ARGUMENTS);
  const { data, failures } = parseShape(botShape, news);
  const inputs = dropUndefined({
    ...data,
    executionType: data.executionType ?? "deluge",
    calls: data.calls === undefined || isUnknown(data.calls) ? data.calls : normaliseCalls(data.calls),
  }) as BotInputs;
  const all = [
    ...failures,
    ...botCrossFieldFailures(inputs),
    ...botTransitionFailures(asArguments(olds), inputs),
    ...unexpected,
  ];
  return { inputs: all.length > 0 ? (news as unknown as BotInputs) : inputs, failures: all };
}
