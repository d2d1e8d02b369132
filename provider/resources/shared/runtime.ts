/**
 * Process-wide provider state: the client options resolved from the stack's config (via the dynamic
 * provider's `configure`) and the one shared client. Credentials live only here, in memory, never in inputs,
 * outputs or the serialized provider.
 */
import type { CliqApi } from "../../client/api";
import { getSharedClient } from "../../client";
import type { CliqClientOptions } from "../../client/options";
import { resolveClientOptions, type ConfigSource } from "../../config";
import { pulumiLogger } from "./logger";

let configuredOptions: CliqClientOptions | undefined;

/** Called from each provider's `configure`: the stack's `cliq:*` config wins over `CLIQ_*` variables. */
export function configureFromStack(config: ConfigSource): void {
  configuredOptions = resolveClientOptions(config, process.env);
}

/**
 * The shared client for this process. Without `configure` (older engines, or a direct call) the environment
 * is the only source. Options are resolved lazily so that a missing credential fails the first API call with a
 * clear message, not the loading of the package.
 */
export function sharedApi(): CliqApi {
  const options = configuredOptions ?? resolveClientOptions(undefined, process.env);
  return getSharedClient({ logger: pulumiLogger, ...options });
}
