/**
 * What the plugin suites need besides the CLI, each found or built once per run (and cached across runs where it
 * is costly): the `cliq` plugin archive, the language hosts, Python and Go, and SDKs generated from the schema.
 * Whatever is missing fails the suite with a message saying how to get it; nothing is skipped.
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { findExecutable } from "../../../../demo/pulumi-cli";
import { repoRoot } from "../../support/project";
import { packageVersion } from "../../../../scripts/release/platforms";

/** The plugin is versioned with the package: package.json is the one place the version is written. */
export const PLUGIN_VERSION = packageVersion();
export const PLUGIN_ARCHIVE = path.join(
  repoRoot,
  ".cache",
  "plugin",
  `pulumi-resource-cliq-v${PLUGIN_VERSION}.tar.gz`,
);
export const SCHEMA = path.join(repoRoot, "provider", "plugin", "schema.json");
/** What the archive is built from: newer files than the archive make it stale. */
const PLUGIN_SOURCES = ["provider", "cliq-api", "package.json", "package-lock.json", "tsconfig.build.json"];

export type Language = "python" | "go" | "yaml";

export interface ExecResult {
  code: number | null;
  output: string;
}

/** Runs a command asynchronously (the test process keeps serving the emulator); resolves whatever the exit. */
export function exec(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    const output: string[] = [];
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output: output.join("") }));
    // A child that exits before reading its input closes the pipe (EPIPE): its exit code tells what happened.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Runs a command that must succeed; the error names the step and carries everything it printed. */
export async function mustExec(
  what: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  const result = await exec(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${what} failed: \`${[command, ...args].join(" ")}\` exited ${result.code}:\n${result.output}`,
    );
  }
  return result.output;
}

/** The tool on PATH, or an error saying which suite needs it and how to get it. */
export function requireTool(name: string, why: string, env: NodeJS.ProcessEnv = process.env): string {
  const found = findExecutable(name, [], env);
  if (found) return found;
  throw new Error(
    `${why}: \`${name}\` is needed on PATH and none was found; install it (the polyglot machine has it).`,
  );
}

/** Fails unless the CLI finds `pulumi-language-<language>` (next to itself or on PATH), as `pulumi up` would. */
export function requireLanguageHost(
  cli: string,
  language: Language,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const name = `pulumi-language-${language}`;
  const found = findExecutable(name, [path.dirname(cli)], env);
  if (found) return found;
  throw new Error(
    `The ${language} plugin suites need the language host ${name} next to the CLI (${path.dirname(cli)}) or on ` +
      "PATH and found none: run `npm run pulumi:install` (scripts/install-pulumi.sh), which builds the CLI and its language hosts.",
  );
}

/** The newest modification time of a file or of anything under a folder (0 when missing). */
export function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

let archive: Promise<string> | undefined;

/** The plugin archive, packed by `npm run plugin:pack` when missing or older than its sources (once per run). */
export function pluginArchive(): Promise<string> {
  archive ??= (async () => {
    const sources = Math.max(...PLUGIN_SOURCES.map((entry) => newestMtime(path.join(repoRoot, entry))));
    if (!fs.existsSync(PLUGIN_ARCHIVE) || fs.statSync(PLUGIN_ARCHIVE).mtimeMs < sources) {
      await mustExec("Packing the cliq plugin", "npm", ["run", "plugin:pack"], { cwd: repoRoot });
    }
    if (!fs.existsSync(PLUGIN_ARCHIVE)) {
      throw new Error(`\`npm run plugin:pack\` succeeded but left no ${PLUGIN_ARCHIVE}`);
    }
    return PLUGIN_ARCHIVE;
  })();
  return archive;
}

/** The schema the plugin serves, failing clearly while there is none. */
export function schemaText(): string {
  if (!fs.existsSync(SCHEMA))
    throw new Error(`The plugin suites need the package schema ${SCHEMA}; there is none.`);
  return fs.readFileSync(SCHEMA, "utf8");
}

/** A short digest of texts, naming cache folders after what they were made from. */
export function digest(...texts: string[]): string {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(text).update("\0");
  return hash.digest("hex").slice(0, 16);
}
