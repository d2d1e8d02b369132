import { strict as assert } from "node:assert";
import { CliqClient, type CliqClientOptions } from "../../provider/client";
import { createProviders } from "../../provider/resources/providers";
import { checked, startHarness, TIME_SCALE, TOKEN, useHarness, type Harness } from "./helpers";
import { DEFAULT_MAX_ATTEMPTS } from "../../provider/client/state";

const webhookBot = {
  name: "Pipeline Alerts",
  description: "CI/CD alerts",
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq",
};

describe("Nothing lost: creates that do not give up early", () => {
  let h: Harness;
  useHarness((started) => (h = started));

  const createsOf = async (operationId: string) =>
    (await h.requests()).filter((entry) => entry.operationId === operationId).map((entry) => entry.status);

  it("creates a bot through three 503s in a row: each looked up, then sent again, one bot in the end", async () => {
    await h.fault({ operationId: "create_a_new_bot", kind: "status", status: 503, count: 3 });
    const { id } = await h.bot.create(await checked(h.bot, webhookBot));
    assert.deepEqual(await createsOf("create_a_new_bot"), [503, 503, 503, 200]);
    assert.equal((await createsOf("list_all_bots")).length, 3, "a lookup after each ambiguous failure");
    assert.deepEqual(
      (await h.state()).bots.map((bot) => bot.id),
      [id],
    );
  });

  it("gives up after the client's attempts with the last error, having sent one create per attempt", async () => {
    await h.fault({
      operationId: "create_a_new_bot",
      kind: "status",
      status: 503,
      count: DEFAULT_MAX_ATTEMPTS + 2,
    });
    await assert.rejects(h.bot.create(await checked(h.bot, webhookBot)), (error: { status?: number }) => {
      assert.equal(error.status, 503);
      return true;
    });
    assert.equal((await createsOf("create_a_new_bot")).length, DEFAULT_MAX_ATTEMPTS);
    assert.deepEqual((await h.state()).bots, []);
    await h.control("DELETE", "/faults");
  });

  it("creates a handler through a 503 and a dropped connection", async () => {
    const { id: botId } = await h.bot.create(await checked(h.bot, webhookBot));
    await h.fault({ operationId: "create_a_handler_for_a_bot", kind: "status", status: 503 });
    await h.fault({ operationId: "create_a_handler_for_a_bot", kind: "drop" });
    const inputs = await checked(h.botHandler, { botId, type: "message_handler", permissions: ["chat"] });
    const { id } = await h.botHandler.create(inputs);
    assert.equal(id, `${botId}/message_handler`);
    assert.deepEqual(await createsOf("create_a_handler_for_a_bot"), [503, null, 200]);
    const handlers = (await h.state()).bots[0]!.handlers.filter(
      (handler) => handler.type === "message_handler",
    );
    assert.equal(handlers.length, 1);
  });

  it("uses the bot an earlier timed-out create made when the retry is refused as a duplicate name", async () => {
    // Create 1 is held 1.6 s and times out at 0.6 s; the lookup at ~0.6 s finds nothing; the retry leaves
    // after a 2 s backoff (jitter fixed at its ceiling, the API's 500 ms times 4), when create 1 has landed: it
    // is refused as a duplicate name, and the second lookup finds create 1's bot. Margins are 1 s either way,
    // so a pause of a loaded machine does not reorder them.
    const api = new CliqClient({
      apiUrl: h.emulator.apiUrl,
      accessToken: TOKEN,
      requestTimeoutMs: 600,
      timeScale: 4,
      random: () => 1,
      logger: { warn: () => undefined },
    });
    const slow = createProviders({ api: () => api, logger: { warn: () => undefined } });
    await h.fault({ operationId: "create_a_new_bot", kind: "latency", ms: 1600 });
    const { id } = await slow.bot.create(await checked(slow.bot, webhookBot));
    // The emulator logs create 1 when its held work is done (200, unseen by the client), create 2 as refused.
    assert.deepEqual(await createsOf("create_a_new_bot"), [200, 400]);
    assert.equal((await createsOf("list_all_bots")).length, 2, "one lookup after each failure");
    assert.deepEqual(
      (await h.state()).bots.map((bot) => bot.id),
      [id],
    );
  });

  it("associates a bot with a channel through three 503s in a row", async () => {
    await h.bot.create(await checked(h.bot, { name: "Alerts", description: "d" }));
    await h.fault({ operationId: "associate_bot_to_channel", kind: "status", status: 503, count: 3 });
    const inputs = await checked(h.channelAssociation, { botUniqueName: "alerts", channelUniqueName: "ops" });
    await h.channelAssociation.create(inputs);
    assert.deepEqual(await createsOf("associate_bot_to_channel"), [503, 503, 503, 200]);
    assert.equal((await h.state()).memberships.length, 1);
  });
});

describe("Nothing lost: objects are read, updated and deleted only where they live", () => {
  let h: Harness;
  let other: Harness;
  useHarness((started) => (h = started));
  before(async () => (other = await startHarness()));
  after(async () => other.close());
  beforeEach(async () => other.reset());

  const hostOf = (harness: Harness) => new URL(harness.emulator.url).origin;

  function providersWith(extra: Partial<CliqClientOptions>) {
    const api = new CliqClient({
      apiUrl: h.emulator.apiUrl,
      accessToken: TOKEN,
      timeScale: TIME_SCALE,
      logger: { warn: () => undefined },
      ...extra,
    });
    return createProviders({ api: () => api, logger: { warn: () => undefined } });
  }

  it("records the API host on every kind's outputs, and keeps it through read and update", async () => {
    const bot = await h.bot.create(await checked(h.bot, webhookBot));
    assert.equal(bot.outs.apiHost, hostOf(h));
    const handlerInputs = await checked(h.botHandler, {
      botId: bot.id,
      type: "welcome_handler",
      permissions: ["user"],
    });
    const handler = await h.botHandler.create(handlerInputs);
    const association = await h.channelAssociation.create(
      await checked(h.channelAssociation, { botUniqueName: "pipelinealerts", channelUniqueName: "ops" }),
    );
    assert.deepEqual([handler.outs.apiHost, association.outs.apiHost], [hostOf(h), hostOf(h)]);
    assert.equal((await h.bot.read(bot.id, bot.outs)).props!.apiHost, hostOf(h));
    const updated = await h.bot.update(bot.id, bot.outs, {
      ...(await checked(h.bot, webhookBot)),
      description: "new",
    });
    assert.equal(updated.outs.apiHost, hostOf(h));
    assert.equal(
      (await h.bot.diff(bot.id, updated.outs, { ...webhookBot, description: "new" })).changes,
      false,
    );
  });

  it("refuses to read, update or delete a bot through another host, naming both, and sends nothing", async () => {
    const { id, outs } = await h.bot.create(await checked(h.bot, webhookBot));
    const naming = (operation: string) => (error: Error) => {
      assert.match(error.message, new RegExp(`refusing to ${operation}`, "i"));
      assert.ok(error.message.includes(hostOf(h)) && error.message.includes(hostOf(other)), error.message);
      assert.match(error.message, /cliq:movedFrom/);
      return true;
    };
    await assert.rejects(other.bot.read(id, outs), naming("read"));
    await assert.rejects(other.bot.update(id, outs, { ...outs, description: "x" }), naming("update"));
    await assert.rejects(other.bot.delete(id, outs), naming("delete"));
    assert.deepEqual(await other.requests(), []);
    assert.equal((await h.state()).bots.length, 1, "the bot is still there");
  });

  it("refuses a handler and a channel association recorded under another host", async () => {
    const bot = await h.bot.create(await checked(h.bot, webhookBot));
    const handler = await h.botHandler.create(
      await checked(h.botHandler, { botId: bot.id, type: "welcome_handler", permissions: ["user"] }),
    );
    const association = await h.channelAssociation.create(
      await checked(h.channelAssociation, { botUniqueName: "pipelinealerts", channelUniqueName: "ops" }),
    );
    await assert.rejects(other.botHandler.read(handler.id, handler.outs), /refusing to read/i);
    await assert.rejects(other.botHandler.delete(handler.id, handler.outs), /refusing to delete/i);
    await assert.rejects(
      other.channelAssociation.read(association.id, association.outs),
      /refusing to read/i,
    );
    await assert.rejects(
      other.channelAssociation.delete(association.id, association.outs),
      /refusing to delete/i,
    );
    assert.deepEqual(other.warnings, []);
    assert.deepEqual(await other.requests(), []);
  });

  it("adopts the current host for state written before hosts were recorded", async () => {
    const { id, outs } = await h.bot.create(await checked(h.bot, webhookBot));
    const { apiHost: _recorded, ...legacy } = outs;
    const read = await h.bot.read(id, legacy);
    assert.equal(read.props!.apiHost, hostOf(h));
  });

  it("serves an object recorded under a host the user declared moved from, and records the new host", async () => {
    const { id, outs } = await h.bot.create(await checked(h.bot, webhookBot));
    const movedOuts = { ...outs, apiHost: "https://cliq.zoho.com" };
    await assert.rejects(h.bot.read(id, movedOuts), /https:\/\/cliq\.zoho\.com.*refusing to read/is);
    for (const movedFrom of ["us", "https://cliq.zoho.com/api/v3"]) {
      const read = await providersWith({ movedFrom }).bot.read(id, movedOuts);
      assert.equal(read.id, id);
      assert.equal(read.props!.apiHost, hostOf(h));
    }
  });

  it("never reports a bot gone on a 404 that is not Cliq's own not-found (a wrong API path)", async () => {
    const { id, outs } = await h.bot.create(await checked(h.bot, webhookBot));
    const wrongPath = providersWith({ apiUrl: `${h.emulator.url}/api/v2` });
    await assert.rejects(wrongPath.bot.read(id, outs), (error: { status?: number; code?: string }) => {
      assert.equal(error.status, 404);
      assert.equal(error.code, "url_not_found");
      return true;
    });
    await assert.rejects(wrongPath.bot.delete(id, outs), /url_not_found/);
    assert.equal((await h.state()).bots.length, 1);
  });
});
