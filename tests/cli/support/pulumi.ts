/**
 * The real `pulumi` CLI, found and run the way a user runs it: a local file backend, a passphrase secrets
 * provider, its own PULUMI_HOME, no update check, no plugin downloads. Commands run asynchronously so that the
 * emulator served by the test process keeps answering the provider the CLI starts.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { locatePulumiCli } from "../../../demo/pulumi-cli";

/**
 * The CLI the suites use: `pulumi` on PATH, else the build of `scripts/install-pulumi.sh`. There is no silent
 * skip: without a CLI the suite fails with this message.
 */
export function requirePulumiCli(repoRoot: string): string {
  const cli = locatePulumiCli(repoRoot);
  if (cli) return cli;
  throw new Error(
    "The CLI suite needs the real Pulumi CLI and found none: run `bash scripts/install-pulumi.sh` " +
      "(`npm test` runs it; it builds the pinned CLI with Go) or put `pulumi` on PATH.",
  );
}

export interface CliResult {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they interleaved. */
  output: string;
}

export interface RunOptions {
  /** Text on stdin (how `config set` takes a secret without putting it in the process list). */
  input?: string;
  /** Variables added to (or, when undefined, removed from) the command's environment. */
  env?: Record<string, string | undefined>;
  /** Sends SIGINT once the output matches this, as a user pressing Ctrl-C would. */
  interruptWhen?: RegExp;
}

/** Variables that would make the CLI talk to anything but this workspace, or that carry a user's credentials. */
function isolatedEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(base).filter(
      ([key]) => !key.startsWith("CLIQ_") && !key.startsWith("PULUMI_") && key !== "NODE_OPTIONS",
    ),
  );
}

/** One isolated CLI workspace: a file backend, a PULUMI_HOME and a token cache of its own. */
export class PulumiWorkspace {
  readonly backendDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every command's result, for the final secret scan. */
  readonly history: CliResult[] = [];

  constructor(
    readonly cli: string,
    readonly root: string,
    passphrase: string,
  ) {
    this.backendDir = path.join(root, "backend");
    const home = path.join(root, "pulumi-home");
    fs.mkdirSync(this.backendDir, { recursive: true });
    fs.mkdirSync(home, { recursive: true });
    this.env = {
      ...isolatedEnv(process.env),
      // The CLI finds its language host and the dynamic-provider plugin next to itself or on PATH; `node` on
      // PATH is the one running these tests (the matrix cell's).
      PATH: [path.dirname(cli), path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_HOME: home,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      CLIQ_TOKEN_CACHE_DIR: path.join(root, "token-cache"),
    };
  }

  /** Runs `pulumi <args>` in `cwd`; resolves with the result whatever the exit code. */
  run(cwd: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
    const fullArgs = [...args, "--non-interactive", "--color=never"];
    const env = { ...this.env };
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    return new Promise((resolve, reject) => {
      const child = spawn(this.cli, fullArgs, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
      const stdout: string[] = [];
      const stderr: string[] = [];
      const output: string[] = [];
      let interrupted = false;
      const collect = (into: string[]) => (chunk: string) => {
        into.push(chunk);
        output.push(chunk);
        if (options.interruptWhen && !interrupted && options.interruptWhen.test(output.join(""))) {
          interrupted = true;
          child.kill("SIGINT");
        }
      };
      child.stdout.setEncoding("utf8").on("data", collect(stdout));
      child.stderr.setEncoding("utf8").on("data", collect(stderr));
      child.once("error", reject);
      child.once("close", (code, signal) => {
        const result = {
          args,
          code,
          signal,
          stdout: stdout.join(""),
          stderr: stderr.join(""),
          output: output.join(""),
        };
        this.history.push(result);
        resolve(result);
      });
      // A child that exits before reading its input closes the pipe (EPIPE): its exit code tells what happened.
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input ?? "");
    });
  }

  /** Runs a command that must succeed; a failure carries everything the CLI printed. */
  async ok(cwd: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
    const result = await this.run(cwd, args, options);
    if (result.code !== 0) throw new Error(describeFailure(result, "exit code 0"));
    return result;
  }

  /** Runs a command that must fail (non-zero exit); returns what it printed. */
  async fails(cwd: string, args: string[], options: RunOptions = {}): Promise<CliResult> {
    const result = await this.run(cwd, args, options);
    if (result.code === 0) throw new Error(describeFailure(result, "a failure"));
    return result;
  }

  /** Every file of the backend (checkpoints, history, backups), for secret scans. */
  backendFiles(): string[] {
    return listFiles(this.backendDir);
  }
}

function describeFailure(result: CliResult, expected: string): string {
  return `pulumi ${result.args.join(" ")} exited with ${result.code ?? result.signal}, expected ${expected}:\n${result.output}`;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
