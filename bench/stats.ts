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
 * The least time several stacks applied together can take, a bound no schedule beats: each stack's own phases
 * one after another (a phase waits for the one before), and each operation's writes of every stack and phase in
 * one window sequence (Cliq counts them per user). Stacks that run at the same time overlap their phases, so
 * adding up "phase i of every stack" would count windows that a good schedule never waits for. One stack gives
 * its own floor.
 */
export function combinedFloorSeconds(stacks: readonly PhaseResult[][]): number {
  const ownSequence = Math.max(
    0,
    ...stacks.map((phases) => phases.reduce((sum, phase) => sum + phaseFloorSeconds(phase.writes), 0)),
  );
  const perOperation: Partial<Record<OperationId, number>> = {};
  for (const phase of stacks.flat()) {
    for (const [operationId, count] of Object.entries(phase.writes) as [OperationId, number][]) {
      perOperation[operationId] = (perOperation[operationId] ?? 0) + count;
    }
  }
  return Math.max(ownSequence, phaseFloorSeconds(perOperation));
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
