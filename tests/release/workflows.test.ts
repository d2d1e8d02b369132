/**
 * The GitHub Actions workflows cannot run here; actionlint (built from the Go module proxy into .cache/, about
 * 30 s the first time) checks them as GitHub would parse them: keys, expressions, job needs, action inputs.
 * A broken workflow is shown to fail the same check, so that a pass means something.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { exec, mustExec, requireTool } from "../cli/plugin/support/toolchain";
import { repoRoot } from "../cli/support/project";

const ACTIONLINT_VERSION = "v1.7.12";
const WORKFLOWS = path.join(repoRoot, ".github", "workflows");

let built: Promise<string> | undefined;

/** actionlint at ACTIONLINT_VERSION, `go install`ed into .cache/release-tools on first use. */
function actionlint(): Promise<string> {
  built ??= (async () => {
    const bin = path.join(repoRoot, ".cache", "release-tools", `actionlint-${ACTIONLINT_VERSION}`);
    const binary = path.join(bin, "actionlint");
    if (fs.existsSync(binary)) return binary;
    const go = requireTool("go", "Checking the workflows");
    const args = ["install", `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`];
    await mustExec("Building actionlint", go, args, { cwd: repoRoot, env: { ...process.env, GOBIN: bin } });
    return binary;
  })();
  return built;
}

const workflow = (name: string) => YAML.parse(fs.readFileSync(path.join(WORKFLOWS, name), "utf8"));

describe("release: the GitHub Actions workflows", function () {
  this.timeout(300_000);

  it("pass actionlint", async () => {
    const files = fs.readdirSync(WORKFLOWS).map((name) => path.join(WORKFLOWS, name));
    const result = await exec(await actionlint(), ["-no-color", ...files], { cwd: repoRoot });
    assert.equal(result.output, "");
    assert.equal(result.code, 0);
  });

  it("actionlint fails a workflow with an unknown job key and an undefined expression", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cliq-actionlint-"));
    try {
      const broken = path.join(dir, "broken.yml");
      const text =
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n    steps:\n      - run: echo ${{ nope.x }}\n";
      fs.writeFileSync(broken, text);
      const result = await exec(await actionlint(), ["-no-color", broken], { cwd: dir });
      assert.equal(result.code, 1, result.output);
      assert.match(result.output, /unexpected key "step"/);
      assert.match(result.output, /undefined variable "nope"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("CI runs .ci/run; a v* tag builds, tests and publishes every artifact and tags the Go SDK", () => {
    const ci = workflow("ci.yml");
    assert.ok(ci.jobs.test.steps.some((step: { run?: string }) => step.run === "bash .ci/run"));
    const release = workflow("release.yml");
    assert.deepEqual(release.on.push.tags, ["v[0-9]+.[0-9]+.[0-9]+*"]);
    const runs = (job: string) =>
      release.jobs[job].steps.map((s: { run?: string; uses?: string }) => s.run ?? s.uses);
    assert.ok(runs("build").includes("npm run release:build"));
    assert.ok(runs("build").includes("npx mocha tests/release/*.test.ts"));
    assert.ok(runs("npm").some((run: string) => /npm publish .*--provenance/.test(run)));
    assert.ok(runs("pypi").includes("pypa/gh-action-pypi-publish@release/v1"));
    assert.deepEqual(release.jobs.npm.permissions["id-token"], "write");
    assert.deepEqual(release.jobs.pypi.permissions["id-token"], "write");
    assert.ok(runs("go-sdk-tag").some((run: string) => run?.includes('tag="sdk/go/cliq/$GITHUB_REF_NAME"')));
  });
});
