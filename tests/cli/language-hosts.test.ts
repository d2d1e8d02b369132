/**
 * The language hosts that `scripts/install-pulumi.sh` installs next to the CLI, through the real CLI: a trivial
 * program (stack outputs only, so no provider) runs with `pulumi up` in Python, Go and YAML; `pulumi package
 * gen-sdk` writes Python and Go SDKs of a one-resource schema; `pulumi convert --from pcl` and the host's
 * GenerateProgram call (what `pulumi import` uses to print code) turn PCL into Python. No test is skipped:
 * without the CLI, or without the Python virtualenv the install script makes, they fail and say what to run.
 */
import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as LanguageGrpc from "@pulumi/pulumi/proto/language_grpc_pb";
import type * as LanguageProto from "@pulumi/pulumi/proto/language_pb";
import { PulumiWorkspace, requirePulumiCli } from "./support/pulumi";

const repoRoot = path.resolve(__dirname, "..", "..");
const STACK = "dev";

/** The virtualenv with the `pulumi` package from PyPI that scripts/install-pulumi.sh makes. */
function requirePythonVenv(): string {
  const venv = path.join(repoRoot, ".cache", "python", "venv");
  if (!fs.existsSync(path.join(venv, "bin", "python"))) {
    throw new Error(
      `Python programs need the virtualenv ${venv} with the pulumi package: run \`npm run pulumi:install\`.`,
    );
  }
  return venv;
}

/** The sdk/v3 version the CLI is built from, which a Go program's go.mod requires. */
function pinnedSdkVersion(): string {
  const goMod = fs.readFileSync(path.join(repoRoot, "tools", "pulumi-cli", "go.mod"), "utf8");
  const version = /^require github\.com\/pulumi\/pulumi\/pkg\/v3 (v[\d.]+)$/m.exec(goMod)?.[1];
  if (!version) throw new Error("tools/pulumi-cli/go.mod pins no github.com/pulumi/pulumi/pkg/v3 version");
  return version;
}

function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const TINY_SCHEMA = {
  name: "tiny",
  version: "0.0.1",
  resources: {
    "tiny:index:Widget": {
      properties: { size: { type: "integer" } },
      required: ["size"],
      inputProperties: { size: { type: "integer" } },
      requiredInputs: ["size"],
    },
  },
  language: { go: { importBasePath: "example.com/tiny/sdk/go/tiny" } },
};

const PCL_PROGRAM = `config greeting string {
  default = "hello"
}
output message {
  value = "\${greeting} world"
}
`;

describe("CLI: language hosts for Python, Go and YAML", function () {
  this.timeout(120_000);
  let cli: string;
  let tmp: string;
  let ws: PulumiWorkspace;

  before(() => {
    cli = requirePulumiCli(repoRoot);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-language-hosts-"));
    ws = new PulumiWorkspace(cli, path.join(tmp, "workspace"), "cliq-language-hosts-passphrase");
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function upAndReadOutput(dir: string, env: Record<string, string> = {}): Promise<unknown> {
    await ws.ok(dir, ["stack", "init", STACK]);
    await ws.ok(dir, ["up", "--yes", "--stack", STACK], { env });
    const outputs = await ws.ok(dir, ["stack", "output", "--json", "--stack", STACK]);
    return JSON.parse(outputs.stdout);
  }

  it("runs a Python program with `pulumi up` in the virtualenv of its Pulumi.yaml", async () => {
    const venv = requirePythonVenv();
    const dir = writeFiles(path.join(tmp, "python"), {
      "Pulumi.yaml": `name: hosts-python\nruntime:\n  name: python\n  options:\n    virtualenv: ${venv}\n`,
      "__main__.py": 'import pulumi\n\npulumi.export("greeting", "hello from python")\n',
    });
    assert.deepEqual(await upAndReadOutput(dir), { greeting: "hello from python" });
  });

  it("runs a YAML program with `pulumi up`", async () => {
    const dir = writeFiles(path.join(tmp, "yaml"), {
      "Pulumi.yaml":
        "name: hosts-yaml\nruntime: yaml\nvariables:\n  who: yaml\noutputs:\n  greeting: hello from ${who}\n",
    });
    assert.deepEqual(await upAndReadOutput(dir), { greeting: "hello from yaml" });
  });

  it("builds and runs a Go program with `pulumi up`", async function () {
    // The first build compiles the Go SDK: about a minute and a half on two cores, then Go's cache has it.
    this.timeout(600_000);
    const dir = writeFiles(path.join(tmp, "go"), {
      "Pulumi.yaml": "name: hosts-go\nruntime: go\n",
      "go.mod": `module hostsgo\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${pinnedSdkVersion()}\n`,
      "main.go": [
        "package main",
        "",
        'import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
        "",
        "func main() {",
        "\tpulumi.Run(func(ctx *pulumi.Context) error {",
        '\t\tctx.Export("greeting", pulumi.String("hello from go"))',
        "\t\treturn nil",
        "\t})",
        "}",
        "",
      ].join("\n"),
    });
    // -mod=mod lets `go build` write the go.sum this program comes without.
    assert.deepEqual(await upAndReadOutput(dir, { GOFLAGS: "-mod=mod" }), { greeting: "hello from go" });
  });

  it("`pulumi package gen-sdk` writes Python and Go SDKs of a schema", async () => {
    const dir = writeFiles(path.join(tmp, "gen-sdk"), { "schema.json": JSON.stringify(TINY_SCHEMA) });
    for (const language of ["python", "go"]) {
      await ws.ok(dir, ["package", "gen-sdk", "schema.json", "--language", language, "--out", "sdk"]);
    }
    const widgetPy = fs.readFileSync(path.join(dir, "sdk", "python", "pulumi_tiny", "widget.py"), "utf8");
    assert.match(widgetPy, /class Widget\(pulumi\.CustomResource\)/);
    assert.match(widgetPy, /def size\(self\) -> pulumi\.Output\[(_builtins\.)?int\]/);
    const widgetGo = fs.readFileSync(path.join(dir, "sdk", "go", "tiny", "widget.go"), "utf8");
    assert.match(widgetGo, /type Widget struct/);
    assert.match(widgetGo, /func NewWidget\(ctx \*pulumi\.Context/);
  });

  it("`pulumi convert --from pcl` writes a Python project", async () => {
    const src = writeFiles(path.join(tmp, "pcl"), { "main.pp": PCL_PROGRAM });
    const out = path.join(tmp, "converted-python");
    await ws.ok(src, ["convert", "--from", "pcl", "--language", "python", "--out", out, "--generate-only"]);
    const main = fs.readFileSync(path.join(out, "__main__.py"), "utf8");
    assert.match(main, /^import pulumi$/m);
    assert.match(main, /pulumi\.export\("message", f"\{greeting\} world"\)/);
    assert.match(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8"), /runtime: python/);
  });

  it("the Python host's GenerateProgram, which `pulumi import` prints, turns PCL into Python", async () => {
    const host = await startHost(path.join(path.dirname(cli), "pulumi-language-python"));
    try {
      const request = new host.proto.GenerateProgramRequest();
      request.getSourceMap().set("main.pp", PCL_PROGRAM);
      // A program without resources loads no schema, so nothing need answer at the loader's address.
      request.setLoaderTarget("127.0.0.1:1");
      const response = await new Promise<LanguageProto.GenerateProgramResponse>((resolve, reject) =>
        host.client.generateProgram(request, (error, reply) => (error ? reject(error) : resolve(reply))),
      );
      assert.deepEqual(response.getDiagnosticsList(), []);
      const source = response.getSourceMap().get("__main__.py");
      const text = typeof source === "string" ? source : Buffer.from(source ?? []).toString("utf8");
      assert.match(text, /greeting = config\.get\("greeting"\)/);
      assert.match(text, /pulumi\.export\("message", f"\{greeting\} world"\)/);
    } finally {
      host.stop();
    }
  });
});

interface RunningHost {
  client: LanguageGrpc.LanguageRuntimeClient;
  proto: typeof LanguageProto;
  stop(): void;
}

/** Starts a language host as the engine does (its port is its first line on stdout) and connects to it. */
async function startHost(bin: string): Promise<RunningHost> {
  if (!fs.existsSync(bin)) throw new Error(`no language host at ${bin}: run \`npm run pulumi:install\``);
  // The stubs and grpc-js as @pulumi/pulumi ships them, so both share one grpc-js instance.
  const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
  const grpc: typeof GrpcModule = fromPulumi("@grpc/grpc-js");
  const grpcStubs: typeof LanguageGrpc = fromPulumi("./proto/language_grpc_pb");
  const proto: typeof LanguageProto = fromPulumi("./proto/language_pb");

  const child: ChildProcess = spawn(bin, [], { stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(Number(line[1]));
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${bin} exited with ${code} before its port:\n${err}`)));
  });
  const client = new grpcStubs.LanguageRuntimeClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    proto,
    stop() {
      client.close();
      child.kill();
    },
  };
}
