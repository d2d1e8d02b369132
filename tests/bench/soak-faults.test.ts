import assert from "node:assert/strict";
import {
  createFaultPlanner,
  faultPlan,
  operationIdOf,
  SOAK_FAULT_KINDS,
  streamSeed,
  toFaultRequest,
} from "../../bench/soak-faults";

describe("soak fault plan", () => {
  it("gives the same plan for the same seed and a different one for another seed", () => {
    assert.deepEqual(faultPlan(42, 0.25, 500), faultPlan(42, 0.25, 500));
    assert.notDeepEqual(faultPlan(42, 0.25, 500), faultPlan(43, 0.25, 500));
  });

  it("faults about the requested share of requests, with every kind of the mix", () => {
    const plan = faultPlan(7, 0.25, 4000);
    const faulted = plan.filter((f) => f !== undefined);
    assert.ok(Math.abs(faulted.length / plan.length - 0.25) < 0.03, `${faulted.length} of ${plan.length}`);
    for (const kind of SOAK_FAULT_KINDS)
      assert.ok(
        faulted.some((f) => f?.kind === kind),
        kind,
      );
  });

  it("faults nothing at rate 0 and everything at rate 1", () => {
    assert.ok(faultPlan(1, 0, 200).every((f) => f === undefined));
    assert.ok(faultPlan(1, 1, 200).every((f) => f !== undefined));
  });

  it("keeps the n-th decision of a seed whatever the rate, so rising rates only add faults", () => {
    const low = faultPlan(9, 0.25, 1000);
    const high = faultPlan(9, 0.5, 1000);
    low.forEach((fault, i) => {
      if (fault) assert.deepEqual(high[i], fault, `request ${i}`);
    });
  });

  it("draws OAuth decisions from their own stream, so a mint's timing cannot shift the API requests' plan", () => {
    assert.equal(streamSeed(42, "api"), 42);
    assert.notEqual(streamSeed(42, "oauth"), streamSeed(42, "api"));
    assert.notDeepEqual(
      faultPlan(streamSeed(42, "oauth"), 0.25, 200),
      faultPlan(streamSeed(42, "api"), 0.25, 200),
    );
  });

  it("refuses a rate outside 0..1 and an empty mix", () => {
    assert.throws(() => createFaultPlanner(1, 1.5), /within 0\.\.1/);
    assert.throws(() => createFaultPlanner(1, 0.2, []), /empty/);
  });

  it("turns each planned kind into the control-surface fault that produces it", () => {
    const op = "create_a_new_bot";
    assert.deepEqual(toFaultRequest({ kind: "5xx", status: 503 }, op), {
      operationId: op,
      kind: "status",
      status: 503,
      count: 1,
    });
    assert.deepEqual(toFaultRequest({ kind: "drop" }, op), { operationId: op, kind: "drop", count: 1 });
    assert.deepEqual(toFaultRequest({ kind: "drop-after-commit" }, op), {
      operationId: op,
      kind: "drop-after-commit",
      count: 1,
    });
    assert.deepEqual(toFaultRequest({ kind: "throttle-429" }, op), {
      operationId: op,
      kind: "throttle",
      count: 1,
    });
    assert.deepEqual(toFaultRequest({ kind: "throttle-400" }, undefined), {
      kind: "status",
      status: 400,
      code: "request_limit_exceeded",
      count: 1,
    });
  });

  it("names the operation of a request as the emulator's fault queue does", () => {
    const base = "http://127.0.0.1:4000";
    assert.equal(operationIdOf("post", `${base}/api/v3/bots`), "create_a_new_bot");
    assert.equal(
      operationIdOf("DELETE", `${base}/api/v3/bots/b-12/handlers/menu_handler?handler_id=3`),
      "delete_a_handler_from_a_bot",
    );
    assert.equal(operationIdOf("POST", `${base}/oauth/v2/token`), "oauth_token");
    assert.equal(operationIdOf("GET", `${base}/elsewhere`), undefined);
  });
});
