import { z } from "zod";
import { parseShape, required, unexpectedArguments } from "../shared/failures";
import { dropUndefined } from "../shared/records";
import type { Maybe } from "../shared/unknown";
import type { CheckOutcome } from "../shared/wiring";

export interface ChannelAssociationInputs {
  botUniqueName: Maybe<string>;
  channelUniqueName: Maybe<string>;
}

export const CHANNEL_ASSOCIATION_ARGUMENTS = ["botUniqueName", "channelUniqueName"] as const;

/** Unique names are path segments in the API and parts of the resource id, so no `/` or spaces. */
export function uniqueNameSchema(what: string): z.ZodType<string> {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "string" || value === "") {
      ctx.addIssue({
        code: "custom",
        message: `must be the ${what}'s unique name (got ${JSON.stringify(value)})`,
      });
      return z.NEVER;
    }
    if (/[\s/]/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: `must be a unique name without spaces or "/" (got ${JSON.stringify(value)}); use the unique name, not the display name`,
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
export function checkChannelAssociationInputs(
  news: Record<string, unknown>,
): CheckOutcome<ChannelAssociationInputs> {
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
