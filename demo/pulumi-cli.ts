/**
 * The demo with the real Pulumi CLI: `pulumi stack init`, `config set`, `preview`, `up`, `preview` of a change and
 * `destroy`, on a local file backend with a passphrase secrets provider, against the emulator.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EmulatorControl, type RunningEmulator } from "../emulator";
import { destroySummary, formatEmulatedState } from "./format";
import { findCredentialLeaks, ScannedText } from "../engine-stand-in";
import type { StackConfig } from "../engine-stand-in/engine";
import type { PulumiProject } from "../engine-stand-in/project";

/** An executable file of that name in one of `dirs`, or else on the PATH of `env`. */
export function findExecutable(
  name: string,
  dirs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  for (const dir of [...dirs, ...(env.PATH ?? "").split(path.delimiter).filter(Boolean)]) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The `pulumi` executable on PATH, if any. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  for (const name of names) {
    const found = findExecutable(name, [], env);
    if (found) return found;
  }
  return undefined;
}

/** Where `scripts/install-pulumi.sh` builds the pinned CLI (its version is the wrapper module's requirement). */
export function pinnedCliBinDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const goMod = fs.readFileSync(path.join(repoRoot, "tools", "pulumi-cli", "go.mod"), "utf8");
  const version = /^require github\.com\/pulumi\/pulumi\/pkg\/v3 (v[\d.]+)$/m.exec(goMod)?.[1];
  if (!version) throw new Error("tools/pulumi-cli/go.mod pins no github.com/pulumi/pulumi/pkg/v3 version");
  return path.join(env.CLIQ_PULUMI_CACHE ?? path.join(repoRoot, ".cache", "pulumi-cli"), version, "bin");
}

/** The real CLI: `pulumi` on PATH, else the build of `scripts/install-pulumi.sh`, else undefined. */
export function locatePulumiCli(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const onPath = findPulumiCli(env);
  if (onPath) return onPath;
  const built = path.join(pinnedCliBinDir(repoRoot, env), "pulumi");
  return fs.existsSync(built) ? built : undefined;
}

/** Runs a command with this process's terminal, for output the user should watch as it comes (a CLI build). */
function runInTerminal(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("close", resolve);
  });
}

/**
 * The real CLI, installed first when there is none: `scripts/install-pulumi.sh` (what `npm run pulumi:install`
 * runs) builds the pinned CLI with Go, which takes minutes cold, so the user is told before it starts.
 */
export async function ensurePulumiCli(
  repoRoot: string,
  step: (title: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const found = locatePulumiCli(repoRoot, env);
  if (found) return found;
  const script = path.join(repoRoot, "scripts", "install-pulumi.sh");
  step(
    `No Pulumi CLI (none on PATH, no build in ${pinnedCliBinDir(repoRoot, env)}): running \`npm run pulumi:install\` ` +
      "(bash scripts/install-pulumi.sh) first. It builds the pinned CLI with Go: 10-20 minutes on a cold machine, " +
      "under a minute when Go's caches are warm.",
  );
  const code = await runInTerminal("bash", [script], repoRoot, env);
  if (code !== 0) {
    throw new Error(
      `${script} exited with ${code}: the demo runs the real Pulumi CLI; its output above says why`,
    );
  }
  const built = locatePulumiCli(repoRoot, env);
  if (!built) throw new Error(`${script} succeeded but left no pulumi in ${pinnedCliBinDir(repoRoot, env)}`);
  return built;
}

export interface CliDemoOptions {
  cli: string;
  project: PulumiProject;
  /** The program's path inside the project. */
  program: string;
  workDir: string;
  config: StackConfig;
  emulator: RunningEmulator;
  step(title: string): void;
  show(lines: string[]): void;
}

/**
 * Runs the CLI without blocking this process's event loop: the emulator the CLI's provider talks to is served
 * by this very process, so a synchronous spawn would leave `pulumi up` waiting on an emulator that never answers.
 * The output is shown as it comes and kept for the credential scan; `input` goes to stdin.
 */
export function runCli(
  cli: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, { cwd: options.cwd, env: options.env, stdio: ["pipe", "pipe", "pipe"] });
    const output: string[] = [];
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output.push(chunk);
      process.stdout.write(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output.push(chunk);
      process.stderr.write(chunk);
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output: output.join("") }));
    child.stdin.end(options.input ?? "");
  });
}

/** Runs `pulumi <args>`; resolves with what it printed. */
type Pulumi = (args: string[], input?: string) => Promise<string>;

/** The project file names the program, so `pulumi` runs it from the packed project. */
function writeProjectFile(project: PulumiProject, program: string): void {
  fs.writeFileSync(
    path.join(project.dir, "Pulumi.yaml"),
    `name: ${project.name}\nruntime: nodejs\nmain: ${program}\n`,
  );
}

// PULUMI_BACKEND_URL is `pulumi login file://...` for these commands only: the user's own login is untouched.
function cliEnvironment(cli: string, backend: string, workDir: string): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("CLIQ_"))),
    // The CLI's own folder first: its language host and dynamic-provider plugin live beside it.
    PATH: [path.dirname(cli), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_HOME: path.join(workDir, "pulumi-home"),
    PULUMI_CONFIG_PASSPHRASE: "pulumi-zoho-cliq-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

/** A `pulumi` runner that keeps each command's output in `printed` and fails on a non-zero exit. */
function pulumiRunner(cli: string, cwd: string, env: NodeJS.ProcessEnv, printed: ScannedText[]): Pulumi {
  return async (args, input) => {
    const result = await runCli(cli, [...args, "--non-interactive"], { cwd, env, input });
    printed.push({ where: `output of pulumi ${args.join(" ")}`, text: result.output });
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}`);
    return result.output;
  };
}

async function setConfig(
  pulumi: Pulumi,
  values: Record<string, string>,
  secretKeys: string[],
): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    // Without a value argument and with stdin not a terminal, `pulumi config set` reads the value from stdin:
    // secrets never appear in a process listing.
    await pulumi(["config", "set", key, ...(secretKeys.includes(key) ? ["--secret"] : [])], value);
  }
}

async function showEmulatedState(options: CliDemoOptions): Promise<void> {
  options.show(formatEmulatedState(await new EmulatorControl(options.emulator.url).state()));
}

async function previewChange(pulumi: Pulumi, options: CliDemoOptions): Promise<void> {
  const { project, step } = options;
  step('pulumi preview of a change: new CI webhook URL, alerts channel "ci-alerts-dev" -> "release-dev"');
  await setConfig(
    pulumi,
    {
      [`${project.name}:ciWebhookUrl`]: "https://ci.dev.example.com/hooks/cliq-v2",
      [`${project.name}:alertsChannel`]: "release-dev",
    },
    [],
  );
  await pulumi(["preview", "--diff"]);
}

function scanForCredentials(options: CliDemoOptions, backend: string, printed: ScannedText[]): void {
  const { config, step } = options;
  step("Scanning the stack's state files and everything pulumi printed for credentials");
  const stateFiles = findFiles(path.join(backend, ".pulumi"));
  const texts = [
    ...stateFiles.map((file) => ({ where: file, text: fs.readFileSync(file, "utf8") })),
    ...printed,
  ];
  const leaks = findCredentialLeaks(
    texts,
    config.secretKeys.map((key) => ({ label: key, value: config.values[key] })),
  );
  if (leaks.length) throw new Error(`credentials found: ${JSON.stringify(leaks)}`);
  console.log(
    `  ${stateFiles.length} backend files and the output of ${printed.length} pulumi commands scanned: no client secret, no refresh token, no access token.`,
  );
}

/** Everything after `stack init`: config, preview, up, state, change preview, destroy and the scan. */
async function runStackLifecycle(
  pulumi: Pulumi,
  options: CliDemoOptions,
  backend: string,
  printed: ScannedText[],
): Promise<void> {
  const { config, step } = options;
  await setConfig(pulumi, config.values, config.secretKeys);
  step("pulumi preview");
  await pulumi(["preview"]);
  step("pulumi up");
  await pulumi(["up", "--yes", "--skip-preview"]);
  step("What the Cliq organization now holds (read back with GET /_emulator/state)");
  await showEmulatedState(options);
  await previewChange(pulumi, options);
  const control = new EmulatorControl(options.emulator.url);
  await control.clearRequests();
  step("pulumi destroy");
  const destroyed = await pulumi(["destroy", "--yes", "--skip-preview"]);
  step("What destroy sent to Cliq (GET /_emulator/requests), and what is left");
  options.show(destroySummary(await control.requests(), destroyed));
  await showEmulatedState(options);
  scanForCredentials(options, backend, printed);
}

export async function runWithPulumiCli(options: CliDemoOptions): Promise<void> {
  const { cli, project, step } = options;
  const backend = path.join(options.workDir, "backend");
  fs.mkdirSync(backend, { recursive: true });
  writeProjectFile(project, options.program);
  const env = cliEnvironment(cli, backend, options.workDir);
  const printed: ScannedText[] = [];
  const pulumi = pulumiRunner(cli, project.dir, env, printed);

  step("pulumi stack init dev (local file backend) and pulumi config set");
  await pulumi(["stack", "init", "dev"]);
  try {
    await runStackLifecycle(pulumi, options, backend, printed);
  } finally {
    // Never let the clean-up hide why the demo failed.
    await pulumi(["stack", "rm", "dev", "--yes", "--force"]).catch((err: Error) =>
      console.error(`  clean-up failed: ${err.message}`),
    );
  }
}

function findFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? findFiles(full) : [full];
  });
}
