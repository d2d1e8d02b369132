import type { DiffResult } from "../shared/diff-result";
import { diffByRules, type PropertyRule } from "../shared/compare";
import { isUnknown } from "../shared/unknown";
import { normaliseCalls, type BotInputs } from "./inputs";
import type { BotOutputs } from "./mapping";

export const BOT_PROPERTY_RULES: readonly PropertyRule<keyof BotInputs & string>[] = [
  { key: "name", compare: "scalar", absent: "empty" },
  { key: "description", compare: "scalar", absent: "empty" },
  { key: "scope", compare: "scalar", absent: "unchanged" },
  {
    key: "teamIds",
    compare: "set",
    absent: "empty",
    normalise: (ids) => (Array.isArray(ids) ? ids.map(String) : ids),
  },
  { key: "executionType", compare: "scalar", absent: "unchanged", replaces: true },
  { key: "executionUrl", compare: "scalar", absent: "empty" },
  { key: "statusMessages", compare: "list", absent: "empty" },
  { key: "image", compare: "scalar", absent: "empty" },
  { key: "channelParticipation", compare: "set", absent: "empty" },
  {
    key: "calls",
    compare: "scalar",
    absent: "unchanged",
    normalise: (value) => (typeof value === "string" ? normaliseCalls(value) : value),
  },
];

/** Names are unique in the org: a replacement that keeps the name must delete the old bot first. */
function keepsName(olds: Partial<BotOutputs>, news: BotInputs): boolean {
  if (isUnknown(news.name)) return true;
  return typeof olds.name === "string" && olds.name.toLowerCase() === String(news.name).toLowerCase();
}

/** Which bot properties changed, and whether the change replaces the bot. Pure: no API call. */
export function diffBot(olds: Partial<BotOutputs>, news: BotInputs): DiffResult & { changed: string[] } {
  return diffByRules(BOT_PROPERTY_RULES, olds, news, () => keepsName(olds, news));
}
