/**
 * The provider's configuration as the engine sends it (CheckConfig, DiffConfig, Configure): the `cliq:*` keys,
 * bare (`dataCenter`) in `args`/`news`, `cliq:config:dataCenter` in Configure's `variables`. Checked by the same
 * resolver the dynamic provider's `configure` uses (provider/config), row by row of the settings table, so both
 * refuse the same settings with the same words, naming the key.
 */
import {
  CliqConfigError,
  configKey,
  CREDENTIAL_NAMES,
  envVar,
  REDACTED_SETTINGS,
  resolveStackSettings,
  SETTING_NAMES,
  settingSpec,
  type Env,
} from "../config";
import { isUnknown, containsUnknown } from "../resources/shared/unknown";

export { SETTING_NAMES } from "../config";

type Props = Record<string, unknown>;

/** A config value as text, for comparing two configurations (booleans and numbers in their JSON spelling). */
function asSetting(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The known settings of a config record, values as given (the resolver checks each against its row's type);
 * other keys (the engine's `version`, ...) and values not known yet are left out.
 */
export function settingsRecord(props: Props): Props {
  const out: Props = {};
  for (const name of SETTING_NAMES) {
    const value = props[name];
    if (value !== undefined && value !== null && !containsUnknown(value)) out[name] = value;
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
    if (setting === configKey(name) || setting === envVar(name) || setting === name) return name;
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
  for (const name of CREDENTIAL_NAMES) {
    if (containsUnknown(props[name])) record[name] = "not-known-until-apply";
  }
  try {
    resolveStackSettings(record, env);
    return [];
  } catch (error) {
    if (!(error instanceof CliqConfigError)) throw error;
    return [{ property: propertyOf(error.setting), reason: error.message }];
  }
}

/** The secret settings present in a config record, whose values travel back wrapped as secrets. */
export function secretSettingKeys(props: Props): Set<string> {
  return new Set(SETTING_NAMES.filter((name) => settingSpec(name).secret && props[name] !== undefined));
}

/** Every credential and secret value of a config record (and of the environment), for the log redactor. */
export function secretValues(props: Props, env: Env): string[] {
  const values: string[] = [];
  for (const name of REDACTED_SETTINGS) {
    for (const value of [asSetting(props[name]), env[envVar(name)]]) {
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
