import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { expectedSdkDocs, jsDoc, sdkMemberDocs, withMemberDocs } from "../../scripts/docs-sdk";

const ROOT = path.join(__dirname, "..", "..");

/** The JSDoc text of each member of each interface or class of `file`, whitespace collapsed. */
function memberDocs(file: string): Record<string, Record<string, string>> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const docs: Record<string, Record<string, string>> = {};
  source.forEachChild((node) => {
    if (!(ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) || !node.name) return;
    const holder = (docs[node.name.text] = {} as Record<string, string>);
    for (const member of node.members) {
      if (!member.name || !ts.isIdentifier(member.name)) continue;
      const comment = ts
        .getJSDocCommentsAndTags(member)
        .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
        .join(" ");
      holder[member.name.text] = comment.replace(/\s+/g, " ").trim();
    }
  });
  return docs;
}

describe("SDK documentation, written from the tables (npm run docs:sdk)", () => {
  it("every file is as docs:sdk writes it", async () => {
    for (const [file, text] of Object.entries(await expectedSdkDocs())) {
      assert.equal(
        fs.readFileSync(path.join(ROOT, file), "utf8"),
        text,
        `${file} is stale: run \`npm run docs:sdk\``,
      );
    }
  });

  it("each Args member and each output a class declares shows its table row's description on hover", () => {
    for (const [file, holders] of Object.entries(sdkMemberDocs())) {
      const found = memberDocs(path.join(ROOT, file));
      for (const [holder, members] of Object.entries(holders)) {
        for (const [name, description] of Object.entries(members)) {
          assert.equal(found[holder]?.[name], description.replace(/\s+/g, " "), `${file} ${holder}.${name}`);
        }
      }
    }
  });

  it("every argument of a kind is documented on its Args and on its class", () => {
    const docs = sdkMemberDocs();
    assert.deepEqual(Object.keys(docs["sdk/bot.ts"]!.BotArgs!).length > 10, true);
    for (const [file, holders] of Object.entries(docs)) {
      const [args, resource] = Object.keys(holders);
      for (const name of Object.keys(holders[args!]!))
        assert.ok(name in holders[resource!]!, `${file} ${name}`);
    }
  });

  it("jsDoc: one line when it fits, else wrapped within 110 columns without breaking a code span", () => {
    assert.equal(jsDoc("Short.", "  "), "/** Short. */");
    const long = `${"word ".repeat(30)}then \`{ deletedWith: bot }\` and ${"more ".repeat(10)}end.`;
    const block = jsDoc(long, "  ");
    const lines = block.split("\n");
    assert.equal(lines[0], "/**");
    assert.equal(lines.at(-1), "   */");
    // The first line goes after the member's indent; the others carry it.
    for (const line of lines.slice(1)) assert.ok(line.startsWith("   *") && line.length <= 110, line);
    assert.ok(
      lines.some((line) => line.includes("`{ deletedWith: bot }`")),
      block,
    );
    assert.throws(() => jsDoc("a */ b", ""), /cannot hold/);
  });

  it("withMemberDocs: replaces a member's JSDoc, adds a missing one, keeps other comments and the types", () => {
    const source = [
      "export interface FooArgs {",
      "  // why the type is wider",
      "  /** Old text. */",
      "  a?: string | number;",
      "  b: string;",
      "  c: boolean;",
      "}",
      "",
    ].join("\n");
    const out = withMemberDocs(source, "foo.ts", { FooArgs: { a: "New A.", b: "New B." } });
    assert.equal(
      out,
      [
        "export interface FooArgs {",
        "  // why the type is wider",
        "  /** New A. */",
        "  a?: string | number;",
        "  /** New B. */",
        "  b: string;",
        "  c: boolean;",
        "}",
        "",
      ].join("\n"),
    );
    assert.throws(
      () => withMemberDocs(source, "foo.ts", { FooArgs: { gone: "x" } }),
      /does not declare FooArgs\.gone/,
    );
  });
});
