/**
 * The provider's configuration as the engine sends it (CheckConfig, DiffConfig, Configure): the `cliq:*` keys,
 * bare (`dataCenter`) in `args`/`news`, `cliq:config:dataCenter` in Configure's `variables`. Checked by the same
 * `resolveClientOptions` the dynamic provider's `configure` uses, so both refuse the same settings with the same
 * words, naming the key.
 */
import { CliqConfigError, resolveClientOptions, SETTINGS, type Env, type SettingName } from "../config";
import { isUnknown, containsUnknown } from "../resources/shared/unknown";
import { SECRET_SETTINGS } from "./config-schema";

type Props = Record<string, unknown>;

/** The setting names, as the schema's config variables and provider inputs spell them. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

const CREDENTIALS: readonly SettingName[] = ["accessToken", "clientId", "clientSecret", "refreshToken"];

/** A config value as the settings resolver reads it: a string (booleans and numbers in their JSON spelling). */
function asSetting(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The known settings of a config record, as strings; other keys (the engine's `version`, ...) are left out. */
export function settingsRecord(props: Props): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SETTING_NAMES) {
    const value = asSetting(props[name]);
    if (value !== undefined && !isUnknown(value)) out[name] = value;
  }
  return out;
}

/** Configure's `variables` (`cliq:config:<key>`) as a record of bare keys. */
export function fromVariables(variables: ReadonlyMap<string, string> | [string, string][]): Props {
  const out: Props = {};
  for (const [key, value] of variables) {
    const bare = key.startsWith("cliq:config:") ? key.slice("cliq:config:".length) : key;
    out[bare.startsWith("cliq:") ? bare.slice("cliq:".length) : bare] = value;
  }
  return out;
}

/** The setting a `CliqConfigError` names (`cliq:dataCenter`, `CLIQ_DATA_CENTER`), as the bare input name. */
export function propertyOf(setting: string): string {
  for (const name of SETTING_NAMES) {
    const [configKey, envKey] = SETTINGS[name];
    if (setting === configKey || setting === envKey || setting === name) return name;
  }
  return setting.replace(/^cliq:/, "");
}

/** A failure of CheckConfig: the input named, the reason naming the `cliq:` key. */
export interface ConfigFailure {
  property: string;
  reason: string;
}

/**
 * Checks a configuration, with the environment's `CLIQ_*` fallbacks. Values not known yet (an explicit
 * provider fed by another resource, during preview) are not judged: an unknown credential stands in for a
 * well-formed one, any other unknown setting is left out.
 */
export function checkConfig(props: Props, env: Env): ConfigFailure[] {
  const record = settingsRecord(props);
  for (const name of CREDENTIALS) {
    if (containsUnknown(props[name])) record[name] = "not-known-until-apply";
  }
  try {
    resolveClientOptions(record, env);
    return [];
  } catch (error) {
    if (!(error instanceof CliqConfigError)) throw error;
    return [{ property: propertyOf(error.setting), reason: error.message }];
  }
}

/** The secret settings present in a config record, whose values travel back wrapped as secrets. */
export function secretSettingKeys(props: Props): Set<string> {
  return new Set(SECRET_SETTINGS.filter((name) => props[name] !== undefined));
}

/** Every credential value of a config record (and of the environment), for the log and error redactor. */
export function secretValues(props: Props, env: Env): string[] {
  const values: string[] = [];
  for (const name of CREDENTIALS) {
    for (const value of [asSetting(props[name]), env[SETTINGS[name][1]]]) {
      if (value !== undefined && !isUnknown(value)) values.push(value);
    }
  }
  return values;
}

/** The settings that differ between two configurations (DiffConfig); a setting not known yet differs. */
export function changedSettings(olds: Props, news: Props): string[] {
  return SETTING_NAMES.filter((name) => {
    const before = asSetting(olds[name]);
    const after = asSetting(news[name]);
    return containsUnknown(news[name]) || before !== after;
  });
}
