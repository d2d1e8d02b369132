/**
 * SDKs generated from the plugin's schema by `pulumi package gen-sdk`, the way a provider author publishes them,
 * and the language environments that use them: a Python virtualenv with `pulumi` from PyPI and the generated
 * `pulumi_cliq` installed, and Go modules resolved through the module proxy with the generated SDK replaced in.
 * Generated SDKs and the virtualenv are cached under .cache/ by what they were made from.
 */
import * as fs from "fs";
import * as path from "path";
import type { PulumiWorkspace } from "../../support/pulumi";
import { repoRoot } from "../../support/project";
import {
  digest,
  mustExec,
  requireLanguageHost,
  requireTool,
  SCHEMA,
  schemaText,
  type Language,
} from "./toolchain";

/** The Python SDK from PyPI the virtualenv holds. */
export const PYTHON_PULUMI_VERSION = "3.272.0";
/** The Go SDK the Go program requires (the CLI's own version, in the module cache after the CLI build). */
export const GO_PULUMI_VERSION = "v3.274.1";

const sdkCache = path.join(repoRoot, ".cache", "plugin-sdk");
const pythonCache = path.join(repoRoot, ".cache", "python");

const generated = new Map<Language, Promise<string>>();

/**
 * `pulumi package gen-sdk <schema> --language <language>`, once per schema, CLI and host: the folder holding the
 * generated SDK (its `<language>` subfolder as the CLI writes it).
 */
export function generatedSdk(workspace: PulumiWorkspace, language: "python" | "go"): Promise<string> {
  let sdk = generated.get(language);
  if (!sdk) {
    sdk = (async () => {
      // Made from the schema by the CLI and the language host: a rebuilt host makes a new SDK.
      const host = requireLanguageHost(workspace.cli, language);
      const key = digest(schemaText(), workspace.cli, String(fs.statSync(host).mtimeMs));
      const dir = path.join(sdkCache, key, language);
      if (fs.existsSync(path.join(dir, ".complete"))) return path.join(dir, language);
      // SDKs of earlier schemas are of no further use.
      for (const old of fs.existsSync(sdkCache) ? fs.readdirSync(sdkCache) : []) {
        if (old !== key) fs.rmSync(path.join(sdkCache, old, language), { recursive: true, force: true });
      }
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      await workspace.ok(dir, ["package", "gen-sdk", SCHEMA, "--language", language, "--out", dir]);
      fs.writeFileSync(path.join(dir, ".complete"), "");
      return path.join(dir, language);
    })();
    generated.set(language, sdk);
  }
  return sdk;
}

let venv: Promise<string> | undefined;

/**
 * A virtualenv (cached in .cache/python/) with `pulumi` from PyPI and this schema's generated `pulumi_cliq`
 * installed; its folder, for the project's `runtime.options.virtualenv`.
 */
export function pythonVirtualenv(workspace: PulumiWorkspace): Promise<string> {
  venv ??= (async () => {
    const python = requireTool("python3", "The Python plugin suites");
    const version = (
      await mustExec("Asking Python its version", python, ["--version"], { cwd: repoRoot })
    ).trim();
    const dir = path.join(pythonCache, digest(version, PYTHON_PULUMI_VERSION));
    const pip = (what: string, args: string[]) =>
      mustExec(what, path.join(dir, "bin", "python"), ["-m", "pip", "install", "--quiet", ...args], {
        cwd: repoRoot,
      });
    if (!fs.existsSync(path.join(dir, ".ready"))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(pythonCache, { recursive: true });
      await mustExec("Creating the Python virtualenv", python, ["-m", "venv", dir], { cwd: repoRoot });
      await pip("Installing pulumi from PyPI", [`pulumi==${PYTHON_PULUMI_VERSION}`]);
      fs.writeFileSync(path.join(dir, ".ready"), `${version} pulumi==${PYTHON_PULUMI_VERSION}\n`);
    }
    const sdk = await generatedSdk(workspace, "python");
    const installed = path.join(dir, ".pulumi_cliq");
    if (!fs.existsSync(installed) || fs.readFileSync(installed, "utf8") !== sdk) {
      await pip("Installing the generated pulumi_cliq SDK", ["--no-deps", "--force-reinstall", sdk]);
      fs.writeFileSync(installed, sdk);
    }
    return dir;
  })();
  return venv;
}

/** The generated Go SDK's module path, from the schema's Go options. */
export function goSdkModule(): string {
  const schema = JSON.parse(schemaText()) as { language?: { go?: { importBasePath?: string } } };
  const base = schema.language?.go?.importBasePath;
  if (!base) throw new Error(`${SCHEMA} names no language.go.importBasePath for the Go SDK`);
  return base;
}

/**
 * The generated Go package's folder (`<out>/go/<last element of the import path>`), a module of its own as a
 * program's `replace` needs: gen-sdk writes no go.mod there, so one is added naming the import path.
 */
export async function goSdkFolder(workspace: PulumiWorkspace): Promise<string> {
  const module = goSdkModule();
  const folder = path.join(await generatedSdk(workspace, "go"), module.split("/").pop()!);
  if (!fs.existsSync(folder)) throw new Error(`gen-sdk --language go wrote no ${folder}`);
  const goMod = path.join(folder, "go.mod");
  if (!fs.existsSync(goMod)) {
    fs.writeFileSync(
      goMod,
      `module ${module}\n\ngo 1.22\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_VERSION}\n`,
    );
  }
  return folder;
}
