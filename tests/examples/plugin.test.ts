/**
 * The reference pages' Python, Go and YAML examples (examples/bot/<language>, examples/lookups/<language>) through
 * the real CLI and the `cliq` plugin installed from its archive, against the emulator. Each example is copied as it
 * is; only what a user installs is added: the Python virtualenv (`venv`, with `pulumi` and the generated
 * `pulumi_cliq`) and, for Go, a `replace` of the SDK module by the SDK generated from the schema.
 */
import * as fs from "fs";
import * as path from "path";
import { emulatorConfig, initStack } from "../cli/support/fixture";
import { startPluginFixture, type PluginFixture } from "../cli/plugin/support/fixture";
import { goSdkFolder, goSdkModule, pythonVirtualenv } from "../cli/plugin/support/sdks";
import { mustExec, requireTool } from "../cli/plugin/support/toolchain";
import { copyExample, ExampleStack, runLanguageExamples, type ExampleName } from "./support";

type PluginLanguage = "python" | "go" | "yaml";

/** What a user adds to a copied example before `pulumi up`: its language's dependencies. */
async function installDependencies(fx: PluginFixture, language: PluginLanguage, dir: string): Promise<void> {
  if (language === "python") {
    fs.symlinkSync(await pythonVirtualenv(fx.workspace), path.join(dir, "venv"));
  } else if (language === "go") {
    const go = requireTool("go", "The Go examples");
    const replace = `-replace=${goSdkModule()}=${await goSdkFolder(fx.workspace)}`;
    await mustExec("Pointing the Go example at the generated SDK", go, ["mod", "edit", replace], {
      cwd: dir,
    });
    await mustExec("Resolving the Go example's modules", go, ["mod", "tidy"], { cwd: dir });
  }
}

describe("examples (Python, Go, YAML): the reference pages' programs run through the real CLI", function () {
  this.timeout(600_000);
  let fx: PluginFixture;

  before(async function () {
    this.timeout(900_000);
    fx = await startPluginFixture("reference-examples", { languages: ["python", "go", "yaml"] });
  });
  after(async () => fx?.close());

  async function stackOf(language: PluginLanguage, example: ExampleName): Promise<ExampleStack> {
    const dir = copyExample(fx.dir, example, language);
    await installDependencies(fx, language, dir);
    await initStack(
      fx.workspace,
      { dir, name: path.basename(dir), main: "" },
      "dev",
      emulatorConfig(fx.org.emulator),
    );
    return new ExampleStack(fx.workspace, dir, "dev");
  }

  for (const language of ["yaml", "python", "go"] as const) {
    it(`${language}: examples/bot makes two bots, three handlers and a membership; examples/lookups finds them; destroy empties Cliq`, async () => {
      await runLanguageExamples(
        fx.org.control,
        await stackOf(language, "bot"),
        await stackOf(language, "lookups"),
      );
    });
  }
});
