/**
 * What the npm page and a user's license scanner read: the license text, the changelog, the repository fields, and
 * the READMEs' links (the npm page resolves a relative link against itself, where it is dead).
 */
import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** MD5 of https://www.apache.org/licenses/LICENSE-2.0.txt, byte for byte (terms and appendix). */
const APACHE_2_0_MD5 = "3b83ef96387f14655fc854ddc3c6bd57";

/** The links of a Markdown document, `[text](target)`, with their line numbers. */
function links(markdown: string): { target: string; line: number }[] {
  return markdown
    .split("\n")
    .flatMap((text, index) =>
      [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => ({ target: match[1], line: index + 1 })),
    );
}

/** The repository's web address, from package.json's `repository` (`git+https://host/owner/name.git`). */
function repositoryWebUrl(): string {
  return String(manifest.repository.url)
    .replace(/^git\+/, "")
    .replace(/\.git$/, "");
}

describe("package: license, changelog and links", () => {
  it("declares Apache-2.0 and ships the complete, unmodified Apache License 2.0 text", () => {
    assert.equal(manifest.license, "Apache-2.0");
    const md5 = createHash("md5")
      .update(fs.readFileSync(path.join(ROOT, "LICENSE")))
      .digest("hex");
    assert.equal(md5, APACHE_2_0_MD5, "LICENSE differs from apache.org's LICENSE-2.0.txt");
  });

  it("starts the changelog with the version in package.json", () => {
    const first = /^## (.+)$/m.exec(read("CHANGELOG.md"));
    assert.ok(first, "CHANGELOG.md has no version heading");
    assert.match(first[1], new RegExp(`^\\[?${manifest.version.replace(/\./g, "\\.")}\\b`));
  });

  it("names one repository in repository, homepage and bugs", () => {
    assert.equal(manifest.repository.type, "git");
    const web = repositoryWebUrl();
    assert.match(web, /^https:\/\/[^/]+\/[^/]+\/[^/]+$/);
    assert.equal(manifest.homepage, `${web}#readme`);
    assert.equal(manifest.bugs.url, `${web}/issues`);
  });

  for (const document of ["README.md", "emulator/README.md", "CHANGELOG.md"]) {
    it(`${document} has no relative links, and its links into the repository name existing paths`, () => {
      const web = repositoryWebUrl();
      const problems: string[] = [];
      for (const { target, line } of links(read(document))) {
        if (target.startsWith("#")) continue;
        if (!/^https?:\/\//.test(target)) {
          problems.push(`${document}:${line}: relative link ${target} is dead on the npm page`);
          continue;
        }
        if (!target.startsWith(`${web}/`)) continue;
        const inRepo = /^(?:blob|tree)\/HEAD\/(.+)$/.exec(target.slice(web.length + 1).replace(/#.*$/, ""));
        if (!inRepo) problems.push(`${document}:${line}: ${target} is not a blob/HEAD or tree/HEAD link`);
        else if (!fs.existsSync(path.join(ROOT, inRepo[1])))
          problems.push(`${document}:${line}: ${inRepo[1]} is gone`);
      }
      assert.deepEqual(problems, []);
    });
  }
});
