/**
 * Program-time lookups of existing bots: `getBot` and `listBots` read Cliq while the program runs (during
 * `pulumi preview` as during `up`), return plain data and register nothing, so they create no state. They use
 * the same configuration rules (`cliq:*` stack config, else `CLIQ_*`) and the same client (token cache, shared
 * rate-limit windows) as the resources' provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CliqApi } from "../provider/client/api";
import { StackConfiguration, type ConfigSource } from "../provider/config";
import {
  checkBotQuery,
  findBot,
  listBotData,
  type BotData,
  type BotQuery,
} from "../provider/resources/bot/find";
import { withHint } from "../provider/resources/shared/hints";
import { plainlyFailing } from "./plain-errors";
import type { ProviderDeps } from "../provider/resources/shared/provider-deps";
import { configurationDeps } from "../provider/resources/shared/runtime";

export type { BotData, BotQuery };

/** Arguments of {@link getBot}: exactly one of the bot's id (bare or `b-` form), display name or unique name. */
export type GetBotArgs = BotQuery;

/**
 * The stack's `cliq:*` configuration as the provider's resolver reads it (full `cliq:x` keys). Read through
 * `pulumi.Config("cliq")`, the program's view of the stack config.
 */
export function stackConfigSource(): ConfigSource {
  const config = new pulumi.Config("cliq");
  return { get: (key: string) => config.get(key.startsWith("cliq:") ? key.slice("cliq:".length) : key) };
}

/** Options of a lookup: which credential set to read with. */
export interface LookupOptions {
  /**
   * A profile name of the stack config `cliq:profiles` (that profile's settings alone, never `CLIQ_*`); left
   * out, the top-level `cliq:*` settings, else the `CLIQ_*` variables.
   */
  profile?: string;
}

/**
 * The dependencies of a lookup: the stack's configuration resolved as the provider resolves it (the same
 * `StackConfiguration`), read afresh for each lookup since the program's config is what it is at that moment.
 * A refused configuration is kept and thrown by the lookup's API call, naming the key.
 */
function lookupDeps(profile: string | undefined): ProviderDeps {
  const configuration = new StackConfiguration(
    () => process.env,
    (reason) => `The lookup's profile option ${reason}`,
  );
  try {
    configuration.configure(stackConfigSource());
  } catch {
    // Kept by the configuration: the lookup's API call throws it.
  }
  const deps = configurationDeps(configuration);
  return profile === undefined ? deps : deps.profileDeps(profile);
}

async function withApi<T>(
  options: LookupOptions | undefined,
  read: (api: CliqApi) => Promise<T>,
): Promise<T> {
  const deps = lookupDeps(options?.profile);
  const api = deps.api();
  try {
    return await read(api);
  } catch (error) {
    throw withHint(error, deps.hintContext?.() ?? {});
  }
}

/**
 * Reads one existing bot, by exactly one of `id`, `name` (compared without regard to case) or `uniqueName`, and
 * returns what a `Bot` resource would show as outputs. Works during `pulumi preview`; creates no state and does
 * not manage the bot. Fails, naming the query, when there is no such bot.
 *
 * @example
 * const ops = await cliq.getBot({ name: "Ops Bot" });
 * new cliq.ChannelAssociation("ops-in-alerts", { botUniqueName: ops.uniqueName, channelUniqueName: "alerts" });
 */
export async function getBot(args: GetBotArgs, options?: LookupOptions): Promise<BotData> {
  return plainlyFailing(() => {
    const query = checkBotQuery(args);
    return withApi(options, (api) => findBot(api, query));
  });
}

/**
 * {@link getBot} taking `pulumi.Input`s and giving an `Output`: for a query that depends on other resources'
 * outputs. While the query is unknown (during a preview), so is the result.
 */
export function getBotOutput(
  args: pulumi.Input<{ [K in keyof GetBotArgs]: pulumi.Input<GetBotArgs[K]> }>,
  options?: LookupOptions,
): pulumi.Output<BotData> {
  return pulumi.output(args).apply((query) => getBot(query as GetBotArgs, options));
}

/**
 * Every bot the configured credentials can see, as the bot list reports them (one paged listing; no per-bot
 * reads, so fields only the bot's own GET carries, such as `handlerTypes`, may be missing). Works during
 * `pulumi preview`; creates no state.
 */
export async function listBots(options?: LookupOptions): Promise<BotData[]> {
  return plainlyFailing(() => withApi(options, (api) => listBotData(api)));
}
