import type { DiffResult } from "./diff-result";
import { containsUnknown } from "./unknown";

/**
 * How one property is compared between the previous outputs and the new inputs. Each property is compared on
 * its own terms; whole objects are never compared by serialisation.
 */
export type Comparison =
  /** Plain equality of a string/number/boolean. */
  | "scalar"
  /** Ordered list of scalars (order is meaningful, e.g. status messages). */
  | "list"
  /** Unordered set of scalars (team ids, channel participation, permissions). */
  | "set";

export interface PropertyRule<K extends string = string> {
  key: K;
  compare: Comparison;
  /** A change cannot be applied in place: the object is replaced. */
  replaces?: boolean;
  /**
   * What an absent new value means. "empty": the argument was removed, so the value is cleared ("" or []).
   * "unchanged": the service decides (e.g. scope), so leaving it out asks for no change.
   */
  absent: "empty" | "unchanged";
  /** Normalises both sides before comparing (e.g. `enable` -> `enabled`, `b-123` -> `123`). */
  normalise?: (value: unknown) => unknown;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)
  );
}

function sameScalar(a: unknown, b: unknown): boolean {
  return a === b || (isEmpty(a) && isEmpty(b));
}

function sameList(a: unknown, b: unknown): boolean {
  const left = Array.isArray(a) ? a : isEmpty(a) ? [] : [a];
  const right = Array.isArray(b) ? b : isEmpty(b) ? [] : [b];
  return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
}

function sameSet(a: unknown, b: unknown): boolean {
  const left = Array.isArray(a) ? a.map(String) : isEmpty(a) ? [] : [String(a)];
  const right = Array.isArray(b) ? b.map(String) : isEmpty(b) ? [] : [String(b)];
  if (left.length !== right.length) return false;
  const remaining = [...right];
  return left.every((item) => {
    const index = remaining.indexOf(item);
    if (index < 0) return false;
    remaining.splice(index, 1);
    return true;
  });
}

/** Structural equality of JSON-like values, field by field (used for list items such as sub actions). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sameList(a, b);
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => sameScalarOrNested(left[key], right[key]));
  }
  return sameScalar(a, b);
}

function sameScalarOrNested(a: unknown, b: unknown): boolean {
  return (isEmpty(a) && isEmpty(b)) || sameValue(a, b);
}

/** Whether a property differs; an unknown new value always counts as a change (it may differ). */
export function propertyChanged(rule: PropertyRule, oldValue: unknown, newValue: unknown): boolean {
  if (containsUnknown(newValue)) return true;
  if (newValue === undefined && rule.absent === "unchanged") return false;
  const normalise = rule.normalise ?? ((value: unknown) => value);
  const before = oldValue === undefined ? undefined : normalise(oldValue);
  const after = newValue === undefined ? undefined : normalise(newValue);
  switch (rule.compare) {
    case "scalar":
      return !sameScalar(before, after);
    case "list":
      return !sameList(before, after);
    case "set":
      return !sameSet(before, after);
  }
}

export interface PropertyDiff {
  /** Every property that differs. */
  changed: string[];
  /** The subset whose change forces replacement. */
  replaces: string[];
}

export function diffProperties(
  rules: readonly PropertyRule[],
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): PropertyDiff {
  const changed: string[] = [];
  const replaces: string[] = [];
  for (const rule of rules) {
    if (!propertyChanged(rule, olds[rule.key], news[rule.key])) continue;
    changed.push(rule.key);
    if (rule.replaces) replaces.push(rule.key);
  }
  return { changed, replaces };
}

/**
 * The diff answer for a resource from its property rules, plus the changed properties (update sends only
 * those). `deleteFirst` decides, for a replacement, whether the old object must go before the new one is made.
 */
export function diffByRules(
  rules: readonly PropertyRule[],
  olds: object,
  news: object,
  deleteFirst: (replaces: readonly string[]) => boolean = () => false,
): DiffResult & { changed: string[] } {
  const { changed, replaces } = diffProperties(
    rules,
    olds as Record<string, unknown>,
    news as Record<string, unknown>,
  );
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && deleteFirst(replaces),
    changed,
  };
}
