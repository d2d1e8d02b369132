/**
 * Loaded by mocha before any test (see .mocharc.json): points the OAuth token cache of this test run, and of
 * every process it spawns (Pulumi hosts, CLI runs), at a temporary directory, so tests never read or write
 * the user's real cache (`~/.cache/pulumi-zoho-cliq`). Tests that pin the cache set their own directory.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TOKEN_CACHE_DIR_ENV } from "../provider/client/token-cache";

if (!process.env[TOKEN_CACHE_DIR_ENV]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-test-token-cache-"));
  process.env[TOKEN_CACHE_DIR_ENV] = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
