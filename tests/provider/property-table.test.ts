import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { withArgumentTables } from "../../provider/resources/argument-tables";
import { BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import {
  argumentsFromWire,
  argumentsTable,
  carriedAcrossUpdate,
  checkShape,
  createBody,
  defineProperties,
  diffRules,
  markdownTable,
  normaliseChecked,
  packageSchemaInputs,
  patchBody,
  replaceBetweenMarkers,
} from "../../provider/resources/shared/properties";
import { parseShape } from "../../provider/resources/shared/schemas";
import { UNKNOWN } from "../../provider/resources/shared/unknown";

const text = z.string();
/** A small table exercising each column: a replacing key, a cleared list, a kept setting, a directive. */
const TABLE = defineProperties({
  kind: {
    wire: "kind",
    schema: text,
    required: true,
    type: { type: "string" },
    compare: "scalar",
    onRemove: "keep",
    replaceOnChange: true,
    limits: "required",
    description: "Kind.",
  },
  tags: {
    wire: "tag_list",
    schema: z.array(text),
    required: false,
    type: { type: "array", items: { type: "string" } },
    compare: "set",
    onRemove: "clear",
    clearValue: [],
    replaceOnChange: false,
    toWire: (tags) => (tags as string[]).map((tag) => tag.toUpperCase()),
    limits: "<= 3",
    description: "Tags.",
  },
  mode: {
    wire: "mode",
    schema: text,
    required: false,
    default: "on",
    type: { type: "string" },
    compare: "scalar",
    onRemove: "keep",
    replaceOnChange: false,
    normalise: (mode) => (mode === "enable" ? "on" : mode),
    limits: "`on` or `off`",
    description: "Mode.",
  },
  adopt: {
    schema: z.boolean(),
    required: false,
    type: { type: "boolean" },
    compare: "none",
    onRemove: "clear",
    replaceOnChange: false,
    limits: "create only",
    description: "Adopt.",
  },
});

describe("property table derivations", () => {
  it("requires required arguments and fills defaults and spellings after check", () => {
    const { data, failures } = parseShape(checkShape(TABLE), { tags: ["a"], mode: "enable" });
    assert.deepEqual(failures, [{ property: "kind", reason: "is required" }]);
    assert.deepEqual(normaliseChecked(TABLE, { kind: "k" }), { kind: "k", mode: "on" });
    assert.deepEqual(normaliseChecked(TABLE, { ...data, mode: UNKNOWN }).mode, UNKNOWN);
  });

  it("compares every property but create-time directives, replacing only where the table says", () => {
    const rules = diffRules(TABLE);
    assert.deepEqual(
      rules.map(({ key, compare, absent, replaces }) => ({ key, compare, absent, replaces })),
      [
        { key: "kind", compare: "scalar", absent: "unchanged", replaces: true },
        { key: "tags", compare: "set", absent: "empty", replaces: undefined },
        { key: "mode", compare: "scalar", absent: "unchanged", replaces: undefined },
      ],
    );
  });

  it("creates with every wire field that has a value, converted for the wire, and never a directive", () => {
    assert.deepEqual(createBody(TABLE, { kind: "k", tags: ["a"], adopt: true }), {
      kind: "k",
      tag_list: ["A"],
    });
  });

  it("patches only changed fields, clears removed ones, and never sends a replacing field", () => {
    assert.deepEqual(patchBody(TABLE, ["kind", "tags", "mode", "adopt"], { kind: "k2", mode: "off" }), {
      tag_list: [],
      mode: "off",
    });
  });

  it("reads arguments back from an answer, normalised, leaving out what the answer lacks", () => {
    assert.deepEqual(argumentsFromWire(TABLE, { kind: "k", mode: "enable", extra: 1 }), {
      kind: "k",
      mode: "on",
    });
  });

  it("carries forward across an update only the arguments Cliq keeps when left out", () => {
    assert.deepEqual(carriedAcrossUpdate(TABLE), ["kind", "mode"]);
    assert.deepEqual(carriedAcrossUpdate(BOT_PROPERTIES), ["scope", "executionType", "calls"]);
  });

  it("never puts the bot's execution type into a PATCH body", () => {
    assert.deepEqual(
      patchBody(BOT_PROPERTIES, ["executionType", "name"], { executionType: "webhook", name: "n" }),
      {
        name: "n",
      },
    );
  });
});

describe("package schema from a property table", () => {
  it("gives each input its type, description and replace-on-change, and lists the required ones", () => {
    const { inputProperties, requiredInputs } = packageSchemaInputs(BOT_PROPERTIES);
    assert.deepEqual(requiredInputs, ["name", "description"]);
    assert.deepEqual(inputProperties.executionType, {
      type: "string",
      enum: ["deluge", "webhook"],
      description: BOT_PROPERTIES.executionType.description,
      replaceOnChange: true,
    });
    assert.deepEqual(inputProperties.teamIds?.type, "array");
  });
});

describe("argument tables of docs/_index.md", () => {
  it("lays out a table the way prettier does, padding every column to its widest cell", () => {
    assert.equal(
      markdownTable(["A", "Long header"], [["x", "y"]]),
      "| A   | Long header |\n| --- | ----------- |\n| x   | y           |",
    );
  });

  it("marks replacing arguments and create-time directives in the Change column", () => {
    const lines = argumentsTable(TABLE).split("\n");
    assert.match(lines[2]!, /`kind` .*\| \*\*replaces\*\* \|$/);
    assert.match(lines[3]!, /`tags` .*\| in place +\|$/);
    assert.match(lines[5]!, /`adopt` .*\| — +\|$/);
  });

  it("refuses a page that lost its markers instead of keeping a stale table", () => {
    assert.throws(() => replaceBetweenMarkers("# no markers", "bot", "x"), /no <!-- args:bot -->/);
  });

  it("matches docs/_index.md (run `npm run docs:args` after changing a property table)", () => {
    const page = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "_index.md"), "utf8");
    assert.equal(withArgumentTables(page), page);
  });
});
