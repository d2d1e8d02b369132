import { diffByRules, type PropertyRule } from "../shared/compare";
import type { DiffResult } from "../shared/diff-result";
import { diffRules } from "../shared/properties";
import type { ChannelAssociationInputs } from "./inputs";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "./properties";

/** How each property compares (every change replaces), derived from the property table. */
export const CHANNEL_ASSOCIATION_PROPERTY_RULES: readonly PropertyRule[] = diffRules(
  CHANNEL_ASSOCIATION_PROPERTIES,
);

/** Any change is a different membership: replacement (a new association is made before the old one is let go). */
export function diffChannelAssociation(
  olds: Partial<ChannelAssociationInputs>,
  news: ChannelAssociationInputs,
): DiffResult & { changed: string[] } {
  return diffByRules(CHANNEL_ASSOCIATION_PROPERTY_RULES, olds, news);
}
