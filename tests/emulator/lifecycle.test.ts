import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { MAX_BODY_BYTES } from "../../emulator/server";
import { Harness, sharedHarness } from "./harness";

const ROOT = path.join(__dirname, "..", "..");

/** Sends raw bytes (requests fetch cannot form) and returns everything the server answers before closing. */
function rawHttp(url: URL, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/**
 * A child process that starts an emulator with a state file, holds a create_a_new_bot request in a 3 s
 * latency fault, closes the emulator while the request waits, and prints what became of the request. It sets
 * no exit code and calls no process.exit: it ends only when nothing is left running.
 */
const HELD_REQUEST_SCRIPT = `
const { startEmulator } = require("./emulator");
(async () => {
  const e = await startEmulator({ tokens: ["T"], statePath: process.env.STATE_PATH });
  const json = { "Content-Type": "application/json" };
  await fetch(e.url + "/_emulator/faults", {
    method: "POST", headers: json,
    body: JSON.stringify({ operationId: "create_a_new_bot", kind: "latency", ms: 3000 }),
  });
  const pending = fetch(e.apiUrl + "/bots", {
    method: "POST", headers: { ...json, Authorization: "Zoho-oauthtoken T" },
    body: JSON.stringify({ name: "Late", description: "d" }),
  }).then(() => "answered", () => "dropped");
  // The fault leaves the queue once the request has reached the emulator and is being held.
  while ((await (await fetch(e.url + "/_emulator/faults")).json()).faults.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await e.close();
  process.stdout.write(await pending);
})();
`;

describe("emulator: server lifecycle and request robustness", () => {
  const h = sharedHarness({ rateLimits: false });

  it("refuses a body past the read limit with 413 request_entity_too_large, storing nothing, and keeps serving", async () => {
    const padding = "d".repeat(MAX_BODY_BYTES);
    const result = await h.call("create_a_new_bot", {
      rawBody: `{"name":"Huge","description":"${padding}"}`,
    });
    assert.deepStrictEqual([result.status, result.body.code], [413, "request_entity_too_large"]);
    assert.deepStrictEqual((await h.control("GET", "/state")).body.bots, []);
    const log = (await h.control("GET", "/requests")).body.requests;
    assert.deepStrictEqual(
      log.map((r: { path: string; status: number }) => [r.path, r.status]),
      [["/api/v3/bots", 413]],
    );
    assert.strictEqual((await h.call("list_all_bots")).status, 200);
  });

  it("answers a request body that is deeply nested or not JSON with 400 invalid_inputs", async () => {
    for (const rawBody of ["[".repeat(100_000), '{"name": "x",}', "\u0000"]) {
      const result = await h.call("create_a_new_bot", { rawBody });
      assert.deepStrictEqual([result.status, result.body.code], [400, "invalid_inputs"]);
    }
    const control = await fetch(`${h.emulator.url}/_emulator/faults`, { method: "POST", body: "{kind" });
    assert.deepStrictEqual(
      [control.status, ((await control.json()) as { code: string }).code],
      [400, "invalid_inputs"],
    );
  });

  it("answers a path with a malformed %-escape, or a request target that is no URL, as an unknown URL", async () => {
    const result = await h.raw("GET", "/api/v3/bots/%E0%A4%A");
    assert.deepStrictEqual([result.status, result.body.code], [404, "url_not_found"]);
    const answer = await rawHttp(
      new URL(h.emulator.url),
      `GET http://[bad/api/v3/bots HTTP/1.1\r\nHost: x\r\nAuthorization: Zoho-oauthtoken ${h.token}\r\nConnection: close\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 404 /);
    assert.ok(answer.includes('"code":"url_not_found"'), answer);
  });

  it("may be closed twice", async () => {
    const other = await Harness.start();
    await other.close();
    await other.close();
    await assert.rejects(fetch(`${other.emulator.apiUrl}/bots`));
  });

  it("abandons a request held by a latency fault when closed: the work is not done and the process exits", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-emulator-close-"));
    try {
      const statePath = path.join(dir, "state.json");
      const child = spawn(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", "-e", HELD_REQUEST_SCRIPT],
        { cwd: ROOT, env: { ...process.env, STATE_PATH: statePath }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      assert.deepStrictEqual([code, output], [0, "dropped"]);
      assert.deepStrictEqual(JSON.parse(fs.readFileSync(statePath, "utf8")).bots, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
