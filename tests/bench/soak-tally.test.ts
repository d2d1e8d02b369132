import assert from "node:assert/strict";
import {
  addCounts,
  countCycle,
  emptyCounts,
  failuresBeginAt,
  formatSweep,
  isClean,
  pickExamples,
} from "../../bench/soak-tally";

describe("soak tally", () => {
  it("counts each finding, failure and leak in its category", () => {
    const counts = countCycle(
      [
        { category: "duplicate", key: "d", detail: "" },
        { category: "orphan", key: "o", detail: "" },
        { category: "drift", key: "x", detail: "" },
        { category: "drift", key: "y", detail: "" },
      ],
      3,
      [{ where: "w", secret: "client secret" }],
    );
    assert.deepEqual(counts, { duplicates: 1, orphans: 1, drift: 2, failures: 3, secrets: 1 });
    assert.equal(isClean(counts), false);
    assert.deepEqual(addCounts(counts, counts).drift, 4);
  });

  it("calls a run clean only when every category is zero", () => {
    assert.equal(isClean(emptyCounts()), true);
    assert.equal(isClean({ ...emptyCounts(), secrets: 1 }), false);
  });

  it("places the start of failures at the lowest unclean rate of a sweep", () => {
    const clean = emptyCounts();
    const dirty = { ...emptyCounts(), failures: 2 };
    assert.equal(
      failuresBeginAt([
        { rate: 0.8, counts: dirty },
        { rate: 0.25, counts: clean },
        { rate: 0.5, counts: dirty },
      ]),
      0.5,
    );
    assert.equal(failuresBeginAt([{ rate: 0.25, counts: clean }]), undefined);
  });

  it("closes a sweep with one line per rate and the rate where failures begin", () => {
    const run = (rate: number, failures: number) => ({
      rate,
      seed: 1,
      cycles: 20,
      counts: { ...emptyCounts(), failures },
      wallMs: 1000,
      requests: 300,
      faults: {},
      emulatorRequests: 300,
      examples: [],
    });
    const lines = formatSweep([run(0.25, 0), run(0.5, 4)]);
    assert.match(lines[1], /rate 0\.25: duplicates 0, orphans 0, drift 0, failures 0, secrets 0/);
    assert.match(lines[2], /rate 0\.50: .*failures 4/);
    assert.equal(lines[3], "sweep: failures begin at a fault rate of 0.5");
  });

  it("keeps a few first-line examples per category and says how many more there were", () => {
    const lines = [1, 2, 3, 4].map((n) => ({ category: "failures" as const, line: `failure ${n}\nstack` }));
    assert.deepEqual(pickExamples(lines, 2), [
      "failures: failure 1",
      "failures: failure 2",
      "failures: ... and 2 more",
    ]);
  });
});
