/**
 * Secret scrubbing for everything the client lets out of its hands: error messages, quoted response bodies,
 * causes and log lines. Secrets are removed on copies; originals (an axios error, a response) are never
 * mutated, because the caller of axios may still own them.
 */

export const REDACTED = "[REDACTED]";

/** Keys whose values are credentials wherever they appear (headers, form fields, JSON bodies). */
const SECRET_KEY = /(authorization|token|secret|password|client_id|api[-_]?key|cookie)/i;

/** Textual shapes credentials take in free text: header values and form/query fields. */
const SECRET_PATTERNS: readonly RegExp[] = [
  /(Zoho-oauthtoken|Bearer)\s+[^\s"',;]+/gi,
  /((?:refresh_token|access_token|client_secret|client_id)=)[^&\s"']+/gi,
  /("(?:refresh_token|access_token|client_secret|client_id)"\s*:\s*")[^"]*(")/gi,
];

/** Replaces every known secret value and every credential-shaped fragment in `text`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(SECRET_PATTERNS[0], `$1 ${REDACTED}`);
  out = out.replace(SECRET_PATTERNS[1], `$1${REDACTED}`);
  out = out.replace(SECRET_PATTERNS[2], `$1${REDACTED}$2`);
  return out;
}

/** Deep copy of a JSON-like value with credential-named keys masked and secret values scrubbed from strings. */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      copy[key] =
        SECRET_KEY.test(key) && item !== undefined ? REDACTED : redactValue(item, secrets, depth + 1);
    }
    return copy;
  }
  return value;
}

/** A body quoted in an error message: redacted and cut to `max` characters. */
export function quoteBody(body: unknown, secrets: readonly string[] = [], max = 500): string {
  let text: string;
  if (typeof body === "string") {
    text = redactText(body, secrets);
  } else {
    try {
      text = JSON.stringify(redactValue(body, secrets)) ?? String(body);
    } catch {
      text = String(body);
    }
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
