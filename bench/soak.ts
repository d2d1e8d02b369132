/**
 * Fault soak: `npm run soak -- --cycles 80 --fault-rate 0.25 --seed N` (or `--sweep`). Cycles of create,
 * refresh, update and destroy through the real providers and client, over real HTTP with OAuth, against an
 * in-process emulator that answers a seeded share of requests with 5xx, dropped connections, answers lost
 * after the server acted, and both throttle styles. The verdict comes from the emulator's state (see
 * soak-audit.ts), not from what the provider says. Not part of `npm test`: it is a gate of its own.
 */
import { randomInt } from "node:crypto";
import { EmulatorControl, startEmulator } from "../emulator";
import { CliqClient } from "../provider/client";
import { createProviders } from "../provider/resources/providers";
import { parseSoakArgs, SOAK_USAGE, type SoakOptions } from "./soak-args";
import { cleanUp, runCycle, type SoakContext } from "./soak-cycle";
import { createFaultPlanner, OAUTH_FAULT_KINDS, streamSeed } from "./soak-faults";
import { createFaultInjector } from "./soak-injector";
import { findSecretLeaks, type Secret } from "./soak-secrets";
import {
  addCounts,
  countCycle,
  emptyCounts,
  FINDING_CATEGORY,
  formatRun,
  formatSweep,
  isClean,
  pickExamples,
  type Category,
  type RunSummary,
} from "./soak-tally";

/** Made-up credentials of the soak's OAuth self-client; each must stay out of every error and output. */
const CLIENT_ID = "1000.SOAKCLIENTID7Q2W9E4R";
const CLIENT_SECRET = "soak-client-secret-5f0c2e9a71b84d36";
const REFRESH_TOKEN = "1000.soakrefresh.8d1e4b7c9a2f6035e1d7c4b8a9f20e6d";
const SECRETS: Secret[] = [
  { label: "client id", value: CLIENT_ID },
  { label: "client secret", value: CLIENT_SECRET },
  { label: "refresh token", value: REFRESH_TOKEN },
];

interface Bench {
  ctx: SoakContext;
  close(): Promise<void>;
}

/** A fresh emulator, OAuth client and providers per run, so runs never share tokens, windows or locks. */
async function startBench(rate: number, seed: number, timeScale: number): Promise<Bench> {
  const emulator = await startEmulator({
    oauthClients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshTokens: [REFRESH_TOKEN] }],
    timeScale,
  });
  const control = new EmulatorControl(emulator.url);
  const injector = createFaultInjector(control, {
    api: createFaultPlanner(streamSeed(seed, "api"), rate),
    oauth: createFaultPlanner(streamSeed(seed, "oauth"), rate, OAUTH_FAULT_KINDS),
  });
  const logLines: string[] = [];
  const logger = { warn: (line: string) => logLines.push(line), info: (line: string) => logLines.push(line) };
  const api = new CliqClient({
    apiUrl: emulator.apiUrl,
    accountsUrl: emulator.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    refreshToken: REFRESH_TOKEN,
    timeScale,
    logger,
    transport: injector.transport,
  });
  const providers = createProviders({ api: () => api, logger });
  return { ctx: { providers, control, injector, logLines }, close: () => emulator.close() };
}

/** One run at one fault rate: counts per category, plus a few example lines of what went wrong. */
async function soakRun(rate: number, cycles: number, seed: number, timeScale: number): Promise<RunSummary> {
  const { ctx, close } = await startBench(rate, seed, timeScale);
  const started = performance.now();
  let counts = emptyCounts();
  const lines: { category: Category; line: string }[] = [];
  let emulatorRequests = 0;
  try {
    for (let cycle = 0; cycle < cycles; cycle++) {
      const result = await runCycle(ctx, cycle);
      const leaks = findSecretLeaks(result.texts, SECRETS);
      counts = addCounts(counts, countCycle(result.findings, result.failures.length, leaks));
      lines.push(
        ...result.findings.map((f) => ({ category: FINDING_CATEGORY[f.category], line: f.detail })),
        ...result.failures.map((f) => ({
          category: "failures" as const,
          line: `cycle ${f.cycle} ${f.step}: ${f.message}`,
        })),
        ...leaks.map((l) => ({ category: "secrets" as const, line: `${l.secret} in ${l.where}` })),
      );
      // Read and cleared per cycle, so that the request log never grows with the run.
      emulatorRequests += (await ctx.control.requests()).length;
      await cleanUp(ctx);
      await ctx.control.clearRequests();
    }
  } finally {
    await close();
  }
  const { requests, faults } = ctx.injector.counts;
  const wallMs = performance.now() - started;
  return {
    rate,
    seed,
    cycles,
    counts,
    wallMs,
    requests,
    faults,
    emulatorRequests,
    examples: pickExamples(lines),
  };
}

async function single(options: SoakOptions): Promise<boolean> {
  const run = await soakRun(options.rate, options.cycles, options.seed, options.timeScale);
  for (const line of formatRun(run)) console.log(line);
  return isClean(run.counts);
}

/** Shorter runs at rising rates, all from the same seed; gates on the rates up to the requested one. */
async function sweep(options: SoakOptions): Promise<boolean> {
  const runs: RunSummary[] = [];
  for (const rate of options.sweepRates) {
    const run = await soakRun(rate, options.sweepCycles, options.seed, options.timeScale);
    for (const line of formatRun(run)) console.log(line);
    runs.push(run);
  }
  for (const line of formatSweep(runs)) console.log(line);
  return runs.filter((run) => run.rate <= options.rate).every((run) => isClean(run.counts));
}

async function main(): Promise<void> {
  let options: SoakOptions;
  try {
    options = parseSoakArgs(process.argv.slice(2), randomInt(0, 2 ** 31));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(SOAK_USAGE);
    return;
  }
  console.log(
    `fault soak: seed ${options.seed} (replay with --seed ${options.seed}), time scale ${options.timeScale}, ` +
      `faults: 5xx, drop, drop-after-commit, throttle 429, throttle 400 request_limit_exceeded`,
  );
  const clean = options.sweep ? await sweep(options) : await single(options);
  if (!clean) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
