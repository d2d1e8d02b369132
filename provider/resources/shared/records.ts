/** The same object without its undefined fields (an undefined output would otherwise read as "cleared"). */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Outputs as the provider hands them to the engine: no undefined fields, and never `__provider`, which the
 * dynamic-provider host adds itself from the current inputs.
 */
export function toOuts(outputs: object): Record<string, unknown> {
  const outs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs))
    if (key !== "__provider" && value !== undefined) outs[key] = value;
  return outs;
}
