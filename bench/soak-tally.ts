/**
 * Counting and reporting of soak results: pure, so that the verdict (and the exit code that gates on it)
 * can be tested without a run.
 */
import type { Finding } from "./soak-audit";
import type { SoakFaultKind } from "./soak-faults";
import type { SecretLeak } from "./soak-secrets";

export const CATEGORIES = ["duplicates", "orphans", "drift", "failures", "secrets"] as const;
export type Category = (typeof CATEGORIES)[number];
export type SoakCounts = Record<Category, number>;

/** The counting category of each kind of audit finding. */
export const FINDING_CATEGORY: Record<Finding["category"], Category> = {
  duplicate: "duplicates",
  orphan: "orphans",
  drift: "drift",
};

export function emptyCounts(): SoakCounts {
  return { duplicates: 0, orphans: 0, drift: 0, failures: 0, secrets: 0 };
}

/** The counts of one cycle: its distinct findings, the failures its caller saw, and the leaks found. */
export function countCycle(
  findings: readonly Finding[],
  failures: number,
  leaks: readonly SecretLeak[],
): SoakCounts {
  const counts = { ...emptyCounts(), failures, secrets: leaks.length };
  for (const finding of findings) counts[FINDING_CATEGORY[finding.category]] += 1;
  return counts;
}

export function addCounts(a: SoakCounts, b: SoakCounts): SoakCounts {
  const sum = emptyCounts();
  for (const category of CATEGORIES) sum[category] = a[category] + b[category];
  return sum;
}

export function isClean(counts: SoakCounts): boolean {
  return CATEGORIES.every((category) => counts[category] === 0);
}

/** The lowest fault rate whose run was not clean, or undefined when every run was. */
export function failuresBeginAt(runs: readonly { rate: number; counts: SoakCounts }[]): number | undefined {
  const unclean = runs.filter((run) => !isClean(run.counts)).map((run) => run.rate);
  return unclean.length === 0 ? undefined : Math.min(...unclean);
}

export function formatCounts(counts: SoakCounts): string {
  return CATEGORIES.map((category) => `${category} ${counts[category]}`).join(", ");
}

export interface RunSummary {
  rate: number;
  seed: number;
  cycles: number;
  counts: SoakCounts;
  wallMs: number;
  /** Requests through the client's transport (API + OAuth), and how many of them were faulted, by kind. */
  requests: number;
  faults: Partial<Record<SoakFaultKind, number>>;
  /** Requests the emulator logged, and how many it answered as throttled by its own limiter or a fault. */
  emulatorRequests: number;
  /** First lines of what went wrong, for the report (at most a few per category). */
  examples: string[];
}

export function formatRun(run: RunSummary): string[] {
  const faulted = Object.values(run.faults).reduce((sum, n) => sum + (n ?? 0), 0);
  return [
    `fault rate ${run.rate}, seed ${run.seed}, ${run.cycles} cycles, wall time ${(run.wallMs / 1000).toFixed(1)} s`,
    `  requests: ${run.requests} sent by the client (${faulted} faulted: ${JSON.stringify(run.faults)}), ` +
      `${run.emulatorRequests} logged by the emulator`,
    `  ${formatCounts(run.counts)}${isClean(run.counts) ? "  (clean)" : ""}`,
    ...run.examples.map((line) => `    ${line}`),
  ];
}

/** The sweep's closing table: one line per rate, then where failures begin. */
export function formatSweep(runs: readonly RunSummary[]): string[] {
  const begins = failuresBeginAt(runs);
  const highest = Math.max(...runs.map((run) => run.rate));
  return [
    "sweep summary:",
    ...runs.map(
      (run) =>
        `  rate ${run.rate.toFixed(2)}: ${formatCounts(run.counts)} ` +
        `(${run.cycles} cycles, ${run.requests} requests, ${(run.wallMs / 1000).toFixed(1)} s)`,
    ),
    begins === undefined
      ? `sweep: no failures up to a fault rate of ${highest}`
      : `sweep: failures begin at a fault rate of ${begins}`,
  ];
}

/** A few examples per category, so that a dirty run says what went wrong without flooding the terminal. */
export function pickExamples(
  lines: readonly { category: Category; line: string }[],
  perCategory = 5,
): string[] {
  const picked: string[] = [];
  for (const category of CATEGORIES) {
    const ofCategory = lines.filter((l) => l.category === category);
    for (const l of ofCategory.slice(0, perCategory)) picked.push(`${category}: ${l.line.split("\n")[0]}`);
    if (ofCategory.length > perCategory)
      picked.push(`${category}: ... and ${ofCategory.length - perCategory} more`);
  }
  return picked;
}
