/**
 * Property-level diffs for the engine (`detailedDiff`), from the same property rules the resource's own diff
 * uses, so `pulumi preview --diff` shows which arguments change and which of them replace the object.
 */
import { PropertyDiff } from "@pulumi/pulumi/proto/provider_pb";
import { diffProperties } from "../resources/shared/compare";
import { carriedAcrossUpdate, diffRules } from "../resources/shared/properties";
import type { PluginKind } from "./kinds";

type Props = Record<string, unknown>;

function isAbsent(value: unknown): boolean {
  return (
    value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)
  );
}

/** ADD, DELETE or UPDATE, as `_REPLACE` when the change replaces the object. */
export function propertyDiffKind(before: unknown, after: unknown, replaces: boolean): PropertyDiff.Kind {
  const { Kind } = PropertyDiff;
  if (isAbsent(before) && !isAbsent(after)) return replaces ? Kind.ADD_REPLACE : Kind.ADD;
  if (!isAbsent(before) && isAbsent(after)) return replaces ? Kind.DELETE_REPLACE : Kind.DELETE;
  return replaces ? Kind.UPDATE_REPLACE : Kind.UPDATE;
}

/**
 * The changed properties of a diff whose verdict the resource's provider gave (`replaces`), each with its kind.
 * A change the rules do not see (an association recording its bot id) is reported under the keys that differ.
 */
export function detailedDiff(
  kind: PluginKind,
  olds: Props,
  news: Props,
  replaces: readonly string[],
): Record<string, PropertyDiff.Kind> {
  const changed = new Set([...diffProperties(diffRules(kind.table), olds, news).changed, ...replaces]);
  if (changed.size === 0) {
    for (const key of Object.keys(news))
      if (JSON.stringify(olds[key]) !== JSON.stringify(news[key])) changed.add(key);
  }
  const out: Record<string, PropertyDiff.Kind> = {};
  for (const key of changed) out[key] = propertyDiffKind(olds[key], news[key], replaces.includes(key));
  return out;
}

/** Outputs of a preview of a create: the inputs, and every output Cliq assigns as not known yet. */
export function previewCreateOutputs(kind: PluginKind, inputs: Props, unknown: string): Props {
  const out: Props = { ...inputs };
  for (const key of kind.computed) if (out[key] === undefined) out[key] = unknown;
  return out;
}

/**
 * The outputs a preview of an update shows: what the update itself carries forward from the recorded outputs
 * (everything Cliq assigns, and the arguments Cliq keeps when they are left out, such as `calls`), then the new
 * inputs. Dependents then see the values the update will leave, not a spurious absence.
 */
export function previewUpdateOutputs(kind: PluginKind, olds: Props, news: Props): Props {
  const kept: Props = {};
  for (const key of [...kind.computed, ...carriedAcrossUpdate(kind.table)]) {
    if (olds[key] !== undefined) kept[key] = olds[key];
  }
  return { ...kept, ...news };
}
