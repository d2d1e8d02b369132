/** A setting is missing or invalid. Names the setting and says why; never echoes a secret value. */
export class CliqConfigError extends Error {
  override readonly name = "CliqConfigError";
  /** The setting at fault, as the user wrote it (e.g. `cliq:apiUrl`, `CLIQ_CLIENT_SECRET`, `apiUrl`). */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.setting = setting;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, setting: this.setting };
  }
}

/**
 * Short identifiers only: every Zoho credential (access token, refresh token, client id, client secret) is far
 * longer than 16 characters, so a value this short and plain cannot be a secret pasted into the wrong key.
 */
const HARMLESS_VALUE = /^[A-Za-z0-9_-]{1,16}$/;

/** A secret setting's refused value, by its length alone: a secret's shape is not ours to print either. */
export function describeSecretValue(value: string): string {
  return `a value of ${[...value].length} characters, not shown as the setting is secret`;
}

/**
 * A refused setting value as an error message may show it: quoted when it is provably harmless (a short plain
 * identifier), otherwise only described by length and shape, since a value in the wrong key may be a secret.
 */
export function describeValue(value: string): string {
  if (HARMLESS_VALUE.test(value)) return JSON.stringify(value);
  const shape = /\s/.test(value)
    ? "with whitespace"
    : /^[\x21-\x7e]+$/.test(value)
      ? "of printable ASCII"
      : "with non-ASCII characters";
  return `a value of ${[...value].length} characters ${shape}, not shown as it may be a secret in the wrong key`;
}
