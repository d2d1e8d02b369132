import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../../provider/resources/channel-association/properties";
import { HANDLER_PROPERTIES } from "../../provider/resources/handler/properties";
import type { PropertyTable } from "../../provider/resources/shared/properties";

/** The JSDoc text of each member of an exported interface, whitespace collapsed. */
function interfaceDocs(file: string, name: string): Record<string, string> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const docs: Record<string, string> = {};
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== name) return;
    for (const member of node.members) {
      const comment = ts
        .getJSDocCommentsAndTags(member)
        .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? "")
        .join(" ");
      docs[(member.name as ts.Identifier).text] = comment.replace(/\s+/g, " ").trim();
    }
  });
  return docs;
}

function tableDocs(table: PropertyTable): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([key, spec]) => [key, spec.description]));
}

describe("SDK argument documentation", () => {
  it("documents every Bot argument with its property table description", () => {
    const sdk = interfaceDocs(path.join(__dirname, "..", "..", "sdk", "bot.ts"), "BotArgs");
    assert.deepEqual(sdk, tableDocs(BOT_PROPERTIES));
  });

  it("documents every BotHandler argument with its property table description", () => {
    const sdk = interfaceDocs(path.join(__dirname, "..", "..", "sdk", "bot-handler.ts"), "BotHandlerArgs");
    assert.deepEqual(sdk, tableDocs(HANDLER_PROPERTIES));
  });

  it("documents every ChannelAssociation argument with its property table description", () => {
    const file = path.join(__dirname, "..", "..", "sdk", "channel-association.ts");
    assert.deepEqual(
      interfaceDocs(file, "ChannelAssociationArgs"),
      tableDocs(CHANNEL_ASSOCIATION_PROPERTIES),
    );
  });
});
