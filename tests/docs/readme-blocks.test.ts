/**
 * The README's quickstart and the docs' walkthroughs, run exactly as written through the real `pulumi` CLI: every
 * ```sh title="..."``` block of the documents listed below is a step of a scenario (tests/docs/support/
 * shell-blocks.ts), run in a fresh folder as one shell session, with the emulator block started the way the
 * reader starts it, in a second terminal; SCENARIOS says what each one's `pulumi up` must have made in the
 * emulator, and every scenario must leave it empty after `pulumi destroy`. So the quickstart cannot rot.
 *
 * What stands in for the reader, and only that: the package's `npm pack` tarball replaces the name
 * `pulumi-zoho-cliq` in `npm install` lines (as the README says to do until it is on npm); on Node 20 the
 * install line gets `@pulumi/pulumi@<the version tested on Node 20>` (as the README says); the emulator's port
 * 8787 becomes a free one; HOME, PULUMI_HOME and the token and rate-window caches are the test's own; the
 * session's folder holds `pulumi-zoho-cliq`, a link to this repository standing in for the reader's clone (its
 * plugin packed by `npm run plugin:pack` first when a step installs it, as the clone's set-up does), unless the
 * scenario clones it itself: then `git clone` clones this repository (its last commit) into `pulumi-zoho-cliq` in place of the URL.
 * A scenario that installs a release's assets finds them in its folder (linked from the release folder that
 * tests/release/support/release.ts builds once per run, as a reader downloads them into their project), and its
 * `pip` is a fresh virtualenv's, first on PATH (the reader's Python environment).
 */
import { strict as assert } from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { freePort } from "../../bench/redis-server";
import { makeTempDir, makeTempDirRemovedAtExit, packRepo } from "../../engine-stand-in";
import { testedPulumiVersion } from "../../engine-stand-in/project";
import type { StateDump } from "../../emulator/control";
import { pluginArchive, PLUGIN_VERSION } from "../cli/plugin/support/toolchain";
import { currentRelease } from "../release/support/release";
import { requirePulumiCli } from "../cli/support/pulumi";
import { repoRoot } from "../cli/support/project";
import { codeBlocks, scenarios, sessionScript, shellQuote, type Scenario } from "./support/shell-blocks";

/** The documents whose titled blocks run. */
const DOCUMENTS = [
  "README.md",
  "docs/installation-configuration.md",
  "docs/import.md",
  "docs/troubleshooting.md",
];
const README_PORT = "8787";
/** The folder name of the reader's clone, as `git clone` names it. */
const CLONE = "pulumi-zoho-cliq";
const REPOSITORY_URL = "https://github.com/pulumi-zoho-cliq/pulumi-zoho-cliq";

function read(document: string): string {
  return fs.readFileSync(path.join(repoRoot, document), "utf8");
}

/** The substitutions named in the header, applied to one block's text. */
function standIns(body: string, tarball: string, port: number): string {
  const node = Number(process.versions.node.split(".")[0]);
  return body
    .split("\n")
    .map((line) => {
      if (/^\s*git clone\b/.test(line))
        return line.replace(REPOSITORY_URL, `${shellQuote(repoRoot)} ${CLONE}`);
      if (!/^\s*npm install\b/.test(line)) return line;
      let out = line.replace(/(\s)pulumi-zoho-cliq(?=\s|$)/, `$1${shellQuote(tarball)}`);
      if (node < 22)
        out = out.replace(/(\s)@pulumi\/pulumi(?=\s|$)/, `$1@pulumi/pulumi@${testedPulumiVersion(repoRoot)}`);
      return out;
    })
    .join("\n")
    .replace(new RegExp(`\\b${README_PORT}\\b`, "g"), String(port));
}

interface SessionResult {
  code: number | null;
  output: string;
  /** The emulator's state after each foreground step, by step index. */
  snapshots: Map<number, StateDump>;
}

/** The reader's environment: their PATH with the CLI first, and a HOME, PULUMI_HOME and caches of the test's own. */
function sessionEnv(dir: string, cli: string): NodeJS.ProcessEnv {
  const home = path.join(dir, "home");
  fs.mkdirSync(home);
  const inherited = Object.entries(process.env).filter(
    ([key]) => !key.startsWith("CLIQ_") && !key.startsWith("PULUMI_") && key !== "NODE_OPTIONS",
  );
  return {
    ...Object.fromEntries(inherited),
    PATH: [path.dirname(cli), path.dirname(process.execPath), process.env.PATH ?? ""].join(path.delimiter),
    HOME: home,
    // The reader's npm cache, so that the install line costs what it costs them on a second run.
    npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), ".npm"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    // Likewise the reader's pip cache; the session's own HOME would make every run download the Python SDK again.
    PIP_CACHE_DIR: process.env.PIP_CACHE_DIR ?? path.join(os.homedir(), ".cache", "pip"),
    PIP_DISABLE_PIP_VERSION_CHECK: "1",
    PULUMI_HOME: path.join(home, ".pulumi"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    CLIQ_TOKEN_CACHE_DIR: path.join(dir, "token-cache"),
    CLIQ_RATE_WINDOW_DIR: path.join(dir, "token-cache"),
  };
}

/** A script that saves the emulator's `GET /_emulator/state` as `<snapshotsDir>/<argv[2]>.json`. */
function writeSnapshotScript(dir: string, port: number, snapshotsDir: string): string {
  const file = path.join(dir, "snapshot.js");
  fs.writeFileSync(
    file,
    `fetch("http://127.0.0.1:${port}/_emulator/state").then((r) => r.text())` +
      `.then((t) => require("fs").writeFileSync(${JSON.stringify(snapshotsDir)} + "/" + process.argv[2] + ".json", t))` +
      `.catch(() => {});\n`,
  );
  return file;
}

function readSnapshots(snapshotsDir: string): Map<number, StateDump> {
  const snapshots = new Map<number, StateDump>();
  for (const file of fs.readdirSync(snapshotsDir)) {
    const text = fs.readFileSync(path.join(snapshotsDir, file), "utf8");
    snapshots.set(Number(path.basename(file, ".json")), JSON.parse(text));
  }
  return snapshots;
}

/** Runs a scenario in `dir` as one bash session in its own process group; ends the group afterwards. */
async function runScenario(
  scenario: Scenario,
  dir: string,
  cli: string,
  tarball: string,
): Promise<SessionResult> {
  const port = await freePort();
  const snapshotsDir = path.join(dir, "snapshots");
  fs.mkdirSync(snapshotsDir);
  const steps = scenario.steps.map((step) => ({
    ...step,
    block: { ...step.block, body: standIns(step.block.body, tarball, port) },
  }));
  const script = sessionScript(
    { ...scenario, steps },
    {
      afterStep: `node ${shellQuote(writeSnapshotScript(dir, port, snapshotsDir))}`,
      backgroundLog: path.join(dir, "background.log"),
      readyPattern: "listening on",
    },
  );
  const work = path.join(dir, "work");
  fs.mkdirSync(work);
  if (!steps.some((step) => /^\s*git clone\b/m.test(step.block.body)))
    fs.symlinkSync(repoRoot, path.join(work, CLONE), "dir");
  if (steps.some((step) => step.block.body.includes(`${CLONE}/.cache/plugin/`))) await pluginArchive();
  const env = sessionEnv(dir, cli);
  if (steps.some((step) => /_checksums\.txt\b/.test(step.block.body))) await withReleaseAssets(work, env);
  const child = spawn("bash", ["-c", script], {
    cwd: work,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    return { code, output: output.join(""), snapshots: readSnapshots(snapshotsDir) };
  } finally {
    // The emulator started in the background belongs to the session's process group.
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // the group is gone already
    }
  }
}

/** The release's assets linked into `work`, and a fresh virtualenv's `bin` first on the session's PATH. */
async function withReleaseAssets(work: string, env: NodeJS.ProcessEnv): Promise<void> {
  const release = await currentRelease();
  for (const asset of fs.readdirSync(release.dir)) {
    fs.symlinkSync(path.join(release.dir, asset), path.join(work, asset));
  }
  const venv = path.join(work, "..", "venv");
  execFileSync("python3", ["-m", "venv", venv]);
  env.PATH = [path.join(venv, "bin"), env.PATH].join(path.delimiter);
}

/** The index of the first foreground step whose text runs `pulumi <command>`. */
function stepRunning(scenario: Scenario, command: string): number {
  const index = scenario.steps.findIndex(
    (step) => step.kind === "foreground" && new RegExp(`^pulumi ${command}\\b`, "m").test(step.block.body),
  );
  assert.ok(index >= 0, `scenario ${scenario.name} never runs pulumi ${command}`);
  return index;
}

describe("docs: runnable blocks", () => {
  it("finds titled blocks only in sh fences, and every scenario's name is a known one", () => {
    for (const document of DOCUMENTS.filter((file) => fs.existsSync(path.join(repoRoot, file)))) {
      for (const scenario of scenarios(read(document))) {
        const known = SCENARIOS.some((entry) => entry.document === document && entry.name === scenario.name);
        assert.ok(
          known,
          `${document}: scenario ${scenario.name} is in no entry of SCENARIOS, so it would never run`,
        );
      }
    }
  });

  it("reads blocks, titles and indentation as a reader sees them", () => {
    const blocks = codeBlocks(
      'text\n\n  ```sh title="demo"\n  echo one\n  ```\n\n```ts\nconst x = 1;\n```\n',
    );
    assert.deepEqual(blocks, [
      { lang: "sh", title: "demo", body: "echo one", line: 3 },
      { lang: "ts", body: "const x = 1;", line: 7 },
    ]);
  });

  it("keeps the README's two commands on a fresh machine", () => {
    const readme = read("README.md");
    assert.match(readme, /^npm ci && npm run demo\b/m);
    assert.match(readme, /^npm ci && npm test\b/m);
  });
});

/** What a scenario must have made once its `pulumi up` step ran (`before`: the state after the step before it). */
type AfterUp = (state: StateDump, before: StateDump | undefined, output: string) => void;

function quickstartMade(state: StateDump, _before: StateDump | undefined, output: string): void {
  const bots = new Map(state.bots.map((bot) => [bot.name, bot]));
  assert.deepEqual([...bots.keys()].sort(), ["Pipeline Alerts", "Support Desk"]);
  const alerts = bots.get("Pipeline Alerts")!;
  assert.deepEqual(alerts.handlers.map((h) => h.type).sort(), ["menu_handler", "message_handler"]);
  assert.deepEqual(
    bots.get("Support Desk")!.handlers.map((h) => h.type),
    ["welcome_handler"],
  );
  assert.deepEqual(state.memberships, [{ channel_unique_name: "ops", bot_unique_name: alerts.unique_name }]);
  assert.match(output, new RegExp(`alertsUniqueName\\s+${alerts.unique_name}`));
}

function adoptionMade(state: StateDump, before: StateDump | undefined): void {
  assert.equal(before?.bots.length, 1, "the bot made by hand was there before pulumi up");
  assert.equal(state.bots.length, 1, "pulumi up adopted the bot instead of making a second one");
  const [bot] = state.bots;
  assert.equal(bot!.id, before!.bots[0]!.id);
  assert.equal(bot!.description, "CI/CD alerts");
  assert.deepEqual(
    bot!.handlers.map((h) => h.type),
    ["welcome_handler"],
  );
}

function importMatched(state: StateDump, before: StateDump | undefined, output: string): void {
  assert.ok(before, "no emulator state before pulumi up");
  assert.deepEqual(state, before, "pulumi up changed what was imported");
  const [bot] = state.bots;
  assert.equal(state.bots.length, 1);
  assert.equal(bot!.description, "Made by hand");
  assert.deepEqual(
    bot!.handlers.map((h) => h.type),
    ["message_handler"],
  );
  assert.match(output, /= 1 imported/, "pulumi import imported nothing");
}

/** What a scenario that makes no stack must have left in the session's folder `work`. */
type AfterRun = (work: string) => void;

/** The clone's tarball holds the built package, and its plugin is installed in the reader's PULUMI_HOME. */
function cloneBuilt(work: string): void {
  const tarball = path.join(work, CLONE, `pulumi-zoho-cliq-${PLUGIN_VERSION}.tgz`);
  assert.ok(fs.existsSync(tarball), `npm pack wrote no ${tarball}`);
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
  const main = `package/${JSON.parse(read("package.json")).main}`;
  assert.ok(files.includes(main), `the packed package has no ${main}: ${files.length} files`);
  const plugin = path.join(work, "..", "home", ".pulumi", "plugins", `resource-cliq-v${PLUGIN_VERSION}`);
  assert.ok(fs.existsSync(plugin), `pulumi plugin install left no ${plugin}`);
}

/** The release's npm package, plugin executable and Python SDK are installed where the reader's project uses them. */
function releaseInstalled(work: string): void {
  const installed = path.join(work, "node_modules", "pulumi-zoho-cliq", "package.json");
  assert.equal(JSON.parse(fs.readFileSync(installed, "utf8")).version, PLUGIN_VERSION);
  const plugin = path.join(work, "..", "home", ".pulumi", "plugins", `resource-cliq-v${PLUGIN_VERSION}`);
  const executable = fs.readFileSync(path.join(plugin, "pulumi-resource-cliq")).subarray(0, 4);
  assert.deepEqual(
    [...executable],
    [0x7f, 0x45, 0x4c, 0x46],
    "the installed plugin is not the release's executable",
  );
  const python = path.join(work, "..", "venv", "bin", "python");
  execFileSync(python, ["-c", "import pulumi_cliq"], { stdio: "pipe" });
}

/** Every scenario of the documents, with what its `pulumi up` must have made, or what it must have left. */
const SCENARIOS: { document: string; name: string; afterUp?: AfterUp; afterRun?: AfterRun }[] = [
  { document: "README.md", name: "quickstart", afterUp: quickstartMade },
  { document: "docs/import.md", name: "adopt", afterUp: adoptionMade },
  { document: "docs/import.md", name: "import", afterUp: importMatched },
  { document: "docs/installation-configuration.md", name: "clone", afterRun: cloneBuilt },
  { document: "docs/installation-configuration.md", name: "release-assets", afterRun: releaseInstalled },
];

let packed: Promise<string> | undefined;

/** The run's one `npm pack` of the repository (removed when the process exits), shared by every scenario. */
function tarball(): Promise<string> {
  packed ??= (async () => {
    const dir = makeTempDirRemovedAtExit("cliq-docs-tarball-");
    return packRepo(repoRoot, dir);
  })();
  return packed;
}

/** What a run left, read by the checks once the session is over. */
interface Run {
  root: string;
  result: SessionResult;
  scenario: Scenario;
}

/** The checks of a scenario that makes a stack: what its `pulumi up` made, and an empty emulator after destroy. */
function stackChecks(run: () => Run, afterUp: AfterUp): void {
  it("makes in the emulator what the page says pulumi up makes", () => {
    const { scenario, result } = run();
    const up = stepRunning(scenario, "up");
    const state = result.snapshots.get(up);
    assert.ok(state, `no emulator state after pulumi up:\n${result.output}`);
    afterUp(state, result.snapshots.get(up - 1), result.output);
  });

  it("leaves nothing behind after pulumi destroy", () => {
    const { scenario, result } = run();
    const last = Math.max(...result.snapshots.keys());
    assert.ok(
      last >= stepRunning(scenario, "destroy"),
      `no emulator state after pulumi destroy:\n${result.output}`,
    );
    assert.deepEqual(result.snapshots.get(last), { bots: [], memberships: [] });
    assert.doesNotMatch(result.output, /stays a member/);
  });
}

function describeScenario(entry: (typeof SCENARIOS)[number]): void {
  const { document, name, afterUp, afterRun } = entry;
  describe(`docs: ${document} "${name}" runs as written through the real CLI`, function () {
    this.timeout(15 * 60_000);
    let run: Run | undefined;
    let root: string | undefined;

    before(async () => {
      const cli = requirePulumiCli(repoRoot);
      const scenario = scenarios(read(document)).find((candidate) => candidate.name === name);
      assert.ok(scenario, `${document} has no \`\`\`sh title="${name}"\`\`\` blocks`);
      root = makeTempDir("cliq-docs-");
      run = { root, scenario, result: await runScenario(scenario, root, cli, await tarball()) };
    });

    after(() => {
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    it("runs every step without an error", () => {
      assert.equal(run!.result.code, 0, `the scenario failed:\n${run!.result.output}`);
    });

    if (afterUp) stackChecks(() => run!, afterUp);
    if (afterRun) it("leaves what the page says it makes", () => afterRun(path.join(run!.root, "work")));
  });
}

for (const entry of SCENARIOS) describeScenario(entry);
