/**
 * `npm run release:build`: every artifact of a release, at package.json's version, into .cache/release/v<version>/
 * (the folder a GitHub release's assets come from):
 * - `pulumi-zoho-cliq-<version>.tgz`, the npm package (`npm pack`; `npm run build` runs first);
 * - `pulumi-resource-cliq-v<version>-<os>-<arch>.tar.gz` for linux, darwin (amd64, arm64) and windows-amd64, each
 *   holding one self-contained executable that needs no Node.js (scripts/release/executables.ts);
 * - `schema.json`, the package schema (its `pluginDownloadURL` points at the GitHub releases);
 * - `pulumi_cliq-<version>-py3-none-any.whl` and `pulumi_cliq-<version>.tar.gz`, the Python SDK;
 * - `pulumi-cliq_<version>_checksums.txt`, SHA-256 of every file above, in `sha256sum` format.
 * The Go SDK is not an asset: it is the committed module sdk/go/cliq, checked here to be fresh.
 * Prints each artifact with its size, and the time each step took.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPluginArchives } from "./executables";
import { packageVersion, PLUGIN_DOWNLOAD_URL, releaseDir, ROOT } from "./platforms";
import { buildPythonSdk, filesUnder, generatedGoPackage, GO_SDK_DIR, isModuleFile, SCHEMA } from "./sdks";
import { run } from "./tools";

/** A file whose modification time is when the last build of `version` began. */
export const buildStartedFile = (version: string) =>
  path.join(ROOT, ".cache", "release", `work-v${version}`, "build-started");

/** The committed schema must be this version's and point the engine at the releases. */
export function checkSchema(version: string): void {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as {
    version?: string;
    pluginDownloadURL?: string;
  };
  if (schema.version !== version || schema.pluginDownloadURL !== PLUGIN_DOWNLOAD_URL) {
    throw new Error(
      `${path.relative(ROOT, SCHEMA)} has version ${schema.version} and pluginDownloadURL ${schema.pluginDownloadURL}; ` +
        `expected ${version} and ${PLUGIN_DOWNLOAD_URL}: run \`npm run schema\`.`,
    );
  }
}

/** The files in which the committed Go SDK differs from what gen-sdk makes of the committed schema. */
export async function staleGoSdkFiles(): Promise<string[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-go-sdk-check-"));
  try {
    const fresh = filesUnder(await generatedGoPackage(work));
    const committed = fs.existsSync(GO_SDK_DIR)
      ? filesUnder(GO_SDK_DIR, isModuleFile)
      : new Map<string, string>();
    const names = new Set([...fresh.keys(), ...committed.keys()]);
    return [...names].filter((name) => fresh.get(name) !== committed.get(name)).sort();
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `<sha256>  <name>` for every file of `dir`, sorted by name. */
export function checksums(dir: string, names: string[]): string {
  return names
    .sort()
    .map(
      (name) =>
        `${createHash("sha256")
          .update(fs.readFileSync(path.join(dir, name)))
          .digest("hex")}  ${name}\n`,
    )
    .join("");
}

const formatSize = (bytes: number) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;

async function timed<T>(step: string, times: string[], work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  times.push(`${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Builds the release of package.json's version; returns its folder. A release refuses a stale Go SDK; the release
 * tests build with `checkGoSdk: false`, since their own test of the Go SDK reports that, alone.
 */
export async function buildRelease(
  log: (line: string) => void = console.log,
  options: { checkGoSdk: boolean } = { checkGoSdk: true },
): Promise<string> {
  const version = packageVersion();
  const out = releaseDir(version);
  const work = path.join(ROOT, ".cache", "release", `work-v${version}`);
  checkSchema(version);
  const stale = options.checkGoSdk ? await staleGoSdkFiles() : [];
  if (stale.length) throw new Error(`sdk/go/cliq is stale (${stale.join(", ")}): run \`npm run sdk:go\`.`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.mkdirSync(work, { recursive: true });
  // When the build began: a source changed after this is not in the release, even if older than its files.
  fs.writeFileSync(buildStartedFile(version), `${new Date().toISOString()}\n`);
  const times: string[] = [];
  await timed("npm pack", times, () =>
    run("npm pack", "npm", ["pack", "--silent", "--pack-destination", out]),
  );
  await timed("plugin executables", times, () => buildPluginArchives(version, out, work));
  fs.copyFileSync(SCHEMA, path.join(out, "schema.json"));
  await timed("python sdk", times, () => buildPythonSdk(out, work));
  const assets = fs.readdirSync(out);
  const sums = `pulumi-cliq_${version}_checksums.txt`;
  fs.writeFileSync(path.join(out, sums), checksums(out, assets));
  for (const name of [...assets, sums].sort()) {
    log(`${formatSize(fs.statSync(path.join(out, name)).size).padStart(9)}  ${name}`);
  }
  log(times.join(", "));
  return out;
}

if (require.main === module) {
  const started = Date.now();
  buildRelease().then(
    (out) => {
      console.log(
        `release:build: ${path.relative(process.cwd(), out)} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    },
    (error: unknown) => {
      console.error(`release:build: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
