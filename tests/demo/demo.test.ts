/**
 * `npm run demo` as a user runs it: the real Pulumi CLI applies the examples' dev stack to the emulator and
 * destroys it. What the README promises must show: 13 created and 13 deleted, one DELETE per bot (handlers and
 * memberships are deletedWith their bot) and no "stays a member" warning; every step labelled `pulumi ...` is
 * followed by the CLI's own output.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import * as fs from "fs";
import { destroySummary, membershipWarnings } from "../../demo/format";
import { ensurePulumiCli, findPulumiCli, pinnedCliBinDir } from "../../demo/pulumi-cli";
import { makeTempDirRemovedAtExit } from "../../engine-stand-in";
import { requirePulumiCli } from "../cli/support/pulumi";
import { repoRoot } from "../cli/support/project";

/** Runs demo/run.ts through ts-node, as `npm run demo` runs its build; resolves with the exit code and output. */
function runDemo(): Promise<{ code: number | null; output: string }> {
  const tsNode = path.join(repoRoot, "node_modules", ".bin", "ts-node");
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("CLIQ_")));
  return new Promise((resolve, reject) => {
    const child = spawn(tsNode, ["--transpile-only", path.join(repoRoot, "demo", "run.ts")], {
      cwd: repoRoot,
      env,
    });
    const output: string[] = [];
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output: output.join("") }));
  });
}

/** The demo's output from a step's title line to the next step's. */
function stepText(output: string, title: string): string {
  const start = output.search(new RegExp(`^\\[\\s*[\\d.]+s\\] ${title}$`, "m"));
  assert.ok(start >= 0, `no step "${title}" in:\n${output}`);
  const rest = output.slice(start + 1);
  const next = rest.search(/^\[\s*[\d.]+s\] /m);
  return next < 0 ? rest : rest.slice(0, next);
}

describe("npm run demo: the real CLI, showing what the README promises", function () {
  this.timeout(600_000);

  it("creates 13 resources, destroys them with one DELETE per bot and no membership warning", async () => {
    requirePulumiCli(repoRoot);
    const { code, output } = await runDemo();
    assert.equal(code, 0, output);
    assert.match(output, /Engine: the real Pulumi CLI \(/);
    assert.doesNotMatch(output, /stand-in/i);
    assert.match(stepText(output, "pulumi preview"), /Previewing update \(dev\)[\s\S]*\+ 13 to create/);
    assert.match(stepText(output, "pulumi up"), /Updating \(dev\)[\s\S]*\+ 13 created/);
    assert.match(stepText(output, "pulumi destroy"), /Destroying \(dev\)[\s\S]*- 13 deleted/);
    const sent = stepText(output, "What destroy sent to Cliq.*");
    assert.match(sent, /API requests: delete_a_specific_bot 2; token mints: \d+\n/);
    assert.match(sent, /"stays a member" warnings: none/);
    assert.match(sent, /\(no bots\)/);
    assert.equal(membershipWarnings(output).length, 1, "only the summary line names the warning");
    assert.match(output, /no client secret, no refresh token, no access token/);
  });
});

describe("demo: without a CLI it builds one first, and says so", function () {
  this.timeout(1_800_000);

  it("runs scripts/install-pulumi.sh into an empty cache (under a minute with Go's caches warm) and uses what it built", async () => {
    // Only a machine that built the pinned CLI has Go's caches warm; elsewhere this build would take 10-20 minutes.
    const built = path.join(pinnedCliBinDir(repoRoot), "pulumi");
    assert.ok(
      fs.existsSync(built),
      `this test rebuilds the CLI from Go's warm caches and needs a first build at ${built}: ` +
        "run `CLIQ_BUILD_PULUMI=1 npm run pulumi:install`",
    );
    const cache = makeTempDirRemovedAtExit("cliq-demo-cli-");
    // No pulumi on PATH: keep only the folders without one.
    const dirs = (process.env.PATH ?? "")
      .split(path.delimiter)
      .filter((dir) => !findPulumiCli({ PATH: dir }));
    const env = { ...process.env, PATH: dirs.join(path.delimiter), CLIQ_PULUMI_CACHE: cache };
    const steps: string[] = [];
    const cli = await ensurePulumiCli(repoRoot, (title) => steps.push(title), env);
    assert.equal(steps.length, 1);
    assert.match(
      steps[0]!,
      /^No Pulumi CLI .*running `npm run pulumi:install` \(bash scripts\/install-pulumi.sh\) first/,
    );
    assert.ok(cli.startsWith(cache) && fs.statSync(cli).isFile(), cli);
    assert.deepEqual(await ensurePulumiCli(repoRoot, (title) => steps.push(title), env), cli);
    assert.equal(steps.length, 1, "a second call finds the build and says nothing");
  });
});

describe("demo: the destroy summary", () => {
  const request = (operationId: string) => ({
    seq: 1,
    method: "DELETE",
    path: "/x",
    query: {},
    operationId,
    status: 204,
    throttled: false,
  });

  it("counts requests per operation, token mints apart, and quotes membership warnings", () => {
    const lines = destroySummary(
      [request("delete_a_specific_bot"), request("oauth_token"), request("delete_a_handler_from_a_bot")],
      "warning: bot x stays a member of #ops\nother\n",
    );
    assert.equal(
      lines[0],
      "  API requests: delete_a_specific_bot 1, delete_a_handler_from_a_bot 1; token mints: 1",
    );
    assert.equal(lines[3], '  "stays a member" warnings: warning: bot x stays a member of #ops');
  });

  it("says none when nothing was sent and nothing warned", () => {
    const lines = destroySummary([], "Destroying (dev)\n");
    assert.equal(lines[0], "  API requests: none; token mints: 0");
    assert.equal(lines[3], '  "stays a member" warnings: none');
  });
});
