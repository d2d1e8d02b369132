/**
 * The soak's credential scan: every error the caller saw (message, stack, inspected form, JSON), every output
 * and every log line must be free of the credentials and of any access token minted from them.
 */
import { inspect } from "node:util";
import { MINTED_ACCESS_TOKEN } from "../emulator";

export interface ScannedText {
  /** Where the text would have ended up (a label, e.g. "cycle 3 create bot: error stack"). */
  where: string;
  text: string;
}

export interface Secret {
  label: string;
  value: string;
}

export interface SecretLeak {
  where: string;
  /** The secret's label, never its value. */
  secret: string;
}

/**
 * Every place a secret shows up in a text, in clear or in the encoded forms it would take in a header or a
 * URL, plus anything shaped like a minted Zoho access token (its value is not known in advance).
 */
export function findSecretLeaks(texts: readonly ScannedText[], secrets: readonly Secret[]): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const { where, text } of texts) {
    for (const { label, value } of secrets) {
      const forms = [value, encodeURIComponent(value), Buffer.from(value).toString("base64")];
      if (forms.some((form) => text.includes(form))) leaks.push({ where, secret: label });
    }
    if (MINTED_ACCESS_TOKEN.test(text)) leaks.push({ where, secret: "minted access token" });
  }
  return leaks;
}

/** The ways an error reaches a person: its message, its stack, how Node prints it, and its JSON. */
export function errorTexts(where: string, error: unknown): ScannedText[] {
  const texts: ScannedText[] = [{ where: `${where}: inspected`, text: inspect(error, { depth: 8 }) }];
  if (error instanceof Error) {
    texts.push({ where: `${where}: message`, text: error.message });
    texts.push({ where: `${where}: stack`, text: error.stack ?? "" });
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(error);
  } catch {
    json = undefined;
  }
  if (json !== undefined) texts.push({ where: `${where}: JSON`, text: json });
  return texts;
}
