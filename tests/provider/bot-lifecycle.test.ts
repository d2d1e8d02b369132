import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import { checked, useHarness, type Harness } from "./helpers";

describe("Bot provider against the emulator", () => {
  let h: Harness;
  useHarness((started) => (h = started));

  const webhookBot = {
    name: "Pipeline Alerts",
    description: "CI/CD alerts",
    scope: "team",
    teamIds: ["98765432"],
    executionType: "webhook",
    executionUrl: "https://ci.example.com/cliq",
    channelParticipation: ["listen_message", "send_message"],
    statusMessages: ["Watching your pipelines"],
    calls: "enable",
  };

  it("runs the whole lifecycle of a webhook bot: check, create, read, diff, update, read, delete", async () => {
    const inputs = await checked(h.bot, webhookBot);
    const { id, outs } = await h.bot.create(inputs);
    assert.match(id, /^\d+$/);
    assert.equal(outs.uniqueName, "pipelinealerts");
    assert.equal(outs.calls, "enabled");
    assert.equal(outs.status, "enabled");
    assert.equal(outs.botId, id);

    const read1 = await h.bot.read(id, outs);
    assert.equal(read1.id, id);
    assert.equal((await h.bot.diff(id, read1.props!, inputs)).changes, false);

    const changedInputs = await checked(h.bot, {
      ...webhookBot,
      description: "Pipeline alerts for every team",
      executionUrl: "https://ci.example.com/v2",
      statusMessages: ["Watching", "Paging"],
    });
    const diff = await h.bot.diff(id, read1.props!, changedInputs);
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    await h.clearRequests();
    const { outs: updated } = await h.bot.update(id, read1.props!, changedInputs);
    const patches = (await h.requests()).filter((r) => r.method === "PATCH");
    assert.equal(patches.length, 1);
    assert.equal(updated.description, "Pipeline alerts for every team");

    const read2 = await h.bot.read(id, updated);
    assert.equal(read2.props!.executionUrl, "https://ci.example.com/v2");
    assert.deepEqual(read2.props!.statusMessages, ["Watching", "Paging"]);
    assert.equal((await h.bot.diff(id, read2.props!, changedInputs)).changes, false);

    await h.bot.delete(id, read2.props!);
    assert.deepEqual((await h.state()).bots, []);
    assert.deepEqual(await h.bot.read(id, read2.props!), {});
  });

  it("creates a Deluge bot with defaults and reports what Cliq chose", async () => {
    const inputs = await checked(h.bot, { name: "Helper", description: "Answers questions" });
    const { id, outs } = await h.bot.create(inputs);
    assert.equal(outs.executionType, "deluge");
    assert.equal(typeof outs.scope, "string");
    const [bot] = (await h.state()).bots;
    assert.equal(bot.id, id);
    assert.equal(bot.execution_type, "deluge");
  });

  it("sends big team ids exactly and reads them back unrounded", async () => {
    const teamId = "90071992547409931234";
    const inputs = await checked(h.bot, { name: "Big", description: "d", scope: "team", teamIds: [teamId] });
    const { id, outs } = await h.bot.create(inputs);
    assert.deepEqual((await h.state()).bots[0].team_ids, [teamId]);
    const read = await h.bot.read(id, outs);
    assert.deepEqual(read.props!.teamIds, [teamId]);
  });

  it("clears removed optional arguments on update, sending only those fields", async () => {
    const inputs = await checked(h.bot, {
      name: "Clearable",
      description: "d",
      statusMessages: ["one"],
      channelParticipation: ["send_message"],
      image: "https://example.com/a.png",
    });
    const { id, outs } = await h.bot.create(inputs);
    const news = await checked(h.bot, { name: "Clearable", description: "d" });
    await h.clearRequests();
    const { outs: updated } = await h.bot.update(id, outs, news);
    assert.equal((await h.requests()).length, 1);
    const [bot] = (await h.state()).bots as unknown as Record<string, unknown>[];
    assert.deepEqual(bot.status_messages ?? [], []);
    assert.deepEqual(bot.channel_participation ?? [], []);
    assert.equal(bot.image ?? "", "");
    assert.equal(updated.statusMessages, undefined);
    assert.equal(updated.image, undefined);
    assert.equal((await h.bot.diff(id, updated, news)).changes, false);
  });

  it("moves a bot from team to organization scope, dropping its team ids", async () => {
    const { id, outs } = await h.bot.create(await checked(h.bot, { ...webhookBot }));
    const news = await checked(h.bot, { ...webhookBot, scope: "organization", teamIds: undefined });
    const { outs: updated } = await h.bot.update(id, outs, news);
    assert.equal(updated.scope, "organization");
    const [bot] = (await h.state()).bots;
    assert.equal(bot.scope, "organization");
    assert.deepEqual(bot.team_ids ?? [], []);
  });

  it("fails check, before any request, when scope is removed from a team-scoped bot", async () => {
    const olds = await checked(h.bot, { ...webhookBot });
    await h.clearRequests();
    const { scope: _scope, teamIds: _teamIds, ...withoutScope } = webhookBot;
    const { failures } = await h.bot.check(olds, withoutScope);
    assert.deepEqual(
      failures!.map((f) => f.property),
      ["scope"],
    );
    assert.deepEqual(await h.requests(), []);
  });

  it("sees an out-of-band change on read and undoes it on update", async () => {
    const inputs = await checked(h.bot, webhookBot);
    const { id, outs } = await h.bot.create(inputs);
    await h.api.updateBot(id, { description: "changed in the Cliq UI", calls: "disabled" });

    const read = await h.bot.read(id, outs);
    assert.equal(read.props!.description, "changed in the Cliq UI");
    assert.equal(read.props!.calls, "disabled");
    const diff = await h.bot.diff(id, read.props!, inputs);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);

    await h.bot.update(id, read.props!, inputs);
    const [bot] = (await h.state()).bots;
    assert.equal(bot.description, "CI/CD alerts");
    assert.equal(bot.calls, "enabled");
  });

  it("carries forward fields the GET response leaves out (adoptExisting is never returned)", async () => {
    const inputs = await checked(h.bot, { name: "Adoptable", description: "d", adoptExisting: true });
    const { id, outs } = await h.bot.create(inputs);
    assert.equal(outs.adoptExisting, true);
    const read = await h.bot.read(id, outs);
    assert.equal(read.props!.adoptExisting, true);
    assert.equal((await h.bot.diff(id, read.props!, inputs)).changes, false);
  });

  it("drops a bot deleted out of band on read, and deleting it again succeeds", async () => {
    const { id, outs } = await h.bot.create(await checked(h.bot, webhookBot));
    await h.api.deleteBot(id);
    assert.deepEqual(await h.bot.read(id, outs), {});
    await h.bot.delete(id, outs);
  });

  it("treats a 404 on delete as success", async () => {
    await h.bot.delete("53719000009999999", {});
    const deletes = (await h.requests()).filter((r) => r.method === "DELETE");
    assert.equal(deletes.length, 1);
    assert.equal((deletes[0].status ?? 0) >= 400, true);
  });

  it("reads a bot by id alone, in bare or b- form (lookup without prior state)", async () => {
    const { id } = await h.bot.create(await checked(h.bot, webhookBot));
    const read = await h.bot.read(`b-${id}`);
    assert.equal(read.id, `b-${id}`);
    assert.equal(read.props!.botId, id);
    assert.equal(read.props!.name, "Pipeline Alerts");
    assert.equal(read.props!.uniqueName, "pipelinealerts");
  });

  it("replaces a bot whose execution type changes: delete first, then the same name is free again", async () => {
    const inputs = await checked(h.bot, webhookBot);
    const old = await h.bot.create(inputs);
    const news = await checked(h.bot, { ...webhookBot, executionType: "deluge", executionUrl: undefined });
    const diff = await h.bot.diff(old.id, old.outs, news);
    assert.deepEqual(diff, { changes: true, replaces: ["executionType"], deleteBeforeReplace: true });
    // What the engine does for deleteBeforeReplace: delete the old bot, then create the new one.
    await h.bot.delete(old.id, old.outs);
    const replacement = await h.bot.create(news);
    assert.notEqual(replacement.id, old.id);
    const { bots } = await h.state();
    assert.deepEqual(
      bots.map((b) => [b.name, b.execution_type]),
      [["Pipeline Alerts", "deluge"]],
    );
  });

  it("fails to create a bot whose name is taken unless adoptExisting is set", async () => {
    await h.api.createBot({ name: "Pipeline Alerts", description: "made by hand" });
    await assert.rejects(h.bot.create(await checked(h.bot, webhookBot)), (error: { code?: string }) => {
      assert.equal(error.code, "bot_name_already_exists");
      return true;
    });
  });

  it("adopts an existing bot with the same name and brings it to the desired state", async () => {
    const existing = await h.api.createBot({
      name: "Pipeline Alerts",
      description: "made by hand",
      execution_type: "webhook",
      execution_url: "https://old.example.com",
    });
    const { id, outs } = await h.bot.create(await checked(h.bot, { ...webhookBot, adoptExisting: true }));
    assert.equal(id, existing.id);
    assert.equal(outs.description, "CI/CD alerts");
    const { bots } = await h.state();
    assert.equal(bots.length, 1);
    assert.equal(bots[0].description, "CI/CD alerts");
    assert.equal(bots[0].execution_url, "https://ci.example.com/cliq");
  });

  it("reports an adopted bot it could not update as a partial create carrying id, properties and provider", async () => {
    const existing = await h.api.createBot({
      name: "Pipeline Alerts",
      description: "made by hand",
      execution_type: "webhook",
      execution_url: "https://old.example.com",
    });
    await h.fault({ operationId: "update_an_existing_bot", kind: "status", status: 500, count: 10 });
    const inputs = await checked(h.bot, { ...webhookBot, adoptExisting: true });
    await assert.rejects(
      // The engine hands create its inputs with the serialized provider; a partial resource must keep it,
      // or a later destroy of it cannot load its provider.
      h.bot.create({ ...inputs, __provider: "serialized provider text" }),
      (error: { id?: string; properties?: Record<string, unknown>; message: string }) => {
        assert.equal(error.id, existing.id);
        assert.equal(error.properties?.uniqueName, existing.unique_name);
        assert.equal(error.properties?.description, "made by hand");
        assert.equal(error.properties?.__provider, "serialized provider text");
        assert.match(
          error.message,
          /Adopted existing bot "Pipeline Alerts".*could not bring it to the desired state/,
        );
        return true;
      },
    );
    await h.control("DELETE", "/faults");
  });

  it("refuses to adopt a bot of another execution type, naming the conflict", async () => {
    await h.api.createBot({ name: "Pipeline Alerts", description: "deluge one" });
    await assert.rejects(
      h.bot.create(await checked(h.bot, { ...webhookBot, adoptExisting: true })),
      /already exists as a deluge bot .*cannot be adopted as a webhook bot/,
    );
  });

  it("creates exactly one bot when the create response is lost", async () => {
    await h.fault({ operationId: "create_a_new_bot", kind: "drop-after-commit" });
    const { id, outs } = await h.bot.create(await checked(h.bot, webhookBot));
    const { bots } = await h.state();
    assert.equal(bots.length, 1);
    assert.equal(bots[0].id, id);
    assert.equal(outs.uniqueName, "pipelinealerts");
    const creates = (await h.requests()).filter((r) => r.operationId === "create_a_new_bot");
    assert.equal(creates.length, 1, "the create must not be repeated once the lookup found the bot");
  });

  it("creates the bot once when the first create never reached Cliq (dropped before the work)", async () => {
    await h.fault({ operationId: "create_a_new_bot", kind: "drop" });
    const { id } = await h.bot.create(await checked(h.bot, webhookBot));
    const { bots } = await h.state();
    assert.deepEqual(
      bots.map((b) => b.id),
      [id],
    );
  });

  it("does not take over an older bot of the same name when the create never reached Cliq", async () => {
    const older = await h.api.createBot({
      name: "Pipeline Alerts",
      description: "someone else's bot",
      execution_type: "webhook",
      execution_url: "https://other.example.com/hook",
    });
    await h.fault({ operationId: "create_a_new_bot", kind: "drop" });
    await assert.rejects(
      h.bot.create(await checked(h.bot, webhookBot)),
      /bot found under that name \(id \d+\) is not the one requested.*adoptExisting: true/s,
    );
    const { bots } = await h.state();
    assert.deepEqual(
      bots.map((b) => [b.id, b.description]),
      [[older.id, "someone else's bot"]],
    );
  });

  it("takes over the older bot of the same name after a lost create only with adoptExisting", async () => {
    const older = await h.api.createBot({
      name: "Pipeline Alerts",
      description: "someone else's bot",
      execution_type: "webhook",
      execution_url: "https://other.example.com/hook",
    });
    await h.fault({ operationId: "create_a_new_bot", kind: "drop" });
    const { id } = await h.bot.create(await checked(h.bot, { ...webhookBot, adoptExisting: true }));
    assert.equal(id, older.id);
    const { bots } = await h.state();
    assert.deepEqual(
      bots.map((b) => [b.id, b.description]),
      [[older.id, webhookBot.description]],
    );
  });

  it("refuses to create or update with a value still unknown, sending nothing to Cliq", async () => {
    const unknown = UNKNOWN;
    const inputs = await checked(h.bot, { ...webhookBot, description: unknown });
    await h.clearRequests();
    await assert.rejects(h.bot.create(inputs), /Bot create: some arguments are still unknown/);
    await assert.rejects(h.bot.update("1", { ...webhookBot }, inputs), /Bot update: .*still unknown/);
    assert.deepEqual(await h.requests(), []);
  });

  it("makes no API call from check or diff, even with unknown values", async () => {
    await h.clearRequests();
    const unknown = UNKNOWN;
    await h.bot.check({}, { ...webhookBot, name: unknown, executionType: unknown });
    await h.bot.diff("1", { ...webhookBot }, { ...webhookBot, executionType: unknown });
    assert.deepEqual(await h.requests(), []);
  });
});
