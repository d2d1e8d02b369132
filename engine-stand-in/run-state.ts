/** The bookkeeping of one `MiniEngine.run()`: what the engine tracks while the program registers resources. */

import type { ChildProcess } from "child_process";
import type { CheckRejection, Registration, ResourceState, StackState, Step } from "./state-types";
import type { EngineReply } from "./runner-child";
import type { WireObject } from "./wire";

export interface RunContext {
  prior: Map<string, ResourceState>;
  preview: boolean;
  steps: Step[];
  /** Replaced objects whose old version goes after the new one exists (create-before-delete). */
  deferredDeletes: ResourceState[];
  /** Dependents deleted ahead of a delete-before-replace; the program's registration creates them again. */
  replacedEarly: Set<string>;
  registrations: Registration[];
}

/** What a run collects from the program as it goes. */
export interface RunProgress {
  registered: Map<string, ResourceState>;
  /** URNs in the order their registrations completed. */
  order: string[];
  checkFailures: CheckRejection[];
  operationErrors: string[];
  outputs: WireObject;
  programError?: string;
}

export function newRunContext(prior: StackState, preview: boolean): RunContext {
  return {
    prior: new Map(prior.resources.map((r) => [r.urn, r])),
    preview,
    steps: [],
    deferredDeletes: [],
    replacedEarly: new Set(),
    registrations: [],
  };
}

export function newRunProgress(): RunProgress {
  return { registered: new Map(), order: [], checkFailures: [], operationErrors: [], outputs: {} };
}

/** Resolves when the child exits; until then, the child is killed if this process exits first. */
export function untilExit(child: ChildProcess): Promise<void> {
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  return new Promise<void>((resolve) =>
    child.once("exit", () => {
      process.off("exit", killOnExit);
      resolve();
    }),
  );
}

/** Collects what the child prints (stdout + stderr, interleaved as it arrives). */
export function captureOutput(child: ChildProcess): string[] {
  const printed: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => printed.push(chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => printed.push(chunk));
  return printed;
}

export function registeredReply(seq: number, resource: ResourceState | undefined): EngineReply {
  return resource
    ? { kind: "registered", seq, id: resource.id || undefined, state: resource.outputs }
    : { kind: "registered", seq, state: {} };
}

/** The run's error: the program's own first, then a provider operation's, then failed Checks. */
export function failureOf(progress: RunProgress): string | undefined {
  return (
    progress.programError ??
    progress.operationErrors[0] ??
    (progress.checkFailures.length ? "check failed" : undefined)
  );
}

/** A failed run keeps what it did not get to, as the engine's checkpoint would. */
export function keptAfterFailure(
  prior: StackState,
  context: RunContext,
  registered: Map<string, ResourceState>,
): ResourceState[] {
  return prior.resources.filter((old) => !registered.has(old.urn) && !context.replacedEarly.has(old.urn));
}
