/**
 * Named credential sets for several Cliq organisations in one stack: `cliq:profiles`, a (secret) JSON object
 * from profile name to the same settings as the top-level `cliq:*` keys. A resource picks one with its plain
 * `profile` argument. A profile is complete on its own: it never borrows from the top-level keys or the `CLIQ_*`
 * environment, because a quiet fallback would send one organisation's objects to another's credentials.
 */
import { CliqConfigError, describeValue } from "./errors";
import { readConfig, type ConfigSource } from "./resolve";
import { resolveSettings, type ClientSettings, type SettingsSource } from "./settings";
import { isSettingName, SETTING_NAMES, settingText, type SettingName } from "./settings-table";

/** The stack config key that holds the profiles. */
export const PROFILES_KEY = "cliq:profiles";

/**
 * What a profile name may be: a short plain identifier, so it can be a `pulumi config set --path` segment and
 * can be quoted in messages without risk (it is a name, never a credential).
 */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** One profile's settings as written (text, type-checked by the settings table), keyed by setting name. */
export type RawProfile = Partial<Record<SettingName, string>>;

/** The raw `cliq:profiles` value: a JSON string from Pulumi's host, or already an object (direct use). */
function readProfilesValue(config: ConfigSource): unknown {
  const value = readConfig(config, PROFILES_KEY);
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value ?? undefined;
}

function parseJsonObject(value: unknown): Record<string, unknown> {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      // The text itself is never quoted: it holds the credentials.
      throw new CliqConfigError(
        PROFILES_KEY,
        `${PROFILES_KEY} is not valid JSON; set it to an object of profile name -> settings, e.g. ` +
          `pulumi config set --secret ${PROFILES_KEY} '{"eu":{"dataCenter":"eu","clientId":"...",...}}'`,
      );
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    const got = Array.isArray(parsed) ? "an array" : typeof parsed;
    throw new CliqConfigError(
      PROFILES_KEY,
      `${PROFILES_KEY} must be a JSON object of profile name -> settings (got ${got})`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** One profile's settings, each a string; a key that is not a `cliq:*` setting is refused (a typo would be lost). */
function parseProfile(name: string, value: unknown): RawProfile {
  const where = `${PROFILES_KEY}.${name}`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CliqConfigError(where, `${where} must be an object of settings (dataCenter, clientId, ...)`);
  }
  const profile: RawProfile = {};
  for (const [key, setting] of Object.entries(value as Record<string, unknown>)) {
    if (!isSettingName(key)) {
      throw new CliqConfigError(
        `${where}.${key}`,
        `${where}.${key} is not a Cliq setting; a profile takes ${SETTING_NAMES.join(", ")}`,
      );
    }
    const text = settingText(key, setting, `${where}.${key}`);
    if (text !== undefined) profile[key] = text;
  }
  return profile;
}

/**
 * The profiles of the stack config, by name, with raw settings; empty when `cliq:profiles` is not set. Throws
 * `CliqConfigError` on a value that is not a JSON object of objects or a profile name that is not a plain
 * identifier: without a readable list of profiles no resource's profile can be trusted.
 */
export function parseProfiles(config: ConfigSource): Map<string, RawProfile> {
  const value = readProfilesValue(config);
  const profiles = new Map<string, RawProfile>();
  if (value === undefined) return profiles;
  for (const [name, profile] of Object.entries(parseJsonObject(value))) {
    if (!PROFILE_NAME.test(name)) {
      throw new CliqConfigError(
        PROFILES_KEY,
        `${PROFILES_KEY} has a profile named ${describeValue(name)}; profile names are letters, digits, _ and - ` +
          `(at most 64, starting with a letter or digit)`,
      );
    }
    profiles.set(name, parseProfile(name, profile));
  }
  return profiles;
}

/** A profile's settings as a source: its own keys only, named `cliq:profiles.<name>.<key>`, no environment. */
export function profileSettingsSource(name: string, profile: RawProfile): SettingsSource {
  return {
    given: (setting) => profile[setting],
    configKey: (setting) => `${PROFILES_KEY}.${name}.${setting}`,
    where: `the profile ${JSON.stringify(name)} of ${PROFILES_KEY}`,
    profile: name,
  };
}

/** The settings of one profile, by the top-level keys' rules; errors name `cliq:profiles.<name>.<key>`. */
export function resolveProfileSettings(name: string, profile: RawProfile): ClientSettings {
  return resolveSettings(profileSettingsSource(name, profile));
}

/**
 * Why `name` is not a profile of `defined`, naming the `profile` argument and listing the defined names (names
 * only: the settings hold credentials); undefined when it is one.
 */
export function unknownProfileReason(name: string, defined: readonly string[]): string | undefined {
  if (defined.includes(name)) return undefined;
  if (defined.length === 0) {
    return (
      `names the profile ${JSON.stringify(name)}, but the stack config defines no profiles; add it with ` +
      `pulumi config set --secret ${PROFILES_KEY} '{"${name}":{...}}'`
    );
  }
  return (
    `names the profile ${JSON.stringify(name)}, which ${PROFILES_KEY} does not define; defined: ` +
    defined.map((each) => JSON.stringify(each)).join(", ")
  );
}
