/** One API or OAuth request as the control surface reports it. Never headers, never bodies. */
export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The spec's operationId, `oauth_token` for the token endpoint, null for an unknown route. */
  operationId: string | null;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  throttled: boolean;
}

/**
 * Query parameters that carry credentials: Zoho's token endpoint takes them in the query too, the spec's
 * `extension_key` is "an authentication alternative to OAuth", and Cliq webhook URLs carry a `zapikey`.
 */
const SECRET_PARAMS = new Set([
  "client_secret",
  "refresh_token",
  "code",
  "access_token",
  "password",
  "extension_key",
  "zapikey",
  "authtoken",
]);

export function redactedQuery(query: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of query) {
    result[key] = SECRET_PARAMS.has(key.toLowerCase()) ? "[redacted]" : value;
  }
  return result;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  record(entry: Omit<LoggedRequest, "seq">): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
  }

  list(): LoggedRequest[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
  }

  /** Empties the log; sequence numbers keep counting, so entries logged later never reuse a number. */
  clear(): void {
    this.entries = [];
  }

  /** Empties the log and restarts the sequence at 1. */
  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}
