/**
 * The npm tarball as users receive it: packed from the built repository with `npm pack`, then installed into a
 * temporary project the way `npm install pulumi-zoho-cliq` would. The file list, the size budget and the
 * resolution of every `exports` entry and of the `cliq-emulator` bin are checked on that artefact, not on the
 * working tree: a path that exists here but is left out of `files` only fails for users.
 */
import { strict as assert } from "assert";
import { execFile } from "child_process";
import { builtinModules } from "module";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { createPulumiProject, makeTempDir, testedPulumiVersion } from "../../engine-stand-in/project";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/**
 * Measured for 0.1.0: 205 KiB packed, 831 KiB unpacked, 227 files. The budget leaves about a fifth for growth;
 * past it, look for something shipped by mistake (maps, tests, benchmarks, a second copy of the spec) before
 * raising it.
 */
const BUDGET = { packedBytes: 256 * 1024, unpackedBytes: 1024 * 1024 };

/** Everything the tarball may hold: compiled runtime code and declarations, the spec, and the documents. */
const SHIPPED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^emulator\/README\.md$/,
  /^spec\/(cliq-bots-v3\.yaml|README\.md)$/,
  /^dist\/(sdk|provider|emulator|cliq-api)\/[\w./-]+(?<!\.d)\.js$/,
  /^dist\/(sdk|provider|emulator|cliq-api)\/[\w./-]+\.d\.ts$/,
];

/** Files any future release must keep: what the README and the stored providers in users' state name. */
const REQUIRED = [
  "LICENSE",
  "CHANGELOG.md",
  "README.md",
  "emulator/README.md",
  "spec/cliq-bots-v3.yaml",
  "dist/emulator/cli.js",
  "dist/provider/kinds/bot.js",
  "dist/provider/kinds/bot-handler.js",
  "dist/provider/kinds/channel-association.js",
];

interface Packed {
  tarball: string;
  size: number;
  unpackedSize: number;
  files: string[];
}

async function pack(destination: string): Promise<Packed> {
  if (!fs.existsSync(path.join(ROOT, "dist", "sdk", "index.js"))) {
    throw new Error(`${ROOT}/dist is not built: run "npm run build" before this suite`);
  }
  const { stdout } = await run("npm", ["pack", ROOT, "--json", "--pack-destination", destination], {
    cwd: destination,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [report] = JSON.parse(stdout);
  return {
    tarball: path.join(destination, report.filename),
    size: report.size,
    unpackedSize: report.unpackedSize,
    files: report.files.map((file: { path: string }) => file.path).sort(),
  };
}

/** The modules a compiled file loads with a literal `require("...")`, leaving out those its comments mention. */
function requiredModules(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
}

describe("package: the npm tarball", function () {
  this.timeout(300_000);
  let temp: string;
  let packed: Packed;
  let installed: string;

  before(async () => {
    temp = makeTempDir("cliq-tarball-");
    packed = await pack(temp);
    const project = path.join(temp, "project");
    await createPulumiProject({
      dir: project,
      name: "cliq-tarball-check",
      tarball: packed.tarball,
      pulumiVersion: testedPulumiVersion(ROOT),
    });
    installed = path.join(project, "node_modules", manifest.name);
  });
  after(() => {
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  it("holds only compiled code, declarations, the spec and the documents, and everything users rely on", () => {
    const unexpected = packed.files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file)));
    assert.deepEqual(unexpected, [], "files outside the list of what ships");
    for (const file of REQUIRED) assert.ok(packed.files.includes(file), `${file} is missing`);
  });

  it("ships no source maps, TypeScript sources, tests, benchmarks, demo or engine stand-in", () => {
    const forbidden = packed.files.filter(
      (file) =>
        file.endsWith(".map") ||
        (file.endsWith(".ts") && !file.endsWith(".d.ts")) ||
        /(^|\/)(tests?|bench|demo|engine-stand-in|examples)\//.test(file) ||
        /\.test\.(js|d\.ts)$/.test(file),
    );
    assert.deepEqual(forbidden, []);
  });

  it("has no compiled file that points a stack trace at a source map", () => {
    const mapped = packed.files.filter(
      (file) =>
        file.endsWith(".js") &&
        fs.readFileSync(path.join(installed, file), "utf8").includes("sourceMappingURL"),
    );
    assert.deepEqual(mapped, [], "Pulumi's source-map support would name .ts files that are not installed");
  });

  it("ships each comment once: the declarations keep the JSDoc an editor shows, the compiled JavaScript has none", () => {
    const commented = packed.files.filter(
      (file) =>
        file.endsWith(".js") && /\/\*\*|^\s*\/\/ /m.test(fs.readFileSync(path.join(installed, file), "utf8")),
    );
    assert.deepEqual(commented, []);
    const declarations = fs.readFileSync(path.join(installed, "dist", "sdk", "bot.d.ts"), "utf8");
    assert.match(declarations, /\/\*\*\n\s+\* Display name, unique in the organisation/);
  });

  it(`stays within its size budget (${BUDGET.packedBytes / 1024} KiB packed, ${BUDGET.unpackedBytes / 1024} KiB unpacked)`, () => {
    console.log(
      `      tarball: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked`,
    );
    assert.ok(packed.size <= BUDGET.packedBytes, `${packed.size} bytes packed`);
    assert.ok(packed.unpackedSize <= BUDGET.unpackedBytes, `${packed.unpackedSize} bytes unpacked`);
  });

  it("resolves and loads every exports entry, and finds its declarations, in a project that installed it", async () => {
    const specifiers = Object.keys(manifest.exports).map((key) => manifest.name + key.slice(1));
    // A child process, so that the installed @pulumi/pulumi never loads into this test process.
    const script = `
      const out = {};
      for (const specifier of ${JSON.stringify(specifiers)}) {
        const file = require.resolve(specifier);
        const loaded = file.endsWith(".js") ? Object.keys(require(specifier)) : null;
        out[specifier] = { file, loaded };
      }
      console.log(JSON.stringify(out));`;
    const { stdout } = await run(process.execPath, ["-e", script], {
      cwd: path.dirname(path.dirname(installed)),
    });
    const resolved: Record<string, { file: string; loaded: string[] | null }> = JSON.parse(stdout);
    for (const [key, target] of Object.entries<string | { types: string; default: string }>(
      manifest.exports,
    )) {
      const specifier = manifest.name + key.slice(1);
      const expected = path.join(installed, typeof target === "string" ? target : target.default);
      assert.equal(fs.realpathSync(resolved[specifier].file), fs.realpathSync(expected), specifier);
      if (resolved[specifier].loaded)
        assert.ok(resolved[specifier].loaded!.length > 0, `${specifier} exports nothing`);
      if (typeof target !== "string") {
        assert.ok(
          fs.existsSync(path.join(installed, target.types)),
          `${specifier}: ${target.types} is missing`,
        );
      }
    }
    for (const kind of ["bot", "bot-handler", "channel-association"]) {
      assert.ok(resolved[`${manifest.name}/provider/${kind}`].loaded!.includes("create"), kind);
    }
    assert.ok(fs.existsSync(path.join(installed, manifest.main)), manifest.main);
    assert.ok(fs.existsSync(path.join(installed, manifest.types)), manifest.types);
  });

  it("gives TypeScript the declarations of every exports entry under node10, node16 and bundler resolution", async () => {
    // Pulumi's TypeScript templates use "moduleResolution": "node" (node10), which ignores `exports`: the subpaths
    // reach their declarations there only through `typesVersions`.
    const project = path.dirname(path.dirname(installed));
    const typed = Object.keys(manifest.exports).filter((key) => typeof manifest.exports[key] !== "string");
    const program = typed.map((key, i) => `import * as m${i} from "${manifest.name}${key.slice(1)}";`);
    program.push(`export const modules = [${typed.map((_, i) => `m${i}`).join(", ")}];`);
    fs.writeFileSync(path.join(project, "imports.ts"), program.join("\n") + "\n");
    const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
    const settings = { node10: "commonjs", node16: "node16", bundler: "preserve" };
    for (const [resolution, module] of Object.entries(settings)) {
      const args = [tsc, "--noEmit", "--strict", "--skipLibCheck", "--target", "es2022", "--module", module];
      args.push("--moduleResolution", resolution, "imports.ts");
      // tsc prints its diagnostics on stdout and exits non-zero: the message is what the assertion shows.
      const result = await run(process.execPath, args, { cwd: project }).catch(
        (error: { stdout: string }) => error,
      );
      assert.equal(result.stdout, "", `moduleResolution ${resolution}`);
    }
  });

  it("installs the cliq-emulator bin, which runs and reports the package's version", async () => {
    const link = path.join(path.dirname(installed), ".bin", "cliq-emulator");
    const viaLink = await run(link, ["--version"]);
    assert.equal(viaLink.stdout, `${manifest.version}\n`, "through node_modules/.bin (shebang and mode)");
    const script = path.join(installed, manifest.bin["cliq-emulator"]);
    const viaNode = await run(process.execPath, [script, "--version"]);
    assert.equal(viaNode.stdout, `${manifest.version}\n`, `node ${script}`);
  });

  it("loads only modules that ship, are dependencies, or are built into Node", () => {
    const allowed = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const problems: string[] = [];
    for (const file of packed.files.filter((f) => f.endsWith(".js"))) {
      const source = fs.readFileSync(path.join(installed, file), "utf8");
      for (const request of requiredModules(source)) {
        if (request.startsWith(".")) {
          const target = path.join(path.dirname(file), request);
          const candidates = [target, `${target}.js`, path.join(target, "index.js")];
          if (!candidates.some((c) => packed.files.includes(c)))
            problems.push(`${file}: ${request} does not ship`);
          continue;
        }
        const bare = request.replace(/^node:/, "");
        const name = bare.startsWith("@") ? bare.split("/").slice(0, 2).join("/") : bare.split("/")[0];
        if (name === manifest.name) {
          if (!(`.${bare.slice(name.length)}` in manifest.exports))
            problems.push(`${file}: ${request} is not exported`);
        } else if (!allowed.has(name) && !builtinModules.includes(name)) {
          problems.push(`${file}: ${request} is not a dependency`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
