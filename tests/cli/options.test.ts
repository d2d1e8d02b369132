/**
 * Pulumi's resource options through the real CLI, where they are the engine's behaviour: `--target`, `protect`,
 * `retainOnDelete`, `ignoreChanges`, `aliases` and `deletedWith`, each judged by what Cliq (the emulator) holds
 * and which requests reached it.
 */
import { strict as assert } from "assert";
import { apiOnly, countByOperation, Figures, takeRequests, setAllArgs } from "./support/fixture";
import { useCliStack } from "./support/cli-stack";
import { parsePreview, planLines } from "./support/plan";

const PROJECT = "cliq-options";
const urn = (type: string, name: string) =>
  `urn:pulumi:options::${PROJECT}::pulumi-nodejs:dynamic/cliq:${type}::${name}`;

describe("CLI: resource options are honoured by the real engine", function () {
  this.timeout(180_000);
  const cli = useCliStack({ suite: "options", project: PROJECT, program: "options", stack: "options" });
  const { pulumi } = cli;
  const figures = new Figures();
  const setProgram = (stage: number, description: string) => pulumi(setAllArgs({ stage, description }));
  const bots = async () => (await cli.fx.control.state()).bots;
  const botNamed = async (name: string) => (await bots()).find((b) => b.name === name);

  before(async function () {
    this.timeout(300_000);
    await setProgram(1, "one");
    await pulumi(["up", "--yes", "--skip-preview"]);
    assert.equal((await bots()).length, 7);
    await takeRequests(cli.fx.control);
  });
  after(() => figures.print("Figures of the resource options suite:"));

  it("--target applies the change to the targeted resource only", async () => {
    await setProgram(1, "two");
    await pulumi(["up", "--yes", "--skip-preview", "--target", urn("Bot", "target-a")]);
    const requests = await takeRequests(cli.fx.control);
    figures.add("up --target (1 of 3 changed bots)", requests);
    assert.deepEqual(countByOperation(apiOnly(requests)), { update_an_existing_bot: 1 });
    assert.equal((await botNamed("Target A"))!.description, "two");
    assert.equal((await botNamed("Target B"))!.description, "one");
  });

  it("ignoreChanges keeps a changed argument out of the plan", async () => {
    const plan = planLines(parsePreview((await pulumi(["preview", "--json"])).stdout).steps);
    assert.deepEqual(plan, ["update cliq:Bot target-b"], "Ignoring Bot's description change is ignored");
    await takeRequests(cli.fx.control);
  });

  it("retainOnDelete, aliases and deletedWith: one update and one bot delete, nothing else", async () => {
    await setProgram(2, "two");
    const plan = planLines(parsePreview((await pulumi(["preview", "--json"])).stdout).steps);
    assert.deepEqual(plan, [
      "delete cliq:Bot parent",
      "delete cliq:Bot retained",
      "delete cliq:BotHandler parent-messages",
      "delete cliq:ChannelAssociation parent-in-channel",
      "update cliq:Bot target-b",
    ]);
    await takeRequests(cli.fx.control);
    const up = await pulumi(["up", "--yes", "--skip-preview"]);
    const requests = await takeRequests(cli.fx.control);
    figures.add("up of stage 2", requests);
    // The rename is no replace, the retained bot stays in Cliq, and the parent's handler and membership need no
    // call of their own (their deletes are skipped, so no "stays a member" warning either).
    assert.deepEqual(countByOperation(apiOnly(requests)), {
      update_an_existing_bot: 1,
      delete_a_specific_bot: 1,
    });
    assert.doesNotMatch(up.output, /stays a member/);
    assert.ok(await botNamed("Retained Bot"), "retainOnDelete leaves the bot in Cliq");
    assert.equal(await botNamed("Parent Bot"), undefined);
    assert.ok(await botNamed("Renamed Bot"));
    const exported = JSON.parse((await pulumi(["stack", "export"])).stdout);
    const urns: string[] = exported.deployment.resources.map((r: { urn: string }) => r.urn);
    assert.ok(urns.includes(urn("Bot", "new-name")));
    assert.ok(!urns.includes(urn("Bot", "retained")), "the retained bot left the state");
  });

  it("protect refuses to delete a protected bot, which stays in Cliq and in the state", async () => {
    await setProgram(3, "two");
    await takeRequests(cli.fx.control);
    const up = await cli.fails(["up", "--yes", "--skip-preview"]);
    assert.match(up.output, /protected/);
    assert.deepEqual(apiOnly(await takeRequests(cli.fx.control)), []);
    assert.ok(await botNamed("Protected Bot"));
    await pulumi(["state", "unprotect", urn("Bot", "protected"), "--yes"]);
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(
      (await bots()).map((b) => b.name),
      ["Retained Bot"],
    );
  });
});
