/**
 * Pulumi projects for the CLI suites, as users have them: this package installed from its `npm pack` tarball
 * next to the @pulumi/pulumi version of the matrix cell. One install serves every project of a run (each project's
 * node_modules is a link to it), since an install costs seconds and the projects only differ in their program.
 */
import * as fs from "fs";
import * as path from "path";
import {
  createPulumiProject,
  installProgram,
  makeTempDirRemovedAtExit,
  packRepo,
} from "../../../engine-stand-in";
import { testedPulumiVersion } from "../../../engine-stand-in/project";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

export interface Install {
  root: string;
  /** The folder holding node_modules with the tarball and @pulumi/pulumi installed. */
  modulesDir: string;
  tarball: string;
  pulumiVersion: string;
}

let shared: Promise<Install> | undefined;

/** The run's one install of the current tarball (made on first use, removed when the process exits). */
export function currentInstall(): Promise<Install> {
  shared ??= (async () => {
    const root = makeTempDirRemovedAtExit("cliq-cli-");
    const tarball = await packRepo(repoRoot, path.join(root, "tarball"));
    return installTarball(root, "install", tarball);
  })();
  return shared;
}

/** Installs a tarball (this package's, of any version) into `<root>/<name>`. */
export async function installTarball(root: string, name: string, tarball: string): Promise<Install> {
  const pulumiVersion = testedPulumiVersion(repoRoot);
  const dir = path.join(root, name);
  await createPulumiProject({ dir, name: `cliq-cli-${name}`, tarball, pulumiVersion });
  return { root, modulesDir: dir, tarball, pulumiVersion };
}

export interface CliProject {
  dir: string;
  name: string;
  /** The program's path relative to `dir`. */
  main: string;
}

/**
 * A project directory whose node_modules is the install's: Pulumi.yaml naming the program, a package.json, and
 * the program compiled from a TypeScript source (with the data folders it reads beside it).
 */
export function makeProject(
  install: Install,
  options: { dir: string; name: string; source: string; dataDirs?: string[]; config?: string },
): CliProject {
  fs.mkdirSync(options.dir, { recursive: true });
  fs.symlinkSync(
    path.join(install.modulesDir, "node_modules"),
    path.join(options.dir, "node_modules"),
    "dir",
  );
  fs.writeFileSync(
    path.join(options.dir, "package.json"),
    JSON.stringify({ name: options.name, private: true }, null, 2) + "\n",
  );
  const main = installProgram(
    options.dir,
    options.source,
    path.join("program", "index.js"),
    options.dataDirs,
  );
  fs.writeFileSync(
    path.join(options.dir, "Pulumi.yaml"),
    `name: ${options.name}\nruntime: nodejs\nmain: program/\n${options.config ?? ""}`,
  );
  return { dir: options.dir, name: options.name, main };
}

/** Replaces the project's program by another source, as a user editing index.ts would. */
export function replaceProgram(project: CliProject, source: string): void {
  installProgram(project.dir, source, project.main);
}
