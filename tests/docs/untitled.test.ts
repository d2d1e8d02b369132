/**
 * No shell block of the documentation rots unseen: every ```sh block either runs (a `title`, readme-blocks.test.ts),
 * is run as written by another suite (`runby="<test file>"`, a file that reads this document), or says why it
 * cannot run here (`norun="<reason>"`: nothing published yet, real Zoho credentials, Pulumi Cloud, ...). A new
 * block without one of them fails here, so its author decides which it is.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../cli/support/project";
import { codeBlocks, type CodeBlock } from "./support/shell-blocks";

/** Info-string languages a reader types into a shell. */
const SHELL_LANGS = new Set(["sh", "bash", "shell", "zsh", "console"]);

/** The documentation: README.md, CONTRIBUTING.md, every page under docs/, and the READMEs a reader follows. */
function documents(): string[] {
  const pages = (fs.readdirSync(path.join(repoRoot, "docs"), { recursive: true }) as string[])
    .filter((file) => file.endsWith(".md"))
    .map((file) => path.posix.join("docs", file.split(path.sep).join("/")));
  return [
    "README.md",
    "CONTRIBUTING.md",
    "templates/README.md",
    "bench/README.md",
    "emulator/README.md",
    "examples/README.md",
    ...pages.sort(),
  ];
}

/** Why one block breaks the rule, or undefined when it keeps it. */
function problem(document: string, block: CodeBlock): string | undefined {
  if (!SHELL_LANGS.has(block.lang)) return undefined;
  const marks = [block.title, block.norun, block.runby].filter((mark) => mark !== undefined);
  if (marks.length === 0)
    return `a \`\`\`${block.lang} block with neither title="<scenario>" (it runs), runby="<test file>" nor norun="<reason>"`;
  if (marks.length > 1) return "a block is run by one test, or says why it is not run: one mark only";
  if (block.runby === undefined) return undefined;
  const runner = path.join(repoRoot, block.runby);
  if (!fs.existsSync(runner)) return `runby names ${block.runby}, which does not exist`;
  if (!fs.readFileSync(runner, "utf8").includes(document))
    return `runby names ${block.runby}, which never reads ${document}`;
  return undefined;
}

/** Every broken rule of one document, as `<document>:<line>: <why>`. */
function problems(document: string, markdown: string): string[] {
  return codeBlocks(markdown).flatMap((block) => {
    const why = problem(document, block);
    return why === undefined ? [] : [`${document}:${block.line}: ${why}`];
  });
}

describe("docs: every shell block runs, is run by a named test, or says why not", () => {
  it("flags an unmarked shell block and a doubly marked one, and accepts the three marks", () => {
    const page = [
      "```sh\nnpm test\n```",
      '```sh title="demo"\necho\n```',
      '```sh norun="needs Pulumi Cloud"\npulumi env init\n```',
      '```sh runby="tests/docs/untitled.test.ts"\nls\n```',
      '```sh title="demo" norun="both"\necho\n```',
      '```sh runby="tests/none.test.ts"\nls\n```',
      "```yaml\na: 1\n```",
    ].join("\n\n");
    // A name this file never spells out whole, so that the runby below does not read it.
    const found = problems(["docs", "page-nobody-reads.md"].join("/"), page);
    assert.equal(found.length, 4, found.join("\n"));
    assert.match(found[0]!, /^docs\/page-nobody-reads\.md:1: a ```sh block with neither/);
    assert.match(found[1]!, /:13: runby names tests\/docs\/untitled.test.ts, which never reads/);
    assert.match(found[2]!, /:17: .*one mark only/);
    assert.match(found[3]!, /:21: runby names tests\/none.test.ts, which does not exist/);
  });

  it("holds for README.md, CONTRIBUTING.md, docs/ and the READMEs of templates/ and bench/", () => {
    const all = documents().flatMap((document) =>
      problems(document, fs.readFileSync(path.join(repoRoot, document), "utf8")),
    );
    assert.deepEqual(all, [], `mark each block (see tests/docs/untitled.test.ts):\n${all.join("\n")}`);
  });
});
