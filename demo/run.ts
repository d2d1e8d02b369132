/**
 * `npm run demo`: the example stack (examples/index.ts, stack "dev") applied to a local Cliq emulator through
 * Pulumi's own machinery, then shown, changed (preview), destroyed, and its state scanned for credentials.
 *
 * With the Pulumi CLI on PATH it runs real `pulumi preview/up/destroy` on a local file backend. Without it (the
 * CLI is not an npm package) it drives @pulumi/pulumi's dynamic-provider host over gRPC exactly as the engine
 * does, with the program run under pulumi.runtime.setMocks to produce each resource's registration.
 */
import * as fs from "fs";
import * as path from "path";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../emulator";
import { formatEmulatedState, formatSteps, summarizeSteps, warningLines } from "./format";
import {
  cliqStackConfig,
  createPackedProject,
  emptyState,
  EXAMPLES_PROJECT,
  findCredentialLeaks,
  findRepoRoot,
  installExamples,
  makeTempDir,
  openStack,
  programAndProviderValues,
  readStackFileValues,
  ScannedText,
  stateTexts,
  type RunResult,
  type StackConfig,
  type StackSession,
  type StackState,
} from "../engine-stand-in";
import type { PulumiProject } from "../engine-stand-in/project";
import { locatePulumiCli, runWithPulumiCli } from "./pulumi-cli";

/** Demo credentials: distinctive, so the final scan can prove none of them was stored or printed. */
const DEMO_CREDENTIALS = {
  clientId: "1000.DEMOCLIENT000000000000000000",
  clientSecret: "demo-client-secret-4f0e2b7a91",
  refreshToken: "1000.demo-refresh-token.c3d9e8f1a6",
};

const started = Date.now();
function step(title: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`\n[${seconds}s] ${title}`);
}
const show = (lines: string[]) => lines.forEach((line) => console.log(line));

const emulatedState = (emulator: RunningEmulator) => new EmulatorControl(emulator.url).state();

type StackConfigFor = (overrides?: Record<string, string>) => StackConfig;

/** What the stand-in steps share. */
interface StandInDemo {
  project: PulumiProject;
  program: string;
  emulator: RunningEmulator;
  stackConfig: StackConfigFor;
  /** Everything that would be stored in state or reached the user, for the final credential scan. */
  scanned: ScannedText[];
}

async function startDemoEmulator(): Promise<RunningEmulator> {
  step("Starting the Cliq API emulator (OAuth, rate limits and all 14 Bots API operations, on 127.0.0.1)");
  const emulator = await startEmulator({
    oauthClients: [
      {
        clientId: DEMO_CREDENTIALS.clientId,
        clientSecret: DEMO_CREDENTIALS.clientSecret,
        refreshTokens: [DEMO_CREDENTIALS.refreshToken],
      },
    ],
  });
  console.log(`  API ${emulator.apiUrl}, accounts ${emulator.url}`);
  return emulator;
}

async function installPackedProject(
  repoRoot: string,
  workDir: string,
): Promise<{ project: PulumiProject; program: string }> {
  step("Installing pulumi-zoho-cliq from its `npm pack` tarball into a fresh Pulumi project");
  const project = await createPackedProject({
    repoRoot,
    dir: path.join(workDir, "project"),
    name: EXAMPLES_PROJECT,
  });
  const program = installExamples(project.dir, repoRoot);
  console.log(
    `  ${project.dir} (program ${program}, scripts ${program.replace("index.js", "scripts/*.dg")})`,
  );
  return { project, program };
}

/** Stack "dev"'s program values from Pulumi.dev.yaml, with the provider pointed at the emulator. */
function demoStackConfig(repoRoot: string, emulator: RunningEmulator): StackConfigFor {
  const { program: programValues } = programAndProviderValues(
    readStackFileValues(repoRoot, "dev"),
    EXAMPLES_PROJECT,
  );
  const endpoint = { apiUrl: emulator.apiUrl, accountsUrl: emulator.url };
  console.log(`  stack "dev" config from Pulumi.dev.yaml: ${JSON.stringify(programValues)}`);
  console.log(
    "  cliq:apiUrl/accountsUrl point at the emulator; cliq:clientSecret and cliq:refreshToken are secrets",
  );
  return (overrides = {}) =>
    cliqStackConfig(EXAMPLES_PROJECT, endpoint, DEMO_CREDENTIALS, { ...programValues, ...overrides });
}

async function openDemoStack(demo: StandInDemo): Promise<StackSession> {
  step(
    "Engine: the stand-in (no `pulumi` on PATH and no build of `npm run pulumi:install`), driving Pulumi's " +
      "dynamic-provider host over gRPC as the engine does",
  );
  step(
    "Starting Pulumi's dynamic-provider host (node_modules/@pulumi/pulumi/cmd/dynamic-provider) as the engine does",
  );
  const session = await openStack(demo.project, "dev", demo.stackConfig());
  console.log(
    `  host listening on 127.0.0.1:${session.host.port}; Configure sent the stack config (secrets wrapped)`,
  );
  return session;
}

async function previewStack(session: StackSession, demo: StandInDemo): Promise<RunResult> {
  step("pulumi preview");
  const preview = await session.engine.run(demo.program, emptyState(), { preview: true });
  if (preview.error) throw new Error(`preview failed: ${preview.error}`);
  show(formatSteps(preview.steps));
  const requestsAfterPreview = await new EmulatorControl(demo.emulator.url).requests();
  console.log(
    `  ${summarizeSteps(preview.steps, true)}; API requests made by the preview: ${requestsAfterPreview.length}`,
  );
  return preview;
}

async function applyStack(session: StackSession, demo: StandInDemo, preview: RunResult): Promise<RunResult> {
  step("pulumi up");
  const up = await session.engine.run(demo.program, emptyState(), { preview: false });
  if (up.error) throw new Error(`up failed: ${up.error}`);
  demo.scanned.push(...stateTexts("up", up.state), {
    where: "program output",
    text: preview.programOutput + up.programOutput,
  });
  show(formatSteps(up.steps));
  console.log(`  ${summarizeSteps(up.steps, false)}`);
  printOutputsAndProviderSizes(up.state);
  return up;
}

function printOutputsAndProviderSizes(state: StackState): void {
  console.log("  Outputs:");
  for (const [key, value] of Object.entries(state.outputs))
    console.log(`    ${key}: ${JSON.stringify(value)}`);
  const providerSizes = new Map(state.resources.map((r) => [r.type, String(r.inputs.__provider).length]));
  for (const [type, bytes] of providerSizes) console.log(`  __provider stored for ${type}: ${bytes} bytes`);
}

async function showOrganization(emulator: RunningEmulator): Promise<void> {
  step("What the Cliq organization now holds (read back with GET /_emulator/state)");
  show(formatEmulatedState(await emulatedState(emulator)));
}

/** A preview against the applied state, through a second host configured with the changed stack config. */
async function previewChange(demo: StandInDemo, applied: StackState): Promise<void> {
  step('pulumi preview of a change: new CI webhook URL, alerts channel "ci-alerts-dev" -> "release-dev"');
  const changedConfig = demo.stackConfig({
    ciWebhookUrl: "https://ci.dev.example.com/hooks/cliq-v2",
    alertsChannel: "release-dev",
  });
  const changeSession = await openStack(demo.project, "dev", changedConfig);
  try {
    const change = await changeSession.engine.run(demo.program, applied, { preview: true });
    if (change.error) throw new Error(`preview failed: ${change.error}`);
    show(formatSteps(change.steps.filter((s) => s.op !== "same")));
    console.log(`  ${summarizeSteps(change.steps, true)}`);
    demo.scanned.push({ where: "program output (change preview)", text: change.programOutput });
  } finally {
    demo.scanned.push({ where: "host output (change preview)", text: changeSession.printed() });
    await changeSession.close();
  }
}

async function destroyStack(session: StackSession, demo: StandInDemo, applied: StackState): Promise<void> {
  step("pulumi destroy");
  const destroyed = await session.engine.destroy(applied);
  show(formatSteps(destroyed.steps));
  console.log(`  ${summarizeSteps(destroyed.steps, false)}`);
  const warnings = warningLines(session.printed());
  for (const warning of warnings) console.log(`  warning: ${warning}`);
  console.log("  Left in the emulator:");
  show(formatEmulatedState(await emulatedState(demo.emulator)));
}

function scanForCredentials(session: StackSession, scanned: ScannedText[]): void {
  step("Scanning everything that would be stored or was printed for credentials");
  scanned.push({ where: "host output and engine log", text: session.printed() });
  const leaks = findCredentialLeaks(scanned, [
    { label: "client secret", value: DEMO_CREDENTIALS.clientSecret },
    { label: "refresh token", value: DEMO_CREDENTIALS.refreshToken },
  ]);
  if (leaks.length) throw new Error(`credentials found: ${JSON.stringify(leaks)}`);
  const bytes = scanned.reduce((sum, t) => sum + t.text.length, 0);
  console.log(
    `  ${scanned.length} texts, ${bytes} bytes (inputs, outputs, __provider, stack outputs, host stdout/stderr, engine log):`,
  );
  console.log("  no client secret, no refresh token, no access token.");
}

async function runWithStandIn(demo: StandInDemo): Promise<void> {
  const session = await openDemoStack(demo);
  try {
    const preview = await previewStack(session, demo);
    const up = await applyStack(session, demo, preview);
    await showOrganization(demo.emulator);
    await previewChange(demo, up.state);
    await destroyStack(session, demo, up.state);
    scanForCredentials(session, demo.scanned);
  } finally {
    await session.close();
  }
}

/** Runs the demo with the real CLI when there is one, else with the stand-in; says which it used. */
async function runDemo(
  repoRoot: string,
  workDir: string,
  emulator: RunningEmulator,
): Promise<"pulumi-cli" | "stand-in"> {
  const { project, program } = await installPackedProject(repoRoot, workDir);
  const stackConfig = demoStackConfig(repoRoot, emulator);
  const cli = locatePulumiCli(repoRoot);
  if (cli) {
    step(`Engine: the real Pulumi CLI (${cli}), on a local file backend`);
    await runWithPulumiCli({ cli, project, program, workDir, config: stackConfig(), emulator, step, show });
    return "pulumi-cli";
  }
  await runWithStandIn({ project, program, emulator, stackConfig, scanned: [] });
  return "stand-in";
}

async function main(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  const workDir = makeTempDir("cliq-demo-");
  const emulator = await startDemoEmulator();
  let engine: "pulumi-cli" | "stand-in";
  try {
    engine = await runDemo(repoRoot, workDir, emulator);
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  // The CLI path's last lines are pulumi's own; only the stand-in path has always closed with "Done.".
  if (engine === "stand-in") step("Done.");
}

main().catch((err: Error) => {
  console.error(`\ndemo failed: ${err.message}`);
  process.exit(1);
});
