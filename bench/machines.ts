/**
 * Several "machines" of one Cliq user applying stacks at the same time, as CI runners do: each machine is a stack
 * child process (stack-child.ts) with its own window-file folder and its own token cache folder, so the only
 * thing they can share is what the setup shares across machines (a Redis store) and the Cliq account itself.
 * The bench's "two machines, one user" scenario and the Redis tests (tests/redis) both run this.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TOKEN_CACHE_DIR_ENV } from "../provider/client/token-cache";
import { startStackChild, type StackChildResult } from "./stack-child";
import type { ClientSetup, StackPlan } from "./workload";

/** Each machine's report, and the wall time from the common start to the last machine done. */
export interface MachinesOutcome {
  results: StackChildResult[];
  wallMs: number;
}

/**
 * Applies `plans[i]` on machine i, all started together once every machine is ready. Machine i keeps its files
 * under `<root>/machine-<i>`. `during` runs once they have started (to kill a store mid-run); `startOf(i)`, if
 * given, holds machine i back until it resolves. The outcome waits for both.
 */
export async function applyOnMachines(
  setup: ClientSetup,
  plans: readonly StackPlan[],
  root: string,
  during: () => Promise<void> = async () => undefined,
  startOf: (machine: number) => Promise<void> = async () => undefined,
): Promise<MachinesOutcome> {
  const children = plans.map((plan, i) => {
    const home = path.join(root, `machine-${i}`);
    fs.mkdirSync(path.join(home, "token-cache"), { recursive: true });
    return startStackChild({ ...setup, windowDir: path.join(home, "windows") }, plan, {
      [TOKEN_CACHE_DIR_ENV]: path.join(home, "token-cache"),
    });
  });
  await Promise.all(children.map((child) => child.ready));
  const started = performance.now();
  const starts = children.map((child, i) => startOf(i).then(() => child.go()));
  const [results] = await Promise.all([
    Promise.all(children.map((child) => child.result)),
    during(),
    Promise.all(starts),
  ]);
  return { results, wallMs: performance.now() - started };
}
