/** The credential scan that the engine-level tests and the demo run over state and everything printed. */
import { MINTED_ACCESS_TOKEN } from "../emulator";
import type { StackState } from "./engine";

/** A text to scan, labelled with where it would have ended up (state of a resource, host output, ...). */
export interface ScannedText {
  where: string;
  text: string;
}

export interface SecretLeak {
  /** Where the secret was found (a label chosen by the caller, e.g. "state outputs of urn:..."). */
  where: string;
  /** Which secret was found (its label, never its value). */
  secret: string;
}

/**
 * Finds every place where one of the secret strings appears in one of the texts. Both the secret itself and
 * its base64/URL-encoded forms count, since a leak through an encoded header is still a leak.
 */
export function findSecretLeaks(
  texts: ScannedText[],
  secrets: { label: string; value: string }[],
): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const { where, text } of texts) {
    for (const { label, value } of secrets) {
      const forms = [value, encodeURIComponent(value), Buffer.from(value).toString("base64")];
      if (forms.some((form) => text.includes(form))) leaks.push({ where, secret: label });
    }
  }
  return leaks;
}

/** {@link findSecretLeaks} for the given credentials, plus any access token minted from them. */
export function findCredentialLeaks(
  texts: ScannedText[],
  secrets: { label: string; value: string }[],
): SecretLeak[] {
  const leaks = findSecretLeaks(texts, secrets);
  for (const { where, text } of texts) {
    if (MINTED_ACCESS_TOKEN.test(text)) leaks.push({ where, secret: "minted access token" });
  }
  return leaks;
}

/**
 * Everything of a stack's state that Pulumi would write to its checkpoint, one text per resource part: inputs
 * (`__provider` included), outputs, and the stack outputs.
 */
export function stateTexts(label: string, state: StackState): ScannedText[] {
  return [
    ...state.resources.flatMap((r) => [
      { where: `${label} ${r.urn} inputs`, text: JSON.stringify(r.inputs) },
      { where: `${label} ${r.urn} outputs`, text: JSON.stringify(r.outputs) },
    ]),
    { where: `${label} stack outputs`, text: JSON.stringify(state.outputs) },
  ];
}
