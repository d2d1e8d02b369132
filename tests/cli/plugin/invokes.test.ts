/**
 * The plugin's functions through the real CLI: a YAML program reads a bot made outside Pulumi with
 * `cliq:index:getBot` (by name) and `cliq:index:listBots`, during preview as during up, writing nothing to Cliq
 * and keeping no resource of it in the state.
 */
import { strict as assert } from "assert";
import { apiOnly, emulatorConfig, Figures, initStack, takeRequests } from "../support/fixture";
import { makeLegacyObjects } from "./support/legacy";
import { startPluginFixture, type PluginFixture } from "./support/fixture";
import { yamlProject } from "./support/projects";

const STACK = "lookups";

describe("plugin: getBot and listBots read existing bots at program time, with no state", function () {
  this.timeout(300_000);
  let fx: PluginFixture;
  const figures = new Figures();

  before(async function () {
    this.timeout(900_000);
    fx = await startPluginFixture("invokes", { languages: ["yaml"] });
  });
  after(async () => {
    figures.print("plugin invokes");
    await fx?.close();
  });

  it("YAML: preview and up answer the bot's unique name and the organisation's first bot, reading only", async () => {
    const legacy = await makeLegacyObjects(fx.org, "Looked Up Alerts");
    await takeRequests(fx.org.control);
    const project = yamlProject(fx, "cliq-invokes-yaml", "yaml/lookups.yaml");
    const config = emulatorConfig(fx.org.emulator);
    // The name is matched without regard to case, as Cliq keeps names unique.
    config.plain["botName"] = "looked up alerts";
    await initStack(fx.workspace, { ...project, main: "" }, STACK, config);
    const pulumi = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", STACK]);

    const preview = await pulumi(["preview"]);
    assert.match(
      preview.stdout,
      new RegExp(legacy.uniqueName),
      "the preview shows the looked-up unique name",
    );
    figures.add("preview", await takeRequests(fx.org.control));

    await pulumi(["up", "--yes", "--skip-preview"]);
    const seen = await takeRequests(fx.org.control);
    figures.add("up", seen);
    assert.deepEqual(
      apiOnly(seen).filter((r) => r.method !== "GET"),
      [],
      "lookups write nothing",
    );
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<
      string,
      unknown
    >;
    assert.deepEqual(outputs, {
      uniqueName: legacy.uniqueName,
      botId: legacy.botId,
      firstName: "Looked Up Alerts",
    });
    const exported = JSON.parse((await pulumi(["stack", "export"])).stdout) as {
      deployment: { resources?: { type: string }[] };
    };
    const kept = (exported.deployment.resources ?? [])
      .map((r) => r.type)
      .filter((t) => t.startsWith("cliq:index:"));
    assert.deepEqual(kept, [], "a lookup keeps no resource in the state");
  });
});
