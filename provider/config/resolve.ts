/**
 * The stack's settings: its `cliq:*` config with the `CLIQ_*` environment behind it. Config wins over the
 * environment key by key, except that credentials are taken as one set from a single source (config if it
 * holds any credential, else the environment), so a stack's credentials are never half-mixed with a shell's
 * (see settings.ts `resolveSettings`).
 */
import { resolveSettings, type ClientSettings, type Env, type SettingsSource } from "./settings";
import { configKey } from "./settings-table";

export type { Env } from "./settings";

/**
 * The stack config: the dynamic provider's `Config` (get with full `cliq:x` keys) or a record (full or bare
 * keys; an explicit provider's values keep their types, which the settings table checks).
 */
export type ConfigSource =
  { get(key: string): string | undefined } | Readonly<Record<string, unknown>> | undefined;

/** The value `config` holds under a full `cliq:x` key (a record may spell it bare). */
export function readConfig(config: ConfigSource, key: string): unknown {
  if (config === undefined) return undefined;
  if (typeof (config as { get?: unknown }).get === "function") {
    return (config as { get(key: string): string | undefined }).get(key);
  }
  const record = config as Readonly<Record<string, unknown>>;
  return record[key] ?? record[key.slice("cliq:".length)];
}

/** The stack's top-level `cliq:*` config, with the `CLIQ_*` environment as fallback. */
export function stackSettingsSource(config: ConfigSource, env: Env): SettingsSource {
  return {
    given: (name) => readConfig(config, configKey(name)),
    configKey,
    where: "the stack config (pulumi config set --secret)",
    env,
  };
}

/** The stack's top-level settings, resolved and checked; throws `CliqConfigError` naming the key at fault. */
export function resolveStackSettings(config: ConfigSource, env: Env = process.env): ClientSettings {
  return resolveSettings(stackSettingsSource(config, env));
}
