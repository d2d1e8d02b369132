import { strict as assert } from "node:assert";
import { BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../../provider/resources/channel-association/properties";
import { HANDLER_PROPERTIES } from "../../provider/resources/handler/properties";
import type { PackageType, PropertySpec } from "../../provider/resources/shared/properties";
import {
  choice,
  flag,
  listOf,
  record,
  spelledValues,
  text,
} from "../../provider/resources/shared/value-kinds";

const TABLES: Record<string, Record<string, PropertySpec>> = {
  Bot: BOT_PROPERTIES,
  BotHandler: HANDLER_PROPERTIES,
  ChannelAssociation: CHANNEL_ASSOCIATION_PROPERTIES,
};

/** A value of another JSON type than `type` describes: a schema built with the type must refuse it. */
function wrongTypeFor(type: PackageType): unknown {
  switch (type.type) {
    case "string":
      return 42;
    case "array":
      return "not a list";
    case "object":
      return ["not an object"];
    default:
      return "not a flag or number";
  }
}

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }): string =>
  (result.error?.issues ?? []).map((issue) => issue.message).join("; ");

describe("value kinds: a row states its type once, and its check agrees with it", () => {
  for (const [kind, table] of Object.entries(TABLES)) {
    for (const [key, spec] of Object.entries(table)) {
      it(`${kind}.${key}: the check refuses a value of another type than the package type says`, () => {
        const result = spec.schema.safeParse(wrongTypeFor(spec.type));
        assert.equal(result.success, false, `${kind}.${key} accepted a ${typeof wrongTypeFor(spec.type)}`);
      });
      const values = spec.type.type === "string" ? spec.type.enum : undefined;
      if (values) {
        it(`${kind}.${key}: the check accepts exactly the enum the package type lists`, () => {
          for (const value of values) assert.ok(spec.schema.safeParse(value).success, value);
          assert.equal(spec.schema.safeParse(`${values[0]}-not-listed`).success, false);
        });
      }
    }
  }

  it("text: the bound is counted in characters and stated in the reason", () => {
    const kind = text(3, 1);
    assert.deepEqual(kind.type, { type: "string" });
    assert.ok(kind.schema.safeParse("äöü").success);
    assert.match(messages(kind.schema.safeParse("abcd")), /at most 3 characters \(got 4\)/);
    assert.match(messages(kind.schema.safeParse("  ")), /only whitespace/);
  });

  it("listOf: the items' type nests, and the bounds and uniqueness hold", () => {
    const kind = listOf(choice(["a", "b", "c"]), 2, { unique: true });
    assert.deepEqual(kind.type, { type: "array", items: { type: "string", enum: ["a", "b", "c"] } });
    assert.ok(kind.schema.safeParse(["a", "b"]).success);
    assert.match(messages(kind.schema.safeParse(["a", "b", "c"])), /at most 2 items/);
    assert.match(messages(kind.schema.safeParse(["a", "a"])), /duplicate value "a"/);
    assert.match(messages(kind.schema.safeParse(["d"])), /must be one of a, b, c/);
  });

  it("record: required fields are listed in the type with each field's description, unknown fields are refused by name", () => {
    const kind = record({
      name: { ...text(5, 1), required: true, description: "The name." },
      on: { ...flag, description: "Whether it is on." },
    });
    assert.deepEqual(kind.type, {
      type: "object",
      properties: {
        name: { type: "string", description: "The name." },
        on: { type: "boolean", description: "Whether it is on." },
      },
      required: ["name"],
    });
    assert.deepEqual(kind.schema.safeParse({ name: "x" }).data, { name: "x" });
    assert.match(messages(kind.schema.safeParse({ on: true })), /is required/);
    assert.match(messages(kind.schema.safeParse({ name: "x", colour: "red" })), /not an argument/);
    assert.match(messages(kind.schema.safeParse("x")), /must be an object \{ name, on\? \}/);
    const failure = kind.schema.safeParse({ name: "toolong" });
    assert.deepEqual(failure.error?.issues[0]?.path, ["name"]);
  });

  it("spelledValues: the docs cell quotes each value as code", () => {
    assert.equal(spelledValues(["team", "personal"]), "`team`, `personal`");
  });
});
