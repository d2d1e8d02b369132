import { toBareBotId } from "../../../cliq-api/operations";
import { diffByRules, type PropertyRule } from "../shared/compare";
import type { DiffResult } from "../shared/diff-result";
import type { HandlerInputs } from "./inputs";
import type { HandlerOutputs } from "./mapping";

export const HANDLER_PROPERTY_RULES: readonly PropertyRule<keyof HandlerInputs & string>[] = [
  {
    key: "botId",
    compare: "scalar",
    absent: "empty",
    replaces: true,
    normalise: (id) => (typeof id === "string" ? toBareBotId(id) : id),
  },
  { key: "type", compare: "scalar", absent: "empty", replaces: true },
  { key: "script", compare: "scalar", absent: "empty" },
  { key: "permissions", compare: "set", absent: "empty" },
  { key: "name", compare: "scalar", absent: "empty" },
  { key: "icon", compare: "scalar", absent: "empty" },
  { key: "subActions", compare: "list", absent: "empty" },
];

/**
 * Which handler properties changed. A new bot or type is a different handler (replacement); creating the new
 * one first is safe, since it lives on another bot or in another type slot.
 */
export function diffHandler(
  olds: Partial<HandlerOutputs>,
  news: HandlerInputs,
): DiffResult & { changed: string[] } {
  return diffByRules(HANDLER_PROPERTY_RULES, olds, news);
}
