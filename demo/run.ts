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
} from "../engine-stand-in";
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

async function main(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  const workDir = makeTempDir("cliq-demo-");
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
  try {
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

    const { program: programValues } = programAndProviderValues(
      readStackFileValues(repoRoot, "dev"),
      EXAMPLES_PROJECT,
    );
    const endpoint = { apiUrl: emulator.apiUrl, accountsUrl: emulator.url };
    const stackConfig = (overrides: Record<string, string> = {}) =>
      cliqStackConfig(EXAMPLES_PROJECT, endpoint, DEMO_CREDENTIALS, { ...programValues, ...overrides });
    console.log(`  stack "dev" config from Pulumi.dev.yaml: ${JSON.stringify(programValues)}`);
    console.log(
      "  cliq:apiUrl/accountsUrl point at the emulator; cliq:clientSecret and cliq:refreshToken are secrets",
    );

    const cli = locatePulumiCli(repoRoot);
    if (cli) {
      step(`Engine: the real Pulumi CLI (${cli}), on a local file backend`);
      await runWithPulumiCli({ cli, project, program, workDir, config: stackConfig(), emulator, step, show });
      return;
    }
    step(
      "Engine: the stand-in (no `pulumi` on PATH and no build of `npm run pulumi:install`), driving Pulumi's " +
        "dynamic-provider host over gRPC as the engine does",
    );

    step(
      "Starting Pulumi's dynamic-provider host (node_modules/@pulumi/pulumi/cmd/dynamic-provider) as the engine does",
    );
    const session = await openStack(project, "dev", stackConfig());
    console.log(
      `  host listening on 127.0.0.1:${session.host.port}; Configure sent the stack config (secrets wrapped)`,
    );
    /** Everything that would be stored in state or reached the user, for the final credential scan. */
    const scanned: ScannedText[] = [];
    try {
      step("pulumi preview");
      const preview = await session.engine.run(program, emptyState(), { preview: true });
      if (preview.error) throw new Error(`preview failed: ${preview.error}`);
      show(formatSteps(preview.steps));
      const requestsAfterPreview = await new EmulatorControl(emulator.url).requests();
      console.log(
        `  ${summarizeSteps(preview.steps, true)}; API requests made by the preview: ${requestsAfterPreview.length}`,
      );

      step("pulumi up");
      const up = await session.engine.run(program, emptyState(), { preview: false });
      if (up.error) throw new Error(`up failed: ${up.error}`);
      scanned.push(...stateTexts("up", up.state), {
        where: "program output",
        text: preview.programOutput + up.programOutput,
      });
      show(formatSteps(up.steps));
      console.log(`  ${summarizeSteps(up.steps, false)}`);
      console.log("  Outputs:");
      for (const [key, value] of Object.entries(up.state.outputs))
        console.log(`    ${key}: ${JSON.stringify(value)}`);
      const providerSizes = new Map(
        up.state.resources.map((r) => [r.type, String(r.inputs.__provider).length]),
      );
      for (const [type, bytes] of providerSizes)
        console.log(`  __provider stored for ${type}: ${bytes} bytes`);

      step("What the Cliq organization now holds (read back with GET /_emulator/state)");
      show(formatEmulatedState(await emulatedState(emulator)));

      step('pulumi preview of a change: new CI webhook URL, alerts channel "ci-alerts-dev" -> "release-dev"');
      const changedConfig = stackConfig({
        ciWebhookUrl: "https://ci.dev.example.com/hooks/cliq-v2",
        alertsChannel: "release-dev",
      });
      const changeSession = await openStack(project, "dev", changedConfig);
      try {
        const change = await changeSession.engine.run(program, up.state, { preview: true });
        if (change.error) throw new Error(`preview failed: ${change.error}`);
        show(formatSteps(change.steps.filter((s) => s.op !== "same")));
        console.log(`  ${summarizeSteps(change.steps, true)}`);
        scanned.push({ where: "program output (change preview)", text: change.programOutput });
      } finally {
        scanned.push({ where: "host output (change preview)", text: changeSession.printed() });
        await changeSession.close();
      }

      step("pulumi destroy");
      const destroyed = await session.engine.destroy(up.state);
      show(formatSteps(destroyed.steps));
      console.log(`  ${summarizeSteps(destroyed.steps, false)}`);
      const warnings = warningLines(session.printed());
      for (const warning of warnings) console.log(`  warning: ${warning}`);
      console.log("  Left in the emulator:");
      show(formatEmulatedState(await emulatedState(emulator)));

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
    } finally {
      await session.close();
    }
  } finally {
    await emulator.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  step("Done.");
}

main().catch((err: Error) => {
  console.error(`\ndemo failed: ${err.message}`);
  process.exit(1);
});
