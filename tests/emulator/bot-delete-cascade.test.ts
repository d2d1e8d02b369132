/**
 * The spec's `delete_a_specific_bot`: deleting a bot deletes "all its associated handlers and configuration" and
 * removes its channel associations. Handlers and memberships given to Pulumi with their `Bot` rely on it (their
 * own deletes are skipped), so nothing of a deleted bot may survive, and nothing may reattach to a new bot.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FileStore, MemoryStore } from "../../emulator/store";
import type { BotRecord } from "../../emulator/store";
import { sharedHarness } from "./harness";

function botRecord(id: string, uniqueName: string): BotRecord {
  return {
    id,
    uniqueName,
    name: uniqueName,
    description: "d",
    scope: "personal",
    teamIds: [],
    statusMessages: [],
    channelParticipation: [],
    calls: "disabled",
    executionType: "deluge",
    handlers: [{ id: "1", type: "message_handler", script: "return {};" }],
    creator: { id: "u", name: "u", email: "u@example.com" },
    changeSeq: 1,
  };
}

describe("emulator: deleting a bot takes its handlers and memberships with it", () => {
  const h = sharedHarness({ rateLimits: false });

  async function botWithHandlersIn(name: string, channels: string[]) {
    const bot = await h.createDelugeBot(name);
    for (const type of ["message_handler", "welcome_handler"]) {
      const made = await h.call("create_a_handler_for_a_bot", {
        params: { BOT_ID: `b-${bot.id}` },
        body: { type, script: "return {};" },
      });
      assert.strictEqual(made.status, 200);
    }
    for (const channel of channels) {
      const joined = await h.call("associate_bot_to_channel", {
        params: { BOT_UNIQUE_NAME: bot.unique_name },
        body: { channel_unique_name: channel },
      });
      assert.strictEqual(joined.status, 200);
    }
    return bot;
  }

  it("leaves no handler and no membership of the deleted bot, and the other bots' untouched", async () => {
    const doomed = await botWithHandlersIn("Doomed", ["ops", "dev"]);
    const kept = await botWithHandlersIn("Kept", ["ops"]);
    const deleted = await h.call("delete_a_specific_bot", { params: { BOT_ID: `b-${doomed.id}` } });
    assert.strictEqual(deleted.status, 200);
    const state = (await h.control("GET", "/state")).body;
    assert.deepStrictEqual(
      state.bots.map((b: { id: string; handlers: unknown[] }) => [b.id, b.handlers.length]),
      [[kept.id, 2]],
    );
    assert.deepStrictEqual(state.memberships, [{ channel_unique_name: "ops", bot_unique_name: "kept" }]);
  });

  it("answers bot_not_found for the deleted bot's handlers, so their late deletes succeed as already gone", async () => {
    const doomed = await botWithHandlersIn("Handlers Gone", []);
    await h.call("delete_a_specific_bot", { params: { BOT_ID: doomed.id } });
    const params = { BOT_ID: `b-${doomed.id}`, HANDLER_TYPE: "message_handler" };
    const read = await h.call("get_details_of_a_specific_bot_handler", { params });
    const removed = await h.call("delete_a_handler_from_a_bot", { params });
    assert.deepStrictEqual(
      [read.status, read.body.code, removed.status, removed.body.code],
      [404, "bot_not_found", 404, "bot_not_found"],
    );
  });

  it("gives a new bot of the same name (and unique name) no handler and no membership of the old one", async () => {
    const old = await botWithHandlersIn("Reborn", ["ops"]);
    await h.call("delete_a_specific_bot", { params: { BOT_ID: old.id } });
    const reborn = await h.createDelugeBot("Reborn");
    assert.strictEqual(reborn.unique_name, old.unique_name);
    const state = (await h.control("GET", "/state")).body;
    assert.deepStrictEqual([state.bots[0].handlers, state.memberships], [[], []]);
    const joined = await h.call("associate_bot_to_channel", {
      params: { BOT_UNIQUE_NAME: reborn.unique_name },
      body: { channel_unique_name: "ops" },
    });
    assert.strictEqual(joined.status, 200, "no stale membership answers bot_already_member");
  });

  it("cascades in the store itself, in memory and persisted to a state file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-cascade-"));
    try {
      const file = path.join(dir, "state.json");
      for (const store of [new MemoryStore(), new FileStore(file)]) {
        store.putBot(botRecord("11", "gone"));
        store.putBot(botRecord("12", "stays"));
        store.addMembership({ channel: "ops", botUniqueName: "gone" });
        store.addMembership({ channel: "ops", botUniqueName: "stays" });
        assert.strictEqual(store.deleteBot("11"), true);
        assert.deepStrictEqual(
          [store.listBots().map((b) => b.id), store.listMemberships()],
          [["12"], [{ channel: "ops", botUniqueName: "stays" }]],
        );
      }
      const reloaded = new FileStore(file);
      assert.deepStrictEqual(
        [reloaded.getBot("11"), reloaded.hasMembership("ops", "gone")],
        [undefined, false],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
