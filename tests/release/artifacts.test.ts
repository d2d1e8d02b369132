/**
 * What `npm run release:build` writes, checked file by file: every asset named as Pulumi, npm and PyPI expect and
 * listed with its SHA-256; the linux-amd64 plugin executed; the other four executables, which this machine cannot
 * run, inspected: format and machine, the SEA blob where that platform's Node looks for it, the fuse, and on
 * darwin a valid ad-hoc signature. The inspector itself is shown to reject Node's plain binaries and a tampered
 * signature, so that a pass means something.
 */
import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkCodeSignature } from "../../scripts/release/macho";
import { executableProblems, inspectExecutable } from "../../scripts/release/inspect";
import {
  archiveName,
  executableName,
  PLATFORMS,
  platformName,
  PLUGIN_DOWNLOAD_URL,
  type Platform,
} from "../../scripts/release/platforms";
import { nodeBinary } from "../../scripts/release/tools";
import { currentRelease, type Release } from "./support/release";

/** Starts the executable as the engine does (engine address last) in an empty environment; resolves its first line. */
function firstLine(executable: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, ["127.0.0.1:1"], { env: {}, cwd: os.tmpdir() });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("\n")) {
        child.kill();
        resolve(stdout.split("\n")[0]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`the plugin exited with ${code}: ${stderr}`)));
  });
}

describe("release: the artifacts of `npm run release:build`", function () {
  this.timeout(120_000);
  let release: Release;
  let dir: string;
  let blob: Buffer;
  const executables = new Map<Platform, Buffer>();

  before(async function () {
    this.timeout(1_200_000);
    release = await currentRelease();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-release-artifacts-"));
    for (const platform of PLATFORMS) {
      const into = path.join(dir, platformName(platform));
      fs.mkdirSync(into);
      execFileSync("tar", [
        "-xzf",
        path.join(release.dir, archiveName(release.version, platform)),
        "-C",
        into,
      ]);
      assert.deepEqual(fs.readdirSync(into), [executableName(platform)], `${platformName(platform)} archive`);
      executables.set(platform, fs.readFileSync(path.join(into, executableName(platform))));
    }
    blob = fs.readFileSync(path.join(release.dir, "..", `work-v${release.version}`, "sea.blob"));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it("names every asset for its registry and lists each in the checksums file with its SHA-256", () => {
    const v = release.version;
    const expected = [
      ...PLATFORMS.map((p) => archiveName(v, p)),
      `pulumi-zoho-cliq-${v}.tgz`,
      `pulumi_cliq-${v}-py3-none-any.whl`,
      `pulumi_cliq-${v}.tar.gz`,
      "schema.json",
    ].sort();
    const checksums = path.basename(release.checksumsFile);
    assert.deepEqual(fs.readdirSync(release.dir).sort(), [...expected, checksums].sort());
    const listed = fs.readFileSync(release.checksumsFile, "utf8").trim().split("\n");
    const actual = expected.map((name) => {
      const sha = createHash("sha256")
        .update(fs.readFileSync(path.join(release.dir, name)))
        .digest("hex");
      return `${sha}  ${name}`;
    });
    assert.deepEqual(listed, actual);
  });

  it("the linux-amd64 executable runs with no Node.js and nothing in its environment, printing its port", async () => {
    const linux = path.join(dir, "linux-amd64", "pulumi-resource-cliq");
    assert.ok(fs.statSync(linux).mode & 0o100, "executable");
    assert.match(await firstLine(linux), /^\d+$/);
  });

  for (const platform of PLATFORMS) {
    const what = platform.format === "macho" ? ", ad-hoc signed" : "";
    it(`the ${platformName(platform)} executable is ${platform.format} for its machine, carrying the blob${what}`, () => {
      assert.deepEqual(executableProblems(executables.get(platform)!, { ...platform, blob }), []);
    });
  }

  it("the inspector finds no blob and an unflipped fuse in Node's own binaries", async () => {
    for (const platform of PLATFORMS) {
      const plain = inspectExecutable(fs.readFileSync(await nodeBinary(platform)), platform.format);
      assert.equal(plain.blob, undefined, platformName(platform));
      assert.equal(plain.fuseFlipped, false, platformName(platform));
    }
  });

  it("a darwin executable changed in one byte fails the signature check on that page", () => {
    const arm = PLATFORMS.find((p) => p.os === "darwin" && p.arch === "arm64")!;
    const tampered = Buffer.from(executables.get(arm)!);
    tampered[5 * 4096 + 17] ^= 0xff;
    assert.deepEqual(checkCodeSignature(tampered).badPages, [5]);
    assert.deepEqual(executableProblems(tampered, { ...arm, blob }), ["no valid ad-hoc code signature"]);
  });

  it("the wheel's pulumi_cliq and the schema send the engine to the GitHub releases for this version", () => {
    const wheel = path.join(release.dir, `pulumi_cliq-${release.version}-py3-none-any.whl`);
    const plugin = JSON.parse(
      execFileSync("unzip", ["-p", wheel, "pulumi_cliq/pulumi-plugin.json"], { encoding: "utf8" }),
    );
    assert.deepEqual(plugin, {
      resource: true,
      name: "cliq",
      version: release.version,
      server: PLUGIN_DOWNLOAD_URL,
    });
    const schema = JSON.parse(fs.readFileSync(path.join(release.dir, "schema.json"), "utf8"));
    assert.equal(schema.pluginDownloadURL, PLUGIN_DOWNLOAD_URL);
    assert.equal(schema.version, release.version);
  });

  it("the npm tarball is the package at this version", () => {
    const tarball = path.join(release.dir, `pulumi-zoho-cliq-${release.version}.tgz`);
    const manifest = JSON.parse(
      execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
    );
    assert.equal(`${manifest.name}@${manifest.version}`, `pulumi-zoho-cliq@${release.version}`);
  });
});
