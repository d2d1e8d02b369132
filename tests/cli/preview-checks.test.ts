/**
 * Checks across resources fail `pulumi preview` itself, through the real CLI, before any request: two handlers
 * of one type on the same Bot, a sixth menu, a script on a webhook bot's handler. `getBotOutput` reads during
 * the preview and the plan is built around what it found.
 */
import { strict as assert } from "assert";
import { cliqApi } from "../engine/fixture";
import { apiOnly, countByOperation, setAllArgs, takeRequests } from "./support/fixture";
import { useCliStack } from "./support/cli-stack";
import { parsePreview } from "./support/plan";

const STACK = "checks";

describe("CLI: preview-time checks across resources, and getBot during a preview", function () {
  this.timeout(180_000);
  const cli = useCliStack({
    suite: "preview-checks",
    project: "cliq-preview-checks",
    program: "preview-checks",
    stack: STACK,
  });
  const { pulumi, run } = cli;

  before(async function () {
    this.timeout(300_000);
    assert.equal(
      await cliqApi(cli.fx.emulator, "POST", "/bots", { name: "Ops Bot", description: "by hand" }),
      200,
    );
  });

  const failures: [string, RegExp][] = [
    ["duplicate", /BotHandler "checked-messages-again": type: a bot has one handler of each type/],
    ["sixth-menu", /BotHandler "menu-6": type: a bot has at most 5 menu handlers/],
    ["script", /BotHandler "checked-welcome": script: bot "checked-bot" is a webhook bot/],
  ];
  for (const [scenario, message] of failures) {
    it(`${scenario}: pulumi preview fails naming the property and the limit, with 0 requests`, async () => {
      await pulumi(setAllArgs({ scenario }));
      await takeRequests(cli.fx.control);
      const preview = await run(["preview"]);
      assert.notEqual(preview.code, 0, preview.output);
      assert.match(preview.output, message);
      assert.deepEqual(apiOnly(await takeRequests(cli.fx.control)), []);
    });
  }

  it("fine: getBotOutput reads the existing bot during the preview, which plans a membership of it", async () => {
    await pulumi(setAllArgs({ scenario: "fine", existingName: "Ops Bot" }));
    await takeRequests(cli.fx.control);
    const preview = await pulumi(["preview", "--json"]);
    const planned = parsePreview(preview.stdout).steps.filter((step) => !step.type.startsWith("pulumi:"));
    assert.deepEqual(planned.map((step) => `${step.op} ${step.name}`).sort(), [
      "create checked-bot",
      "create checked-messages",
      "create existing-in-ops",
    ]);
    const reads = countByOperation(apiOnly(await takeRequests(cli.fx.control)));
    assert.deepEqual(Object.keys(reads).sort(), ["get_details_of_a_specific_bot", "list_all_bots"]);
  });
});
