/**
 * Taking over and looking up what already exists, and input the engine must stop at preview, through the real
 * CLI: the engine (not our provider) decides what a read of a missing id or a failed check does to the run.
 */
import { strict as assert } from "assert";
import { cliqApi } from "../engine/fixture";
import { apiOnly, takeRequests, setAllArgs } from "./support/fixture";
import { useCliStack } from "./support/cli-stack";

const PROJECT = "cliq-lookup";

describe("CLI: lookups, adoption and preview-time validation", function () {
  this.timeout(180_000);
  const cli = useCliStack({ suite: "lookup", project: PROJECT, program: "lookup", stack: "lookup" });
  const { pulumi, run } = cli;
  const setConfig = (values: Record<string, string>) => pulumi(setAllArgs(values));

  it("Bot.get of an existing id reads it into the stack without managing it", async () => {
    assert.equal(
      await cliqApi(cli.fx.emulator, "POST", "/bots", { name: "Legacy Bot", description: "by hand" }),
      200,
    );
    const legacy = (await cli.fx.control.state()).bots[0];
    await setConfig({ mode: "get", botId: legacy.id });
    await pulumi(["up", "--yes", "--skip-preview"]);
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    assert.deepEqual(outputs, { foundName: "Legacy Bot", foundUniqueName: legacy.unique_name });
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    assert.equal((await cli.fx.control.state()).bots.length, 1, "a looked-up bot is never deleted");
  });

  it("Bot.get of an id that does not exist fails the preview", async () => {
    await setConfig({ mode: "get", botId: "53719000009999999" });
    const preview = await run(["preview"]);
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /Bot 53719000009999999 does not exist/);
  });

  it("an existing bot is adopted on create: no second bot, taken over by one update", async () => {
    await setConfig({ mode: "adopt", name: "Legacy Bot" });
    await takeRequests(cli.fx.control);
    await pulumi(["up", "--yes", "--skip-preview"]);
    const requests = apiOnly(await takeRequests(cli.fx.control));
    // The create is refused for the taken name, and the bot of that name is looked up and updated.
    assert.deepEqual(
      requests.map((r) => `${r.operationId} ${r.status}`),
      [
        "create_a_new_bot 400",
        "list_all_bots 200",
        "get_details_of_a_specific_bot 200",
        "update_an_existing_bot 200",
      ],
    );
    const state = await cli.fx.control.state();
    assert.equal(state.bots.length, 1);
    assert.equal(state.bots[0].description, "Now managed by Pulumi");
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.adoptedId, state.bots[0].id);
    await pulumi(["preview", "--expect-no-changes"]);
    await pulumi(["destroy", "--yes", "--skip-preview"]);
    assert.equal((await cli.fx.control.state()).bots.length, 0, "adopted means managed: destroy deletes it");
  });

  it("invalid input fails at preview with the property named and the limit stated, before any request", async () => {
    await setConfig({ mode: "invalid" });
    await takeRequests(cli.fx.control);
    const preview = await run(["preview"]);
    assert.notEqual(preview.code, 0);
    assert.match(preview.output, /name/);
    assert.match(preview.output, /20 characters/);
    assert.deepEqual(await takeRequests(cli.fx.control), [], "no request, not even a token");
  });
});
