/**
 * The last step of `npm run build`, on tsc's output in dist/: the compiled JavaScript loses its comments (the
 * declarations keep them, which is where an editor reads the JSDoc; without this the package ships every
 * comment twice, a quarter of its size), and the package's bins become executable, so `npx cliq-emulator` runs
 * from a clone as from an installed package.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");

/** `source` printed again without its comments; the shebang line of a bin stays. */
export function withoutComments(source: string, fileName: string): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  return ts.createPrinter({ removeComments: true }).printFile(file);
}

function javascriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return javascriptFiles(full);
    return entry.name.endsWith(".js") ? [full] : [];
  });
}

function main(): void {
  let before = 0;
  let after = 0;
  for (const file of javascriptFiles(DIST)) {
    const source = fs.readFileSync(file, "utf8");
    const stripped = withoutComments(source, file);
    before += source.length;
    after += stripped.length;
    fs.writeFileSync(file, stripped);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    bin?: Record<string, string>;
  };
  for (const bin of Object.values(manifest.bin ?? {})) fs.chmodSync(path.join(ROOT, bin), 0o755);
  console.log(
    `dist/: JavaScript without comments, ${Math.round(before / 1024)} -> ${Math.round(after / 1024)} KiB`,
  );
}

if (require.main === module) main();
