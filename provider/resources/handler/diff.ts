import { diffByRules, type PropertyRule } from "../shared/compare";
import type { DiffResult } from "../shared/diff-result";
import { diffRules } from "../shared/properties";
import type { HandlerInputs } from "./inputs";
import type { HandlerOutputs } from "./mapping";
import { HANDLER_PROPERTIES } from "./properties";

/** How each handler property compares, derived from the property table. */
export const HANDLER_PROPERTY_RULES: readonly PropertyRule[] = diffRules(HANDLER_PROPERTIES);

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
