/**
 * What every CLI suite starts from: the emulator on a free loopback port (OAuth and rate limits on, time scaled so
 * that lock periods last seconds), one CLI workspace, and the run's install of the npm tarball.
 */
import * as fs from "fs";
import * as path from "path";
import { EmulatorControl, startEmulator, type LoggedRequest, type RunningEmulator } from "../../../emulator";
import { emulatorCredentials, scanForSecrets, SECRETS } from "../../engine/fixture";
import type { SecretLeak } from "../../../engine-stand-in";
import { PulumiWorkspace, requirePulumiCli } from "./pulumi";
import { currentInstall, type CliProject, type Install, makeProject, repoRoot } from "./project";

export { SECRETS };

/** The emulator's clock: a 60 s rate window lasts 0.6 s and a 5-minute lock 3 s. */
export const TIME_SCALE = 0.01;

export interface CliFixture {
  emulator: RunningEmulator;
  control: EmulatorControl;
  workspace: PulumiWorkspace;
  install: Install;
  /** A scratch folder of this suite inside the install's root. */
  dir: string;
  close(): Promise<void>;
}

/** Starts the emulator and a workspace; fails with a clear message when there is no CLI. */
export async function startCliFixture(
  suite: string,
  options: { timeScale?: number; passphrase?: string } = {},
): Promise<CliFixture> {
  const cli = requirePulumiCli(repoRoot);
  const install = await currentInstall();
  const dir = path.join(install.root, suite);
  fs.mkdirSync(dir, { recursive: true });
  const timeScale = options.timeScale ?? TIME_SCALE;
  const emulator = await startEmulator({
    ...emulatorCredentials,
    timeScale,
    // Scaled like everything else, a token would live 36 s; the reported lifetime is raised so that it really
    // lives an hour, as on Cliq, and mints per command mean what they mean there.
    accessTokenTtlSeconds: 3600 / timeScale,
  });
  const passphrase = options.passphrase ?? "cliq-cli-suite-passphrase";
  const workspace = new PulumiWorkspace(cli, path.join(dir, "workspace"), passphrase);
  return {
    emulator,
    control: new EmulatorControl(emulator.url),
    workspace,
    install,
    dir,
    close: () => emulator.close(),
  };
}

/** The stack config that points the provider at the emulator with the OAuth set, split as `config set` takes it. */
export function emulatorConfig(emulator: RunningEmulator): {
  plain: Record<string, string>;
  secret: Record<string, string>;
} {
  return {
    plain: {
      "cliq:apiUrl": emulator.apiUrl,
      "cliq:accountsUrl": emulator.url,
      "cliq:clientId": SECRETS.clientId,
    },
    secret: { "cliq:clientSecret": SECRETS.clientSecret, "cliq:refreshToken": SECRETS.refreshToken },
  };
}

/**
 * `pulumi stack init` and the stack's config: plain values in one `config set-all`, each secret with
 * `config set --secret` reading the value from stdin, so that it never shows in a process listing.
 */
export async function initStack(
  workspace: PulumiWorkspace,
  project: CliProject,
  stack: string,
  config: { plain: Record<string, string>; secret: Record<string, string> },
): Promise<void> {
  await workspace.ok(project.dir, ["stack", "init", stack]);
  const plain = Object.entries(config.plain).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]);
  if (plain.length) await workspace.ok(project.dir, ["config", "set-all", "--stack", stack, ...plain]);
  for (const [key, value] of Object.entries(config.secret)) {
    await workspace.ok(project.dir, ["config", "set", "--stack", stack, "--secret", key], { input: value });
  }
}

/** The API and OAuth requests the emulator answered since the log was last cleared; clears it. */
export async function takeRequests(control: EmulatorControl): Promise<LoggedRequest[]> {
  const requests = await control.requests();
  await control.clearRequests();
  return requests;
}

/** Requests counted by operation id (`oauth_token` for mints), for figures and exact expectations. */
export function countByOperation(requests: LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of requests) {
    const key = request.operationId ?? `${request.method} ${request.path}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** API requests only (OAuth mints left out). */
export const apiOnly = (requests: LoggedRequest[]) => requests.filter((r) => r.operationId !== "oauth_token");
export const mints = (requests: LoggedRequest[]) =>
  requests.filter((r) => r.operationId === "oauth_token").length;

/** Every credential found in the backend's files (state, history, backups) or in anything the CLI printed. */
export function workspaceLeaks(workspace: PulumiWorkspace): SecretLeak[] {
  return scanForSecrets([
    ...workspace.backendFiles().map((file) => ({ where: file, text: fs.readFileSync(file, "utf8") })),
    ...workspace.history.map((result) => ({ where: `pulumi ${result.args.join(" ")}`, text: result.output })),
  ]);
}

/** A figure line for the suite's summary, printed once at the end of a suite. */
export class Figures {
  private readonly lines: string[] = [];
  add(step: string, requests: LoggedRequest[]): void {
    const api = apiOnly(requests);
    const byOp = Object.entries(countByOperation(api))
      .map(([op, n]) => `${op} ${n}`)
      .join(", ");
    this.lines.push(
      `${step}: ${api.length} API requests${byOp ? ` (${byOp})` : ""}, ${mints(requests)} mints`,
    );
  }
  note(line: string): void {
    this.lines.push(line);
  }
  print(title: string): void {
    console.log(`\n    ${title}\n${this.lines.map((line) => `      ${line}`).join("\n")}`);
  }
}

/** A project in the suite's folder running one of tests/cli/programs/<program>.ts. */
export function programProject(fx: CliFixture, name: string, program: string): CliProject {
  return makeProject(fx.install, {
    dir: path.join(fx.dir, "project"),
    name,
    source: path.join(repoRoot, "tests", "cli", "programs", `${program}.ts`),
  });
}

/** `pulumi config set-all` of plain values, as arguments (the caller adds `--stack`). */
export function setAllArgs(values: Record<string, string | number>): string[] {
  return [
    "config",
    "set-all",
    ...Object.entries(values).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
  ];
}
