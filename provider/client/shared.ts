/**
 * The process-wide registry behind `getSharedClient`: every client for the same endpoints and credentials
 * shares one token cache and one set of rate limiters, so all resources of a Pulumi run stay under Cliq's
 * thresholds together and mint one token between them.
 */
import { createHash } from "node:crypto";
import { resolveClientSettings, type ClientSettings } from "../config/settings";
import { CliqClient } from "./client";
import type { CliqClientHooks, CliqClientOptions } from "./options";
import { createClientState, type ClientState } from "./state";

const states = new Map<string, ClientState>();
const clients = new Map<string, CliqClient>();
let bySettings = new WeakMap<ClientSettings, CliqClient>();

function fingerprint(...parts: (string | undefined)[]): string {
  return createHash("sha256")
    .update(parts.map((part) => part ?? "").join("\u0000"))
    .digest("hex");
}

/**
 * Identifies the shared state: endpoints, the credential set (hashed, never kept), the time scale and whether
 * tokens go through the file cache.
 */
export function sharedStateKey(settings: ClientSettings): string {
  const { endpoints, credentials, limits } = settings;
  const identity =
    credentials.kind === "oauth"
      ? fingerprint("oauth", credentials.clientId, credentials.clientSecret, credentials.refreshToken)
      : fingerprint("static", credentials.accessToken);
  // The token file cache and the shared window file (or Redis store) change the token source and the limiters,
  // so clients with and without them never share either.
  const cache = settings.tokenCache ? "file-cache" : "memory";
  const store =
    settings.rateLimitStore === undefined ? "file" : fingerprint("store", settings.rateLimitStore);
  const windows = settings.sharedRateLimits ? `shared-windows-${store}` : "process-windows";
  return [endpoints.apiUrl, endpoints.accountsUrl, identity, String(limits.timeScale), cache, windows].join(
    " ",
  );
}

/**
 * The client for these options, sharing token cache and limiters with every other client of the same
 * endpoints and credentials in this process. The latest caller's logger is used for reports. Resolves the
 * options at each call: configuration that is resolved once (`StackConfiguration`) uses `sharedClientFor`.
 */
export function getSharedClient(options: CliqClientOptions): CliqClient {
  return sharedClientFor(resolveClientSettings(options), options);
}

/**
 * The shared client of settings resolved once. Each settings object is keyed (and its credentials hashed) at
 * its first call only; later calls with the same object find its client directly.
 */
export function sharedClientFor(settings: ClientSettings, hooks: CliqClientHooks = {}): CliqClient {
  let client = bySettings.get(settings);
  if (client === undefined) {
    client = sharedClientOf(settings, hooks);
    bySettings.set(settings, client);
  } else if (hooks.logger) {
    client.setLogger(hooks.logger);
  }
  return client;
}

function sharedClientOf(settings: ClientSettings, hooks: CliqClientHooks): CliqClient {
  const stateKey = sharedStateKey(settings);
  const { maxThrottleWaitSeconds, requestTimeoutMs, maxAttempts } = settings.limits;
  const clientKey = [
    stateKey,
    maxThrottleWaitSeconds,
    requestTimeoutMs,
    maxAttempts,
    ...settings.movedFromHosts,
    // The profile name only words messages (api-host.ts); two profiles of one credential set share the state.
    settings.profile ?? "",
  ];
  let client = clients.get(clientKey.join(" "));
  if (client) {
    if (hooks.logger) client.setLogger(hooks.logger);
    return client;
  }
  let state = states.get(stateKey);
  if (!state) {
    state = createClientState(settings, hooks);
    states.set(stateKey, state);
  }
  client = new CliqClient(hooks, state, settings);
  clients.set(clientKey.join(" "), client);
  return client;
}

/** Forgets every shared client, token and limiter (for tests that start from a clean process state). */
export function resetSharedClients(): void {
  states.clear();
  clients.clear();
  bySettings = new WeakMap();
}
