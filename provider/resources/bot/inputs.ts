import { LIMITS } from "../../../cliq-api/operations";
import { argumentNames, checkShape, normaliseChecked } from "../shared/properties";
import {
  asArguments,
  describeInput,
  parseShape,
  unexpectedArguments,
  type CheckFailure,
} from "../shared/schemas";
import type { InputsOf } from "../shared/property-types";
import { isUnknown } from "../shared/unknown";
import type { CheckOutcome } from "../shared/wiring";
import { BOT_PROPERTIES, executionUrlSchema, teamIdSchema } from "./properties";

/**
 * Bot arguments after `check`: normalised (team ids as strings, `calls` spelled enabled|disabled), one field
 * per row of the table, typed by the row's package type.
 */
export type BotInputs = InputsOf<typeof BOT_PROPERTIES>;

/** The argument names `check` accepts, in table order. */
export const BOT_ARGUMENTS = argumentNames(BOT_PROPERTIES) as (keyof typeof BOT_PROPERTIES)[];

/** The value schemas live with the table; re-exported for callers that validate one value. */
export { executionUrlSchema, teamIdSchema };

const botShape = checkShape(BOT_PROPERTIES);

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
  const inputs = normaliseChecked(BOT_PROPERTIES, data) as unknown as BotInputs;
  const all = [
    ...failures,
    ...botCrossFieldFailures(inputs),
    ...botTransitionFailures(asArguments(olds), inputs),
    ...unexpected,
  ];
  return { inputs: all.length > 0 ? (news as unknown as BotInputs) : inputs, failures: all };
}
