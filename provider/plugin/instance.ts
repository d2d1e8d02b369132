/**
 * One configured provider: what a `Configure` call makes. Each has its own `StackConfiguration` and provider
 * objects, so two `new cliq.Provider(...)` of one stack talk to two organisations; clients come from the shared
 * registry keyed by endpoints and credentials, so each organisation has its own token cache and rate limiters.
 * Credentials live only here, in memory.
 */
import type { CliqApi } from "../client/api";
import { StackConfiguration, type Env } from "../config";
import { createProviders, type ProviderKind } from "../resources/providers";
import type { CliqResourceProvider, ProviderDeps } from "../resources/shared/provider-deps";
import { configurationDeps } from "../resources/shared/runtime";
import { containsUnknown } from "../resources/shared/unknown";
import { secretRedactor, type EngineLog, type Redactor } from "./log";
import { secretValues, settingsRecord } from "./config";

/** A configured provider: the resource providers, its API client and its secret redactor. */
export interface PluginInstance {
  providers: Record<ProviderKind, CliqResourceProvider>;
  /** The client of this configuration (throws the configuration's refusal, if any). */
  api(): CliqApi;
  redact: Redactor;
  /** The configuration's refusal, if any: Configure reports it, and every later call raises it again. */
  configureError?: Error;
}

/** Refuses API calls of a provider whose configuration is not known yet (a preview of computed config). */
function notKnownYet(): never {
  throw new Error(
    "the cliq provider's configuration depends on values not known until the update runs; this lookup or " +
      "read cannot run during preview",
  );
}

/**
 * The provider for a configuration (bare setting names; `undefined`: the environment alone). A refused
 * configuration is kept and raised by every call, as the dynamic provider does (see StackConfiguration).
 */
export function createInstance(
  config: Record<string, unknown> | undefined,
  log: EngineLog,
  env: Env = process.env,
): PluginInstance {
  const configuration = new StackConfiguration(() => env);
  const unknown = config !== undefined && containsUnknown(config);
  let configureError: Error | undefined;
  if (config !== undefined && !unknown) {
    try {
      configuration.configure(settingsRecord(config));
    } catch (error) {
      configureError = error instanceof Error ? error : new Error(String(error));
    }
  }
  // One credential set: the plugin's resources take no `profile` (each explicit provider is one organisation).
  const configured = configurationDeps(configuration, log);
  const api = (): CliqApi => (unknown ? notKnownYet() : configured.api());
  const deps: ProviderDeps = {
    api,
    logger: log,
    assertConfigured: configured.assertConfigured,
    hintContext: configured.hintContext,
  };
  return {
    providers: createProviders(deps),
    api,
    redact: secretRedactor(secretValues(config ?? {}, env)),
    configureError,
  };
}
