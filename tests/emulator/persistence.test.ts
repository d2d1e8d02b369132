import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Harness } from "./harness";

describe("emulator: persistence with a state file", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-emulator-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps bots, handlers, memberships, the id sequence and the change sequence across a restart", async () => {
    const statePath = path.join(dir, "nested", "state.json");
    const first = await Harness.start({ rateLimits: false, statePath });
    let bot;
    let handlerId;
    let syncToken;
    try {
      bot = await first.createDelugeBot("Durable", {
        scope: "team",
        team_ids: [123456789012345678901n.toString()],
      });
      handlerId = (
        await first.call("create_a_handler_for_a_bot", {
          params: { BOT_ID: bot.id },
          body: { type: "menu_handler", name: "Menu", script: "x" },
        })
      ).body.data.id;
      await first.call("associate_bot_to_channel", {
        params: { BOT_UNIQUE_NAME: bot.unique_name },
        body: { channel_unique_name: "ops" },
      });
      syncToken = (await first.call("list_all_bots")).body.sync_token;
    } finally {
      await first.close();
    }
    const second = await Harness.start({ rateLimits: false, statePath });
    try {
      const fetched = await second.call("get_details_of_a_specific_bot", { params: { BOT_ID: bot.id } });
      assert.strictEqual(fetched.status, 200);
      assert.ok(fetched.text.includes('"team_ids":[123456789012345678901]'), fetched.text);
      assert.strictEqual(fetched.body.data.handlers[0].id, handlerId);
      const repeat = await second.call("associate_bot_to_channel", {
        params: { BOT_UNIQUE_NAME: bot.unique_name },
        body: { channel_unique_name: "ops" },
      });
      assert.strictEqual(repeat.body.code, "bot_already_member");
      const next = await second.createDelugeBot("After Restart");
      assert.ok(BigInt(next.id) > BigInt(handlerId), "ids continue after a restart instead of repeating");
      const delta = await second.call("list_all_bots", { query: { sync_token: syncToken } });
      assert.deepStrictEqual(
        delta.body.data.map((b: { id: string }) => b.id),
        [next.id],
        "a sync token from before the restart still sees exactly the later changes",
      );
      const dup = await second.call("create_a_new_bot", { body: { name: "durable", description: "d" } });
      assert.strictEqual(dup.body.code, "bot_name_already_exists");
    } finally {
      await second.close();
    }
  });

  it("writes the file atomically: each change renames a new file into place, no temporary file left behind", async () => {
    const statePath = path.join(dir, "state.json");
    const h = await Harness.start({ rateLimits: false, statePath });
    try {
      for (let i = 0; i < 5; i++) {
        // A descriptor opened before the change keeps the old file alive: after a rename it still reads the
        // old state from another inode, while an in-place rewrite (half a file if it crashed) shows through.
        const before = fs.openSync(statePath, "r");
        try {
          await h.createDelugeBot(`Bot ${i}`);
          assert.strictEqual(JSON.parse(fs.readFileSync(statePath, "utf8")).bots.length, i + 1);
          assert.notStrictEqual(fs.fstatSync(before).ino, fs.statSync(statePath).ino, "rewritten in place");
          assert.strictEqual(JSON.parse(fs.readFileSync(before, "utf8")).bots.length, i);
        } finally {
          fs.closeSync(before);
        }
      }
      assert.deepStrictEqual(fs.readdirSync(dir), ["state.json"]);
      await h.reset();
      assert.strictEqual(JSON.parse(fs.readFileSync(statePath, "utf8")).bots.length, 0);
    } finally {
      await h.close();
    }
  });

  it("refuses to start on a file that is not an emulator state file", async () => {
    const statePath = path.join(dir, "state.json");
    fs.writeFileSync(statePath, JSON.stringify({ something: "else" }));
    await assert.rejects(Harness.start({ statePath }), /not an emulator state file/);
  });
});
