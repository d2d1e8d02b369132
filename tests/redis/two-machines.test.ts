import assert from "node:assert/strict";
import { createClient } from "@redis/client";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { applyOnMachines } from "../../bench/machines";
import { minimumCalls } from "../../bench/stats";
import { standardStack, tenBotsStack, type ClientSetup, type StackPlan } from "../../bench/workload";
import { startRedisServer, type RedisServer } from "../../bench/redis-server";
import { windowStoreKey } from "../../provider/client/window-store";

const TOKEN = "redis-machines-token";
/** A 60 s window lasts 0.6 s; a 5 minute Cliq lock, 3 s. */
const TIME_SCALE = 0.01;

/** Resolves once `predicate` holds for the emulator's request log (checked every 20 ms, for at most `ms`). */
async function logReaches(
  control: EmulatorControl,
  predicate: (requests: Awaited<ReturnType<EmulatorControl["requests"]>>) => boolean,
  ms = 30_000,
): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (!predicate(await control.requests())) {
    if (Date.now() > giveUpAt)
      throw new Error(`the request log did not reach the expected point in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves once the shared windows in Redis hold a Cliq lock of `operationId` (checked every 20 ms, for 30 s). */
async function redisHoldsLock(setup: ClientSetup, operationId: string): Promise<void> {
  const key = `cliq:rate-windows:{${windowStoreKey(setup.apiUrl, ["static", setup.token])}}:${operationId}`;
  const client = createClient({ url: setup.redisUrl });
  await client.connect();
  try {
    for (const giveUpAt = Date.now() + 30_000; ;) {
      const stored = await client.get(key);
      if (stored !== null && (JSON.parse(stored) as { lockedUntil: number }).lockedUntil > Date.now()) return;
      if (Date.now() > giveUpAt) throw new Error(`Redis held no lock of ${operationId} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    client.destroy();
  }
}

describe("two machines of one Cliq user sharing windows in Redis (stack children, real redis-server)", function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let redis: RedisServer;
  let root: string;
  let setup: ClientSetup;

  before(async () => {
    emulator = await startEmulator({ tokens: [TOKEN], timeScale: TIME_SCALE, rateLimits: true });
    control = new EmulatorControl(emulator.url);
  });
  beforeEach(async () => {
    await control.reset();
    redis = await startRedisServer({ password: "machines-redis-pass" });
    root = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-machines-"));
    setup = {
      apiUrl: emulator.apiUrl,
      token: TOKEN,
      timeScale: TIME_SCALE,
      mode: "redis",
      redisUrl: redis.url,
    };
  });
  afterEach(async () => {
    await redis.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });
  after(async () => emulator?.close());

  it("deploys two stacks at once with the API's minimum of calls and no throttled answer", async () => {
    const plans = [standardStack("Dev"), standardStack("Prod")];
    const { results } = await applyOnMachines(setup, plans, root);
    const requests = (await control.requests()).filter((request) => request.operationId !== "oauth_token");
    const stacks = results.map((result) => result.phases);
    assert.deepEqual(
      requests.filter((request) => request.throttled).map((request) => request.path),
      [],
      "no throttled answer",
    );
    assert.equal(requests.length / minimumCalls(stacks), 1, "calls / minimum");
    assert.deepEqual(
      results.map((result) => result.warnings),
      [[], []],
    );
  });

  it("finishes a run whose Redis is killed mid-run: one warning per machine, nothing lost or duplicated", async () => {
    const plans: StackPlan[] = [standardStack("Dev"), standardStack("Prod")].map((plan) => ({
      ...plan,
      destroy: false,
    }));
    const { results } = await applyOnMachines(setup, plans, root, async () => {
      await logReaches(control, (requests) => requests.length >= 20);
      await redis.kill();
    });
    for (const result of results) assert.ok(result.warnings.length <= 1, result.warnings.join("\n"));
    const warnings = results.flatMap((result) => result.warnings);
    assert.ok(warnings.length >= 1, "the machines that met the dead Redis said so");
    for (const warning of warnings) {
      assert.match(warning, /rate-limit store redis:\/\/.*127\.0\.0\.1/);
      assert.ok(!warning.includes("machines-redis-pass"), warning);
    }
    // Every object exactly once: each bot, with every handler the plan gave it.
    const { bots } = await control.state<{ bots: { name: string; handlers?: unknown[] }[] }>();
    const created = results.flatMap((result) => result.phases[0]!.writes.create_a_new_bot ?? 0);
    assert.equal(
      bots.length,
      created.reduce((a, b) => a + b, 0),
      "one bot per planned bot",
    );
    assert.equal(new Set(bots.map((bot) => bot.name)).size, bots.length, "no duplicated bot");
    const handlers = (await control.requests()).filter(
      (request) => request.operationId === "create_a_handler_for_a_bot" && request.status === 200,
    );
    const planned = results.reduce(
      (sum, r) => sum + (r.phases[1]!.writes.create_a_handler_for_a_bot ?? 0),
      0,
    );
    assert.equal(handlers.length, planned, "each handler created once");
  });

  it("holds a machine back from an operation that Cliq locked for the other machine", async () => {
    const locked = { ...tenBotsStack("Locked"), delugeBots: 1 };
    const later = tenBotsStack("Later");
    // Cliq locks the operation just before the first machine starts (2 s at this time scale); the second
    // machine starts only once the first one has met the lock and published it to Redis (the emulator logs
    // the throttled answer before the first machine has read it, so the log alone is too early).
    const lockThenSeeIt = (machine: number) =>
      machine === 0 ? control.lock("create_a_new_bot", 200) : redisHoldsLock(setup, "create_a_new_bot");
    const { results } = await applyOnMachines(setup, [locked, later], root, undefined, lockThenSeeIt);
    const requests = await control.requests();
    assert.equal(requests.filter((request) => request.throttled).length, 1, "only one call met the lock");
    const createdOk = requests.filter((r) => r.operationId === "create_a_new_bot" && r.status === 200);
    assert.equal(createdOk.length, 11, "both machines created their bots once the lock ended");
    assert.deepEqual(
      results.map((result) => result.warnings),
      [[], []],
    );
  });
});
