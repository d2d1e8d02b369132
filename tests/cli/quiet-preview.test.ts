/**
 * Quiet previews through the real CLI. While a bot is updated in place, the engine knows its id but none of its
 * outputs, so a ChannelAssociation's `botUniqueName` is unknown during the preview. Given the `Bot` itself, the
 * association also carries the bot's id: the same id means the same bot and the same permanent unique name, so
 * the preview shows only the bot's update. A bot replacement still replaces the association, and `up` does it.
 */
import { strict as assert } from "assert";
import {
  apiOnly,
  countByOperation,
  emulatorConfig,
  initStack,
  startCliFixture,
  takeRequests,
  type CliFixture,
  programProject,
  setAllArgs,
} from "./support/fixture";
import { parsePreview, planLines } from "./support/plan";
import type { CliProject } from "./support/project";

const PROJECT = "cliq-quiet";
const STACK = "quiet";
/** Steps of a replacement shown besides its `replace` line. */
const REPLACEMENT_PARTS = ["same", "create-replacement", "delete-replaced"];

describe("CLI: a preview of a bot update leaves its channel associations alone", function () {
  this.timeout(180_000);
  let fx: CliFixture;
  let project: CliProject;
  const pulumi = (args: string[]) => fx.workspace.ok(project.dir, [...args, "--stack", STACK]);
  const setBot = (description: string, executionType: string) =>
    pulumi(setAllArgs({ description, executionType }));
  const previewPlan = async () =>
    planLines(parsePreview((await pulumi(["preview", "--json"])).stdout).steps, REPLACEMENT_PARTS);

  before(async function () {
    this.timeout(300_000);
    fx = await startCliFixture("quiet");
    project = programProject(fx, PROJECT, "quiet-preview");
    await initStack(fx.workspace, project, STACK, emulatorConfig(fx.emulator));
    await setBot("one", "deluge");
    await pulumi(["up", "--yes", "--skip-preview"]);
    await takeRequests(fx.control);
  });
  after(() => fx?.close());

  it("a description change previews as the bot's update alone, and up calls only the bot's PATCH", async () => {
    await setBot("two", "deluge");
    // Only the plain form's association (unique name alone, unknown during the preview) shows a replace.
    assert.deepEqual(await previewPlan(), [
      "replace cliq:ChannelAssociation quiet-plain-in-dev",
      "update cliq:Bot quiet",
    ]);
    assert.deepEqual(apiOnly(await takeRequests(fx.control)), [], "a preview calls no API");
    await pulumi(["up", "--yes", "--skip-preview"]);
    assert.deepEqual(countByOperation(apiOnly(await takeRequests(fx.control))), {
      update_an_existing_bot: 1,
    });
    await pulumi(["preview", "--expect-no-changes"]);
  });

  it("an executionType change still previews the association as replaced, and up joins the new bot", async () => {
    await setBot("two", "webhook");
    assert.deepEqual(await previewPlan(), [
      "replace cliq:Bot quiet",
      "replace cliq:ChannelAssociation quiet-in-ops",
      "replace cliq:ChannelAssociation quiet-plain-in-dev",
    ]);
    await takeRequests(fx.control);
    const up = await pulumi(["up", "--yes", "--skip-preview"]);
    assert.deepEqual(countByOperation(apiOnly(await takeRequests(fx.control))), {
      delete_a_specific_bot: 1,
      create_a_new_bot: 1,
      associate_bot_to_channel: 2,
    });
    assert.doesNotMatch(up.output, /stays a member/, "the old membership went with the old bot");
    const state = await fx.control.state();
    const quiet = state.bots.find((b) => b.name === "Quiet Bot")!;
    const memberships = state.memberships.filter((m) => m.channel_unique_name !== "quiet-forms");
    assert.deepEqual(memberships.map((m) => `${m.bot_unique_name}/${m.channel_unique_name}`).sort(), [
      `${quiet.unique_name}/quiet-dev`,
      `${quiet.unique_name}/quiet-ops`,
    ]);
  });

  it("dependents given the bot's outputs (bot.id, bot.botId, bot.uniqueName) preview quiet too, and up calls only the bot's PATCH", async () => {
    await takeRequests(fx.control);
    await pulumi(setAllArgs({ formsDescription: "two" }));
    assert.deepEqual(await previewPlan(), ["update cliq:Bot quiet-forms"]);
    assert.deepEqual(apiOnly(await takeRequests(fx.control)), [], "a preview calls no API");
    await pulumi(["up", "--yes", "--skip-preview"]);
    assert.deepEqual(countByOperation(apiOnly(await takeRequests(fx.control))), {
      update_an_existing_bot: 1,
    });
    await pulumi(["preview", "--expect-no-changes"]);
  });

  it("switching a plain association to the Bot form records the bot's id once, with no API call, then is quiet", async () => {
    await pulumi(["config", "set", "contrastForm", "bot"]);
    assert.deepEqual(await previewPlan(), ["update cliq:ChannelAssociation quiet-plain-in-dev"]);
    await pulumi(["up", "--yes", "--skip-preview"]);
    assert.deepEqual(apiOnly(await takeRequests(fx.control)), []);
    await setBot("three", "webhook");
    assert.deepEqual(await previewPlan(), ["update cliq:Bot quiet"]);
  });
});
