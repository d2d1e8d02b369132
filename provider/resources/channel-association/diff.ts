import { diffByRules, type PropertyRule } from "../shared/compare";
import type { DiffResult } from "../shared/diff-result";
import type { ChannelAssociationInputs } from "./inputs";

export const CHANNEL_ASSOCIATION_PROPERTY_RULES: readonly PropertyRule<
  keyof ChannelAssociationInputs & string
>[] = [
  { key: "botUniqueName", compare: "scalar", absent: "empty", replaces: true },
  { key: "channelUniqueName", compare: "scalar", absent: "empty", replaces: true },
];

/** Any change is a different membership: replacement (a new association is made before the old one is let go). */
export function diffChannelAssociation(
  olds: Partial<ChannelAssociationInputs>,
  news: ChannelAssociationInputs,
): DiffResult & { changed: string[] } {
  return diffByRules(CHANNEL_ASSOCIATION_PROPERTY_RULES, olds, news);
}
