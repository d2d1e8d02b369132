/**
 * The demo with the real Pulumi CLI: `pulumi stack init`, `config set`, `preview`, `up`, `preview` of a change and
 * `destroy`, on a local file backend with a passphrase secrets provider, against the emulator.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { RunningEmulator } from "../emulator";
import { EmulatedState, formatEmulatedState } from "./format";
import type { StackConfig } from "./harness/engine";
import type { PulumiProject } from "./harness/project";

/** The `pulumi` executable on PATH, if any. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
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

export async function runWithPulumiCli(options: CliDemoOptions): Promise<void> {
  const { cli, project, config, emulator, step, show } = options;
  const backend = path.join(options.workDir, "backend");
  fs.mkdirSync(backend, { recursive: true });
  fs.writeFileSync(
    path.join(project.dir, "Pulumi.yaml"),
    `name: ${project.name}\nruntime: nodejs\nmain: ${options.program}\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("CLIQ_"))),
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "pulumi-zoho-cliq-demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
  };
  const pulumi = (...args: string[]) => {
    const result = spawnSync(cli, [...args, "--non-interactive"], {
      cwd: project.dir,
      env,
      stdio: "inherit",
    });
    if (result.status !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.status}`);
  };
  const setConfig = (values: Record<string, string>, secretKeys: string[]) => {
    for (const [key, value] of Object.entries(values)) {
      // Secrets go through stdin so they never appear in a process listing.
      const args = [
        "config",
        "set",
        key,
        ...(secretKeys.includes(key) ? ["--secret"] : []),
        "--non-interactive",
      ];
      const result = spawnSync(cli, args, {
        cwd: project.dir,
        env,
        input: value,
        stdio: ["pipe", "inherit", "inherit"],
      });
      if (result.status !== 0) throw new Error(`pulumi config set ${key} exited with ${result.status}`);
    }
  };

  step("pulumi stack init dev (local file backend) and pulumi config set");
  pulumi("stack", "init", "dev");
  setConfig(config.values, config.secretKeys);
  try {
    step("pulumi preview");
    pulumi("preview");
    step("pulumi up");
    pulumi("up", "--yes", "--skip-preview");
    step("What the Cliq organization now holds (read back with GET /_emulator/state)");
    show(
      formatEmulatedState((await (await fetch(`${emulator.url}/_emulator/state`)).json()) as EmulatedState),
    );
    step('pulumi preview of a change: new CI webhook URL, alerts channel "ci-alerts-dev" -> "release-dev"');
    const project_ = project.name;
    setConfig(
      {
        [`${project_}:ciWebhookUrl`]: "https://ci.dev.example.com/hooks/cliq-v2",
        [`${project_}:alertsChannel`]: "release-dev",
      },
      [],
    );
    pulumi("preview", "--diff");
    step("pulumi destroy");
    pulumi("destroy", "--yes", "--skip-preview");
    show(
      formatEmulatedState((await (await fetch(`${emulator.url}/_emulator/state`)).json()) as EmulatedState),
    );
    step("Scanning the stack's state file for credentials");
    const stateFiles = findFiles(path.join(backend, ".pulumi"));
    const secrets = config.secretKeys.map((key) => config.values[key]);
    const leaked = stateFiles.filter((file) =>
      secrets.some((secret) => fs.readFileSync(file, "utf8").includes(secret)),
    );
    if (leaked.length) throw new Error(`credentials found in ${leaked.join(", ")}`);
    console.log(`  ${stateFiles.length} backend files scanned: no client secret, no refresh token.`);
  } finally {
    pulumi("stack", "rm", "dev", "--yes", "--force");
  }
}

function findFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? findFiles(full) : [full];
  });
}
