/**
 * Handlers and memberships go with their bot, through the real CLI: given the `Bot` itself, a BotHandler and a
 * ChannelAssociation default Pulumi's `deletedWith` to it, so destroying the stack deletes the bot with one call
 * (Cliq deletes its handlers and ends its memberships) instead of one per handler and a warning per membership.
 */
import { strict as assert } from "assert";
import { useCliStack } from "./support/cli-stack";
import { apiOnly, countByOperation, Figures, takeRequests } from "./support/fixture";

describe("CLI: handlers and memberships given their Bot are deleted with it", function () {
  this.timeout(240_000);
  // One stack per form, each its own; the first is the suite's.
  const cli = useCliStack({ suite: "cascade", program: "bot-cascade", stack: "bot" });
  const figures = new Figures();

  /** `up` of a stack of the given form, then `destroy`: what the destroy sent and printed. */
  async function upThenDestroy(form: "bot" | "plain") {
    const { fx } = cli;
    const { pulumi } = form === cli.stack ? cli : await cli.addStack(form);
    await pulumi(["config", "set", "form", form]);
    await pulumi(["up", "--yes", "--skip-preview"]);
    const built = await fx.control.state();
    assert.deepEqual(
      [built.bots.length, built.bots[0]?.handlers.length, built.memberships.length],
      [1, 3, 2],
    );
    await takeRequests(fx.control);
    const destroy = await pulumi(["destroy", "--yes", "--skip-preview"]);
    const requests = await takeRequests(fx.control);
    figures.add(
      `destroy, handlers and memberships given ${form === "bot" ? "the Bot" : "plain ids"}`,
      requests,
    );
    return { requests: apiOnly(requests), output: destroy.output, state: await fx.control.state() };
  }

  after(() => figures.print("Figures of the bot cascade suite:"));

  it("destroy sends exactly one DELETE, the bot's, prints no 'stays a member' warning, and leaves nothing", async () => {
    const { requests, output, state } = await upThenDestroy("bot");
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.operationId}`),
      ["DELETE delete_a_specific_bot"],
    );
    assert.doesNotMatch(output, /stays a member/);
    assert.deepEqual([state.bots, state.memberships], [[], []]);
  });

  it("the plain form without deletedWith still works: a DELETE per handler and a warning per membership", async () => {
    const { requests, output, state } = await upThenDestroy("plain");
    assert.deepEqual(countByOperation(requests), {
      delete_a_handler_from_a_bot: 3,
      delete_a_specific_bot: 1,
    });
    // The CLI shows each warning as it happens and again in its summary: count the channels named.
    const warned = new Set([...output.matchAll(/stays a member of channel "([^"]+)"/g)].map((m) => m[1]));
    assert.deepEqual([...warned].sort(), ["cascade-dev", "cascade-ops"]);
    assert.deepEqual([state.bots, state.memberships], [[], []]);
  });
});
