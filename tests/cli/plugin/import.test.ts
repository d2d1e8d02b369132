/**
 * `pulumi import` through the real CLI and the `cliq` plugin: a bot, a menu handler and a channel membership
 * made outside Pulumi are adopted without a single write, the CLI prints the program code for them (Python with
 * the generated SDK, YAML with none), and that code, put into the program, plans and applies no change.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  apiOnly,
  emulatorConfig,
  Figures,
  initStack,
  takeRequests,
  workspaceLeaks,
} from "../support/fixture";
import { describeOrganisation } from "./support/lifecycle";
import { importFile, importIds, makeLegacyObjects, type LegacyObjects } from "./support/legacy";
import { startPluginFixture, type PluginFixture } from "./support/fixture";
import { pythonProject, yamlProject, yamlProjectFile, type PluginProject } from "./support/projects";

const STACK = "adopt";
const IMPORT = ["--yes", "--protect=false"];

/** One project's adoption: its stack, the objects made for it outside Pulumi, and the checks of each stage. */
class Adoption {
  private constructor(
    readonly fx: PluginFixture,
    readonly figures: Figures,
    readonly project: PluginProject,
    readonly objects: LegacyObjects,
  ) {}

  /** The project's stack, and objects of its own (each language's bot has its own name) made outside Pulumi. */
  static async start(fx: PluginFixture, figures: Figures, project: PluginProject, botName: string) {
    await initStack(fx.workspace, { ...project, main: "" }, STACK, emulatorConfig(fx.org.emulator));
    const objects = await makeLegacyObjects(fx.org, botName);
    await takeRequests(fx.org.control);
    return new Adoption(fx, figures, project, objects);
  }

  pulumi = (args: string[]) => this.fx.workspace.ok(this.project.dir, [...args, "--stack", STACK]);
  file = (name: string) => path.join(this.project.dir, name);

  /** The cliq resources of the stack's state, as "type id" lines. */
  async adopted(): Promise<string[]> {
    const exported = JSON.parse((await this.pulumi(["stack", "export"])).stdout) as {
      deployment: { resources?: { type: string; id?: string }[] };
    };
    return (exported.deployment.resources ?? [])
      .filter((resource) => resource.type.startsWith("cliq:index:"))
      .map((resource) => `${resource.type} ${resource.id}`)
      .sort();
  }

  /** What adoption must leave: the three objects in the state under their ids, nothing written to Cliq. */
  async assertAdopted(step: string): Promise<void> {
    const seen = await takeRequests(this.fx.org.control);
    this.figures.add(step, seen);
    assert.deepEqual(
      apiOnly(seen).filter((r) => r.method !== "GET"),
      [],
      "adoption writes nothing",
    );
    const ids = importIds(this.objects);
    assert.deepEqual(await this.adopted(), [
      `cliq:index:Bot ${ids.bot}`,
      `cliq:index:BotHandler ${ids.handler}`,
      `cliq:index:ChannelAssociation ${ids.association}`,
    ]);
  }

  /** The printed code as the program: no change planned or applied, then destroy removes the objects. */
  async assertCodeKeepsThem(): Promise<void> {
    const language = this.project.language;
    await this.pulumi(["preview", "--expect-no-changes"]);
    await this.pulumi(["up", "--yes", "--expect-no-changes"]);
    const seen = await takeRequests(this.fx.org.control);
    this.figures.add(`${language} up with the imported code`, seen);
    assert.deepEqual(
      apiOnly(seen).filter((r) => r.method !== "GET"),
      [],
      "no change is applied",
    );
    await this.pulumi(["destroy", "--yes", "--skip-preview"]);
    this.figures.add(`${language} destroy`, await takeRequests(this.fx.org.control));
    const left = describeOrganisation(await this.fx.org.control.state());
    const { name, uniqueName } = this.objects;
    assert.deepEqual(
      left.filter((line) => line.includes(uniqueName) || line.includes(name)),
      [],
    );
  }
}

describe("plugin: pulumi import adopts a bot, a menu handler and a membership made outside Pulumi", function () {
  this.timeout(300_000);
  let fx: PluginFixture;
  const figures = new Figures();

  before(async function () {
    this.timeout(900_000);
    fx = await startPluginFixture("import", { languages: ["python", "yaml"] });
  });
  after(async () => {
    figures.print("plugin import");
    await fx?.close();
  });

  it("Python: `import cliq:index:Bot <id>` and `import --file` print SDK code that then plans no change", async () => {
    const project = await pythonProject(fx, "cliq-import-python", "python/empty.py");
    const adoption = await Adoption.start(fx, figures, project, "Legacy Python Alerts");
    const ids = importIds(adoption.objects);
    await adoption.pulumi(["import", "cliq:index:Bot", "legacy", ids.bot, ...IMPORT, "--out", "bot.py"]);
    fs.writeFileSync(adoption.file("rest.json"), importFile(adoption.objects, false));
    await adoption.pulumi(["import", "--file", "rest.json", ...IMPORT, "--out", "rest.py"]);
    await adoption.assertAdopted("python import (3 objects, 2 commands)");
    const code = ["bot.py", "rest.py"].map((name) => fs.readFileSync(adoption.file(name), "utf8"));
    assert.match(code[0]!, /cliq\.Bot\("legacy"/);
    assert.match(code[1]!, /cliq\.BotHandler\("legacy-help"/);
    assert.match(code[1]!, /cliq\.ChannelAssociation\("legacy-in-ops"/);
    fs.writeFileSync(adoption.file("__main__.py"), code.join("\n"));
    await adoption.assertCodeKeepsThem();
  });

  it("YAML: `import --file` of all three prints YAML that, as the program, plans no change", async () => {
    const project = yamlProject(fx, "cliq-import-yaml", "yaml/empty.yaml");
    const adoption = await Adoption.start(fx, figures, project, "Legacy YAML Alerts");
    fs.writeFileSync(adoption.file("all.json"), importFile(adoption.objects, true));
    await adoption.pulumi(["import", "--file", "all.json", ...IMPORT, "--out", "imported.yaml"]);
    await adoption.assertAdopted("yaml import (3 objects, 1 command)");
    const code = fs.readFileSync(adoption.file("imported.yaml"), "utf8");
    for (const type of ["Bot", "BotHandler", "ChannelAssociation"]) {
      assert.match(code, new RegExp(`type: cliq:(index:)?${type}\\b`), code);
    }
    fs.writeFileSync(adoption.file("Pulumi.yaml"), yamlProjectFile(project.name, code));
    await adoption.assertCodeKeepsThem();
  });

  it("no credential reaches the state or anything the CLI, the hosts or the plugin printed", () => {
    assert.deepEqual(workspaceLeaks(fx.workspace), []);
  });
});
