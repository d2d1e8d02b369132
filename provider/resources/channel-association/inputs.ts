import { z } from "zod";
import { unsafePathParamReason } from "../../client/path-params";
import { describeInput, parseShape, required, unexpectedArguments } from "../shared/failures";
import { dropUndefined } from "../shared/records";
import type { Maybe } from "../shared/unknown";
import type { CheckOutcome } from "../shared/wiring";

export interface ChannelAssociationInputs {
  botUniqueName: Maybe<string>;
  channelUniqueName: Maybe<string>;
}

export const CHANNEL_ASSOCIATION_ARGUMENTS = ["botUniqueName", "channelUniqueName"] as const;

/**
 * Why a unique name cannot be one, or undefined. Unique names are path segments in the API and parts of the
 * resource id: no whitespace (display names have it), and nothing that changes a path (`..`, `/`, `?`, ...).
 */
export function uniqueNameProblem(value: string): string | undefined {
  if (/\s/.test(value)) return "has spaces (use the unique name, not the display name)";
  return unsafePathParamReason(value);
}

/** A bot's or channel's unique name. */
export function uniqueNameSchema(what: string): z.ZodType<string> {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "string" || value === "") {
      ctx.addIssue({
        code: "custom",
        message: `must be the ${what}'s unique name (got ${describeInput(value)})`,
      });
      return z.NEVER;
    }
    const problem = uniqueNameProblem(value);
    if (problem !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must be the ${what}'s unique name, but ${describeInput(value)} ${problem}`,
      });
    }
    return value;
  });
}

const associationShape = {
  botUniqueName: required(uniqueNameSchema("bot")),
  channelUniqueName: required(uniqueNameSchema("channel")),
};

/** Validates ChannelAssociation arguments without any API call. */
export function checkChannelAssociationInputs(news: unknown): CheckOutcome<ChannelAssociationInputs> {
  const unexpected = unexpectedArguments(news, CHANNEL_ASSOCIATION_ARGUMENTS);
  const { data, failures } = parseShape(associationShape, news);
  const all = [...failures, ...unexpected];
  return {
    inputs:
      all.length > 0
        ? (news as unknown as ChannelAssociationInputs)
        : (dropUndefined(data) as ChannelAssociationInputs),
    failures: all,
  };
}
