import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { OPERATIONS } from "../../cliq-api/operations";
import { BOT_OUTPUTS, BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../../provider/resources/channel-association/properties";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "../../provider/resources/handler/properties";
import type { PropertySpec } from "../../provider/resources/shared/properties";
import { errorsBlock, operationScopes, operationsBlock, rateLimitText } from "../../scripts/docs-api";
import { DOCS_DIR, REFERENCE_PAGES, withReferenceBlocks } from "../../scripts/docs-pages";
import { EXAMPLE_LANGUAGES, EXAMPLES_DIR, exampleProgram } from "../../scripts/docs-examples";
import { inputsBlock, outputsBlock, typeText } from "../../scripts/docs-properties";
import { loadSpec, specOperations } from "../spec/spec-support";

const read = (file: string) => fs.readFileSync(path.join(DOCS_DIR, file), "utf8");

describe("reference pages (docs/)", () => {
  for (const page of REFERENCE_PAGES) {
    it(`${page.file} holds the generated blocks as the tables make them now (npm run docs:args)`, () => {
      const text = read(page.file);
      assert.equal(withReferenceBlocks(text, page), text, `${page.file} is stale: run npm run docs:args`);
    });
  }

  it("tells a hand-edited generated block from a fresh one", () => {
    const bot = REFERENCE_PAGES.find((page) => page.file === "bot.md")!;
    const text = read("bot.md");
    const edited = text.replace("| `name`                 | `string`", "| `name`                 | `number`");
    assert.notEqual(edited, text);
    assert.equal(withReferenceBlocks(edited, bot), text);
  });

  it("fails loudly when a page lost a block's markers", () => {
    const bot = REFERENCE_PAGES.find((page) => page.file === "bot.md")!;
    assert.throws(() => withReferenceBlocks("# Bot\n", bot), /no <!-- args:bot-examples -->/);
  });

  it("lists every argument of each kind with its type, limits and whether a change replaces", () => {
    const tables: [string, Record<string, PropertySpec>][] = [
      ["bot.md", BOT_PROPERTIES],
      ["bot-handler.md", HANDLER_PROPERTIES],
      ["channel-association.md", CHANNEL_ASSOCIATION_PROPERTIES],
    ];
    for (const [file, table] of tables) {
      const text = read(file);
      for (const [key, spec] of Object.entries(table)) {
        const row = text.split("\n").find((line) => line.startsWith(`| \`${key}\` `));
        assert.ok(row, `${file}: no summary row for ${key}`);
        assert.equal(
          row.includes("**replaces**"),
          spec.replaceOnChange && spec.compare !== "none",
          `${file} ${key}`,
        );
        assert.ok(text.includes(`Limits: ${spec.limits}.`), `${file}: limits of ${key}`);
        assert.ok(text.includes(spec.description), `${file}: description of ${key}`);
      }
    }
  });

  it("lists every computed output with its type", () => {
    const text = read("bot.md") + read("bot-handler.md");
    for (const [key, spec] of Object.entries({ ...BOT_OUTPUTS, ...HANDLER_OUTPUTS })) {
      assert.ok(text.includes(`| \`${key}\``) && text.includes(spec.description), key);
    }
  });

  it("documents each resource option, adoption, lookups, scopes, rate limits and errors on every resource page", () => {
    const headings = [
      "## Example",
      "## Resource options",
      "## OAuth scopes",
      "## API calls and rate limits",
      "## Errors",
    ];
    const options = [
      "protect",
      "retainOnDelete",
      "ignoreChanges",
      "deletedWith",
      "aliases",
      "customTimeouts",
    ];
    for (const file of ["bot.md", "bot-handler.md", "channel-association.md"]) {
      const text = read(file);
      for (const heading of headings) assert.ok(text.includes(heading), `${file}: ${heading}`);
      for (const option of options) assert.ok(text.includes(`**\`${option}`), `${file}: ${option}`);
      assert.ok(/## Adopting or looking up/.test(text), `${file}: adoption`);
      assert.ok(text.includes("has **no effect**"), `${file}: what customTimeouts really does`);
    }
    assert.ok(read("bot.md").includes("getBot") && read("bot.md").includes("listBots"));
  });

  it("links every page from the README and the index", () => {
    const readme = fs.readFileSync(path.join(DOCS_DIR, "..", "README.md"), "utf8");
    const index = read("_index.md");
    for (const file of ["bot.md", "bot-handler.md", "channel-association.md"]) {
      assert.ok(readme.includes(`/docs/${file})`), `README links docs/${file}`);
    }
    for (const file of ["bot.md", "bot-handler.md", "channel-association.md", "get-bot.md", "list-bots.md"]) {
      assert.ok(index.includes(`](${file})`), `index links ${file}`);
    }
  });
});

describe("reference pages: examples in every language", () => {
  const pages: [string, string, string | undefined][] = [
    ["bot.md", "bot", "Bot"],
    ["bot-handler.md", "bot", "BotHandler"],
    ["channel-association.md", "bot", "ChannelAssociation"],
    ["get-bot.md", "lookups", undefined],
    ["list-bots.md", "lookups", undefined],
  ];

  it("each example is a project per language whose runtime is that language, with the files the page links", () => {
    const runtimes = { typescript: "nodejs", python: "python", go: "go", yaml: "yaml" };
    for (const example of new Set(pages.map(([, folder]) => folder))) {
      for (const language of EXAMPLE_LANGUAGES) {
        const dir = path.join(EXAMPLES_DIR, example, language.folder);
        for (const file of [language.program, ...language.files])
          assert.ok(fs.existsSync(path.join(dir, file)), `${dir}/${file}`);
        const project = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
        assert.match(project, new RegExp(`^runtime:\\s*(name:\\s*)?${runtimes[language.folder]}$`, "m"), dir);
      }
    }
  });

  it("each page embeds its example's program in all four languages, as the files hold them", () => {
    for (const [file, example] of pages) {
      const text = read(file);
      for (const language of EXAMPLE_LANGUAGES) {
        assert.ok(text.includes(`### ${language.title}`), `${file}: ${language.title}`);
        assert.ok(text.includes(exampleProgram(example, language).trimEnd()), `${file}: ${language.program}`);
      }
    }
  });

  it("each resource page names the plugin's type token and the dynamic one, and says how each language installs", () => {
    for (const [file, , kind] of pages) {
      const text = read(file);
      if (kind) {
        assert.ok(text.includes(`\`cliq:index:${kind}\``), `${file}: plugin token`);
        assert.ok(text.includes(`\`pulumi-nodejs:dynamic/cliq:${kind}\``), `${file}: dynamic token`);
      }
      assert.ok(text.includes("pulumi plugin install resource cliq"), `${file}: plugin install`);
      assert.ok(text.includes("npm install pulumi-zoho-cliq"), `${file}: npm install`);
    }
  });

  it("the function pages list the schema's arguments of getBot and the BotSummary fields of listBots", () => {
    const getBot = read("get-bot.md");
    for (const name of ["id", "name", "uniqueName"])
      assert.match(getBot, new RegExp(`\\| \`${name}\`\\s+\\| \`string\``));
    assert.match(read("list-bots.md"), /\| `bots`\s+\| `BotSummary\[\]`/);
  });
});

describe("reference blocks", () => {
  it("spells types as TypeScript does", () => {
    assert.equal(typeText({ type: "string", enum: ["deluge", "webhook"] }), '"deluge" | "webhook"');
    assert.equal(typeText({ type: "array", items: { type: "string", enum: ["a", "b"] } }), '("a" | "b")[]');
    assert.equal(
      typeText({
        type: "object",
        properties: { name: { type: "string" }, icon: { type: "string" } },
        required: ["name"],
      }),
      "{ name: string; icon?: string }",
    );
    assert.equal(typeText({ type: "integer" }), "number");
  });

  it("renders whatever flags a table carries, such as dynamicOnly and secret", () => {
    const spec = { ...BOT_PROPERTIES.image, secret: true, dynamicOnly: true } as PropertySpec;
    const block = inputsBlock({ image: spec });
    assert.match(block, /Note: secret/);
    assert.match(block, /Note: dynamic resources only/);
  });

  it("escapes | inside table cells", () => {
    const block = outputsBlock({ name: "id", type: "a | b", description: "x" }, {}, []);
    assert.ok(block.includes("`a \\| b`"));
  });

  it("takes each operation's OAuth scopes from the spec's security requirements", () => {
    const spec = loadSpec();
    for (const { operationId, method, path: route } of specOperations()) {
      const declared = spec.paths[route][method.toLowerCase()].security.flatMap((entry: object) =>
        Object.values(entry).flat(),
      );
      assert.deepEqual(operationScopes().get(operationId), declared, operationId);
    }
    assert.deepEqual(operationScopes().get("create_a_new_bot"), ["ZohoCliq.Bots.CREATE"]);
  });

  it("states each operation's rate limit from the operations table", () => {
    assert.equal(rateLimitText(OPERATIONS.create_a_new_bot.rateLimit), "10 per minute, then a 5 min lock");
    assert.equal(
      rateLimitText(OPERATIONS.Trigger_Bot_Calls.rateLimit),
      "10 per 5 minutes, then a 30 min lock",
    );
    const block = operationsBlock([{ when: "create", operations: ["associate_bot_to_channel"] }]);
    assert.match(
      block,
      /`POST \/bots\/\{BOT_UNIQUE_NAME\}\/associate` \| `ZohoCliq.Channels.UPDATE` \| 5 per minute/,
    );
  });

  it("gives every error code the operations declare, with Cliq's message and the next step", () => {
    const block = errorsBlock([{ when: "create", operations: ["create_a_new_bot"] }], {});
    for (const code of OPERATIONS.create_a_new_bot.errorCodes)
      assert.match(block, new RegExp(`\\| \`${code}\`\\s`));
    assert.match(
      block,
      /A bot with this name already exists\.\s+\| Another bot of the organization has this name/,
    );
    assert.match(block, /\| `request_limit_exceeded`\s+\| —\s+\| Cliq locked this operation/);
  });
});
