import type { DiffResult } from "../shared/diff-result";
import { diffByRules, type PropertyRule } from "../shared/compare";
import { diffRules } from "../shared/properties";
import { isUnknown } from "../shared/unknown";
import type { BotInputs } from "./inputs";
import type { BotOutputs } from "./mapping";
import { BOT_PROPERTIES } from "./properties";

/** How each bot property compares, derived from the property table. */
export const BOT_PROPERTY_RULES: readonly PropertyRule[] = diffRules(BOT_PROPERTIES);

/** Names are unique in the org: a replacement that keeps the name must delete the old bot first. */
function keepsName(olds: Partial<BotOutputs>, news: BotInputs): boolean {
  if (isUnknown(news.name)) return true;
  return typeof olds.name === "string" && olds.name.toLowerCase() === String(news.name).toLowerCase();
}

/** Which bot properties changed, and whether the change replaces the bot. Pure: no API call. */
export function diffBot(olds: Partial<BotOutputs>, news: BotInputs): DiffResult & { changed: string[] } {
  return diffByRules(BOT_PROPERTY_RULES, olds, news, () => keepsName(olds, news));
}
