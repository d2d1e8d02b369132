/**
 * The stand-in engine's state and run types, apart from the engine that produces them: run-state.ts and
 * state-changes.ts read them without importing the engine (no import circle).
 */
import type { CheckFailure, DiffOutcome } from "./host";
import type { WireObject } from "./wire";

/** One resource as the engine keeps it in a stack's state (checkpoint). */
export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  /** The checked inputs, `__provider` included: what the next Check and Diff compare against. */
  inputs: WireObject;
  /** The provider's outputs, `__provider` included: what Diff, Update, Read and Delete receive. */
  outputs: WireObject;
  /** URNs this resource depends on (from its registration). */
  dependencies: string[];
  /** Looked up with `opts.id` (Resource.get): read, never created or deleted. */
  external?: boolean;
}

export interface StackState {
  resources: ResourceState[];
  outputs: WireObject;
}

export const emptyState = (): StackState => ({ resources: [], outputs: {} });

/** The stack's configuration with fully qualified keys (`cliq:apiUrl`, `<project>:namePrefix`). */
export interface StackConfig {
  values: Record<string, string>;
  secretKeys: string[];
}

export type StepOp = "create" | "update" | "same" | "replace" | "delete" | "read" | "refresh" | "drop";

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  /** For update/replace: what Diff reported. */
  diff?: DiffOutcome;
  /** For replace: whether the old object went first (delete-before-replace). */
  deleteBeforeReplace?: boolean;
  /** For refresh: the output properties whose values changed. */
  changed?: string[];
}

/** A Check that failed: the engine stops the resource there and reports each failure with its property. */
export interface CheckRejection {
  urn: string;
  failures: CheckFailure[];
}

export interface RunResult {
  preview: boolean;
  steps: Step[];
  state: StackState;
  checkFailures: CheckRejection[];
  /** Every registration the program made, in the order it made them. */
  registrations: Registration[];
  /** Set when the program or a provider operation failed. */
  error?: string;
  /** What the program printed (stdout + stderr). */
  programOutput: string;
}

export interface HostCall {
  method: "check" | "diff" | "create" | "update" | "read" | "delete";
  urn: string;
  /** For check: the inputs as the engine sent them (unknowns as the engine's UNKNOWN marker). */
  news?: WireObject;
}

/** A resource registration as the program made it (what the engine's resource monitor receives). */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  inputs: WireObject;
  dependencies: string[];
}
