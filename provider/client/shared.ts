/**
 * The process-wide registry behind `getSharedClient`: every client for the same endpoints and credentials
 * shares one token cache and one set of rate limiters, so all resources of a Pulumi run stay under Cliq's
 * thresholds together and mint one token between them.
 */
import { createHash } from "node:crypto";
import { resolveEndpoints } from "../config/data-centers";
import { CliqClient, createClientState, type ClientState } from "./client";
import type { CliqClientOptions } from "./options";

const states = new Map<string, ClientState>();
const clients = new Map<string, CliqClient>();

function fingerprint(...parts: (string | undefined)[]): string {
  return createHash("sha256")
    .update(parts.map((part) => part ?? "").join("\u0000"))
    .digest("hex");
}

/**
 * Identifies the shared state: endpoints, the credential set (hashed, never kept), the time scale and whether
 * tokens go through the file cache.
 */
export function sharedStateKey(options: CliqClientOptions): string {
  const { apiUrl, accountsUrl } = resolveEndpoints(options);
  const identity =
    options.clientId && options.clientSecret && options.refreshToken
      ? fingerprint("oauth", options.clientId, options.clientSecret, options.refreshToken)
      : fingerprint("static", options.accessToken);
  // The file cache changes the token source, so clients with and without it never share one.
  const cache = options.tokenCache === true ? "file-cache" : "memory";
  return [apiUrl, accountsUrl, identity, String(options.timeScale ?? 1), cache].join(" ");
}

/**
 * The client for these options, sharing token cache and limiters with every other client of the same
 * endpoints and credentials in this process. The latest caller's logger is used for reports.
 */
export function getSharedClient(options: CliqClientOptions): CliqClient {
  const stateKey = sharedStateKey(options);
  const clientKey = [
    stateKey,
    options.maxThrottleWaitSeconds ?? "",
    options.requestTimeoutMs ?? "",
    options.maxAttempts ?? "",
    options.movedFrom ?? "",
  ].join(" ");
  let client = clients.get(clientKey);
  if (client) {
    if (options.logger) client.setLogger(options.logger);
    return client;
  }
  let state = states.get(stateKey);
  if (!state) {
    state = createClientState(options);
    states.set(stateKey, state);
  }
  client = new CliqClient(options, state);
  clients.set(clientKey, client);
  return client;
}

/** Forgets every shared client, token and limiter (for tests that start from a clean process state). */
export function resetSharedClients(): void {
  states.clear();
  clients.clear();
}
