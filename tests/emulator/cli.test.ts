import * as assert from "assert";
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as path from "path";
import * as fs from "fs";
import { parseCliArgs, startupWarnings } from "../../emulator/cli-args";

const ROOT = path.join(__dirname, "..", "..");
const CLI = ["-r", "ts-node/register/transpile-only", "emulator/cli.ts"];

function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Cliq emulator listening on (http:\/\/\S+)\n/.exec(output);
      if (match && output.includes("API base URL:")) resolve({ child, url: match[1], output: () => output });
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("emulator: command line", () => {
  it("prints its base URL and API URL, serves the given tokens, never prints them, and stops on SIGTERM", async () => {
    const { child, url, output } = await startCli([
      "--port",
      "0",
      "--token",
      "cli-token-1",
      "--token",
      "cli-token-2",
    ]);
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(output().includes(`API base URL: ${url}/api/v3`));
      for (const token of ["cli-token-1", "cli-token-2", "forged"]) {
        const response = await fetch(`${url}/api/v3/bots`, {
          headers: { Authorization: `Zoho-oauthtoken ${token}` },
        });
        assert.strictEqual(response.status, token === "forged" ? 401 : 200, token);
      }
      assert.ok(!output().includes("cli-token"));
      assert.ok(!output().includes("warning"), "no warning when a token is accepted");
    } finally {
      const done = exited(child);
      child.kill("SIGTERM");
      assert.strictEqual(await done, 0);
    }
  });

  it("lists every option in --help", () => {
    const result = spawnSync(process.execPath, [...CLI, "--help"], { cwd: ROOT, encoding: "utf8" });
    assert.strictEqual(result.status, 0);
    for (const flag of [
      "--port",
      "--host",
      "--token",
      "--oauth-client",
      "--token-ttl",
      "--state",
      "--time-scale",
      "--default-handler",
      "--throttle-style",
      "--no-rate-limits",
      "--bot-limit",
      "--version",
      "--help",
    ]) {
      assert.ok(result.stdout.includes(flag), `--help lacks ${flag}`);
    }
  });

  it("shows in --help, by example, the variables that point the provider at the emulator", () => {
    const result = spawnSync(process.execPath, [...CLI, "--help"], { cwd: ROOT, encoding: "utf8" });
    const examples = result.stdout.slice(result.stdout.indexOf("Examples:"));
    assert.ok(examples.length > "Examples:".length, "--help has an Examples section");
    for (const variable of [
      "CLIQ_API_URL=http://127.0.0.1:8787/api/v3",
      "CLIQ_ACCESS_TOKEN=dev-token",
      "CLIQ_ACCOUNTS_URL=http://127.0.0.1:8787",
      "CLIQ_CLIENT_ID=",
      "CLIQ_CLIENT_SECRET=",
      "CLIQ_REFRESH_TOKEN=",
      "cliq:apiUrl",
    ]) {
      assert.ok(examples.includes(variable), `the examples lack ${variable}`);
    }
  });

  it("prints the package's version with --version and -v", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    for (const flag of ["--version", "-v"]) {
      const result = spawnSync(process.execPath, [...CLI, flag], { cwd: ROOT, encoding: "utf8" });
      assert.strictEqual(result.status, 0);
      assert.strictEqual(result.stdout, `${version}\n`);
    }
  });

  it("warns on stderr when started without any credential, since every API request is then refused", async () => {
    const { child, url, output } = await startCli(["--port", "0"]);
    try {
      const response = await fetch(`${url}/api/v3/bots`, { headers: { Authorization: "Zoho-oauthtoken x" } });
      assert.strictEqual(response.status, 401);
      assert.match(output(), /warning: started without --token or --oauth-client.*401 oauthtoken_invalid/s);
    } finally {
      const done = exited(child);
      child.kill("SIGTERM");
      await done;
    }
  });

  it("warns only when neither an access token nor an OAuth client is accepted", () => {
    assert.strictEqual(startupWarnings({}).length, 1);
    assert.strictEqual(startupWarnings({ tokens: [] }).length, 1);
    assert.deepStrictEqual(startupWarnings({ tokens: ["T"] }), []);
    assert.deepStrictEqual(
      startupWarnings({ oauthClients: [{ clientId: "c", clientSecret: "s", refreshTokens: ["r"] }] }),
      [],
    );
  });

  it("exits with status 2 and a message on an unknown option", () => {
    const result = spawnSync(process.execPath, [...CLI, "--colour"], { cwd: ROOT, encoding: "utf8" });
    assert.strictEqual(result.status, 2);
    assert.match(result.stderr, /unknown option --colour/);
  });

  it("maps --version and -v to the version command, also after other options", () => {
    assert.deepStrictEqual(parseCliArgs(["--version"]), { kind: "version" });
    assert.deepStrictEqual(parseCliArgs(["--port", "1", "-v"]), { kind: "version" });
  });

  it("maps every option to the emulator options", () => {
    const command = parseCliArgs([
      "--port=8123",
      "--host",
      "0.0.0.0",
      "--token",
      "A",
      "--oauth-client",
      "id:secret:r1",
      "--oauth-client",
      "id:secret:r2",
      "--token-ttl",
      "60",
      "--state",
      "/tmp/s.json",
      "--time-scale",
      "0.001",
      "--default-handler",
      "welcome_handler",
      "--throttle-style",
      "400",
      "--no-rate-limits",
      "--bot-limit",
      "7",
    ]);
    assert.deepStrictEqual(command, {
      kind: "run",
      options: {
        port: 8123,
        host: "0.0.0.0",
        tokens: ["A"],
        oauthClients: [{ clientId: "id", clientSecret: "secret", refreshTokens: ["r1", "r2"] }],
        accessTokenTtlSeconds: 60,
        statePath: "/tmp/s.json",
        timeScale: 0.001,
        defaultHandlerTypes: ["welcome_handler"],
        throttleStyle: "400",
        rateLimits: false,
        botLimit: 7,
      },
    });
    for (const bad of [
      ["--port", "x"],
      ["--throttle-style", "418"],
      ["--default-handler", "alert_handler"],
      ["--oauth-client", "a:b"],
      ["--time-scale", "0"],
    ]) {
      assert.throws(() => parseCliArgs(bad), Error, bad.join(" "));
    }
  });
});
