/**
 * `npm run demo`: the example stack (examples/index.ts, stack "dev") applied to a local Cliq emulator with the
 * real Pulumi CLI on a local file backend: preview, up, what Cliq then holds, a previewed change, destroy (and
 * what it sent), and a scan of the state and of everything printed for credentials.
 *
 * Without a CLI (`pulumi` on PATH, or the build of `npm run pulumi:install`) it runs scripts/install-pulumi.sh
 * first and says so: every step labelled `pulumi ...` is the real CLI.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../emulator";
import {
  cliqStackConfig,
  createPackedProject,
  EXAMPLES_PROJECT,
  findRepoRoot,
  installExamples,
  makeTempDir,
  programAndProviderValues,
  readStackFileValues,
  type StackConfig,
} from "../engine-stand-in";
import type { PulumiProject } from "../engine-stand-in/project";
import { ensurePulumiCli, runWithPulumiCli } from "./pulumi-cli";

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
function demoStackConfig(repoRoot: string, emulator: RunningEmulator): StackConfig {
  const { program: programValues } = programAndProviderValues(
    readStackFileValues(repoRoot, "dev"),
    EXAMPLES_PROJECT,
  );
  console.log(`  stack "dev" config from Pulumi.dev.yaml: ${JSON.stringify(programValues)}`);
  console.log(
    "  cliq:apiUrl/accountsUrl point at the emulator; cliq:clientSecret and cliq:refreshToken are secrets",
  );
  const endpoint = { apiUrl: emulator.apiUrl, accountsUrl: emulator.url };
  return cliqStackConfig(EXAMPLES_PROJECT, endpoint, DEMO_CREDENTIALS, programValues);
}

async function main(): Promise<void> {
  const repoRoot = findRepoRoot(__dirname);
  // Before the emulator starts: a cold CLI build takes minutes, and nothing needs to wait on it.
  const cli = await ensurePulumiCli(repoRoot, step);
  const workDir = makeTempDir("cliq-demo-");
  const emulator = await startDemoEmulator();
  try {
    const { project, program } = await installPackedProject(repoRoot, workDir);
    const config = demoStackConfig(repoRoot, emulator);
    step(`Engine: the real Pulumi CLI (${cli}), on a local file backend`);
    await runWithPulumiCli({ cli, project, program, workDir, config, emulator, step, show });
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
