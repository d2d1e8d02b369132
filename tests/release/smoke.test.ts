/**
 * The release, installed as users install it, from its assets alone: the release folder served over loopback as
 * GitHub serves release assets (the CLI redirected to it by PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES), a fresh HOME
 * and PULUMI_HOME, and no `node` on PATH for the YAML, Python and Go users. The engine acquires the plugin by
 * itself (never `--file`); each program runs up and destroy against the emulator, its requests counted.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { makeTempDir } from "../../engine-stand-in";
import { describeOrganisation } from "../cli/plugin/support/lifecycle";
import {
  programSource,
  startOrganisation,
  writeProject,
  type Organisation,
} from "../cli/plugin/support/fixture";
import { yamlProjectFile } from "../cli/plugin/support/projects";
import { PYTHON_PULUMI_VERSION } from "../cli/plugin/support/sdks";
import { mustExec } from "../cli/plugin/support/toolchain";
import { emulatorConfig, Figures, initStack, takeRequests } from "../cli/support/fixture";
import { installTarball, makeProject, repoRoot } from "../cli/support/project";
import { PulumiWorkspace, requirePulumiCli } from "../cli/support/pulumi";
import { archiveName, HOST_PLATFORM, PLUGIN_DOWNLOAD_URL } from "../../scripts/release/platforms";
import { GO_MODULE, GO_PULUMI_SDK } from "../../scripts/release/sdks";
import { goSdkProxy } from "./support/go-proxy";
import { currentRelease, serveRelease, type Release, type ReleaseServer } from "./support/release";
import { nodeOnPath, userMachine, type UserMachine } from "./support/user-machine";

const STACK = "dev";
const CREATED = [
  "bot Pipeline Alerts: Release smoke",
  "member pipelinealerts of ops",
  "menu Help of Pipeline Alerts",
];

/** lifecycle.yaml with each resource naming the plugin's version and download URL, as a YAML user writes it. */
function yamlProgram(version: string): string {
  const doc = YAML.parseDocument(programSource("yaml/lifecycle.yaml"));
  const resources = doc.get("resources") as YAML.YAMLMap<YAML.Scalar<string>, YAML.YAMLMap>;
  for (const pair of resources.items)
    pair.value!.set("options", { version, pluginDownloadURL: PLUGIN_DOWNLOAD_URL });
  return doc.toString();
}

describe("release: installed from its assets alone, as a user installs it", function () {
  this.timeout(600_000);
  let release: Release;
  let server: ReleaseServer;
  let root: string;
  const figures = new Figures();
  const machines: Record<string, UserMachine> = {};
  const machine = async (name: string) =>
    (machines[name] ??= await userMachine(path.join(root, name), server));
  const archive = () => archiveName(release.version, HOST_PLATFORM);

  before(async function () {
    this.timeout(1_200_000);
    requirePulumiCli(repoRoot);
    const started = Date.now();
    release = await currentRelease();
    figures.note(`release ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    server = await serveRelease(release);
    root = makeTempDir("cliq-release-smoke-");
  });
  after(async () => {
    figures.print("release smoke");
    await server?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  /**
   * Inits the stack against an organisation of its own (one program's failure leaves nothing for the next), runs
   * up and destroy, and checks what each did in Cliq.
   */
  async function upAndDestroy(label: string, workspace: PulumiWorkspace, dir: string, name: string) {
    const org = await startOrganisation();
    try {
      await lifecycle(org, label, workspace, dir, name);
    } finally {
      await org.emulator.close();
    }
  }

  async function lifecycle(
    org: Organisation,
    label: string,
    workspace: PulumiWorkspace,
    dir: string,
    name: string,
  ) {
    const config = emulatorConfig(org.emulator);
    const plain = { ...config.plain, [`${name}:description`]: "Release smoke" };
    await initStack(workspace, { dir, name, main: "" }, STACK, { ...config, plain });
    await takeRequests(org.control);
    const started = Date.now();
    await workspace.ok(dir, ["up", "--yes", "--skip-preview", "--stack", STACK]);
    figures.add(
      `${label} up (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      await takeRequests(org.control),
    );
    assert.deepEqual(describeOrganisation(await org.control.state()), CREATED);
    await workspace.ok(dir, ["destroy", "--yes", "--skip-preview", "--stack", STACK]);
    figures.add(`${label} destroy`, await takeRequests(org.control));
    assert.deepEqual(describeOrganisation(await org.control.state()), []);
  }

  /** The plugin the engine installed into the machine's PULUMI_HOME: the release's self-contained executable. */
  function assertAcquired(user: UserMachine): void {
    const wanted = `/releases/download/v${release.version}/${archive()}`;
    assert.ok(
      server.requests.some((url) => url.endsWith(wanted)),
      `the release server saw ${server.requests.join(", ")}`,
    );
    const installed = path.join(
      user.workspace.env.PULUMI_HOME!,
      "plugins",
      `resource-cliq-v${release.version}`,
    );
    const executable = fs.readFileSync(path.join(installed, "pulumi-resource-cliq"));
    assert.equal(
      executable.subarray(0, 4).toString("latin1"),
      "\x7fELF",
      "an executable, not a launcher script",
    );
  }

  it("the YAML, Python and Go users' PATH has no node", async () => {
    assert.equal(nodeOnPath(await machine("path-check")), undefined);
  });

  it("`pulumi plugin install resource cliq <version> --server <pluginDownloadURL>` takes the linux-amd64 archive from the release", async () => {
    const user = await machine("plugin-install");
    const args = ["plugin", "install", "resource", "cliq", release.version, "--server", PLUGIN_DOWNLOAD_URL];
    await user.workspace.ok(user.root, args);
    assertAcquired(user);
    const listed = JSON.parse((await user.workspace.ok(user.root, ["plugin", "ls", "--json"])).stdout);
    assert.deepEqual(
      listed.map((p: { name: string; version: string }) => `${p.name} ${p.version}`),
      [`cliq ${release.version}`],
    );
  });

  it("a YAML program: the engine downloads the plugin itself; up creates the bot, handler and membership; destroy removes them", async () => {
    const user = await machine("yaml");
    const name = "release-yaml";
    const dir = writeProject(path.join(user.root, name), {
      "Pulumi.yaml": yamlProjectFile(name, yamlProgram(release.version)),
    });
    await upAndDestroy("YAML", user.workspace, dir, name);
    assertAcquired(user);
  });

  it("a Python program with the release's wheel pip-installed into a fresh virtualenv: up and destroy", async () => {
    const user = await machine("python");
    const venv = path.join(user.root, "venv");
    const env = { ...process.env, PATH: user.path, HOME: user.home, PIP_DISABLE_PIP_VERSION_CHECK: "1" };
    await mustExec("Creating the virtualenv", user.python, ["-m", "venv", venv], { cwd: user.root, env });
    const wheel = fs.readdirSync(release.dir).find((file) => file.endsWith(".whl"))!;
    const pip = [path.join(venv, "bin", "python"), "-m", "pip", "install", "--quiet"] as const;
    // The Python SDK the CLI's tests use, then the wheel (whose own requirement it satisfies).
    const install = [`pulumi==${PYTHON_PULUMI_VERSION}`, path.join(release.dir, wheel)];
    await mustExec("pip install of the wheel", pip[0], [...pip.slice(1), ...install], {
      cwd: user.root,
      env,
    });
    const name = "release-python";
    const dir = writeProject(path.join(user.root, name), {
      "Pulumi.yaml": `name: ${name}\nruntime:\n  name: python\n  options:\n    virtualenv: ${JSON.stringify(venv)}\n`,
      "__main__.py": programSource("python/lifecycle.py"),
    });
    await upAndDestroy("Python", user.workspace, dir, name);
    assertAcquired(user);
  });

  it("a Go program builds against the Go SDK module, resolved by `go get <module>@v<version>` as from the tag", async () => {
    const user = await machine("go");
    const proxy = await goSdkProxy(path.join(user.root, "goproxy"), release.version, user.python);
    const real = (what: string) => mustExec(`go env ${what}`, user.go, ["env", what], { cwd: repoRoot });
    // The module cache is the user's own (a fake tag must not land in the real one); modules already fetched on
    // this machine come from the real cache's download folder before the proxy.
    const env = {
      ...process.env,
      PATH: user.path,
      HOME: user.home,
      GOPROXY: `${proxy},file://${(await real("GOMODCACHE")).trim()}/cache/download,${(await real("GOPROXY")).trim()}`,
      GOMODCACHE: path.join(user.root, "gomodcache"),
      GONOSUMDB: GO_MODULE,
      // -trimpath keeps build-cache keys free of the (temporary) module cache path, so later runs reuse the build.
      GOFLAGS: "-modcacherw -trimpath",
      GOTOOLCHAIN: "local",
      GOCACHE: user.workspace.env.GOCACHE,
      CGO_ENABLED: "0",
    };
    const dir = writeProject(path.join(user.root, "release-go"), {
      "main.go": programSource("go/lifecycle.go"),
      "go.mod": `module release-go\n\ngo 1.22\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_SDK}\n`,
    });
    const started = Date.now();
    await mustExec("go get of the SDK", user.go, ["get", `${GO_MODULE}@v${release.version}`], {
      cwd: dir,
      env,
    });
    await mustExec("go mod tidy", user.go, ["mod", "tidy"], { cwd: dir, env });
    await mustExec("go build", user.go, ["build", "-o", "bin/program", "."], { cwd: dir, env });
    figures.note(`Go: get, tidy and build in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    assert.match(
      fs.readFileSync(path.join(dir, "go.mod"), "utf8"),
      new RegExp(`${GO_MODULE} v${release.version}`),
    );
    assert.ok(fs.statSync(path.join(dir, "bin", "program")).size > 0);
  });

  it("a TypeScript program with the release's npm tarball installed: up and destroy", async () => {
    const tarball = path.join(release.dir, `pulumi-zoho-cliq-${release.version}.tgz`);
    const install = await installTarball(path.join(root, "typescript"), "install", tarball);
    const name = "release-typescript";
    const project = makeProject(install, {
      dir: path.join(root, "typescript", name),
      name,
      source: path.join(repoRoot, "tests", "release", "programs", "lifecycle.ts"),
    });
    const workspace = new PulumiWorkspace(
      requirePulumiCli(repoRoot),
      path.join(root, "typescript", "pulumi"),
      "p",
    );
    await upAndDestroy("TypeScript", workspace, project.dir, name);
  });
});
