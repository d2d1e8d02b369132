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
import { programSource, startOrganisation, writeProject } from "../cli/plugin/support/fixture";
import { yamlProjectFile } from "../cli/plugin/support/projects";
import { mustExec } from "../cli/plugin/support/toolchain";
import { emulatorConfig, Figures, initStack, takeRequests } from "../cli/support/fixture";
import { installTarball, makeProject, repoRoot } from "../cli/support/project";
import { PulumiWorkspace, requirePulumiCli } from "../cli/support/pulumi";
import { archiveName, HOST_PLATFORM, PLUGIN_DOWNLOAD_URL } from "../../scripts/release/platforms";
import { GO_MODULE, GO_PULUMI_SDK } from "../../scripts/release/sdks";
import { goSdkProxy, goUserEnv } from "./support/go-proxy";
import { currentRelease, serveRelease, type Release, type ReleaseServer } from "./support/release";
import { nodeOnPath, userMachine, virtualenvWith, type UserMachine } from "./support/user-machine";

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

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** The served release, the scratch folder its users live in, and the figures of the run. */
class Smoke {
  readonly figures = new Figures();
  private readonly machines = new Map<string, Promise<UserMachine>>();
  constructor(
    readonly release: Release,
    readonly server: ReleaseServer,
    readonly root: string,
  ) {}

  static async start(): Promise<Smoke> {
    requirePulumiCli(repoRoot);
    const started = Date.now();
    const release = await currentRelease();
    const smoke = new Smoke(release, await serveRelease(release), makeTempDir("cliq-release-smoke-"));
    smoke.figures.note(`release ready in ${seconds(started)}`);
    return smoke;
  }

  async close(): Promise<void> {
    this.figures.print("release smoke");
    await this.server.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** A user machine of its own (HOME, PULUMI_HOME, backend) per name. */
  machine(name: string): Promise<UserMachine> {
    if (!this.machines.has(name)) {
      this.machines.set(name, userMachine(path.join(this.root, name), this.server));
    }
    return this.machines.get(name)!;
  }

  /** Inits the stack on an organisation of its own (a failure leaves nothing for the next), runs up and destroy. */
  async upAndDestroy(label: string, workspace: PulumiWorkspace, dir: string, name: string): Promise<void> {
    const org = await startOrganisation();
    try {
      const config = emulatorConfig(org.emulator);
      const plain = { ...config.plain, [`${name}:description`]: "Release smoke" };
      await initStack(workspace, { dir, name, main: "" }, STACK, { ...config, plain });
      await takeRequests(org.control);
      const started = Date.now();
      await workspace.ok(dir, ["up", "--yes", "--skip-preview", "--stack", STACK]);
      this.figures.add(`${label} up (${seconds(started)})`, await takeRequests(org.control));
      assert.deepEqual(describeOrganisation(await org.control.state()), CREATED);
      await workspace.ok(dir, ["destroy", "--yes", "--skip-preview", "--stack", STACK]);
      this.figures.add(`${label} destroy`, await takeRequests(org.control));
      assert.deepEqual(describeOrganisation(await org.control.state()), []);
    } finally {
      await org.emulator.close();
    }
  }

  /** The release server gave out the host's archive, and the machine's PULUMI_HOME holds its executable. */
  assertAcquired(user: UserMachine): void {
    const wanted = `/releases/download/v${this.release.version}/${archiveName(this.release.version, HOST_PLATFORM)}`;
    const seen = this.server.requests;
    assert.ok(
      seen.some((url) => url.endsWith(wanted)),
      `the release server saw ${seen.join(", ")}`,
    );
    const plugins = path.join(user.workspace.env.PULUMI_HOME!, "plugins");
    const file = path.join(plugins, `resource-cliq-v${this.release.version}`, "pulumi-resource-cliq");
    const magic = fs.readFileSync(file).subarray(0, 4).toString("latin1");
    assert.equal(magic, "\x7fELF", "an executable, not a launcher script");
  }
}

async function pluginInstall(smoke: Smoke): Promise<void> {
  const user = await smoke.machine("plugin-install");
  const { version } = smoke.release;
  await user.workspace.ok(user.root, [
    "plugin",
    "install",
    "resource",
    "cliq",
    version,
    "--server",
    PLUGIN_DOWNLOAD_URL,
  ]);
  smoke.assertAcquired(user);
  const listed = JSON.parse((await user.workspace.ok(user.root, ["plugin", "ls", "--json"])).stdout);
  assert.deepEqual(
    listed.map((p: { name: string; version: string }) => `${p.name} ${p.version}`),
    [`cliq ${version}`],
  );
}

async function yamlProgramRuns(smoke: Smoke): Promise<void> {
  const user = await smoke.machine("yaml");
  const name = "release-yaml";
  const dir = writeProject(path.join(user.root, name), {
    "Pulumi.yaml": yamlProjectFile(name, yamlProgram(smoke.release.version)),
  });
  await smoke.upAndDestroy("YAML", user.workspace, dir, name);
  smoke.assertAcquired(user);
}

async function pythonProgramRuns(smoke: Smoke): Promise<void> {
  const user = await smoke.machine("python");
  const wheel = fs.readdirSync(smoke.release.dir).find((file) => file.endsWith(".whl"))!;
  const venv = await virtualenvWith(user, path.join(smoke.release.dir, wheel));
  const name = "release-python";
  const dir = writeProject(path.join(user.root, name), {
    "Pulumi.yaml": `name: ${name}\nruntime:\n  name: python\n  options:\n    virtualenv: ${JSON.stringify(venv)}\n`,
    "__main__.py": programSource("python/lifecycle.py"),
  });
  await smoke.upAndDestroy("Python", user.workspace, dir, name);
  smoke.assertAcquired(user);
}

async function goProgramBuilds(smoke: Smoke): Promise<void> {
  const user = await smoke.machine("go");
  const { version } = smoke.release;
  const env = await goUserEnv(user, await goSdkProxy(path.join(user.root, "goproxy"), version, user.python));
  const dir = writeProject(path.join(user.root, "release-go"), {
    "main.go": programSource("go/lifecycle.go"),
    "go.mod": `module release-go\n\ngo 1.22\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_SDK}\n`,
  });
  const started = Date.now();
  await mustExec("go get of the SDK", user.go, ["get", `${GO_MODULE}@v${version}`], { cwd: dir, env });
  await mustExec("go mod tidy", user.go, ["mod", "tidy"], { cwd: dir, env });
  await mustExec("go build", user.go, ["build", "-o", "bin/program", "."], { cwd: dir, env });
  smoke.figures.note(`Go: get, tidy and build in ${seconds(started)}`);
  assert.match(fs.readFileSync(path.join(dir, "go.mod"), "utf8"), new RegExp(`${GO_MODULE} v${version}`));
  assert.ok(fs.statSync(path.join(dir, "bin", "program")).size > 0);
}

async function typescriptProgramRuns(smoke: Smoke): Promise<void> {
  const root = path.join(smoke.root, "typescript");
  const tarball = path.join(smoke.release.dir, `pulumi-zoho-cliq-${smoke.release.version}.tgz`);
  const install = await installTarball(root, "install", tarball);
  const name = "release-typescript";
  const source = path.join(repoRoot, "tests", "release", "programs", "lifecycle.ts");
  const project = makeProject(install, { dir: path.join(root, name), name, source });
  const workspace = new PulumiWorkspace(requirePulumiCli(repoRoot), path.join(root, "pulumi"), "passphrase");
  await smoke.upAndDestroy("TypeScript", workspace, project.dir, name);
}

const STEPS: [string, (smoke: Smoke) => Promise<void>][] = [
  [
    "the YAML, Python and Go users' PATH has no node",
    async (smoke) => assert.equal(nodeOnPath(await smoke.machine("path-check")), undefined),
  ],
  [
    "`pulumi plugin install resource cliq <version> --server <pluginDownloadURL>` takes the linux-amd64 archive from the release",
    pluginInstall,
  ],
  [
    "a YAML program: the engine downloads the plugin itself; up creates the bot, handler and membership; destroy removes them",
    yamlProgramRuns,
  ],
  [
    "a Python program with the release's wheel pip-installed into a fresh virtualenv: up and destroy",
    pythonProgramRuns,
  ],
  [
    "a Go program builds against the Go SDK module, resolved by `go get <module>@v<version>` as from the tag",
    goProgramBuilds,
  ],
  ["a TypeScript program with the release's npm tarball installed: up and destroy", typescriptProgramRuns],
];

describe("release: installed from its assets alone, as a user installs it", function () {
  this.timeout(600_000);
  let smoke: Smoke | undefined;
  before(async function () {
    this.timeout(1_200_000);
    smoke = await Smoke.start();
  });
  after(() => smoke?.close());
  for (const [title, step] of STEPS) it(title, () => step(smoke!));
});
