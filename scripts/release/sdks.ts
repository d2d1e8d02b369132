/**
 * The Python and Go SDKs of the `cliq` plugin, generated from provider/plugin/schema.json by the real CLI's
 * `pulumi package gen-sdk` (the way Pulumi providers make theirs):
 * - Go: committed in sdk/go/cliq, a module of its own (`github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq`,
 *   the schema's importBasePath), which `go get` resolves once the tag `sdk/go/cliq/v<version>` exists.
 *   `npm run sdk:go` regenerates it; tests/release/go-sdk.test.ts fails when it is stale.
 * - Python: `pulumi_cliq` built at release time into a wheel and an sdist by PyPA's `build`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { locatePulumiCli } from "../../demo/pulumi-cli";
import { GO_IMPORT_BASE } from "../../provider/plugin/package-schema";
import { ROOT, TOOLS_DIR } from "./platforms";
import { run } from "./tools";

export const SCHEMA = path.join(ROOT, "provider", "plugin", "schema.json");
export const GO_SDK_DIR = path.join(ROOT, "sdk", "go", "cliq");
/** The Go module path, which is also the package's import path. */
export const GO_MODULE = GO_IMPORT_BASE;
/** The oldest Pulumi Go SDK the generated code is made for: the CLI's own version. */
export const GO_PULUMI_SDK = "v3.274.1";
/** PyPA's build frontend, installed into a virtualenv of the tools folder. */
const PYTHON_BUILD_VERSION = "1.3.0";

/** The CLI the SDKs are generated with, or a clear error saying how to get it. */
export function requireCli(): string {
  const cli = locatePulumiCli(ROOT);
  if (cli) return cli;
  throw new Error(
    "Generating the SDKs needs the Pulumi CLI: run `npm run pulumi:install` or put `pulumi` on PATH.",
  );
}

/** `pulumi package gen-sdk <schema> --language <language> --out <out>`; returns `<out>/<language>`. */
export async function genSdk(language: "go" | "python", out: string): Promise<string> {
  const cli = requireCli();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-gen-sdk-home-"));
  try {
    const env = {
      ...process.env,
      PATH: [path.dirname(cli), process.env.PATH ?? ""].join(path.delimiter),
      PULUMI_HOME: home,
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    const args = ["package", "gen-sdk", SCHEMA, "--language", language, "--out", out];
    await run(`Generating the ${language} SDK`, cli, args, { env });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
  return path.join(out, language);
}

/** Every file under `dir` as relative path -> content, for comparisons. */
export function filesUnder(
  dir: string,
  skip: (relative: string) => boolean = () => false,
): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.join(sub, entry.name);
      if (skip(relative)) continue;
      if (entry.isDirectory()) walk(relative);
      else files.set(relative, fs.readFileSync(path.join(dir, relative), "utf8"));
    }
  };
  walk("");
  return files;
}

/** Files of the Go SDK folder that are not gen-sdk's: the module's own (written once, kept by `go mod tidy`). */
export const isModuleFile = (relative: string) => relative === "go.mod" || relative === "go.sum";

/** gen-sdk's Go package for the committed schema, in a fresh folder (the caller removes `work`). */
export async function generatedGoPackage(work: string): Promise<string> {
  const out = await genSdk("go", work);
  const pkg = path.join(out, GO_MODULE.split("/").pop()!);
  if (!fs.existsSync(pkg)) throw new Error(`gen-sdk --language go wrote no ${pkg}`);
  return pkg;
}

/** `npm run sdk:go`: regenerates sdk/go/cliq, keeping it a tidy module of its own. */
export async function writeGoSdk(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-go-sdk-"));
  try {
    const pkg = await generatedGoPackage(work);
    fs.mkdirSync(GO_SDK_DIR, { recursive: true });
    for (const relative of filesUnder(GO_SDK_DIR, isModuleFile).keys())
      fs.rmSync(path.join(GO_SDK_DIR, relative));
    fs.cpSync(pkg, GO_SDK_DIR, { recursive: true });
    const goMod = path.join(GO_SDK_DIR, "go.mod");
    if (!fs.existsSync(goMod)) {
      fs.writeFileSync(
        goMod,
        `module ${GO_MODULE}\n\ngo 1.22\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_SDK}\n`,
      );
    }
    await run("Tidying the Go SDK module", "go", ["mod", "tidy"], { cwd: GO_SDK_DIR });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A virtualenv of the tools folder with PyPA's `build`; its python. */
async function buildFrontend(): Promise<string> {
  const venv = path.join(TOOLS_DIR, `python-build-${PYTHON_BUILD_VERSION}`);
  const python = path.join(venv, "bin", "python");
  if (fs.existsSync(path.join(venv, ".complete"))) return python;
  fs.rmSync(venv, { recursive: true, force: true });
  await run("Creating the Python build virtualenv", "python3", ["-m", "venv", venv]);
  const pip = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"];
  await run("Installing PyPA build", python, [...pip, `build==${PYTHON_BUILD_VERSION}`]);
  fs.writeFileSync(path.join(venv, ".complete"), "");
  return python;
}

/** Builds `pulumi_cliq`'s sdist and wheel into `out`; returns their paths. */
export async function buildPythonSdk(out: string, work: string): Promise<string[]> {
  const sdk = await genSdk("python", path.join(work, "python-sdk"));
  // setup.py reads README.md beside itself for PyPI's page; gen-sdk writes it into the package.
  fs.copyFileSync(path.join(sdk, "pulumi_cliq", "README.md"), path.join(sdk, "README.md"));
  const before = new Set(fs.readdirSync(out));
  await run("Building the Python sdist and wheel", await buildFrontend(), [
    "-m",
    "build",
    "--outdir",
    out,
    sdk,
  ]);
  const made = fs.readdirSync(out).filter((name) => !before.has(name));
  if (!made.some((name) => name.endsWith(".whl")) || !made.some((name) => name.endsWith(".tar.gz"))) {
    throw new Error(`python -m build made ${made.join(", ") || "nothing"}, not a wheel and an sdist`);
  }
  return made.map((name) => path.join(out, name));
}

if (require.main === module) {
  writeGoSdk().then(
    () => console.log(path.relative(process.cwd(), GO_SDK_DIR)),
    (error: unknown) => {
      console.error(`sdk:go: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
