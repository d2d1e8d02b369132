/**
 * What the benchmarks apply, through the real dynamic providers, the way Pulumi's engine would: creates in
 * dependency order with everything ready at once going at once, updates of half the stack, and a destroy in
 * which only bots are deleted (handlers and memberships are `deletedWith` their bot: Cliq deletes them with it).
 */
import * as os from "node:os";
import * as path from "node:path";
import { HANDLER_TYPES, PERMISSIONS_BY_HANDLER, type OperationId } from "../cliq-api/operations";
import {
  CliqClient,
  OperationLimiters,
  SlidingWindowLimiter,
  StaticTokenSource,
  type ClientState,
} from "../provider/client";
import { RedisWindowStore, redisTiming } from "../provider/client/redis-window-store";
import { WindowFileStore, windowStoreKey, type WindowStore } from "../provider/client/window-store";
import { createProviders } from "../provider/resources/providers";
import type { CliqResourceProvider } from "../provider/resources/shared/provider-deps";

/**
 * How the client counts: `naive` sends at once and waits out locks on 429 (no limiter); `per-process` is one
 * limiter per process (the client before shared windows and sharer probes); `shared` adds the per-user window
 * file and, after a throttle nobody here caused, a lowered budget and a probe; `redis` keeps those shared
 * windows in Redis (`redisUrl`), with the file as its fallback.
 */
export type Mode = "naive" | "per-process" | "shared" | "redis";
export const MODES: readonly Mode[] = ["naive", "per-process", "shared"];

/** A stack: `webhook` adds the standard webhook bot with every handler type and 5 menus; `deluge` Deluge bots. */
export interface StackPlan {
  prefix: string;
  /** Deluge bots, each with `handlerTypes` handler types and `channels` memberships. */
  delugeBots: number;
  handlerTypes: number;
  channels: number;
  /** The standard webhook bot (every handler type, 5 menus, 5 memberships). */
  webhook: boolean;
  /** Share of the handlers updated after the creates (0 skips the update phase). */
  updateShare: number;
  /** Whether the stack is destroyed at the end. */
  destroy: boolean;
}

/** One phase's writes (one per create/update/delete Cliq must do) and its wall time. */
export interface PhaseResult {
  name: string;
  writes: Partial<Record<OperationId, number>>;
  wallMs: number;
}

/** Where the client talks to and how it counts. */
export interface ClientSetup {
  apiUrl: string;
  token: string;
  timeScale: number;
  mode: Mode;
  /** The window file's directory (modes `shared` and `redis`): one per simulated machine. */
  windowDir?: string;
  /** The Redis store's URL (mode `redis`). */
  redisUrl?: string;
}

class UnlimitedLimiters extends OperationLimiters {
  private readonly unlimited = new Map<OperationId, SlidingWindowLimiter>();
  override for(operationId: OperationId): SlidingWindowLimiter {
    let limiter = this.unlimited.get(operationId);
    if (!limiter)
      this.unlimited.set(
        operationId,
        (limiter = new SlidingWindowLimiter(Infinity, 0, Date.now, undefined, false)),
      );
    return limiter;
  }
}

/** The shared window store of a setup: the file (`shared`), Redis over the file (`redis`), or none. */
function storeOf(setup: ClientSetup, warn: (message: string) => void): WindowStore | undefined {
  if (setup.mode !== "shared" && setup.mode !== "redis") return undefined;
  const file = new WindowFileStore(
    windowStoreKey(setup.apiUrl, ["static", setup.token]),
    setup.windowDir ?? path.join(os.tmpdir(), "cliq-bench-windows"),
  );
  if (setup.mode === "shared") return file;
  if (!setup.redisUrl) throw new Error("mode redis needs redisUrl");
  const timing = redisTiming(setup.timeScale);
  return new RedisWindowStore({ url: setup.redisUrl, key: file.key, timing, fallback: file, warn });
}

/**
 * A client counting as `setup.mode` says; its throttle budget never ends a run (the baseline waits it out).
 * `warn` hears the store's warnings (a Redis that fails).
 */
export function benchClient(
  setup: ClientSetup,
  warn: (message: string) => void = () => undefined,
): CliqClient {
  const options = {
    apiUrl: setup.apiUrl,
    accessToken: setup.token,
    timeScale: setup.timeScale,
    maxThrottleWaitSeconds: 1e9,
    logger: { warn: () => undefined },
  };
  const store = storeOf(setup, warn);
  const limiters =
    setup.mode === "naive"
      ? new UnlimitedLimiters(setup.timeScale)
      : new OperationLimiters(setup.timeScale, store, store !== undefined);
  const state: ClientState = { tokens: new StaticTokenSource(setup.token), limiters };
  return new CliqClient(options, state);
}

interface Managed {
  provider: CliqResourceProvider;
  id: string;
  inputs: Record<string, unknown>;
  outs: Record<string, unknown>;
}

type Providers = ReturnType<typeof createProviders>;

async function create(provider: CliqResourceProvider, news: Record<string, unknown>): Promise<Managed> {
  const { inputs, failures } = await provider.check({}, news);
  if (failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  const { id, outs } = await provider.create(inputs);
  return { provider, id, inputs, outs };
}

async function update(resource: Managed, changes: Record<string, unknown>): Promise<void> {
  const { inputs, failures } = await resource.provider.check(resource.inputs, {
    ...resource.inputs,
    ...changes,
  });
  if (failures.length > 0) throw new Error(`check failed: ${JSON.stringify(failures)}`);
  const diff = await resource.provider.diff(resource.id, resource.outs, inputs);
  if (!diff.changes || diff.replaces.length > 0)
    throw new Error(`expected an in-place update of ${resource.id}`);
  const { outs } = await resource.provider.update(resource.id, resource.outs, inputs);
  Object.assign(resource, { inputs, outs });
}

/** The handler arguments of one bot: the first `types` handler types (and `menus` menu handlers). */
function handlerArgs(
  bot: Managed,
  webhook: boolean,
  types: number,
  menus: number,
): Record<string, unknown>[] {
  const args: Record<string, unknown>[] = [];
  for (const type of HANDLER_TYPES.slice(0, types)) {
    const count = type === "menu_handler" ? menus : 1;
    for (let i = 0; i < count; i++) {
      const extra = webhook ? { icon: "wand/FF5733" } : { subActions: [{ name: "Docs" }] };
      const menu = type === "menu_handler" ? { name: `Menu ${i + 1}`, ...extra } : {};
      args.push({
        botId: bot.id,
        type,
        ...(webhook
          ? { permissions: [PERMISSIONS_BY_HANDLER[type][0]] }
          : { script: `return {"text": "${type}"};` }),
        ...menu,
      });
    }
  }
  return args;
}

/** A change to `handler` that Cliq must apply (a one-permission row has nothing else to switch to). */
function changeOf(handler: Managed): Record<string, unknown> | undefined {
  const row = PERMISSIONS_BY_HANDLER[handler.inputs.type as keyof typeof PERMISSIONS_BY_HANDLER];
  if (handler.inputs.script !== undefined) return { script: `${String(handler.inputs.script)} // v2` };
  if (handler.inputs.type === "menu_handler") return { name: `${String(handler.inputs.name)}!` };
  return row.length > 1 ? { permissions: [...row] } : undefined;
}

/** The bot arguments of a plan: the webhook bot first, if any, then the Deluge bots. */
function botArgsOf(plan: StackPlan): Record<string, unknown>[] {
  const bots: Record<string, unknown>[] = plan.webhook
    ? [
        {
          name: `${plan.prefix} Webhook`,
          description: "bench",
          executionType: "webhook",
          executionUrl: "https://hooks.example.com/bench",
        },
      ]
    : [];
  for (let i = 0; i < plan.delugeBots; i++)
    bots.push({ name: `${plan.prefix} Deluge ${i + 1}`, description: "bench" });
  return bots;
}

/** Applies `plan` through `client` and returns its phases; every phase waits for the one before. */
export async function applyStack(client: CliqClient, plan: StackPlan): Promise<PhaseResult[]> {
  const providers: Providers = createProviders({ api: () => client, logger: { warn: () => undefined } });
  const phases: PhaseResult[] = [];
  const phase = async <T>(name: string, writes: PhaseResult["writes"], run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    phases.push({ name, writes, wallMs: performance.now() - started });
    return result;
  };
  const botArgs = botArgsOf(plan);
  const bots = await phase("create bots", { create_a_new_bot: botArgs.length }, () =>
    Promise.all(botArgs.map((args) => create(providers.bot, args))),
  );
  const handlers = bots.flatMap((bot, i) =>
    plan.webhook && i === 0
      ? handlerArgs(bot, true, HANDLER_TYPES.length, 5)
      : handlerArgs(bot, false, plan.handlerTypes, 1),
  );
  const memberships = bots.flatMap((bot, i) =>
    Array.from({ length: plan.webhook && i === 0 ? 5 : plan.channels }, (_, c) => ({
      botUniqueName: bot.outs.uniqueName,
      channelUniqueName: `bench-${c + 1}`,
    })),
  );
  const created = await phase(
    "create handlers + memberships",
    { create_a_handler_for_a_bot: handlers.length, associate_bot_to_channel: memberships.length },
    () =>
      Promise.all([
        Promise.all(handlers.map((args) => create(providers.botHandler, args))),
        Promise.all(memberships.map((args) => create(providers.channelAssociation, args))),
      ]),
  );
  if (plan.updateShare > 0) {
    const toUpdate = created[0].filter((handler) => changeOf(handler) !== undefined);
    toUpdate.splice(Math.floor(created[0].length * plan.updateShare));
    await phase("update", { update_a_handler_for_a_bot: toUpdate.length, update_an_existing_bot: 1 }, () =>
      Promise.all([
        update(bots[0], { description: "bench, updated" }),
        ...toUpdate.map((handler) => update(handler, changeOf(handler)!)),
      ]),
    );
  }
  if (plan.destroy) {
    await phase("destroy (bots; the rest goes with them)", { delete_a_specific_bot: bots.length }, () =>
      Promise.all(bots.map((bot) => bot.provider.delete(bot.id, bot.outs))),
    );
  }
  return phases;
}

/** The standard stack: 1 webhook bot + 1 Deluge bot, every handler type on both, 5 menus, 5 memberships. */
export function standardStack(prefix: string): StackPlan {
  return {
    prefix,
    delugeBots: 1,
    handlerTypes: HANDLER_TYPES.length,
    channels: 0,
    webhook: true,
    updateShare: 0.5,
    destroy: true,
  };
}

/** Ten Deluge bots and nothing else: what a second `up` right after a first one creates. */
export function tenBotsStack(prefix: string): StackPlan {
  return {
    prefix,
    delugeBots: 10,
    handlerTypes: 0,
    channels: 0,
    webhook: false,
    updateShare: 0,
    destroy: false,
  };
}

/** 20 Deluge bots, each with every handler type and one membership: 200 resources. */
export const FLEET_STACK: StackPlan = {
  prefix: "Fleet",
  delugeBots: 20,
  handlerTypes: 8,
  channels: 1,
  webhook: false,
  updateShare: 0.1,
  destroy: true,
};
