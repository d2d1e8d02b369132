import assert from "node:assert/strict";
import {
  admission,
  assumeSharer,
  EDGE_MARGIN_MS,
  mergeHistory,
  parseHistory,
  probeAnswered,
  settle,
  SHARER_WINDOWS,
  type WindowEntry,
  type WindowHistory,
} from "../../provider/client/window-plan";

const LIMITS = { requests: 2, windowMs: 1000 };
const EDGE = EDGE_MARGIN_MS;

function entry(id: string, at: number, answeredAt?: number, owner = "me", pid = 1): WindowEntry {
  return { id, owner, pid, host: "h", at, ...(answeredAt !== undefined ? { answeredAt } : {}) };
}

function history(entries: WindowEntry[], lockedUntil = 0): WindowHistory {
  return { entries, lockedUntil };
}

describe("rate-limit window rules (pure)", () => {
  describe("admission: starts allowed at `now` and when to look again", () => {
    const table: Array<[string, WindowHistory, number, { free: number; wakeAt: number | undefined }]> = [
      ["an empty history admits the whole threshold", history([]), 0, { free: 2, wakeAt: undefined }],
      [
        "one answered request leaves one slot",
        history([entry("a", 0, 10)]),
        20,
        { free: 1, wakeAt: undefined },
      ],
      [
        "a full window wakes one window after its oldest answer",
        history([entry("a", 0, 10), entry("b", 0, 30)]),
        500,
        { free: 0, wakeAt: 10 + 1000 + EDGE + 1 },
      ],
      [
        "requests in flight hold their slots with no wake-up (their answers free them)",
        history([entry("a", 0), entry("b", 0)]),
        99_999,
        { free: 0, wakeAt: undefined },
      ],
      [
        "another process's requests count like this one's",
        history([entry("a", 0, 10, "other", 2), entry("b", 0)]),
        500,
        { free: 0, wakeAt: 10 + 1000 + EDGE + 1 },
      ],
      [
        "an answer older than window + margin no longer counts",
        history([entry("a", 0, 10), entry("b", 0, 30)]),
        10 + 1000 + EDGE,
        { free: 1, wakeAt: undefined },
      ],
      [
        "an answer at exactly the window's edge still counts",
        history([entry("a", 0, 10), entry("b", 0, 30)]),
        10 + 1000 + EDGE - 1,
        { free: 0, wakeAt: 10 + 1000 + EDGE + 1 },
      ],
      ["a lock refuses every start until it ends", history([], 5000), 4999, { free: 0, wakeAt: 5000 }],
      ["a lock that ended refuses nothing", history([], 5000), 5000, { free: 2, wakeAt: undefined }],
    ];
    for (const [name, input, now, expected] of table) {
      it(name, () => assert.deepEqual(admission(input, now, LIMITS), expected));
    }
  });

  describe("settle: what still counts", () => {
    it("drops answers out of the window and past locks", () => {
      const settled = settle(history([entry("a", 0, 10), entry("b", 0, 900)], 100), 1500, LIMITS);
      assert.deepEqual(settled, history([entry("b", 0, 900)], 0));
    });

    it("counts a gone sender's request in flight as answered now, so it holds its slot one more window", () => {
      const gone = (e: WindowEntry) => e.pid === 7;
      const settled = settle(
        history([entry("a", 0, undefined, "dead", 7), entry("b", 0)]),
        400,
        LIMITS,
        gone,
      );
      assert.deepEqual(settled.entries, [entry("a", 0, 400, "dead", 7), entry("b", 0)]);
      assert.equal(admission(settled, 400 + 1000 + EDGE, LIMITS).free, 1);
    });
  });

  describe("mergeHistory: the file for other owners, the own view for this owner", () => {
    const table: Array<[string, WindowHistory, WindowHistory, WindowHistory]> = [
      [
        "keeps both sides' entries",
        history([entry("x", 0, 5, "other", 2)]),
        history([entry("a", 1)]),
        history([entry("x", 0, 5, "other", 2), entry("a", 1)]),
      ],
      [
        "keeps own entries the file lost (a corrupt or deleted file)",
        history([]),
        history([entry("a", 1, 2)]),
        history([entry("a", 1, 2)]),
      ],
      [
        "forgets other owners' entries the file no longer holds (they were answered and left the window)",
        history([]),
        history([entry("x", 0, undefined, "other", 2)]),
        history([]),
      ],
      [
        "an answer on either side wins over in flight",
        history([entry("a", 1, 50)]),
        history([entry("a", 1)]),
        history([entry("a", 1, 50)]),
      ],
      ["the later lock holds", history([], 900), history([], 700), history([], 900)],
    ];
    for (const [name, stored, own, expected] of table) {
      it(name, () => assert.deepEqual(mergeHistory(stored, own, "me"), expected));
    }
  });

  it("parseHistory keeps well-formed entries and ignores the rest of a damaged file", () => {
    const parsed = parseHistory({
      entries: [entry("a", 1), { id: 3 }, null, "x", entry("b", 2, 3)],
      lockedUntil: "soon",
    });
    assert.deepEqual(parsed, history([entry("a", 1), entry("b", 2, 3)], 0));
    assert.deepEqual(parseHistory("garbage"), history([]));
  });

  describe("after a throttle nobody here caused (someone else uses the account)", () => {
    const LIMITS10 = { requests: 10, windowMs: 1000 };
    const throttled = assumeSharer(history([], 5000), 100, LIMITS10);
    it("halves the budget until SHARER_WINDOWS windows after the lock, and probes first", () => {
      assert.deepEqual(throttled.sharer, { since: 100, budget: 5, until: 5000 + SHARER_WINDOWS * 1000 });
    });

    it("halves again on a second unexpected throttle, never below one request per window", () => {
      assert.equal(assumeSharer(throttled, 6000, LIMITS10).sharer!.budget, 2);
      const one = { requests: 1, windowMs: 1000 };
      assert.equal(assumeSharer(history([]), 0, one).sharer!.budget, 1);
    });

    const probing = throttled.sharer!;
    const probed = { ...probing, probedAt: 5011 };
    const table: Array<[string, WindowHistory, number, { free: number; wakeAt: number | undefined }]> = [
      ["the lock still holds every start", throttled, 4999, { free: 0, wakeAt: 5000 }],
      ["once the lock ends, one probe goes", throttled, 5000, { free: 1, wakeAt: undefined }],
      [
        "while the probe is in flight, nothing else starts",
        { entries: [entry("p", 5000)], lockedUntil: 0, sharer: probing },
        5001,
        { free: 0, wakeAt: undefined },
      ],
      [
        "after the probe came back, the queue goes on within the lowered budget",
        { entries: [entry("p", 5000, 5010)], lockedUntil: 0, sharer: probed },
        5012,
        { free: 4, wakeAt: undefined },
      ],
      [
        "after SHARER_WINDOWS windows, the full threshold is back",
        { entries: [], lockedUntil: 0, sharer: probed },
        5000 + SHARER_WINDOWS * 1000,
        { free: 10, wakeAt: undefined },
      ],
    ];
    for (const [name, input, now, expected] of table) {
      it(name, () => assert.deepEqual(admission(input, now, LIMITS10), expected));
    }

    it("merges to the later sharer, and to the one whose probe came back", () => {
      const probed = probeAnswered(throttled, 5010);
      assert.equal(mergeHistory(throttled, probed, "me").sharer!.probedAt, 5010);
      const later = assumeSharer(throttled, 200, LIMITS10);
      assert.equal(mergeHistory(later, probed, "me").sharer!.since, 200);
    });
  });
});
