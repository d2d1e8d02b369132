/**
 * Regenerates the argument tables in README.md from the property tables (provider/resources/<kind>/properties.ts).
 * Run: `npm run docs:args`.
 */
import * as fs from "fs";
import * as path from "path";
import { withArgumentTables } from "../provider/resources/argument-tables";

const readmePath = path.join(__dirname, "..", "README.md");
const before = fs.readFileSync(readmePath, "utf8");
const after = withArgumentTables(before);
if (after !== before) fs.writeFileSync(readmePath, after);
console.log(
  after === before ? "README.md argument tables are up to date" : "README.md argument tables rewritten",
);
