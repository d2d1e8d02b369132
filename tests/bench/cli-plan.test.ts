import assert from "node:assert/strict";
import { planPhases, programPlan, type PlannedBot } from "../../bench/cli-plan";
import { combinedFloorSeconds, minimumCalls } from "../../bench/stats";
import { FLEET_STACK, standardStack, type PhaseResult } from "../../bench/workload";

const resources = (bots: PlannedBot[]) =>
  bots.reduce((sum, bot) => sum + 1 + bot.handlers.length + bot.channels.length, 0);

/** The handlers (and bots) whose arguments differ between two plans. */
function changed(before: PlannedBot[], after: PlannedBot[]): { bots: number; handlers: number } {
  let bots = 0;
  let handlers = 0;
  before.forEach((bot, i) => {
    if (JSON.stringify(bot.args) !== JSON.stringify(after[i]!.args)) bots++;
    bot.handlers.forEach((handler, j) => {
      if (JSON.stringify(handler.args) !== JSON.stringify(after[i]!.handlers[j]!.args)) handlers++;
    });
  });
  return { bots, handlers };
}

describe("CLI benchmark plans", () => {
  it("gives the FLEET_STACK 200 resources and names every one uniquely", () => {
    const bots = programPlan(FLEET_STACK, "initial");
    assert.equal(resources(bots), 200);
    const keys = bots.flatMap((bot) => [bot.key, ...bot.handlers.map((handler) => handler.key)]);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(bots.every((bot) => String(bot.args.name).length <= 20));
  });

  it("counts a destroy as bot deletes only: handlers and memberships go with their bot", () => {
    for (const plan of [FLEET_STACK, standardStack("Dev")]) {
      const destroy = planPhases(plan).at(-1)!;
      assert.deepEqual(destroy.writes, { delete_a_specific_bot: programPlan(plan, "initial").length });
    }
  });

  it("changes in the update exactly what the minimum counts", () => {
    for (const plan of [FLEET_STACK, standardStack("Dev")]) {
      const update = planPhases(plan).find((phase) => phase.name === "update")!;
      const diff = changed(programPlan(plan, "initial"), programPlan(plan, "updated"));
      assert.deepEqual(
        { bots: diff.bots, handlers: diff.handlers },
        { bots: update.writes.update_an_existing_bot, handlers: update.writes.update_a_handler_for_a_bot },
      );
    }
  });

  it("gives two standard stacks at once the floor of their writes in one window sequence", () => {
    const phases = [planPhases(standardStack("Dev")), planPhases(standardStack("Prod"))];
    // Per stack: 2 bots, 20 handlers, 5 memberships, 10 handler updates and a bot update, 2 bot deletes.
    assert.equal(minimumCalls(phases), 2 * (2 + 20 + 5 + 11 + 2));
    // 40 handler creates at 10 a minute: 3 more windows. The first stack's 20 updates fit while the second still
    // creates (the phase-by-phase sum, 240 s, is beaten by such a schedule, so it is no floor).
    assert.equal(combinedFloorSeconds(phases), 180);
  });

  it("keeps a stack's own phase sequence when it is the longer bound", () => {
    const phase = (writes: PhaseResult["writes"]): PhaseResult => ({ name: "p", writes, wallMs: 0 });
    const creates = phase({ create_a_handler_for_a_bot: 11 });
    const joins = phase({ associate_bot_to_channel: 6 });
    // 11 creates, then 6 memberships at 5 a minute: each phase waits a window, one after the other.
    assert.equal(combinedFloorSeconds([[creates, joins]]), 60 + 60);
    // The same work split over two stacks at once: each stack waits one window, and they overlap.
    assert.equal(combinedFloorSeconds([[creates], [joins]]), 60);
    // 5 then 10 creates: no phase alone waits, but the 15 share one window sequence.
    const few = phase({ create_a_handler_for_a_bot: 5 });
    const more = phase({ create_a_handler_for_a_bot: 10 });
    assert.equal(combinedFloorSeconds([[few, more]]), 60);
  });
});
