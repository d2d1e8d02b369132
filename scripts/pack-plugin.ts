/**
 * `npm run plugin:pack`: builds the `cliq` provider plugin archive that `pulumi plugin install resource cliq
 * <version> --file <archive>` takes: `pulumi-resource-cliq` (a shell launcher; needs Node.js >= 20 on PATH)
 * and `pulumi-resource-cliq.js`, one file bundled by esbuild with everything it needs (the resource code,
 * axios, zod, lossless-json, @grpc/grpc-js and Pulumi's protos). Prints the archive's path as its last line.
 *
 * This is the clone's archive, which the plugin suites install: packed in seconds, run by whichever Node the test
 * matrix puts on PATH. Releases ship the same bundle as one self-contained executable per platform instead
 * (`npm run release:build`, scripts/release/executables.ts), which needs no Node.js.
 *
 * `@pulumi/pulumi` itself stays out of the bundle: only its generated protos are used. The one `require` of it
 * (the dynamic provider's logger) is never reached in the plugin, which logs through the engine.
 */
import { execFileSync } from "child_process";
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/** The launcher: refuses clearly when Node.js is missing or too old, then runs the bundle. */
const LAUNCHER = `#!/bin/sh
# pulumi-resource-cliq: the Zoho Cliq provider plugin for Pulumi. Needs Node.js >= 20 on PATH.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "pulumi-resource-cliq: Node.js >= 20 must be on PATH (none found)" >&2
  exit 1
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "pulumi-resource-cliq: Node.js >= 20 is needed (found $(node --version))" >&2
  exit 1
fi
exec node "$here/pulumi-resource-cliq.js" "$@"
`;

/** Keeps the exact specifier `@pulumi/pulumi` external while its subpaths (the protos) are bundled. */
const pulumiRuntimeExternal: esbuild.Plugin = {
  name: "pulumi-runtime-external",
  setup(build) {
    build.onResolve({ filter: /^@pulumi\/pulumi$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Bundles the plugin into `outfile`. */
export async function bundle(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(ROOT, "provider", "plugin", "main.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    legalComments: "none",
    logLevel: "warning",
    plugins: [pulumiRuntimeExternal],
  });
}

/** Builds the archive and returns its path. */
export async function packPlugin(): Promise<string> {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  const out = path.join(ROOT, ".cache", "plugin");
  const stage = path.join(out, `stage-v${version}`);
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  await bundle(path.join(stage, "pulumi-resource-cliq.js"));
  fs.writeFileSync(path.join(stage, "pulumi-resource-cliq"), LAUNCHER, { mode: 0o755 });
  const archive = path.join(out, `pulumi-resource-cliq-v${version}.tar.gz`);
  execFileSync("tar", ["-czf", archive, "-C", stage, "pulumi-resource-cliq", "pulumi-resource-cliq.js"]);
  return archive;
}

if (require.main === module) {
  packPlugin().then(
    (archive) => console.log(archive),
    (error: unknown) => {
      console.error(`plugin:pack: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
