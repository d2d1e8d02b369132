/**
 * One `pulumi up` of a benchmark scenario in its own process: the providers and a client counting as the mode
 * says, a stack plan from the environment. Prints "ready" once loaded, waits for "go" on stdin (so start-up time
 * stays out of the figures and concurrent stacks really start together), applies the plan and prints its phases
 * and the client's warnings as one JSON line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { applyStack, benchClient, type ClientSetup, type PhaseResult, type StackPlan } from "./workload";

const SETUP_ENV = "BENCH_CHILD_SETUP";
const PLAN_ENV = "BENCH_CHILD_PLAN";

/** What a child reports: its phases, its wall time from "go" to done, and its store's warnings. */
export interface StackChildResult {
  phases: PhaseResult[];
  wallMs: number;
  warnings: string[];
}

/** A started child: `go()` starts its work; `result` is what it reports once done. */
export interface StackChild {
  ready: Promise<void>;
  go(): void;
  result: Promise<StackChildResult>;
}

/**
 * Starts a child process that will apply `plan` through a client set up as `setup` once told to go; `env` adds
 * to its environment (another machine's token cache folder).
 */
export function startStackChild(
  setup: ClientSetup,
  plan: StackPlan,
  env: NodeJS.ProcessEnv = {},
): StackChild {
  const script = path.join(__dirname, `stack-child${path.extname(__filename)}`);
  // From TypeScript sources under mocha (which registers ts-node in-process only), the child registers it itself.
  const register =
    script.endsWith(".ts") && !process.execArgv.some((arg) => arg.includes("ts-node"))
      ? ["-r", "ts-node/register/transpile-only"]
      : [];
  const proc: ChildProcess = spawn(process.execPath, [...process.execArgv, ...register, script], {
    env: { ...process.env, ...env, [SETUP_ENV]: JSON.stringify(setup), [PLAN_ENV]: JSON.stringify(plan) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  proc.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith("ready\n")) markReady();
  });
  const result = new Promise<StackChildResult>((resolve, reject) =>
    proc.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench child ${plan.prefix} exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as StackChildResult);
    }),
  );
  return { ready, go: () => proc.stdin!.end("go\n"), result };
}

async function child(): Promise<void> {
  const setup = JSON.parse(process.env[SETUP_ENV]!) as ClientSetup;
  const plan = JSON.parse(process.env[PLAN_ENV]!) as StackPlan;
  const warnings: string[] = [];
  const client = benchClient(setup, (message) => warnings.push(message));
  console.log("ready");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  process.stdin.pause();
  const started = performance.now();
  const phases = await applyStack(client, plan);
  const result: StackChildResult = { phases, wallMs: performance.now() - started, warnings };
  console.log(JSON.stringify(result));
}

if (require.main === module) {
  child().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
