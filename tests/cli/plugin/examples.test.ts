/**
 * The README's walkthrough of the provider plugin: examples/yaml and examples/python, copied as they are,
 * pointed at the emulator by `cliq:apiUrl` (and its OAuth set), applied to it and destroyed through the
 * real CLI. The Python example's `venv` is the suites' cached virtualenv (the `pulumi` SDK and the `pulumi_cliq`
 * SDK that `pulumi package gen-sdk` generated), linked where the example's Pulumi.yaml looks for it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { apiOnly, countByOperation, emulatorConfig, initStack, takeRequests } from "../support/fixture";
import { repoRoot } from "../support/project";
import { describeOrganisation } from "./support/lifecycle";
import { startPluginFixture, type PluginFixture } from "./support/fixture";
import { pythonVirtualenv } from "./support/sdks";

/** What both examples make: the bot, its menu and its membership of #ops (those two `deletedWith` the bot). */
const MADE = ["bot Release Alerts: Build and release alerts from CI", "menu Runbook of Release Alerts"];

/** Copies examples/<name> into the fixture's folder, as a user starts from a clone. */
function copyExample(fx: PluginFixture, name: string): string {
  const dir = path.join(fx.dir, `example-${name}`);
  fs.cpSync(path.join(repoRoot, "examples", name), dir, { recursive: true });
  return dir;
}

describe("plugin: the README's YAML and Python examples run against the emulator", function () {
  this.timeout(300_000);
  let fx: PluginFixture;

  before(async function () {
    this.timeout(900_000);
    fx = await startPluginFixture("examples", { languages: ["python", "yaml"] });
  });
  after(async () => fx?.close());

  async function upAndDestroy(dir: string): Promise<void> {
    const project = { dir, main: "", name: path.basename(dir) };
    await initStack(fx.workspace, project, "dev", emulatorConfig(fx.org.emulator));
    await fx.workspace.ok(dir, ["up", "--yes", "--stack", "dev"]);
    const state = await fx.org.control.state();
    const made = describeOrganisation(state);
    assert.deepEqual(
      made.filter((line) => !line.startsWith("member")),
      MADE,
    );
    assert.equal(made.filter((line) => line.startsWith("member") && line.endsWith("of ops")).length, 1);
    await takeRequests(fx.org.control);
    await fx.workspace.ok(dir, ["destroy", "--yes", "--skip-preview", "--stack", "dev"]);
    assert.deepEqual(describeOrganisation(await fx.org.control.state()), [], "destroy leaves Cliq empty");
    const destroyed = countByOperation(apiOnly(await takeRequests(fx.org.control)));
    assert.deepEqual(
      destroyed,
      { delete_a_specific_bot: 1 },
      "deletedWith: the bot's delete takes the rest along",
    );
  }

  it("examples/yaml: up makes the bot, its menu and its membership; destroy removes them", async () => {
    await upAndDestroy(copyExample(fx, "yaml"));
  });

  it("examples/python: the same with the generated SDK in the example's venv", async () => {
    const dir = copyExample(fx, "python");
    fs.symlinkSync(await pythonVirtualenv(fx.workspace), path.join(dir, "venv"));
    await upAndDestroy(dir);
  });
});
