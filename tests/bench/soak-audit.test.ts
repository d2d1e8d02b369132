import assert from "node:assert/strict";
import type { DumpedBot, StateDump } from "../../emulator";
import { auditState, driftedFields, type KnownObject } from "../../bench/soak-audit";

function dumpedBot(id: string, name: string, extra: Partial<DumpedBot> = {}): DumpedBot {
  return {
    id,
    name,
    unique_name: name.toLowerCase().replace(/[^a-z0-9]/g, ""),
    description: `${name} bot`,
    scope: "organization",
    team_ids: [],
    status_messages: [],
    channel_participation: [],
    calls: "disabled",
    execution_type: "webhook",
    execution_url: "https://hooks.example.com/x",
    handlers: [],
    ...extra,
  };
}

function known(kind: KnownObject["kind"], id: string, outs: Record<string, unknown> = {}): KnownObject {
  return { kind, id, outs, status: "live", certain: true };
}

const MENU = {
  id: "71",
  type: "menu_handler",
  name: "Help",
  permissions: ["chat"],
  sub_actions: [{ name: "Docs" }],
};

/** One bot with a message handler, a menu and a membership, all known to the caller with matching outputs. */
function healthy(): { state: StateDump; known: KnownObject[] } {
  const bot = dumpedBot("100", "Soak 1", {
    handlers: [{ id: "70", type: "message_handler", permissions: ["chat", "user"] }, MENU],
  });
  return {
    state: { bots: [bot], memberships: [{ channel_unique_name: "ops", bot_unique_name: "soak1" }] },
    known: [
      known("bot", "100", { name: "Soak 1", description: "Soak 1 bot", uniqueName: "soak1" }),
      known("handler", "100/message_handler", { type: "message_handler", permissions: ["user", "chat"] }),
      known("handler", "100/menu_handler/71", { name: "Help", subActions: [{ name: "Docs" }] }),
      known("association", "soak1/ops", { botUniqueName: "soak1", channelUniqueName: "ops" }),
    ],
  };
}

const categories = (findings: { category: string }[]) => findings.map((f) => f.category).sort();

describe("soak audit (emulator state vs what the caller was told)", () => {
  it("finds nothing when Cliq holds exactly what the provider reported", () => {
    const { state, known: caller } = healthy();
    assert.deepEqual(auditState(state, caller), []);
  });

  it("counts a second bot of one create as a duplicate, not also as an orphan", () => {
    const { state, known: caller } = healthy();
    state.bots.push(dumpedBot("101", "SOAK 1"));
    const findings = auditState(state, caller);
    assert.deepEqual(categories(findings), ["duplicate"]);
    assert.match(findings[0].key, /bot 101/);
  });

  it("counts a second menu handler with the same label on one bot as a duplicate", () => {
    const { state, known: caller } = healthy();
    state.bots[0].handlers.push({ ...MENU, id: "72" });
    assert.deepEqual(categories(auditState(state, caller)), ["duplicate"]);
  });

  it("counts a bot the caller holds no id for as one orphan, its handlers and memberships going with it", () => {
    const { state, known: caller } = healthy();
    state.bots.push(dumpedBot("102", "Lost", { handlers: [{ id: "80", type: "message_handler" }] }));
    state.memberships.push({ channel_unique_name: "ops", bot_unique_name: "lost" });
    const findings = auditState(state, caller);
    assert.deepEqual(categories(findings), ["orphan"]);
    assert.match(findings[0].detail, /bot 102/);
  });

  it("counts a handler or membership of a known bot that the caller holds no id for as an orphan", () => {
    const { state, known: caller } = healthy();
    state.bots[0].handlers.push({ id: "73", type: "mention_handler" });
    state.memberships.push({ channel_unique_name: "dev", bot_unique_name: "soak1" });
    assert.deepEqual(categories(auditState(state, caller)), ["orphan", "orphan"]);
  });

  it("counts a field Cliq holds differently from the reported outputs as drift, naming the field", () => {
    const { state, known: caller } = healthy();
    state.bots[0].description = "changed behind the provider's back";
    const findings = auditState(state, caller);
    assert.deepEqual(categories(findings), ["drift"]);
    assert.match(findings[0].key, /100 description/);
  });

  it("counts an object reported present but absent, and one reported deleted but present, as drift", () => {
    const { state, known: caller } = healthy();
    state.bots[0].handlers = [MENU];
    caller[2] = { ...caller[2], status: "deleted" };
    assert.deepEqual(categories(auditState(state, caller)), ["drift", "drift"]);
  });

  it("accepts a deleted association whose membership stays (the API cannot leave a channel)", () => {
    const { state, known: caller } = healthy();
    caller[3] = { ...caller[3], status: "deleted" };
    assert.deepEqual(auditState(state, caller), []);
  });

  it("leaves out an object whose last call failed (the failure is counted as such, not again as drift)", () => {
    const { state, known: caller } = healthy();
    state.bots[0].description = "patched, answer lost";
    state.bots[0].handlers = [MENU];
    caller[0] = { ...caller[0], certain: false };
    caller[1] = { ...caller[1], certain: false };
    assert.deepEqual(auditState(state, caller), []);
  });

  it("compares permissions regardless of order and ignores fields the provider did not report", () => {
    assert.deepEqual(
      driftedFields({ permissions: ["user", "chat"] }, { permissions: ["chat", "user"], icon: "x" }),
      [],
    );
    assert.deepEqual(driftedFields({ statusMessages: ["a", "b"] }, { statusMessages: ["b", "a"] }), [
      "statusMessages",
    ]);
    assert.deepEqual(driftedFields({ statusMessages: [] }, { statusMessages: undefined }), []);
  });
});
