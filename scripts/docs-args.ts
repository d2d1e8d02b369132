/**
 * Regenerates every generated block of the documentation from the property tables and the API tables: the
 * README's argument tables (provider/resources/argument-tables.ts) and the reference pages' blocks
 * (scripts/docs-pages.ts). Run: `npm run docs:args`.
 */
import * as fs from "fs";
import * as path from "path";
import { withArgumentTables } from "../provider/resources/argument-tables";
import { writeReferencePages } from "./docs-pages";

const readmePath = path.join(__dirname, "..", "README.md");
const before = fs.readFileSync(readmePath, "utf8");
const after = withArgumentTables(before);
if (after !== before) fs.writeFileSync(readmePath, after);
console.log(
  after === before ? "README.md argument tables are up to date" : "README.md argument tables rewritten",
);
const pages = writeReferencePages();
console.log(
  pages.length === 0 ? "docs/ reference blocks are up to date" : `docs/ rewritten: ${pages.join(", ")}`,
);
