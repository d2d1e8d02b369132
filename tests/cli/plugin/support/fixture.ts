/**
 * What every plugin suite starts from: one or more emulators on free loopback ports (each an organisation, OAuth
 * and rate limits on), one CLI workspace with the `cliq` plugin installed from its archive as a user installs it,
 * and the language hosts the suite's programs need. No npm install: these programs do not use the npm package.
 */
import * as fs from "fs";
import * as path from "path";
import { EmulatorControl, startEmulator, type RunningEmulator } from "../../../../emulator";
import { makeTempDirRemovedAtExit } from "../../../../engine-stand-in";
import { emulatorCredentials } from "../../../engine/fixture";
import { TIME_SCALE } from "../../support/fixture";
import { repoRoot } from "../../support/project";
import { PulumiWorkspace, requirePulumiCli } from "../../support/pulumi";
import { pluginArchive, PLUGIN_VERSION, requireLanguageHost, type Language } from "./toolchain";

export interface Organisation {
  emulator: RunningEmulator;
  control: EmulatorControl;
}

export interface PluginFixture {
  /** The first (often only) organisation. */
  org: Organisation;
  orgs: Organisation[];
  workspace: PulumiWorkspace;
  /** A scratch folder of this suite, removed when the process exits. */
  dir: string;
  close(): Promise<void>;
}

/** One emulated organisation (OAuth and rate limits on, the suites' time scale). */
export async function startOrganisation(): Promise<Organisation> {
  const emulator = await startEmulator({
    ...emulatorCredentials,
    timeScale: TIME_SCALE,
    accessTokenTtlSeconds: 3600 / TIME_SCALE,
  });
  return { emulator, control: new EmulatorControl(emulator.url) };
}

/**
 * Starts the suite's organisations and workspace, and installs the plugin into the workspace's PULUMI_HOME with
 * `pulumi plugin install resource cliq <version> --file <archive>`. Fails with a clear message when the CLI, a
 * language host the suite needs, or the plugin archive is missing.
 */
export async function startPluginFixture(
  suite: string,
  options: { languages: Language[]; organisations?: number },
): Promise<PluginFixture> {
  const cli = requirePulumiCli(repoRoot);
  for (const language of options.languages) requireLanguageHost(cli, language);
  const archive = await pluginArchive();
  const dir = makeTempDirRemovedAtExit(`cliq-plugin-${suite}-`);
  const workspace = new PulumiWorkspace(cli, path.join(dir, "workspace"), "cliq-plugin-suite-passphrase");
  await workspace.ok(dir, ["plugin", "install", "resource", "cliq", PLUGIN_VERSION, "--file", archive]);
  const orgs: Organisation[] = [];
  for (let i = 0; i < (options.organisations ?? 1); i++) orgs.push(await startOrganisation());
  return {
    org: orgs[0]!,
    orgs,
    workspace,
    dir,
    close: async () => {
      await Promise.all(orgs.map((org) => org.emulator.close()));
    },
  };
}

/** Writes `Pulumi.yaml` (and the given files) into a fresh project folder; returns the folder. */
export function writeProject(dir: string, files: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A program source of tests/cli/plugin/programs/. */
export function programSource(file: string): string {
  return fs.readFileSync(path.join(repoRoot, "tests", "cli", "plugin", "programs", file), "utf8");
}
