import { minimumSecondsFor } from "./floor";
import type { OperationId } from "../cliq-api/operations";
import type { PhaseResult } from "./workload";

/** `min / median / max` of a few runs' figures. */
export function spread(values: readonly number[], digits = 2): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median =
    sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]!
      : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return [sorted[0]!, median, sorted.at(-1)!].map((value) => value.toFixed(digits)).join(" / ");
}

/**
 * The least API time a phase can take: an operation with n writes and a threshold of r per window w needs
 * ceil(n / r) - 1 full windows; the phase lasts as long as its slowest operation.
 */
export function phaseFloorSeconds(writes: Partial<Record<OperationId, number>>): number {
  let floor = 0;
  for (const [operationId, count] of Object.entries(writes) as [OperationId, number][]) {
    floor = Math.max(floor, minimumSecondsFor(operationId, count));
  }
  return floor;
}

/**
 * The floor of several stacks' phases run as one window sequence: phase i of every stack together (their writes
 * added up), phase after phase. One stack's phases give its own floor.
 */
export function combinedFloorSeconds(stacks: readonly PhaseResult[][]): number {
  const phases = Math.max(...stacks.map((phases) => phases.length));
  let floor = 0;
  for (let i = 0; i < phases; i++) {
    const writes: Partial<Record<OperationId, number>> = {};
    for (const stack of stacks) {
      for (const [operationId, count] of Object.entries(stack[i]?.writes ?? {}) as [OperationId, number][]) {
        writes[operationId] = (writes[operationId] ?? 0) + count;
      }
    }
    floor += phaseFloorSeconds(writes);
  }
  return floor;
}

/** Writes of all phases of all stacks: the API's true minimum of calls. */
export function minimumCalls(stacks: readonly PhaseResult[][]): number {
  return stacks
    .flat()
    .reduce((sum, phase) => sum + Object.values(phase.writes).reduce((a, b) => a + b, 0), 0);
}

/** What every scenario reports, per run. */
export interface RunFigures {
  callsRatio: number;
  throttled: number;
  wallRatio: number;
  wallSeconds: number;
  floorSeconds: number;
}

/** One mode's line of a scenario: each figure as min / median / max over the runs, and what `extra` adds. */
export function reportLine<F extends RunFigures>(
  mode: string,
  runs: readonly F[],
  extra: (pick: (key: keyof F, digits?: number) => string) => string = () => "",
): string {
  const pick = (key: keyof F, digits = 2) =>
    spread(
      runs.map((run) => Number(run[key])),
      digits,
    );
  return (
    `  ${mode.padEnd(11)} calls/min ${pick("callsRatio")}   throttled ${pick("throttled", 0)}   ` +
    `wall/floor ${pick("wallRatio")}   (wall s ${pick("wallSeconds")}, floor ${runs[0]!.floorSeconds.toFixed(2)} s` +
    `${extra(pick)})`
  );
}
