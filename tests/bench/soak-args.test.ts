import assert from "node:assert/strict";
import { parseSoakArgs } from "../../bench/soak-args";

describe("soak command line", () => {
  it("defaults to 80 cycles at a 25 % fault rate with the given seed", () => {
    const options = parseSoakArgs([], 1234);
    assert.equal(options.cycles, 80);
    assert.equal(options.rate, 0.25);
    assert.equal(options.seed, 1234);
    assert.equal(options.sweep, false);
  });

  it("reads --cycles, --fault-rate, --seed (also as --flag=value) and sorts sweep rates", () => {
    const options = parseSoakArgs(
      ["--cycles", "5", "--fault-rate=0.5", "--seed", "99", "--sweep", "--sweep-rates", "0.8,0.25"],
      1,
    );
    assert.deepEqual(
      [options.cycles, options.rate, options.seed, options.sweep, options.sweepRates],
      [5, 0.5, 99, true, [0.25, 0.8]],
    );
  });

  it("refuses bad values and unknown flags", () => {
    assert.throws(() => parseSoakArgs(["--fault-rate", "1.2"], 1), /within 0\.\.1/);
    assert.throws(() => parseSoakArgs(["--cycles", "0"], 1), /positive integer/);
    assert.throws(() => parseSoakArgs(["--seed", "-3"], 1), /--seed/);
    assert.throws(() => parseSoakArgs(["--fast"], 1), /unknown argument --fast/);
  });
});
