/**
 * The provider's configuration in package schema terms: every row of the settings table
 * (provider/config/settings-table.ts) as a config variable and provider input, with its type, secrecy and
 * documentation (the default and environment variable added from the row).
 */
import { envVar, SETTING_NAMES, settingSpec, type SettingName } from "../config";
import type { SchemaProperty } from "./schema-types";

/** A setting's documentation as `pulumi config`, `new cliq.Provider(...)` and the docs show it. */
export function settingDescription(name: SettingName): string {
  const spec = settingSpec(name);
  const byDefault = spec.default === undefined ? "" : ` Default: \`${String(spec.default)}\`.`;
  return `${spec.description}${byDefault} Environment: \`${envVar(name)}\`.`;
}

/** The provider's config variables (also its `inputProperties`): every setting, none required. */
export function configVariables(): Record<string, SchemaProperty> {
  const variables: Record<string, SchemaProperty> = {};
  for (const name of SETTING_NAMES) {
    const spec = settingSpec(name);
    variables[name] = {
      type: spec.type,
      description: settingDescription(name),
      ...(spec.secret ? { secret: true } : {}),
    };
  }
  return variables;
}
