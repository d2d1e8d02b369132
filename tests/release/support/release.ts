/**
 * The release the smoke suites install from: `npm run release:build`'s folder, rebuilt (once per run) when it is
 * missing or older than what it is made from, and served over loopback HTTP the way GitHub serves a release's
 * assets (`/<owner>/<repo>/releases/download/v<version>/<asset>`), every request logged.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { buildRelease, buildStartedFile } from "../../../scripts/release/build";
import { newestMtime } from "../../cli/plugin/support/toolchain";
import { packageVersion, PLUGIN_DOWNLOAD_URL, releaseDir, ROOT } from "../../../scripts/release/platforms";

/** What a release is made from: a file changed since its build began makes it stale. */
const SOURCES = [
  "provider",
  "cliq-api",
  "sdk",
  "dist",
  "scripts/release",
  "scripts/pack-plugin.ts",
  "package.json",
  "package-lock.json",
];

export interface Release {
  dir: string;
  version: string;
  checksumsFile: string;
}

let release: Promise<Release> | undefined;

/** The current release folder, built by `buildRelease` first when stale (its lines printed as figures). */
export function currentRelease(): Promise<Release> {
  release ??= (async () => {
    const version = packageVersion();
    const dir = releaseDir(version);
    const checksumsFile = path.join(dir, `pulumi-cliq_${version}_checksums.txt`);
    const sources = Math.max(...SOURCES.map((entry) => newestMtime(path.join(ROOT, entry))));
    const stamp = buildStartedFile(version);
    const complete = fs.existsSync(checksumsFile) && fs.existsSync(stamp);
    if (!complete || fs.statSync(stamp).mtimeMs < sources) {
      const started = Date.now();
      await buildRelease((line) => console.log(`      ${line}`), { checkGoSdk: false });
      console.log(`      release build: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    return { dir, version, checksumsFile };
  })();
  return release;
}

export interface ReleaseServer {
  /** The URL a release's assets are under, as on GitHub: `<origin>/<owner>/<repo>/releases/download/v<version>`. */
  downloadUrl: string;
  /** `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES`: the schema's github:// source redirected here. */
  override: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `release.dir` on a free loopback port; 404 for anything but its assets. */
export async function serveRelease(release: Release): Promise<ReleaseServer> {
  const repoPath = PLUGIN_DOWNLOAD_URL.replace(/^github:\/\/api\.github\.com\//, "");
  const prefix = `/${repoPath}/releases/download/v${release.version}/`;
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = request.url ?? "";
    requests.push(url);
    const name = url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : "";
    const file = path.join(release.dir, name);
    if (!name || name.includes("/") || !fs.existsSync(file)) {
      response.writeHead(404).end("Not Found");
      return;
    }
    response.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": fs.statSync(file).size,
    });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const downloadUrl = `http://127.0.0.1:${port}${prefix.replace(`v${release.version}/`, "v${VERSION}")}`;
  return {
    downloadUrl,
    // The CLI matches the regex against the plugin's source URL and then fetches
    // `<url with ${VERSION} filled in>/pulumi-resource-cliq-v<version>-<os>-<arch>.tar.gz`.
    override: `^${PLUGIN_DOWNLOAD_URL.replace(/[.]/g, "\\.")}$=${downloadUrl}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
