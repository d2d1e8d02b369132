import { strict as assert } from "node:assert";
import { checkBotQuery, findBot, listBotData } from "../../provider/resources/bot/find";
import { checked, useHarness, type Harness } from "./helpers";

describe("Bot lookups (find.ts) against the emulator", () => {
  let h: Harness;
  useHarness((started) => (h = started));

  const alerts = {
    name: "Pipeline Alerts",
    description: "CI/CD alerts",
    executionType: "webhook",
    executionUrl: "https://ci.example.com/cliq",
    statusMessages: ["Watching your pipelines"],
  };

  async function createBot(args: Record<string, unknown>) {
    const { id, outs } = await h.bot.create(await checked(h.bot, args));
    return { id, outs };
  }

  it("finds a bot by id, b- id, name (any case) and unique name, with the outputs a Bot refresh records", async () => {
    const { id, outs } = await createBot(alerts);
    const { props: refreshed } = await h.bot.read(id, {});
    for (const query of [
      { id },
      { id: `b-${id}` },
      { name: "pipeline ALERTS" },
      { uniqueName: "pipelinealerts" },
    ]) {
      const found = await findBot(h.api, query);
      assert.equal(found.id, id, JSON.stringify(query));
      assert.deepEqual({ ...found, id: undefined }, { ...refreshed, id: undefined });
    }
    assert.equal(outs.uniqueName, "pipelinealerts");
  });

  it("fails with an error naming the query when no bot matches, by name or by id", async () => {
    await createBot(alerts);
    await assert.rejects(findBot(h.api, { name: "Nobody" }), /getBot: no bot with name "Nobody" at /);
    await assert.rejects(
      findBot(h.api, { id: "53719000009999999" }),
      /getBot: no bot with id "53719000009999999" at /,
    );
    await assert.rejects(findBot(h.api, { uniqueName: "nobody" }), /no bot with uniqueName "nobody"/);
  });

  it("lists every bot with one paged listing and no per-bot reads", async () => {
    await createBot(alerts);
    await createBot({ name: "Support Desk", description: "Answers support questions" });
    await h.clearRequests();
    const bots = await listBotData(h.api);
    assert.deepEqual(bots.map((bot) => bot.name).sort(), ["Pipeline Alerts", "Support Desk"]);
    for (const bot of bots) {
      assert.equal(bot.id, bot.botId);
      assert.match(bot.id, /^\d+$/);
      assert.equal(typeof bot.uniqueName, "string");
      assert.equal(bot.apiHost, h.api.apiHost);
    }
    const requests = await h.requests();
    assert.ok(requests.length >= 1 && requests.every((request) => request.operationId === "list_all_bots"));
  });

  it("returns an empty list when there are no bots", async () => {
    assert.deepEqual(await listBotData(h.api), []);
  });
});

describe("checkBotQuery", () => {
  it("accepts exactly one of id, name or uniqueName", () => {
    assert.deepEqual(checkBotQuery({ id: "b-53719000001878011" }), { id: "b-53719000001878011" });
    assert.deepEqual(checkBotQuery({ name: "Ops Bot", uniqueName: undefined }), { name: "Ops Bot" });
    assert.deepEqual(checkBotQuery({ uniqueName: "opsbot" }), { uniqueName: "opsbot" });
  });

  it("refuses none, two, an unknown key or a non-string, naming the property", () => {
    assert.throws(() => checkBotQuery({}), /exactly one of id, name or uniqueName \(got none\)/);
    assert.throws(() => checkBotQuery({ id: "1", name: "x" }), /\(got id and name\)/);
    assert.throws(() => checkBotQuery({ botId: "1" }), /unknown property "botId"/);
    assert.throws(() => checkBotQuery({ name: 7 }), /name must be a non-empty string \(got number\)/);
    assert.throws(
      () => checkBotQuery({ name: "" }),
      /name must be a non-empty string \(got an empty string\)/,
    );
    assert.throws(() => checkBotQuery("opsbot"), /expected an object/);
  });

  it("refuses an id that is not a bot id before any request", () => {
    assert.throws(() => checkBotQuery({ id: "../handlers" }), /getBot: id: "\.\.\/handlers" is not a Bot id/);
  });
});
