/**
 * The plugin's resource RPCs against an emulated organisation, over real gRPC and HTTP: plan-time validation
 * before any request, previews without requests, the create/read/update/delete round trip, property-level
 * diffs, and the Read that `pulumi import` relies on (the id alone gives back the inputs).
 */
import { strict as assert } from "assert";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import { resetCancellation } from "../../provider/client/cancel";
import { Empty, provproto, usePluginSuite } from "./support";

const BOT = "cliq:index:Bot";
const HANDLER = "cliq:index:BotHandler";
const ASSOCIATION = "cliq:index:ChannelAssociation";
const { Kind } = provproto.PropertyDiff;

const WEBHOOK_BOT = {
  name: "Pipeline Alerts",
  description: "CI/CD alerts",
  executionType: "webhook",
  executionUrl: "https://ci.example.com/cliq",
  channelParticipation: ["listen_message", "send_message"],
  statusMessages: ["Watching your pipelines"],
};

describe("plugin: resource lifecycle over gRPC", () => {
  const suite = usePluginSuite("lifecycle");
  beforeEach(async () => {
    await suite.org.control.reset();
  });

  it("fails Check naming the property and its 20-character limit, before any API request", async () => {
    const { failures } = await suite.calls.check(BOT, {
      ...WEBHOOK_BOT,
      name: "A name far longer than twenty",
    });
    assert.equal(failures.length, 1, JSON.stringify(failures));
    assert.equal(failures[0]!.property, "name");
    assert.match(failures[0]!.reason, /20 characters/);
    assert.deepEqual(await suite.org.requests(), []);
  });

  it("previews a create with Cliq's outputs unknown and no request", async () => {
    const { inputs } = await suite.calls.check(BOT, WEBHOOK_BOT);
    const preview = await suite.calls.create(BOT, inputs, true);
    assert.equal(preview.id, "");
    assert.equal(preview.outs.name, "Pipeline Alerts");
    assert.equal(preview.outs.uniqueName, UNKNOWN);
    assert.equal(preview.outs.botId, UNKNOWN);
    assert.deepEqual(await suite.org.requests(), []);
  });

  it("creates, reads, updates in place and deletes a bot", async () => {
    const { inputs } = await suite.calls.check(BOT, WEBHOOK_BOT);
    const created = await suite.calls.create(BOT, inputs);
    assert.match(created.id, /^\d+$/);
    assert.equal(created.outs.botId, created.id);
    assert.equal(typeof created.outs.uniqueName, "string");

    const read = await suite.calls.read(BOT, created.id, created.outs, inputs);
    assert.equal(read.id, created.id);
    assert.equal(read.outs.description, "CI/CD alerts");

    const news = (
      await suite.calls.check(BOT, { ...WEBHOOK_BOT, description: "Alerts of every pipeline" }, inputs)
    ).inputs;
    const diff = await suite.calls.diff(BOT, created.id, created.outs, news);
    assert.equal(diff.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
    assert.deepEqual(diff.getReplacesList(), []);
    const updated = await suite.calls.update(BOT, created.id, created.outs, news);
    assert.equal(updated.description, "Alerts of every pipeline");
    assert.equal(
      updated.uniqueName,
      created.outs.uniqueName,
      "computed outputs are carried across the update",
    );
    const dump = await suite.org.control.state();
    assert.equal(
      dump.bots.find((bot) => String(bot.id) === created.id)?.description,
      "Alerts of every pipeline",
    );

    await suite.calls.remove(BOT, created.id, updated);
    assert.equal((await suite.org.control.state()).bots.length, 0);
    const gone = await suite.calls.read(BOT, created.id, updated, news);
    assert.equal(gone.id, "", "a refresh of a deleted bot answers no id, so the engine drops it");
  });

  it("reports each changed property with its kind, replacements as _REPLACE with delete-before-replace", async () => {
    const olds = {
      ...WEBHOOK_BOT,
      image: "https://example.com/a.png",
      botId: "1",
      uniqueName: "pipelinealerts",
    };
    const news = {
      ...WEBHOOK_BOT,
      executionType: "deluge",
      executionUrl: undefined,
      statusMessages: ["Other"],
      image: undefined,
      calls: "enabled",
    };
    const diff = await suite.calls.diff(BOT, "1", olds, JSON.parse(JSON.stringify(news)));
    const kinds: Record<string, number> = {};
    diff.getDetaileddiffMap().forEach((value, key) => (kinds[key] = value.getKind()));
    assert.deepEqual(kinds, {
      executionType: Kind.UPDATE_REPLACE,
      executionUrl: Kind.DELETE,
      statusMessages: Kind.UPDATE,
      image: Kind.DELETE,
      calls: Kind.ADD,
    });
    assert.deepEqual(diff.getReplacesList(), ["executionType"]);
    assert.equal(diff.getDeletebeforereplace(), true, "the name stays, and names are unique");
    assert.equal(diff.getHasdetaileddiff(), true);
  });

  it("answers no changes for an unchanged bot, and an unknown value as a change", async () => {
    const olds = { ...WEBHOOK_BOT, botId: "1", uniqueName: "pipelinealerts" };
    const same = await suite.calls.diff(BOT, "1", olds, WEBHOOK_BOT);
    assert.equal(same.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_NONE);
    const unknown = await suite.calls.diff(BOT, "1", olds, { ...WEBHOOK_BOT, description: UNKNOWN });
    assert.equal(unknown.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
    assert.deepEqual(unknown.getDiffsList(), ["description"]);
  });

  it("imports a bot, a handler and a channel association from their ids alone, inputs included", async () => {
    const bot = await suite.calls.create(BOT, (await suite.calls.check(BOT, WEBHOOK_BOT)).inputs);
    const handlerInputs = { botId: bot.id, type: "message_handler", permissions: ["chat", "user"] };
    const handler = await suite.calls.create(
      HANDLER,
      (await suite.calls.check(HANDLER, handlerInputs)).inputs,
    );
    const membership = { botUniqueName: bot.outs.uniqueName, channelUniqueName: "ops" };
    const association = await suite.calls.create(
      ASSOCIATION,
      (await suite.calls.check(ASSOCIATION, membership)).inputs,
    );

    const importedBot = await suite.calls.read(BOT, bot.id);
    assert.equal(importedBot.id, bot.id);
    assert.deepEqual(importedBot.inputs, {
      name: "Pipeline Alerts",
      description: "CI/CD alerts",
      scope: importedBot.outs.scope,
      executionType: "webhook",
      executionUrl: "https://ci.example.com/cliq",
      channelParticipation: ["listen_message", "send_message"],
      statusMessages: ["Watching your pipelines"],
      ...(importedBot.outs.calls === undefined ? {} : { calls: importedBot.outs.calls }),
    });
    const rechecked = await suite.calls.check(BOT, importedBot.inputs);
    assert.deepEqual(rechecked.failures, [], "the imported inputs pass Check");
    const diff = await suite.calls.diff(BOT, bot.id, importedBot.outs, rechecked.inputs);
    assert.equal(
      diff.getChanges(),
      provproto.DiffResponse.DiffChanges.DIFF_NONE,
      "code generated from them diffs clean",
    );

    assert.equal(handler.id, `${bot.id}/message_handler`);
    const importedHandler = await suite.calls.read(HANDLER, handler.id);
    assert.deepEqual(importedHandler.inputs, {
      botId: bot.id,
      type: "message_handler",
      permissions: ["chat", "user"],
    });

    const importedAssociation = await suite.calls.read(ASSOCIATION, association.id);
    assert.deepEqual(importedAssociation.inputs, membership);
  });

  it("fails an import of an id Cliq does not know, naming it", async () => {
    await assert.rejects(suite.calls.read(BOT, "123456789"), /Bot 123456789 does not exist in Cliq/);
    await assert.rejects(suite.calls.read(HANDLER, "../x"), /is not a BotHandler id/);
  });

  it("warns through the engine's Log when an association is destroyed, attached to its URN", async () => {
    await suite.calls.remove(ASSOCIATION, "alerts/ops", {
      botUniqueName: "alerts",
      channelUniqueName: "ops",
    });
    const deadline = Date.now() + 2000;
    while (suite.plugin.engine.logs.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const warning = suite.plugin.engine.logs.find((log) => log.message.includes("stays a member"));
    assert.ok(warning, JSON.stringify(suite.plugin.engine.logs));
    assert.equal(warning.severity, "warning");
    assert.equal(warning.urn, "urn:pulumi:test::cliq-plugin::cliq:index:ChannelAssociation::r");
  });
});

// Its own plugin and organisation: the lock stays in this plugin's client for 300 s.
describe("plugin: the engine's Cancel", () => {
  const suite = usePluginSuite("cancel");

  it("fails a create waiting out a Cliq lock at once when the engine cancels, with nothing made", async () => {
    await suite.org.control.lock("create_a_new_bot");
    const { inputs } = await suite.calls.check(BOT, WEBHOOK_BOT);
    // Settled as soon as it ends, so its failure is handled even before the Cancel call returns.
    const failure = suite.calls.create(BOT, inputs).then(
      () => new Error("the create succeeded"),
      (error: unknown) => error as Error,
    );
    const sent = async () => (await suite.org.requests()).filter((r) => r.operationId === "create_a_new_bot");
    // Its first attempt is refused by the lock; the call then waits 300 s for the lock to end.
    for (let i = 0; i < 2000 && (await sent()).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    try {
      await suite.plugin.call("cancel", new Empty());
      assert.match(
        (await failure).message,
        /create_a_new_bot \(POST \/bots\) was not sent: the Pulumi operation was cancelled/,
      );
    } finally {
      resetCancellation();
    }
    assert.deepEqual(
      (await sent()).map((r) => r.throttled),
      [true],
    );
    assert.deepEqual((await suite.org.control.state()).bots, []);
  });
});
