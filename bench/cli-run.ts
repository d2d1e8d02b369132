/**
 * The benchmark's multi-run scenarios as real `pulumi up`s: the pinned Pulumi CLI (`npm run pulumi:install`)
 * applying bench/cli-programs/stack.ts, installed from this package's `npm pack` tarball, against the emulator
 * with rate limits on at the bench's time scale. Run with `npm run bench:cli` (it builds first; the tarball is
 * packed from dist/). It prints figures and asserts nothing (exit 1 only when the shared mode was throttled).
 *
 * Scenarios: two back-to-back `up`s creating 10 bots each (the second starts when the first exits); two stacks
 * of one Cliq user applied at once (up, update, destroy side by side); one stack of 200 resources (up, update,
 * destroy). Modes: `shared` (the provider as shipped: rate-limit windows shared through the per-user file) and
 * `per-process` (`cliq:sharedRateLimits false`: each process counts alone, the client before shared windows),
 * interleaved, BENCH_RUNS times (default 3). A naive retry-on-429 baseline cannot run through the real provider,
 * which always paces; `npm run bench` measures it on the same scenarios in one process.
 *
 * The provider learns the time scale from a preload (NODE_OPTIONS) that sets `timeScale` in the settings of
 * every client it builds: the shipped provider has no setting for it, since only a time-scaled emulator needs it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { SECRETS, startCliFixture, type CliFixture } from "../tests/cli/support/fixture";
import { makeProject, repoRoot, type CliProject } from "../tests/cli/support/project";
import { planPhases, programPlan } from "./cli-plan";
import { combinedFloorSeconds, minimumCalls, reportLine, type RunFigures } from "./stats";
import { FLEET_STACK, standardStack, tenBotsStack, type StackPlan } from "./workload";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/**
 * The bench's time scale (a 60 s window lasts 0.6 s). A `pulumi` command's own start-up takes seconds, many
 * windows at this scale: BENCH_TIME_SCALE=0.1 makes a window outlast it, so that back-to-back runs meet.
 */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 0.01);
/** Comma-separated scenario names to run (default: all), e.g. `BENCH_CLI_SCENARIOS=back-to-back`. */
const ONLY = process.env.BENCH_CLI_SCENARIOS?.split(",").filter(Boolean);
const PROJECT = "cliq-bench";
type CliMode = "shared" | "per-process";
const CLI_MODES: readonly CliMode[] = ["per-process", "shared"];

interface Scenario {
  id: string;
  name: string;
  stacks: StackPlan[];
  /** `together`: every command of the stacks side by side; `in turn`: each stack's commands after the other's. */
  order: "together" | "in turn";
}

const SCENARIOS: Scenario[] = [
  {
    id: "back-to-back",
    name: "back-to-back ups (10 bots each)",
    stacks: [tenBotsStack("First"), tenBotsStack("Second")],
    order: "in turn",
  },
  {
    id: "two-stacks",
    name: "two stacks at once, one user (up, update, destroy)",
    stacks: [standardStack("Dev"), standardStack("Prod")],
    order: "together",
  },
  {
    id: "fleet",
    name: "200 resources, one stack (up, update, destroy)",
    stacks: [FLEET_STACK],
    order: "in turn",
  },
];

/**
 * Preloaded into the provider's process: wraps `resolveSettings` of the installed package (every settings source,
 * the stack's included, resolves through it) so that every client counts time at the emulator's scale. Plain
 * JavaScript, since it runs before anything else is loaded.
 */
const TIME_SCALE_HOOK = `"use strict";
const Module = require("module");
const scale = Number(process.env.BENCH_PROVIDER_TIME_SCALE);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const exported = load.call(this, request, parent, isMain);
  const own = exported && Object.getOwnPropertyDescriptor(exported, "resolveSettings");
  if (own && own.writable && typeof own.value === "function" && !own.value.benchScaled) {
    const original = own.value;
    const scaled = (source, tuning) => original(source, { ...tuning, timeScale: tuning?.timeScale ?? scale });
    scaled.benchScaled = true;
    exported.resolveSettings = scaled;
  }
  return exported;
};
`;

interface Figures extends RunFigures {
  /** One `pulumi preview` of the scenario's first stack: what a command costs before any API call. */
  idleSeconds: number;
}

/** One stack of a measurement: its name and its plan file (the program reads it; the update rewrites it). */
interface BenchStack {
  name: string;
  plan: StackPlan;
  planFile: string;
}

/** The environment of every command of a measurement: credentials, a fresh cache folder, the time-scale hook. */
function commandEnv(fx: CliFixture, dir: string, hook: string): Record<string, string> {
  return {
    CLIQ_API_URL: fx.emulator.apiUrl,
    CLIQ_ACCOUNTS_URL: fx.emulator.url,
    CLIQ_CLIENT_ID: SECRETS.clientId,
    CLIQ_CLIENT_SECRET: SECRETS.clientSecret,
    CLIQ_REFRESH_TOKEN: SECRETS.refreshToken,
    // Token cache and window file: fresh per measurement, as the emulator is reset (tokens and windows gone).
    CLIQ_TOKEN_CACHE_DIR: path.join(dir, "cache"),
    NODE_OPTIONS: `--require ${hook}`,
    BENCH_PROVIDER_TIME_SCALE: String(TIME_SCALE),
  };
}

async function initStacks(
  fx: CliFixture,
  project: CliProject,
  scenario: Scenario,
  mode: CliMode,
  dir: string,
  env: Record<string, string>,
): Promise<BenchStack[]> {
  const stacks: BenchStack[] = [];
  for (const plan of scenario.stacks) {
    const name = `${plan.prefix.toLowerCase()}-${path.basename(dir)}`;
    const planFile = path.join(dir, `${name}.json`);
    fs.writeFileSync(planFile, JSON.stringify(programPlan(plan, "initial")));
    await fx.workspace.ok(project.dir, ["stack", "init", name], { env });
    const plain = [`${PROJECT}:planFile=${planFile}`, `cliq:sharedRateLimits=${mode === "shared"}`];
    await fx.workspace.ok(project.dir, [
      "config",
      "set-all",
      "--stack",
      name,
      ...plain.flatMap((value) => ["--plaintext", value]),
    ]);
    stacks.push({ name, plan, planFile });
  }
  return stacks;
}

/** The commands of one stack, in order: up, the update's up (after rewriting the plan), destroy. */
function commandsOf(
  fx: CliFixture,
  project: CliProject,
  stack: BenchStack,
  env: Record<string, string>,
): (() => Promise<unknown>)[] {
  const run = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", stack.name], { env });
  const commands = [() => run(["up", "--yes", "--skip-preview"])];
  if (stack.plan.updateShare > 0) {
    commands.push(() => {
      fs.writeFileSync(stack.planFile, JSON.stringify(programPlan(stack.plan, "updated")));
      return run(["up", "--yes", "--skip-preview"]);
    });
  }
  if (stack.plan.destroy) commands.push(() => run(["destroy", "--yes", "--skip-preview"]));
  return commands;
}

/** Runs the stacks' commands in the scenario's order. */
async function apply(scenario: Scenario, commands: (() => Promise<unknown>)[][]): Promise<void> {
  if (scenario.order === "in turn") {
    for (const stack of commands) for (const command of stack) await command();
    return;
  }
  const rounds = Math.max(...commands.map((stack) => stack.length));
  for (let round = 0; round < rounds; round++) {
    await Promise.all(commands.map((stack) => stack[round]?.()));
  }
}

async function measure(
  fx: CliFixture,
  project: CliProject,
  scenario: Scenario,
  mode: CliMode,
  hook: string,
): Promise<Figures> {
  await fx.control.reset();
  const dir = fs.mkdtempSync(path.join(fx.dir, "m"));
  const env = commandEnv(fx, dir, hook);
  const stacks = await initStacks(fx, project, scenario, mode, dir, env);
  await fx.control.clearRequests();
  const started = performance.now();
  await apply(
    scenario,
    stacks.map((stack) => commandsOf(fx, project, stack, env)),
  );
  const wallMs = performance.now() - started;
  const requests = (await fx.control.requests()).filter((request) => request.operationId !== "oauth_token");
  const idleStarted = performance.now();
  await fx.workspace.ok(project.dir, ["preview", "--stack", stacks[0]!.name], { env });
  const idleSeconds = (performance.now() - idleStarted) / 1000;
  const phases = scenario.stacks.map(planPhases);
  const floorSeconds = combinedFloorSeconds(phases) * TIME_SCALE;
  return {
    callsRatio: requests.length / minimumCalls(phases),
    throttled: requests.filter((request) => request.throttled).length,
    wallRatio: wallMs / 1000 / floorSeconds,
    wallSeconds: wallMs / 1000,
    floorSeconds,
    idleSeconds,
  };
}

/** The CLI suites' fixture (tests/cli/support/fixture.ts) at the bench's time scale. */
function startBenchFixture(): Promise<CliFixture> {
  // Rate limits are on in every emulator the suites start; the bench only scales time its own way.
  return startCliFixture("bench", { timeScale: TIME_SCALE, passphrase: "cliq-bench-passphrase" });
}

function report(mode: CliMode, runs: Figures[]): void {
  console.log(reportLine(mode, runs, (pick) => `; one idle preview s ${pick("idleSeconds")}`));
}

async function main(): Promise<void> {
  const scenarios = SCENARIOS.filter((scenario) => !ONLY || ONLY.includes(scenario.id));
  const fx = await startBenchFixture();
  const hook = path.join(fx.dir, "time-scale-hook.js");
  fs.writeFileSync(hook, TIME_SCALE_HOOK);
  const project = makeProject(fx.install, {
    dir: path.join(fx.dir, "project"),
    name: PROJECT,
    source: path.join(repoRoot, "bench", "cli-programs", "stack.ts"),
  });
  const figures = new Map<string, Figures[]>();
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const scenario of scenarios) {
        for (const mode of CLI_MODES) {
          const key = `${scenario.id}\u0000${mode}`;
          figures.set(key, [...(figures.get(key) ?? []), await measure(fx, project, scenario, mode, hook)]);
          console.error(`run ${run + 1}/${RUNS}: ${scenario.id} ${mode} done`);
        }
      }
    }
  } finally {
    await fx.close();
  }
  printFigures(scenarios, figures);
}

function printFigures(scenarios: Scenario[], figures: Map<string, Figures[]>): void {
  console.log(
    `real pulumi CLI, time scale ${TIME_SCALE} (a 60 s rate window lasts ${60 * TIME_SCALE} s), rate limits on; ` +
      `${RUNS} runs, figures as min / median / max; calls/min: API calls over the true minimum (a bot delete ` +
      "counts for its handlers and memberships); wall/floor includes each command's own start-up (see idle preview)",
  );
  let sharedThrottled = 0;
  for (const scenario of scenarios) {
    console.log(scenario.name);
    for (const mode of CLI_MODES) {
      const runs = figures.get(`${scenario.id}\u0000${mode}`)!;
      if (mode === "shared") sharedThrottled += runs.reduce((sum, run) => sum + run.throttled, 0);
      report(mode, runs);
    }
  }
  console.log("targets (shared): calls/min 1.00, throttled 0; naive retry-on-429: see `npm run bench`");
  if (sharedThrottled > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
