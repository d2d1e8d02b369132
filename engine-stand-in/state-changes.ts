/** Pure comparisons over a stack's state that the stand-in engine's steps are decided by. */
import type { ResourceState } from "./state-types";
import type { WireObject } from "./wire";

/** Every resource that depends on `urn`, directly or not, in dependency order (dependencies first). */
export function dependentsOf(urn: string, resources: ResourceState[]): ResourceState[] {
  const affected = new Set([urn]);
  const result: ResourceState[] = [];
  for (const resource of resources) {
    if (resource.urn !== urn && resource.dependencies.some((d) => affected.has(d))) {
      affected.add(resource.urn);
      result.push(resource);
    }
  }
  return result;
}

/** The top-level properties whose values differ (deep comparison, order of object keys ignored). */
export function changedKeys(before: WireObject, after: WireObject): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameValue(before[key], after[key])).sort();
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (
    typeof a === "object" &&
    typeof b === "object" &&
    a !== null &&
    b !== null &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => sameValue(left[key], right[key]));
  }
  return false;
}
