/**
 * The distributable: `npm run plugin:pack`'s archive holds an executable launcher and one bundled file, and
 * the launcher, started the way the engine starts a plugin (engine address as argument, port read from the
 * first stdout line), serves a whole create against an emulated organisation with nothing else installed.
 */
import { strict as assert } from "assert";
import { execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as grpc from "@grpc/grpc-js";
import * as os from "os";
import * as path from "path";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { startFakeEngine, type FakeEngine } from "../../engine-stand-in/fake-engine";
import { packPlugin } from "../../scripts/pack-plugin";
import { callPlugin, configure, resourceCalls, startOrg, type Org, type Plugin } from "./support";

/** Starts the launcher and resolves to the port it prints first. */
function startLauncher(launcher: string, engine: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // An empty environment but PATH: no CLIQ_* variable, no node_modules of this repository to fall back on.
    const child = spawn(launcher, [engine], { env: { PATH: process.env.PATH }, cwd: os.tmpdir() });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n");
      if (line.length > 1) resolve({ child, port: Number(line[0]) });
    });
    child.on("exit", (code) => reject(new Error(`the plugin exited with ${code}: ${stderr}`)));
  });
}

describe("plugin: the archive", function () {
  this.timeout(120_000);
  let dir: string;
  let archive: string;
  let child: ChildProcess | undefined;
  let engine: FakeEngine;
  let org: Org;

  before(async () => {
    archive = await packPlugin();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-plugin-archive-"));
    execFileSync("tar", ["-xzf", archive, "-C", dir]);
    engine = await startFakeEngine();
    org = await startOrg("archive");
  });
  after(async () => {
    child?.kill();
    await engine?.close();
    await org?.emulator.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is named after the package version and holds the executable launcher and one bundle", () => {
    const version = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
    ).version;
    assert.equal(path.basename(archive), `pulumi-resource-cliq-v${version}.tar.gz`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["pulumi-resource-cliq", "pulumi-resource-cliq.js"]);
    assert.ok(fs.statSync(path.join(dir, "pulumi-resource-cliq")).mode & 0o100, "the launcher is executable");
    const bundle = fs.readFileSync(path.join(dir, "pulumi-resource-cliq.js"), "utf8");
    assert.ok(!/require\("(axios|zod|lossless-json|@grpc\/grpc-js|google-protobuf)"\)/.test(bundle));
  });

  it("prints its port first and serves Configure, Check and Create like the in-process server", async () => {
    const started = await startLauncher(path.join(dir, "pulumi-resource-cliq"), engine.address);
    child = started.child;
    assert.ok(started.port > 0);
    const client = new ResourceProviderClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
    const plugin = {
      engine,
      responses: [],
      call: <Res>(method: string, request: unknown) => callPlugin<Res>(client, method, request),
    } as unknown as Plugin;
    assert.deepEqual(await configure(plugin, org.config), []);
    const calls = resourceCalls(plugin);
    const { failures } = await calls.check("cliq:index:Bot", { name: "x".repeat(21), description: "d" });
    assert.match(failures[0]!.reason, /20 characters/);
    const created = await calls.create("cliq:index:Bot", { name: "Bundled", description: "d" });
    assert.equal((await org.control.state()).bots[0]!.name, "Bundled");
    assert.equal(created.outs.botId, created.id);
    client.close();
  });
});
