import { strict as assert } from "node:assert";
import { HANDLER_TYPES, PERMISSIONS_BY_HANDLER, type HandlerType } from "../../cliq-api/operations";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import { checked, useHarness, type Harness } from "./helpers";

async function makeBot(
  h: Harness,
  executionType: "deluge" | "webhook",
  name = `${executionType} bot`,
): Promise<string> {
  const { id } = await h.bot.create(
    await checked(h.bot, {
      name,
      description: "handler tests",
      executionType,
      ...(executionType === "webhook" ? { executionUrl: "https://hooks.example.com/cliq" } : {}),
    }),
  );
  return id;
}

function menuExtras(type: HandlerType, label: string): Record<string, unknown> {
  return type === "menu_handler" ? { name: label, icon: "wand/FF5733" } : {};
}

describe("BotHandler provider against the emulator", () => {
  let h: Harness;
  useHarness((started) => (h = started));

  it("runs the lifecycle of every handler type on a Deluge bot", async () => {
    const botId = await makeBot(h, "deluge");
    for (const type of HANDLER_TYPES) {
      const inputs = await checked(h.botHandler, {
        botId: `b-${botId}`,
        type,
        script: `return {"text": "${type} v1"};`,
        ...menuExtras(type, "Menu"),
      });
      const { id, outs } = await h.botHandler.create(inputs);
      if (type === "menu_handler") assert.match(id, new RegExp(`^${botId}/menu_handler/\\d+$`));
      else assert.equal(id, `${botId}/${type}`);
      assert.equal(outs.botId, botId);

      const read1 = await h.botHandler.read(id, outs);
      assert.equal(read1.id, id, type);
      assert.equal(read1.props!.script, `return {"text": "${type} v1"};`);
      assert.equal((await h.botHandler.diff(id, read1.props!, inputs)).changes, false, type);

      const news = await checked(h.botHandler, { ...inputs, script: `return {"text": "${type} v2"};` });
      assert.deepEqual(await h.botHandler.diff(id, read1.props!, news), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
      const { outs: updated } = await h.botHandler.update(id, read1.props!, news);
      const read2 = await h.botHandler.read(id, updated);
      assert.equal(read2.props!.script, `return {"text": "${type} v2"};`, type);
      assert.equal((await h.botHandler.diff(id, read2.props!, news)).changes, false, type);

      await h.botHandler.delete(id, read2.props!);
      assert.deepEqual(await h.botHandler.read(id, read2.props!), {}, type);
    }
    assert.deepEqual((await h.state()).bots[0].handlers, []);
  });

  it("runs the lifecycle of every handler type on a webhook bot, with its matrix row of permissions", async () => {
    const botId = await makeBot(h, "webhook");
    for (const type of HANDLER_TYPES) {
      const allowed = PERMISSIONS_BY_HANDLER[type];
      const inputs = await checked(h.botHandler, {
        botId,
        type,
        permissions: [...allowed],
        ...menuExtras(type, "Menu"),
      });
      const { id, outs } = await h.botHandler.create(inputs);
      const read1 = await h.botHandler.read(id, outs);
      assert.deepEqual([...(read1.props!.permissions as string[])].sort(), [...allowed].sort(), type);
      assert.equal((await h.botHandler.diff(id, read1.props!, inputs)).changes, false, type);

      const news = await checked(h.botHandler, { ...inputs, permissions: [allowed[allowed.length - 1]] });
      const expectChange = allowed.length > 1;
      assert.equal((await h.botHandler.diff(id, read1.props!, news)).changes, expectChange, type);
      const { outs: updated } = await h.botHandler.update(id, read1.props!, news);
      const read2 = await h.botHandler.read(id, updated);
      assert.deepEqual(read2.props!.permissions, [allowed[allowed.length - 1]], type);

      await h.botHandler.delete(id, read2.props!);
      assert.deepEqual(await h.botHandler.read(id, read2.props!), {}, type);
    }
  });

  it("manages several menu handlers by handler id, with sub actions", async () => {
    const botId = await makeBot(h, "webhook");
    const created: { id: string; outs: Record<string, unknown>; inputs: Record<string, unknown> }[] = [];
    for (const label of ["Help", "Status", "Deploy"]) {
      const inputs = await checked(h.botHandler, {
        botId,
        type: "menu_handler",
        name: label,
        icon: "wand/627282",
        permissions: ["chat"],
        subActions: [{ name: `${label} docs` }, { name: "More", icon: "wand/#FFFFFF" }],
      });
      created.push({ ...(await h.botHandler.create(inputs)), inputs });
    }
    const handlerIds = created.map((c) => c.outs.handlerId);
    assert.equal(new Set(handlerIds).size, 3);
    assert.deepEqual(
      created.map((c) => c.outs.position),
      [1, 2, 3],
    );

    const [, status] = created;
    const news = await checked(h.botHandler, {
      ...status.inputs,
      name: "Status page",
      icon: "emoji-name/FF5733",
      subActions: [{ name: "Incidents" }],
    });
    const { outs } = await h.botHandler.update(status.id, status.outs, news);
    const read = await h.botHandler.read(status.id, outs);
    assert.equal(read.props!.name, "Status page");
    assert.equal(read.props!.icon, "emoji-name/FF5733");
    assert.deepEqual(read.props!.subActions, [{ name: "Incidents" }]);

    const cleared = await checked(h.botHandler, { ...status.inputs, icon: undefined, subActions: undefined });
    const { outs: clearedOuts } = await h.botHandler.update(status.id, read.props!, cleared);
    const readCleared = await h.botHandler.read(status.id, clearedOuts);
    assert.equal(readCleared.props!.icon, undefined);
    assert.equal(readCleared.props!.subActions, undefined);

    await h.botHandler.delete(status.id, outs);
    const remaining = (await h.state()).bots[0].handlers.map((handler) => handler.id).sort();
    assert.deepEqual(remaining, [handlerIds[0], handlerIds[2]].sort());
    assert.equal((await h.botHandler.read(created[0].id, created[0].outs)).id, created[0].id);
  });

  it("sees an out-of-band script change on read and undoes it on update", async () => {
    const botId = await makeBot(h, "deluge");
    const inputs = await checked(h.botHandler, { botId, type: "message_handler", script: "return Map();" });
    const { id, outs } = await h.botHandler.create(inputs);
    await h.api.updateHandler(botId, "message_handler", { script: 'return {"text":"hacked"};' });
    const read = await h.botHandler.read(id, outs);
    assert.equal(read.props!.script, 'return {"text":"hacked"};');
    assert.equal((await h.botHandler.diff(id, read.props!, inputs)).changes, true);
    await h.botHandler.update(id, read.props!, inputs);
    assert.equal((await h.state()).bots[0].handlers[0].script, "return Map();");
  });

  it("drops a handler deleted out of band, and deleting it again succeeds", async () => {
    const botId = await makeBot(h, "deluge");
    const { id, outs } = await h.botHandler.create(
      await checked(h.botHandler, { botId, type: "welcome_handler", script: "return Map();" }),
    );
    await h.api.deleteHandler(botId, "welcome_handler");
    assert.deepEqual(await h.botHandler.read(id, outs), {});
    await h.botHandler.delete(id, outs);
  });

  it("treats handlers of a deleted bot as gone on read and delete", async () => {
    const botId = await makeBot(h, "deluge");
    const { id, outs } = await h.botHandler.create(
      await checked(h.botHandler, { botId, type: "mention_handler", script: "return Map();" }),
    );
    await h.api.deleteBot(botId);
    assert.deepEqual(await h.botHandler.read(id, outs), {});
    await h.botHandler.delete(id, outs);
  });

  it("fails to create a second handler of a type unless adoptExisting is set", async () => {
    const botId = await makeBot(h, "deluge");
    await h.api.createHandler(botId, { type: "message_handler", script: "return 1;" });
    const inputs = await checked(h.botHandler, { botId, type: "message_handler", script: "return 2;" });
    await assert.rejects(h.botHandler.create(inputs), (error: { code?: string }) => {
      assert.equal(error.code, "execution_handler_create_failed");
      return true;
    });
  });

  it("adopts an existing handler of the same type and applies the desired script", async () => {
    const botId = await makeBot(h, "deluge");
    await h.api.createHandler(botId, { type: "message_handler", script: "return 1;" });
    const inputs = await checked(h.botHandler, {
      botId,
      type: "message_handler",
      script: "return 2;",
      adoptExisting: true,
    });
    const { id, outs } = await h.botHandler.create(inputs);
    assert.equal(id, `${botId}/message_handler`);
    assert.equal(outs.script, "return 2;");
    const handlers = (await h.state()).bots[0].handlers;
    assert.equal(handlers.length, 1);
    assert.equal(handlers[0].script, "return 2;");
  });

  it("adopts an existing menu handler by its name", async () => {
    const botId = await makeBot(h, "deluge");
    const existing = await h.api.createHandler(botId, {
      type: "menu_handler",
      name: "Help",
      script: "return 1;",
    });
    const inputs = await checked(h.botHandler, {
      botId,
      type: "menu_handler",
      name: "Help",
      icon: "wand/FF5733",
      script: "return 2;",
      adoptExisting: true,
    });
    const { id } = await h.botHandler.create(inputs);
    assert.equal(id, `${botId}/menu_handler/${existing.id}`);
    const handlers = (await h.state()).bots[0].handlers;
    assert.equal(handlers.length, 1);
    assert.equal(handlers[0].script, "return 2;");
  });

  it("reports an adopted handler it could not update as a partial create carrying id, properties and provider", async () => {
    const botId = await makeBot(h, "deluge");
    await h.api.createHandler(botId, { type: "message_handler", script: "return 1;" });
    const inputs = await checked(h.botHandler, {
      botId,
      type: "message_handler",
      script: "return 2;",
      adoptExisting: true,
    });
    await h.fault({ operationId: "update_a_handler_for_a_bot", kind: "status", status: 500, count: 10 });
    await assert.rejects(
      // The engine hands create its inputs with the serialized provider; a partial resource must keep it.
      h.botHandler.create({ ...inputs, __provider: "serialized provider text" }),
      (error: { id?: string; properties?: Record<string, unknown>; message: string }) => {
        assert.equal(error.id, `${botId}/message_handler`);
        assert.equal(error.properties?.botId, botId);
        assert.equal(error.properties?.type, "message_handler");
        assert.equal(error.properties?.script, "return 1;", "the state must hold what Cliq has");
        assert.equal(error.properties?.__provider, "serialized provider text");
        assert.match(error.message, /Adopted existing message_handler of bot \d+ but could not bring it/);
        return true;
      },
    );
    assert.equal((await h.state()).bots[0].handlers[0].script, "return 1;");
  });

  it("creates exactly one handler when the create response is lost", async () => {
    const botId = await makeBot(h, "webhook");
    await h.fault({ operationId: "create_a_handler_for_a_bot", kind: "drop-after-commit" });
    const { id } = await h.botHandler.create(
      await checked(h.botHandler, { botId, type: "message_handler", permissions: ["chat"] }),
    );
    assert.equal(id, `${botId}/message_handler`);
    assert.equal((await h.state()).bots[0].handlers.length, 1);
  });

  it("creates exactly one menu handler when the create response is lost, found by name", async () => {
    const botId = await makeBot(h, "webhook");
    await h.fault({ operationId: "create_a_handler_for_a_bot", kind: "drop-after-commit" });
    const { id } = await h.botHandler.create(
      await checked(h.botHandler, { botId, type: "menu_handler", name: "Help", permissions: ["chat"] }),
    );
    const handlers = (await h.state()).bots[0].handlers;
    assert.equal(handlers.length, 1);
    assert.equal(id, `${botId}/menu_handler/${handlers[0].id}`);
  });

  it("does not take over an older handler of the type when the create never reached Cliq", async () => {
    const botId = await makeBot(h, "webhook");
    await h.api.createHandler(botId, { type: "message_handler", permissions: ["user"] });
    await h.fault({ operationId: "create_a_handler_for_a_bot", kind: "drop" });
    await assert.rejects(
      h.botHandler.create(
        await checked(h.botHandler, { botId, type: "message_handler", permissions: ["chat"] }),
      ),
      /message_handler found there is not the one requested.*adoptExisting: true/s,
    );
    assert.deepEqual(
      (await h.state()).bots[0].handlers.map((handler) => handler.permissions),
      [["user"]],
    );
  });

  it("takes over the older handler after a lost create only with adoptExisting", async () => {
    const botId = await makeBot(h, "webhook");
    await h.api.createHandler(botId, { type: "message_handler", permissions: ["user"] });
    await h.fault({ operationId: "create_a_handler_for_a_bot", kind: "drop" });
    const { id } = await h.botHandler.create(
      await checked(h.botHandler, {
        botId,
        type: "message_handler",
        permissions: ["chat"],
        adoptExisting: true,
      }),
    );
    assert.equal(id, `${botId}/message_handler`);
    assert.deepEqual(
      (await h.state()).bots[0].handlers.map((handler) => handler.permissions),
      [["chat"]],
    );
  });

  it("makes no API call from check or diff, even with unknown values", async () => {
    await h.clearRequests();
    const unknown = UNKNOWN;
    const menu = { botId: "53719000001878011", type: "menu_handler", name: "Help", permissions: ["chat"] };
    await h.botHandler.check({}, { ...menu, botId: unknown, name: unknown });
    await h.botHandler.diff("53719000001878011/menu_handler/1", menu, { ...menu, botId: unknown });
    assert.deepEqual(await h.requests(), []);
  });

  it("reads a handler from its id alone (lookup without prior state)", async () => {
    const botId = await makeBot(h, "deluge");
    await h.api.createHandler(botId, { type: "context_handler", script: "return Map();" });
    const read = await h.botHandler.read(`${botId}/context_handler`);
    assert.equal(read.props!.botId, botId);
    assert.equal(read.props!.type, "context_handler");
    assert.equal(read.props!.script, "return Map();");
  });

  it("lets Cliq refuse a script on a webhook bot (check cannot know the bot's type)", async () => {
    const botId = await makeBot(h, "webhook");
    const inputs = await checked(h.botHandler, { botId, type: "message_handler", script: "return 1;" });
    await assert.rejects(h.botHandler.create(inputs), (error: { code?: string }) => {
      assert.equal(error.code, "execution_handler_data_invalid");
      return true;
    });
  });
});

describe("BotHandler delete of a default handler", () => {
  let h: Harness;
  useHarness((started) => (h = started), { defaultHandlerTypes: ["welcome_handler"] });

  it("succeeds with a warning that the handler stays on the bot", async () => {
    const botId = await makeBot(h, "deluge");
    const { id, outs } = await h.botHandler.create(
      await checked(h.botHandler, { botId, type: "welcome_handler", script: "return Map();" }),
    );
    await h.botHandler.delete(id, outs);
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0], /welcome_handler of bot \d+ is a default handler/);
    assert.match(h.warnings[0], /stays on the bot/);
    assert.equal((await h.state()).bots[0].handlers.length, 1);
  });
});
