import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The repository root (this file lives in engine-stand-in/ or dist/engine-stand-in/). */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-zoho-cliq")
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pulumi-zoho-cliq package.json above ${from}`);
    dir = parent;
  }
}

/** The exact @pulumi/pulumi version the repository develops against (its devDependency pin). */
export function pinnedPulumiVersion(repoRoot: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  return manifest.devDependencies["@pulumi/pulumi"];
}

/**
 * The @pulumi/pulumi version that test projects install: the runtime matrix cell's (CLIQ_TEST_PULUMI_VERSION, set
 * by scripts/test-matrix.sh), else the devDependency pin.
 */
export function testedPulumiVersion(repoRoot: string): string {
  return process.env.CLIQ_TEST_PULUMI_VERSION || pinnedPulumiVersion(repoRoot);
}

/** Runs `npm pack` on the repository (which must be built) and returns the tarball's path. */
export async function packRepo(repoRoot: string, destination: string): Promise<string> {
  if (!fs.existsSync(path.join(repoRoot, "dist", "sdk", "index.js"))) {
    throw new Error(`${repoRoot}/dist/sdk/index.js is missing: run "npm run build" before packing`);
  }
  fs.mkdirSync(destination, { recursive: true });
  const { stdout } = await run(npm, ["pack", repoRoot, "--pack-destination", destination, "--silent"], {
    cwd: destination,
  });
  const name = stdout.trim().split("\n").pop()!.trim();
  return path.join(destination, name);
}

export interface PulumiProject {
  dir: string;
  name: string;
}

/**
 * Creates a Pulumi project directory as a user would have it: Pulumi.yaml, package.json, and this package installed
 * from its tarball next to the exact @pulumi/pulumi version (a peer dependency). Uses the npm cache only.
 */
export async function createPulumiProject(options: {
  dir: string;
  name: string;
  tarball: string;
  pulumiVersion: string;
}): Promise<PulumiProject> {
  fs.mkdirSync(options.dir, { recursive: true });
  fs.writeFileSync(
    path.join(options.dir, "package.json"),
    JSON.stringify({ name: options.name, private: true, main: "index.js" }, null, 2) + "\n",
  );
  fs.writeFileSync(
    path.join(options.dir, "Pulumi.yaml"),
    `name: ${options.name}\nruntime: nodejs\ndescription: Temporary project installing pulumi-zoho-cliq from its npm tarball\n`,
  );
  await run(
    npm,
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      options.tarball,
      `@pulumi/pulumi@${options.pulumiVersion}`,
    ],
    { cwd: options.dir, maxBuffer: 16 * 1024 * 1024 },
  );
  return { dir: options.dir, name: options.name };
}

/** A fresh temporary directory under the OS temp dir. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Folders removed when the process exits: one exit listener for all (one each tripped Node's listener limit). */
const removedAtExit = new Set<string>();

/** A new temporary folder that is removed when the process exits. */
export function makeTempDirRemovedAtExit(prefix: string): string {
  const dir = makeTempDir(prefix);
  if (removedAtExit.size === 0) {
    process.once("exit", () => {
      for (const each of removedAtExit) fs.rmSync(each, { recursive: true, force: true });
    });
  }
  removedAtExit.add(dir);
  return dir;
}

/**
 * Compiles a TypeScript program file to CommonJS the way Pulumi's nodejs runtime would run it (ts-node in
 * transpile mode): types are checked by the repository's own `tsc`, not here.
 */
export function transpileTypeScript(source: string, fileName: string): string {
  // typescript is a devDependency: loaded lazily so that nothing else in the harness needs it.
  const ts: typeof import("typescript") = require("typescript");
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
}
