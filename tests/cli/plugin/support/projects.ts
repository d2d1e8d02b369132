/**
 * Projects of the plugin suites, one per language, as a user writes them: `Pulumi.yaml` naming the runtime and a
 * program from tests/cli/plugin/programs/. Python runs in the cached virtualenv holding the generated SDK, Go
 * builds against the generated SDK through a `replace`, YAML uses no SDK at all.
 */
import * as path from "path";
import { programSource, writeProject, type PluginFixture } from "./fixture";
import { goSdkFolder, goSdkModule, GO_PULUMI_VERSION, pythonVirtualenv } from "./sdks";
import { mustExec, requireTool, type Language } from "./toolchain";

export interface PluginProject {
  language: Language;
  name: string;
  dir: string;
}

/** A YAML project: the project lines, then the program's text (its `config:`, `resources:`, `outputs:`). */
export function yamlProjectFile(name: string, program: string): string {
  return `name: ${name}\nruntime: yaml\n${program}`;
}

export function yamlProject(fx: PluginFixture, name: string, program: string): PluginProject {
  const dir = writeProject(path.join(fx.dir, name), {
    "Pulumi.yaml": yamlProjectFile(name, programSource(program)),
  });
  return { language: "yaml", name, dir };
}

/** A Python project whose runtime is the cached virtualenv with `pulumi` and the generated `pulumi_cliq`. */
export async function pythonProject(
  fx: PluginFixture,
  name: string,
  program: string,
): Promise<PluginProject> {
  const virtualenv = await pythonVirtualenv(fx.workspace);
  const dir = writeProject(path.join(fx.dir, name), {
    "Pulumi.yaml": [
      `name: ${name}`,
      "runtime:",
      "  name: python",
      "  options:",
      `    virtualenv: ${JSON.stringify(virtualenv)}`,
      "",
    ].join("\n"),
    "__main__.py": programSource(program),
  });
  return { language: "python", name, dir };
}

/** Where a Go project's Pulumi.yaml asks the language host to build the program, relative to the program. */
export const GO_BUILD_TARGET = "bin/cliq-program";

/**
 * A Go project: the program, a go.mod requiring the Pulumi Go SDK and the generated SDK (replaced by its
 * folder), and a go.sum that `go mod tidy` completes from the module proxy (or Go's module cache).
 */
export async function goProject(fx: PluginFixture, name: string, program: string): Promise<PluginProject> {
  const go = requireTool("go", "The Go plugin suite");
  const sdk = await goSdkFolder(fx.workspace);
  const sdkModule = goSdkModule();
  const dir = writeProject(path.join(fx.dir, name), {
    // The build goes where runtime.options.buildTarget says (GO_BUILD_TARGET), not to a temporary folder.
    "Pulumi.yaml": `name: ${name}\nruntime:\n  name: go\n  options:\n    buildTarget: ${GO_BUILD_TARGET}\n`,
    "main.go": programSource(program),
    "go.mod": [
      `module ${name}`,
      "",
      "go 1.22",
      "",
      `require github.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_VERSION}`,
      `require ${sdkModule} v0.0.0`,
      "",
      `replace ${sdkModule} => ${sdk}`,
      "",
    ].join("\n"),
  });
  await mustExec("Resolving the Go program's modules", go, ["mod", "tidy"], { cwd: dir });
  return { language: "go", name, dir };
}
