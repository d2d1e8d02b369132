/**
 * The plugin suites never skip: whatever they need and cannot find (a language host, Python, Go) fails them with
 * a message naming the missing piece and how to get it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { requireLanguageHost, requireTool } from "./support/toolchain";

describe("plugin suites: a missing toolchain piece is a clear failure, never a skip", () => {
  let empty: string;
  before(() => {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-no-tools-"));
  });
  after(() => fs.rmSync(empty, { recursive: true, force: true }));

  for (const language of ["python", "go", "yaml"] as const) {
    it(`a missing pulumi-language-${language} names the host and the script that builds it`, () => {
      assert.throws(
        () => requireLanguageHost(path.join(empty, "pulumi"), language, { PATH: empty }),
        new RegExp(`pulumi-language-${language} next to the CLI .*scripts/install-pulumi\\.sh`),
      );
    });
  }

  it("a missing python3 or go names the tool and the suite that needs it", () => {
    assert.throws(() => requireTool("python3", "The Python plugin suites", { PATH: empty }), {
      message: /^The Python plugin suites: `python3` is needed on PATH and none was found/,
    });
    assert.throws(() => requireTool("go", "The Go plugin suite", { PATH: empty }), /`go` is needed on PATH/);
  });

  it("a host or tool that is there is found", () => {
    const host = path.join(empty, "pulumi-language-yaml");
    fs.writeFileSync(host, "#!/bin/sh\n", { mode: 0o755 });
    assert.equal(requireLanguageHost(path.join(empty, "pulumi"), "yaml", { PATH: "" }), host);
  });
});
