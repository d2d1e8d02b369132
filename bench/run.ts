/**
 * Benchmark of a realistic apply through the dynamic providers, against the emulator with rate limits on
 * and time scaled down. Run with `npm run bench` (compiled) or `npx ts-node bench/run.ts`.
 *
 * Plan: 1 webhook bot + 1 Deluge bot; every handler type on both bots (the webhook bot gets 5 menu
 * handlers); 5 channel associations; then update half of the updatable resources; then delete everything,
 * dependents first, with the parallelism Pulumi uses (everything ready at once goes at once).
 *
 * Reports API calls made vs the minimum (one per create/update/delete), throttled answers (must be 0), wall
 * time vs the floor the rate limits allow, and the serialized provider size per resource kind.
 */
import { minimumSecondsFor } from "./floor";
import * as pulumi from "@pulumi/pulumi";
import { EmulatorControl, startEmulator, type LoggedRequest } from "../emulator";
import { HANDLER_TYPES, PERMISSIONS_BY_HANDLER, type OperationId } from "../cliq-api/operations";
import { getSharedClient } from "../provider/client";
import { createProviders } from "../provider/resources/providers";
import type { CliqResourceProvider, ProviderDeps } from "../provider/resources/shared/provider-deps";
import { providerShim, type ProviderKind } from "../sdk/shim";

const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.01);
const TOKEN = "bench-token";

interface Managed {
  provider: CliqResourceProvider;
  id: string;
  inputs: Record<string, unknown>;
  outs: Record<string, unknown>;
}

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

async function remove(resource: Managed): Promise<void> {
  await resource.provider.delete(resource.id, resource.outs);
}

/**
 * The least time the limits allow for a phase: an operation with n calls and a threshold of r per window w
 * needs ceil(n / r) - 1 full windows; the phase lasts as long as its slowest operation.
 */
function phaseFloorSeconds(calls: Partial<Record<OperationId, number>>): number {
  let floor = 0;
  for (const [operationId, count] of Object.entries(calls) as [OperationId, number][]) {
    floor = Math.max(floor, minimumSecondsFor(operationId, count));
  }
  return floor;
}

function countByOperation(requests: LoggedRequest[]): Partial<Record<OperationId, number>> {
  const counts: Partial<Record<OperationId, number>> = {};
  for (const request of requests) {
    const id = request.operationId as OperationId;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

async function serializedBytes(kind: ProviderKind): Promise<number> {
  const provider = providerShim(kind);
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false });
  return Buffer.byteLength(text, "utf8");
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ tokens: [TOKEN], timeScale: TIME_SCALE, rateLimits: true });
  const warnings: string[] = [];
  const api = getSharedClient({ apiUrl: emulator.apiUrl, accessToken: TOKEN, timeScale: TIME_SCALE });
  const deps: ProviderDeps = { api: () => api, logger: { warn: (message) => warnings.push(message) } };
  const providers = createProviders(deps);
  const control = new EmulatorControl(emulator.url);
  const requestLog = (): Promise<LoggedRequest[]> => control.requests();

  const phases: { name: string; minimum: number; floorSeconds: number; wallMs: number }[] = [];
  /** Runs one phase; `writes` are the calls it cannot do without (one per create/update/delete made in Cliq). */
  async function phase(name: string, writes: Partial<Record<OperationId, number>>, run: () => Promise<void>) {
    const started = performance.now();
    await run();
    phases.push({
      name,
      minimum: Object.values(writes).reduce((sum, count) => sum + count, 0),
      floorSeconds: phaseFloorSeconds(writes),
      wallMs: performance.now() - started,
    });
  }

  const startedAll = performance.now();
  let bots: Managed[] = [];
  let handlers: Managed[] = [];
  let associations: Managed[] = [];

  await phase("create bots", { create_a_new_bot: 2 }, async () => {
    bots = await Promise.all([
      create(providers.bot, {
        name: "Bench Webhook",
        description: "bench",
        executionType: "webhook",
        executionUrl: "https://hooks.example.com/bench",
      }),
      create(providers.bot, { name: "Bench Deluge", description: "bench" }),
    ]);
  });
  const [webhookBot, delugeBot] = bots;

  const handlerArgs: Record<string, unknown>[] = [];
  for (const type of HANDLER_TYPES) {
    const menus = type === "menu_handler" ? 5 : 1;
    for (let i = 0; i < menus; i++) {
      handlerArgs.push({
        botId: webhookBot.id,
        type,
        permissions: [PERMISSIONS_BY_HANDLER[type][0]],
        ...(type === "menu_handler" ? { name: `Menu ${i + 1}`, icon: "wand/FF5733" } : {}),
      });
    }
    handlerArgs.push({
      botId: delugeBot.id,
      type,
      script: `return {"text": "${type}"};`,
      ...(type === "menu_handler" ? { name: "Menu", subActions: [{ name: "Docs" }] } : {}),
    });
  }
  const channels = ["ops", "dev", "alerts", "releases", "oncall"];

  await phase(
    "create handlers + associations",
    { create_a_handler_for_a_bot: handlerArgs.length, associate_bot_to_channel: channels.length },
    async () => {
      [handlers, associations] = await Promise.all([
        Promise.all(handlerArgs.map((args) => create(providers.botHandler, args))),
        Promise.all(
          channels.map((channel) =>
            create(providers.channelAssociation, {
              botUniqueName: webhookBot.outs.uniqueName,
              channelUniqueName: channel,
            }),
          ),
        ),
      ]);
    },
  );

  // Half of the handlers, among those with something to change (a one-permission row such as
  // welcome_handler's has no other value to switch to).
  const rowOf = (handler: Managed) =>
    PERMISSIONS_BY_HANDLER[handler.inputs.type as keyof typeof PERMISSIONS_BY_HANDLER];
  const changeable = handlers.filter(
    (h) => h.inputs.script !== undefined || h.inputs.type === "menu_handler" || rowOf(h).length > 1,
  );
  const toUpdate = changeable.slice(0, Math.floor(handlers.length / 2));
  await phase(
    "update half",
    { update_a_handler_for_a_bot: toUpdate.length, update_an_existing_bot: 1 },
    async () => {
      await Promise.all([
        update(webhookBot, { description: "bench, updated", statusMessages: ["Benchmarking"] }),
        ...toUpdate.map((handler) =>
          update(
            handler,
            handler.inputs.script !== undefined
              ? { script: `${String(handler.inputs.script)} // v2` }
              : handler.inputs.type === "menu_handler"
                ? { name: `${String(handler.inputs.name)}!` }
                : { permissions: [...rowOf(handler)] },
          ),
        ),
      ]);
    },
  );

  await phase(
    "delete handlers + associations",
    { delete_a_handler_from_a_bot: handlers.length },
    async () => {
      await Promise.all([...handlers.map(remove), ...associations.map(remove)]);
    },
  );
  await phase("delete bots", { delete_a_specific_bot: bots.length }, async () => {
    await Promise.all(bots.map(remove));
  });
  const wallMs = performance.now() - startedAll;

  const requests = await requestLog();
  const minimum = phases.reduce((sum, p) => sum + p.minimum, 0);
  const floorSeconds = phases.reduce((sum, p) => sum + p.floorSeconds, 0);
  const throttled = requests.filter((r) => r.throttled).length;

  console.log(`time scale ${TIME_SCALE} (a 60 s rate window lasts ${60 * TIME_SCALE} s), rate limits on`);
  console.log(
    `resources: 2 bots, ${handlers.length} handlers (every type on both bots, 5 menus on the webhook bot), ` +
      `${associations.length} channel associations; updated ${toUpdate.length + 1}`,
  );
  console.log(`API calls made: ${requests.length} (minimum ${minimum}: one per create/update/delete)`);
  console.log(`  by operation: ${JSON.stringify(countByOperation(requests))}`);
  console.log(`throttled answers: ${throttled}`);
  console.log(
    `wall time: ${(wallMs / 1000).toFixed(2)} s = ${(wallMs / 1000 / TIME_SCALE).toFixed(0)} s in API time; ` +
      `floor allowed by the limits: ${floorSeconds} s in API time (${(floorSeconds * TIME_SCALE).toFixed(2)} s here)`,
  );
  for (const p of phases) {
    console.log(
      `  ${p.name}: ${(p.wallMs / 1000 / TIME_SCALE).toFixed(0)} s API time (floor ${p.floorSeconds} s), ${p.minimum} writes`,
    );
  }
  // From an installed package the provider is a module reference instead (measured by tests/engine).
  for (const kind of ["bot", "botHandler", "channelAssociation"] as const) {
    console.log(`serialized provider shim (${kind}, source checkout): ${await serializedBytes(kind)} bytes`);
  }
  console.log(`warnings: ${warnings.length} (channel associations cannot be removed by the API)`);
  await emulator.close();
  if (throttled > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
