/**
 * Burst benchmark for the Cliq client's rate limiter: against a time-scaled emulator, fire 3x an operation's
 * threshold at once and report throttled answers and the ratio of wall time to the minimum the limits allow
 * ((ceil(n / threshold) - 1) windows). Target: 0 throttled, ratio <= 1.1.
 *
 * Run: node -r ts-node/register/transpile-only bench/client-burst.ts [timeScale]
 */
import { minimumSecondsFor } from "./floor";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../emulator";
import { OPERATIONS, type OperationId } from "../cliq-api/operations";
import { CliqClient } from "../provider/client";

/**
 * 0.05 makes a 60 s window last 3 s. The client frees a slot one window after the request's answer (the only
 * point at which it knows Cliq has counted it), so each window costs one round trip of real, unscaled
 * latency; at a smaller scale that fixed cost weighs more against the shrunken window than it does against
 * Cliq's real 60 s windows.
 */
const TIME_SCALE = Number(process.argv[2] ?? 0.05);
const TOKEN = "bench-access-token";

interface Row {
  operationId: OperationId;
  calls: number;
  throttled: number;
  wallMs: number;
  minimumMs: number;
  ratio: number;
}

interface Scenario {
  operationId: OperationId;
  run: (client: CliqClient, i: number) => Promise<unknown>;
}

const newClient = (apiUrl: string) => new CliqClient({ apiUrl, accessToken: TOKEN, timeScale: TIME_SCALE });

const createBenchBot = (client: CliqClient) => client.createBot({ name: "Bench Bot", description: "bench" });

/** The bursts to measure, all aimed at one bot created up front. */
async function buildScenarios(setup: CliqClient): Promise<Scenario[]> {
  const bot = await createBenchBot(setup);
  return [
    { operationId: "get_details_of_a_specific_bot", run: (client) => client.getBot(bot.id) },
    {
      operationId: "create_a_new_bot",
      run: (client, i) => client.createBot({ name: `Burst ${i}`, description: "b" }),
    },
    {
      operationId: "associate_bot_to_channel",
      run: (client, i) => client.associateBotToChannel(bot.unique_name, `bench-${i}`),
    },
    {
      operationId: "list_all_subscribers_of_a_bot",
      run: (client) => client.listSubscribers(bot.unique_name),
    },
  ];
}

/** Loading and compiling code paths is not the limiter's cost, so each scenario runs once untimed first. */
async function warmUp(scenarios: Scenario[], setup: CliqClient): Promise<void> {
  for (const [i, scenario] of scenarios.entries()) await scenario.run(setup, 1000 + i);
}

/** A fresh emulator state (with the bench bot, unless the burst creates bots) and an empty request log. */
async function prepareScenario(
  emulator: RunningEmulator,
  control: EmulatorControl,
  scenario: Scenario,
): Promise<void> {
  await control.reset();
  const setup = newClient(emulator.apiUrl);
  if (scenario.operationId !== "create_a_new_bot") {
    await createBenchBot(setup);
  }
  // The reset recreated the bot with the same id and unique name (the emulator's id sequence restarts).
  await control.clearRequests();
}

/** Fires 3x the operation's threshold at once from a fresh client and measures it against the floor. */
async function measureBurst(
  emulator: RunningEmulator,
  control: EmulatorControl,
  scenario: Scenario,
): Promise<Row> {
  await prepareScenario(emulator, control, scenario);
  const client = newClient(emulator.apiUrl);
  const limit = OPERATIONS[scenario.operationId].rateLimit;
  const calls = limit.requests * 3;
  const started = performance.now();
  await Promise.all(Array.from({ length: calls }, (_, i) => scenario.run(client, i)));
  const wallMs = performance.now() - started;
  const mine = (await control.requests()).filter((entry) => entry.operationId === scenario.operationId);
  const minimumMs = minimumSecondsFor(scenario.operationId, calls) * 1000 * TIME_SCALE;
  return {
    operationId: scenario.operationId,
    calls,
    throttled: mine.filter((entry) => entry.throttled).length,
    wallMs,
    minimumMs,
    ratio: wallMs / minimumMs,
  };
}

async function runBenchmark(): Promise<Row[]> {
  const emulator = await startEmulator({ port: 0, tokens: [TOKEN], timeScale: TIME_SCALE });
  const control = new EmulatorControl(emulator.url);
  const rows: Row[] = [];
  try {
    const setup = newClient(emulator.apiUrl);
    const scenarios = await buildScenarios(setup);
    await warmUp(scenarios, setup);
    for (const scenario of scenarios) rows.push(await measureBurst(emulator, control, scenario));
  } finally {
    await emulator.close();
  }
  return rows;
}

function printReport(rows: Row[]): void {
  console.log(
    `client burst benchmark (time scale ${TIME_SCALE}: a 60 s window lasts ${60_000 * TIME_SCALE} ms)`,
  );
  console.log("operation                              calls  throttled   wall ms    min ms   ratio");
  for (const row of rows) {
    console.log(
      `${row.operationId.padEnd(38)} ${String(row.calls).padStart(5)} ${String(row.throttled).padStart(10)} ` +
        `${row.wallMs.toFixed(1).padStart(9)} ${row.minimumMs.toFixed(1).padStart(9)} ${row.ratio.toFixed(3).padStart(7)}`,
    );
  }
  const worst = Math.max(...rows.map((row) => row.ratio));
  const throttled = rows.reduce((sum, row) => sum + row.throttled, 0);
  console.log(`worst ratio ${worst.toFixed(3)} (target <= 1.1); throttled answers ${throttled} (target 0)`);
}

async function main(): Promise<void> {
  printReport(await runBenchmark());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
