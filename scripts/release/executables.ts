/**
 * The plugin as one self-contained executable per platform: Node's single executable applications. The esbuild
 * bundle of the plugin becomes a SEA blob (made once, by the linux-x64 Node of NODE_VERSION, without code cache
 * or snapshot so that it is the same for every platform), postject injects it into each platform's official
 * Node binary, darwin executables get an ad-hoc signature, and each is checked before it is archived.
 */
import * as fs from "fs";
import * as path from "path";
import { bundle } from "../pack-plugin";
import { executableProblems, RESOURCE_NAME, stripAuthenticode } from "./inspect";
import { reserveCodeSignature } from "./macho";
import {
  archiveName,
  executableName,
  HOST_PLATFORM,
  PLATFORMS,
  platformName,
  SEA_FUSE,
  type Platform,
} from "./platforms";
import { adhocSigner, nodeBinary, postject, run } from "./tools";

/** Bundles the plugin and makes the SEA blob from it; returns the blob. */
export async function seaBlob(work: string): Promise<Buffer> {
  const script = path.join(work, "pulumi-resource-cliq.js");
  await bundle(script);
  const config = {
    main: script,
    output: path.join(work, "sea.blob"),
    disableExperimentalSEAWarning: true,
    useCodeCache: false,
    useSnapshot: false,
  };
  fs.writeFileSync(path.join(work, "sea-config.json"), JSON.stringify(config, null, 2));
  const node = await nodeBinary(HOST_PLATFORM);
  await run("Making the SEA blob", node, ["--experimental-sea-config", path.join(work, "sea-config.json")], {
    cwd: work,
  });
  return fs.readFileSync(config.output);
}

/** Writes the executable of `platform` into `dir`, injecting `blobFile` (whose content is `blob`); returns its path. */
async function buildExecutable(
  platform: Platform,
  blob: Buffer,
  blobFile: string,
  dir: string,
): Promise<string> {
  const file = path.join(dir, executableName(platform));
  fs.mkdirSync(dir, { recursive: true });
  const original = fs.readFileSync(await nodeBinary(platform));
  // Node's own signature would no longer match once the blob is in: drop it (Node's documentation does too).
  const node = platform.format === "pe" ? stripAuthenticode(original) : original;
  fs.writeFileSync(file, node, { mode: 0o755 });
  const macho = platform.format === "macho" ? ["--macho-segment-name", "NODE_SEA"] : [];
  const args = [file, RESOURCE_NAME, blobFile, "--sentinel-fuse", SEA_FUSE, "--overwrite", ...macho];
  await run(`Injecting the blob (${platformName(platform)})`, process.execPath, [await postject(), ...args]);
  if (platform.format === "macho") {
    // postject removes Node's signature; arm64 macOS starts nothing unsigned, so sign ad hoc.
    const unsigned = `${file}.unsigned`;
    fs.writeFileSync(unsigned, reserveCodeSignature(fs.readFileSync(file)));
    await run(`Signing the ${platformName(platform)} executable`, await adhocSigner(), [unsigned, file]);
    fs.rmSync(unsigned);
    fs.chmodSync(file, 0o755);
  }
  const problems = executableProblems(fs.readFileSync(file), { ...platform, blob });
  if (problems.length) throw new Error(`${platformName(platform)} executable: ${problems.join("; ")}`);
  return file;
}

export interface BuiltPlatform {
  platform: Platform;
  executable: string;
  archive: string;
}

/** Builds, checks and archives the executable of every platform into `out`; `work` holds the staging. */
export async function buildPluginArchives(
  version: string,
  out: string,
  work: string,
): Promise<BuiltPlatform[]> {
  const blob = await seaBlob(work);
  const built: BuiltPlatform[] = [];
  for (const platform of PLATFORMS) {
    const stage = path.join(work, platformName(platform));
    fs.rmSync(stage, { recursive: true, force: true });
    const executable = await buildExecutable(platform, blob, path.join(work, "sea.blob"), stage);
    const archive = path.join(out, archiveName(version, platform));
    await run(`Archiving ${platformName(platform)}`, "tar", [
      "-czf",
      archive,
      "-C",
      stage,
      executableName(platform),
    ]);
    built.push({ platform, executable, archive });
  }
  return built;
}
