import * as assert from "assert";
import { sharedHarness } from "./harness";

describe("emulator: list pagination and sync", () => {
  const h = sharedHarness({ rateLimits: false });

  async function createBots(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await h.createDelugeBot(`Bot ${i}`)).id);
    return ids;
  }

  async function walk(
    query: Record<string, string>,
  ): Promise<{ ids: string[]; pages: number; last: Record<string, unknown> }> {
    const ids: string[] = [];
    let pages = 0;
    let next: string | undefined;
    let last: Record<string, unknown> = {};
    do {
      const result = await h.call("list_all_bots", { query: next ? { ...query, next_token: next } : query });
      assert.strictEqual(result.status, 200, result.text);
      ids.push(...result.body.data.map((b: { id: string }) => b.id));
      next = result.body.next_token;
      last = result.body;
      pages++;
    } while (next);
    return { ids, pages, last };
  }

  it("walks next_token through every bot exactly once, 20 per page by default", async () => {
    const created = await createBots(45);
    const { ids, pages } = await walk({});
    assert.strictEqual(pages, 3);
    assert.deepStrictEqual([...ids].sort(), [...created].sort());
    assert.strictEqual(new Set(ids).size, 45);
  });

  it("honours limit up to 50 and refuses 0, 51 and non-numbers with invalid_inputs", async () => {
    await createBots(52);
    const first = await h.call("list_all_bots", { query: { limit: "50" } });
    assert.strictEqual(first.body.data.length, 50);
    assert.ok(first.body.next_token);
    const rest = await h.call("list_all_bots", { query: { next_token: first.body.next_token } });
    assert.strictEqual(rest.body.data.length, 2);
    assert.ok(!("next_token" in rest.body));
    for (const limit of ["0", "51", "ten"]) {
      const refused = await h.call("list_all_bots", { query: { limit } });
      assert.deepStrictEqual([refused.status, refused.body.code], [400, "invalid_inputs"], limit);
    }
  });

  it("does not skip or repeat bots when one is deleted between pages", async () => {
    const created = await createBots(6);
    const first = await h.call("list_all_bots", { query: { limit: "3" } });
    await h.call("delete_a_specific_bot", { params: { BOT_ID: created[1] } });
    const second = await h.call("list_all_bots", { query: { next_token: first.body.next_token } });
    const seen = [...first.body.data, ...second.body.data].map((b: { id: string }) => b.id);
    assert.deepStrictEqual(seen, created);
  });

  it("returns with a sync_token only the bots created or changed since, and the ids deleted since", async () => {
    const [a, b, c] = await createBots(3);
    const syncToken = (await h.call("list_all_bots")).body.sync_token;
    assert.ok(syncToken);
    await h.call("update_an_existing_bot", { params: { BOT_ID: a }, body: { description: "changed" } });
    await h.call("delete_a_specific_bot", { params: { BOT_ID: b } });
    const d = (await h.createDelugeBot("Newcomer")).id;
    const delta = await h.call("list_all_bots", { query: { sync_token: syncToken } });
    assert.deepStrictEqual(
      delta.body.data.map((x: { id: string }) => x.id),
      [a, d],
    );
    assert.deepStrictEqual(delta.body.deleted, [b]);
    const quiet = await h.call("list_all_bots", { query: { sync_token: delta.body.sync_token } });
    assert.deepStrictEqual([quiet.body.data.length, quiet.body.deleted.length], [0, 0]);
    assert.ok(c);
  });

  it("refuses a forged next_token with invalid_inputs", async () => {
    const result = await h.call("list_all_bots", { query: { next_token: "bm90IGEgdG9rZW4=" } });
    assert.deepStrictEqual([result.status, result.body.code], [400, "invalid_inputs"]);
  });

  it("lists the creator as the one subscriber, by b-id, bare id or unique name", async () => {
    const bot = await h.createDelugeBot("Subscribed");
    for (const ref of [`b-${bot.id}`, bot.id, bot.unique_name]) {
      const result = await h.call("list_all_subscribers_of_a_bot", {
        params: { BOT_ID_OR_UNIQUE_NAME: ref },
      });
      assert.strictEqual(result.status, 200, result.text);
      assert.deepStrictEqual(
        result.body.data.map((s: { user_id: string }) => s.user_id),
        [bot.creator.id],
      );
      assert.ok(result.body.sync_token);
    }
    assert.strictEqual(bot.subscriber_count, 1);
  });
});
