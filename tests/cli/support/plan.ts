/**
 * What `pulumi preview --json` prints, reduced to what the suites compare: each step's operation and resource.
 */

export interface PlannedStep {
  op: string;
  urn: string;
  type: string;
  name: string;
  /** For update/replace: the properties the provider's diff named. */
  diffs: string[];
}

interface PreviewJson {
  steps?: { op: string; urn: string; diffs?: string[]; detailedDiff?: Record<string, unknown> }[];
  changeSummary?: Record<string, number>;
  diagnostics?: { message?: string; severity?: string; urn?: string }[];
}

/** Parses `pulumi preview --json` output (stdout only). */
export function parsePreview(stdout: string): { steps: PlannedStep[]; summary: Record<string, number> } {
  const json = JSON.parse(stdout) as PreviewJson;
  const steps = (json.steps ?? []).map((step) => {
    const parts = step.urn.split("::");
    return {
      op: step.op,
      urn: step.urn,
      type: parts[2] ?? "",
      name: parts[3] ?? "",
      diffs: step.diffs ?? Object.keys(step.detailedDiff ?? {}),
    };
  });
  return { steps, summary: json.changeSummary ?? {} };
}

/** Steps as "op type name" lines, sorted, for exact comparison with an expected plan. */
export function planLines(steps: PlannedStep[], ignoreOps: string[] = ["same"]): string[] {
  return steps
    .filter((step) => !ignoreOps.includes(step.op))
    .map((step) => `${step.op} ${step.type.replace("pulumi-nodejs:dynamic/", "")} ${step.name}`)
    .sort();
}
