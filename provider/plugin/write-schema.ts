/**
 * `npm run schema`: writes provider/plugin/schema.json from the property tables, at the version in
 * package.json, laid out by prettier (the repository's `prettier --check .` covers it). The plugin serves that
 * file; tests/plugin/schema.test.ts fails when it is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { schemaText } from "./package-schema";

/** Where the committed schema lives, next to this file in the repository. */
export const SCHEMA_FILE = path.join(__dirname, "schema.json");

/** The version the schema carries: package.json's. */
export function packageVersion(): string {
  const manifest = path.join(__dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** The schema file's content as `npm run schema` writes it. Prettier is a dev tool: loaded only here. */
export async function schemaFileText(): Promise<string> {
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(schemaText(packageVersion()), { ...options, filepath: SCHEMA_FILE });
}

if (require.main === module) {
  schemaFileText().then(
    (text) => {
      fs.writeFileSync(SCHEMA_FILE, text);
      console.log(path.relative(process.cwd(), SCHEMA_FILE));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
