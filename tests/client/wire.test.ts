import assert from "node:assert/strict";
import {
  botCreateRequestSchema,
  botListResponseSchema,
  botResponseSchema,
  handlerResponseSchema,
  parseJson,
  stringifyJson,
} from "../../provider/client";

describe("client wire format and schemas", () => {
  it("writes digit-string team ids as the exact JSON numbers they spell", () => {
    const body = botCreateRequestSchema.parse({
      name: "Big",
      description: "d",
      team_ids: ["9007199254740993", "12345678901234567890", 42],
    });
    assert.equal(
      stringifyJson(body),
      '{"name":"Big","description":"d","team_ids":[9007199254740993,12345678901234567890,42]}',
    );
  });

  it("refuses team ids that are not digits", () => {
    assert.equal(
      botCreateRequestSchema.safeParse({ name: "a", description: "b", team_ids: ["12a"] }).success,
      false,
    );
  });

  it("parses integers beyond 2^53 as their exact digits and keeps safe numbers as numbers", () => {
    assert.deepEqual(parseJson('{"id":53719000002124012,"n":12,"f":1.5,"big":[9007199254740993]}'), {
      id: "53719000002124012",
      n: 12,
      f: 1.5,
      big: ["9007199254740993"],
    });
  });

  it("normalises ids and team ids to strings whatever the wire used", () => {
    const bot = botResponseSchema.parse(
      parseJson(
        '{"data":{"id":1234,"unique_name":"u","name":"n","team_ids":[9007199254740993,77],"creator":{"id":5}}}',
      ),
    );
    assert.equal(bot.id, "1234");
    assert.deepEqual(bot.team_ids, ["9007199254740993", "77"]);
    assert.equal(bot.creator?.id, "5");
  });

  it("keeps fields the spec does not list and rejects wrong types", () => {
    const bot = botResponseSchema.parse({
      data: { id: "1", unique_name: "u", name: "n", new_field: { x: 1 } },
    });
    assert.deepEqual(bot.new_field, { x: 1 });
    const wrong = botResponseSchema.safeParse({
      data: { id: "1", unique_name: "u", name: "n", default: "no" },
    });
    assert.equal(wrong.success, false);
    assert.deepEqual(wrong.error?.issues[0]?.path, ["data", "default"]);
  });

  it("reads list pages into bots and tokens", () => {
    const page = botListResponseSchema.parse({ data: [], next_token: "n", sync_token: "s" });
    assert.deepEqual(page, { bots: [], nextToken: "n", syncToken: "s" });
  });

  it("normalises the three handler answer shapes: id or handler_id, display props flattened", () => {
    assert.deepEqual(
      handlerResponseSchema.parse({
        data: { type: "menu_handler", id: "7", display_props: { name: "M", icon: "wand/1", position: 1 } },
      }),
      { type: "menu_handler", id: "7", name: "M", icon: "wand/1", position: 1 },
    );
    assert.deepEqual(
      handlerResponseSchema.parse({ data: { type: "menu_handler", handler_id: "8", script: "s" } }),
      {
        type: "menu_handler",
        id: "8",
        script: "s",
      },
    );
  });

  it("sends calls as enabled/disabled whichever spelling the caller used", () => {
    assert.equal(
      botCreateRequestSchema.parse({ name: "a", description: "b", calls: "disable" }).calls,
      "disabled",
    );
    assert.equal(
      botCreateRequestSchema.parse({ name: "a", description: "b", calls: "enabled" }).calls,
      "enabled",
    );
  });
});
