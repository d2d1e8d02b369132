import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providerShim, type ProviderKind } from "../../sdk/shim";

/**
 * The serialized provider is what Pulumi stores in state and evaluates, later and possibly elsewhere, to run
 * check/diff/create/read/update/delete. These tests serialize the shim as `pulumi.dynamic.Resource` does and
 * evaluate it the way the dynamic-provider host does (`require-from-string(...).handler()`), so a call goes
 * through `require("pulumi-zoho-cliq/provider")` to the built package (`npm run build` runs before the tests).
 */
const requireFromString = require("require-from-string") as (
  code: string,
  filename?: string,
) => { handler(): unknown };

async function serialized(kind: ProviderKind): Promise<string> {
  const provider = providerShim(kind);
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: false })).text;
}

describe("serialized provider shim", () => {
  before(function () {
    const built = path.join(__dirname, "..", "..", "dist", "provider", "index.js");
    assert.ok(fs.existsSync(built), `${built} is missing: run "npm run build" first`);
  });

  for (const kind of ["bot", "botHandler", "channelAssociation"] as const) {
    it(`serializes the ${kind} shim under 2.5 KB, requiring nothing but the package by name`, async () => {
      const text = await serialized(kind);
      const bytes = Buffer.byteLength(text, "utf8");
      console.log(`      ${kind}: ${bytes} bytes`);
      assert.ok(bytes < 2500, `${bytes} bytes`);
      assert.equal(
        (text.match(/require\("([^"]+)"\)/g) ?? []).every(
          (r) => r === 'require("pulumi-zoho-cliq/provider")',
        ),
        true,
      );
      assert.ok(!text.includes(path.resolve(__dirname, "..", "..")), "contains the package's absolute path");
    });
  }

  it("runs check through the package when evaluated like the dynamic-provider host", async () => {
    const text = await serialized("bot");
    // The host evaluates the text as a module rooted at the program's directory.
    const provider = requireFromString(
      text,
      path.join(process.cwd(), "__provider.js"),
    ).handler() as pulumi.dynamic.ResourceProvider;
    const result = await provider.check!({}, { name: "x".repeat(21), description: "d" });
    assert.deepEqual(result.failures, [
      { property: "name", reason: "must be at most 20 characters (got 21)" },
    ]);
  });

  it("resolves every kind to the provider object of the same name", async () => {
    for (const kind of ["bot", "botHandler", "channelAssociation"] as const) {
      const provider = requireFromString(
        await serialized(kind),
        path.join(process.cwd(), "__provider.js"),
      ).handler() as pulumi.dynamic.ResourceProvider;
      const { failures } = await provider.check!({}, {});
      const required = { bot: "name", botHandler: "botId", channelAssociation: "botUniqueName" }[kind];
      assert.ok(
        failures!.some((failure) => failure.property === required),
        kind,
      );
    }
  });
});
