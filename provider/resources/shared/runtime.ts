/**
 * Process-wide provider state: the outcome of the dynamic provider's `configure` (the stack's `cliq:*`
 * config) and the one shared client. Credentials live only here, in memory, never in inputs, outputs or the
 * serialized provider.
 */
import type { CliqApi } from "../../client/api";
import { getSharedClient } from "../../client";
import type { CliqClientOptions } from "../../client/options";
import { apiTarget, resolveClientOptions, type ApiTarget, type ConfigSource, type Env } from "../../config";
import type { HintContext } from "./hints";
import { pulumiLogger } from "./logger";
import type { ProviderDeps } from "./provider-deps";

/** What `configure` left behind in this process. */
export type ConfigureState =
  | { status: "unconfigured" }
  | { status: "configured"; options: CliqClientOptions }
  | { status: "failed"; error: Error };

/**
 * The outcome of `configure` for the rest of the process. Pulumi's host calls `configure` once per provider and
 * then keeps using that provider, so a refused config must be kept and raised again by every later call:
 * otherwise the next call would quietly run with whatever `CLIQ_*` variables the shell holds, against another
 * data center or account. The environment alone is used only when `configure` never ran (direct use).
 */
export class StackConfiguration {
  private state: ConfigureState = { status: "unconfigured" };

  constructor(private readonly env: () => Env = () => process.env) {}

  /** Resolves the stack config (config wins over `CLIQ_*` key by key); throws, and keeps, its error. */
  configure(config: ConfigSource): void {
    // A later configure (another resource kind, same stack) never clears an earlier refusal.
    if (this.state.status === "failed") throw this.state.error;
    try {
      this.state = { status: "configured", options: resolveClientOptions(config, this.env()) };
    } catch (error) {
      this.state = { status: "failed", error: error instanceof Error ? error : new Error(String(error)) };
      throw this.state.error;
    }
  }

  /** Throws the kept configuration error, if any; needs no credentials (so `check` can call it at preview). */
  assertUsable(): void {
    if (this.state.status === "failed") throw this.state.error;
  }

  /** The client options for an API call: the configured ones, or the environment's when never configured. */
  options(): CliqClientOptions {
    switch (this.state.status) {
      case "failed":
        throw this.state.error;
      case "configured":
        return this.state.options;
      case "unconfigured":
        return resolveClientOptions(undefined, this.env());
    }
  }

  /** Data center, hosts and credential kind of the calls, for error hints; empty when options do not resolve. */
  hintContext(): HintContext {
    let options: CliqClientOptions;
    try {
      options = this.options();
    } catch {
      return {};
    }
    const target: ApiTarget = apiTarget(options);
    return { target, credentials: options.refreshToken === undefined ? "accessToken" : "oauth" };
  }
}

/**
 * What the providers of one configuration need: a client built from its options at call time, and its kept
 * refusal and hint context. The process's providers use `processConfiguration`; tests build their own.
 */
export function configurationDeps(configuration: StackConfiguration): ProviderDeps {
  return {
    api: () => getSharedClient({ logger: pulumiLogger, ...configuration.options() }),
    logger: pulumiLogger,
    configure: (config) => configuration.configure(config),
    assertConfigured: () => configuration.assertUsable(),
    hintContext: () => configuration.hintContext(),
  };
}

/**
 * This process's configuration, shared by the three resource kinds (one client, one token cache, one set of
 * rate limiters). Options are resolved at the first API call, not when the package loads, so a missing
 * credential fails that call with a clear message; a refused `configure` fails it with that refusal.
 */
export const processConfiguration = new StackConfiguration();

/** The process's `configure`: the stack's `cliq:*` config wins over `CLIQ_*` variables; a refusal is kept. */
export function configureFromStack(config: ConfigSource): void {
  processConfiguration.configure(config);
}

/** The process's shared client (what the exported providers call). */
export function sharedApi(): CliqApi {
  return configurationDeps(processConfiguration).api();
}
