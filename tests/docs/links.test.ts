/**
 * The documentation's own links: every relative link of the docs pages, CONTRIBUTING.md and bench/README.md names
 * a file of the repository, and every `#anchor` names a heading of its page, as GitHub renders them. (The README
 * and the other documents the npm package ships have absolute links only: tests/package/metadata.test.ts.)
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** The Markdown files whose relative links are checked. */
function documents(): string[] {
  const docs = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return docs(file);
      return entry.name.endsWith(".md") ? [file] : [];
    });
  return [...docs("docs"), "CONTRIBUTING.md", "bench/README.md"];
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a Markdown text's headings (outside code blocks), with GitHub's -1, -2 for repeats. */
export function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  let inCode = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) inCode = !inCode;
    const heading = inCode ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]!);
    let anchor = base;
    for (let n = 1; found.has(anchor); n++) anchor = `${base}-${n}`;
    found.add(anchor);
  }
  return found;
}

/** The `[text](target)` links of a Markdown text outside code blocks, with their lines. */
function links(markdown: string): { target: string; line: number }[] {
  let inCode = false;
  return markdown.split("\n").flatMap((text, index) => {
    if (/^\s*```/.test(text)) inCode = !inCode;
    if (inCode) return [];
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => ({ target: match[1]!, line: index + 1 }));
  });
}

describe("docs: links between the pages", () => {
  it("spells heading anchors as GitHub does", () => {
    assert.equal(
      headingAnchor("OAuth self client (once per organisation)"),
      "oauth-self-client-once-per-organisation",
    );
    assert.equal(headingAnchor("`401` / `oauthtoken_invalid`"), "401--oauthtoken_invalid");
    assert.deepEqual([...anchors("# A\n## A\n```\n# not a heading\n```\n")], ["a", "a-1"]);
  });

  for (const document of documents()) {
    it(`${document}: every relative link names an existing file and heading`, () => {
      const problems: string[] = [];
      const text = fs.readFileSync(path.join(ROOT, document), "utf8");
      for (const { target, line } of links(text)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const resolved =
          file === "" ? path.join(ROOT, document) : path.resolve(ROOT, path.dirname(document), file);
        if (!fs.existsSync(resolved)) {
          problems.push(`${document}:${line}: ${target} names no file`);
          continue;
        }
        if (anchor === undefined || !resolved.endsWith(".md")) continue;
        if (!anchors(fs.readFileSync(resolved, "utf8")).has(anchor)) {
          problems.push(
            `${document}:${line}: ${target} names no heading of ${path.relative(ROOT, resolved)}`,
          );
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});
