import { argumentNames, checkShape } from "../shared/properties";
import { parseShape, unexpectedArguments } from "../shared/schemas";
import { dropUndefined } from "../shared/records";
import type { InputsOf } from "../shared/property-types";
import type { CheckOutcome } from "../shared/wiring";
import { CHANNEL_ASSOCIATION_PROPERTIES, uniqueNameProblem, uniqueNameSchema } from "./properties";

/** ChannelAssociation arguments after `check`, one field per row of the table. */
export type ChannelAssociationInputs = InputsOf<typeof CHANNEL_ASSOCIATION_PROPERTIES>;

/** The argument names `check` accepts, in table order. */
export const CHANNEL_ASSOCIATION_ARGUMENTS = argumentNames(
  CHANNEL_ASSOCIATION_PROPERTIES,
) as (keyof typeof CHANNEL_ASSOCIATION_PROPERTIES)[];

export { uniqueNameProblem, uniqueNameSchema };

const associationShape = checkShape(CHANNEL_ASSOCIATION_PROPERTIES);

/** Validates ChannelAssociation arguments without any API call. */
export function checkChannelAssociationInputs(news: unknown): CheckOutcome<ChannelAssociationInputs> {
  const unexpected = unexpectedArguments(news, CHANNEL_ASSOCIATION_ARGUMENTS);
  const { data, failures } = parseShape(associationShape, news);
  const all = [...failures, ...unexpected];
  return {
    inputs:
      all.length > 0
        ? (news as unknown as ChannelAssociationInputs)
        : (dropUndefined(data) as unknown as ChannelAssociationInputs),
    failures: all,
  };
}
