/** The layout's one rule that the compiler does not enforce: the API contract stands on its own. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const CONTRACT_DIR = path.resolve(__dirname, "..", "..", "cliq-api");

describe("cliq-api/, the Cliq API contract", () => {
  it("imports nothing from elsewhere in the repository", () => {
    const files = fs.readdirSync(CONTRACT_DIR).filter((name) => name.endsWith(".ts"));
    assert.ok(files.length > 0);
    for (const file of files) {
      const source = fs.readFileSync(path.join(CONTRACT_DIR, file), "utf8");
      const specifiers = [...source.matchAll(/(?:from|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
      const outside = specifiers.filter((s) => s.startsWith(".") && !s.startsWith("./"));
      assert.deepEqual(outside, [], `${file} imports from outside cliq-api/`);
    }
  });
});
