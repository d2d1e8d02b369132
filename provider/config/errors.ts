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
