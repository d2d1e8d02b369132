/**
 * The committed Go SDK (sdk/go/cliq) is what the real CLI's `pulumi package gen-sdk` makes of the committed
 * schema, and a module of its own at the schema's import path, so that the tag `sdk/go/cliq/v<version>` is what
 * `go get` resolves. Stale after a schema change: `npm run sdk:go` regenerates it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { staleGoSdkFiles } from "../../scripts/release/build";
import { GO_MODULE, GO_PULUMI_SDK, GO_SDK_DIR } from "../../scripts/release/sdks";
import { requirePulumiCli } from "../cli/support/pulumi";
import { repoRoot } from "../cli/support/project";

describe("release: the committed Go SDK", function () {
  this.timeout(120_000);

  it("is what gen-sdk makes of the committed schema (run `npm run sdk:go` after `npm run schema`)", async () => {
    requirePulumiCli(repoRoot);
    assert.deepEqual(await staleGoSdkFiles(), []);
  });

  it("is a module of its own at the schema's import path, requiring the Pulumi Go SDK it was generated for", () => {
    const goMod = fs.readFileSync(path.join(GO_SDK_DIR, "go.mod"), "utf8");
    assert.equal(/^module (\S+)$/m.exec(goMod)?.[1], GO_MODULE);
    assert.match(
      goMod,
      new RegExp(`^\\s*github\\.com/pulumi/pulumi/sdk/v3 ${GO_PULUMI_SDK.replace(/\./g, "\\.")}$`, "m"),
    );
    assert.ok(fs.existsSync(path.join(GO_SDK_DIR, "go.sum")), "go.sum, from `go mod tidy`");
    assert.equal(GO_MODULE, "github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq");
  });
});
