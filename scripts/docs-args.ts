/**
 * Regenerates every generated block of the documentation from the property tables and the API tables: the
 * argument tables of docs/_index.md (provider/resources/argument-tables.ts) and the reference pages' blocks
 * (scripts/docs-pages.ts). Run: `npm run docs:args`.
 */
import * as fs from "fs";
import * as path from "path";
import { withArgumentTables } from "../provider/resources/argument-tables";
import { writeReferencePages } from "./docs-pages";

const overviewPath = path.join(__dirname, "..", "docs", "_index.md");
const before = fs.readFileSync(overviewPath, "utf8");
const after = withArgumentTables(before);
if (after !== before) fs.writeFileSync(overviewPath, after);
console.log(
  after === before
    ? "docs/_index.md argument tables are up to date"
    : "docs/_index.md argument tables rewritten",
);
const pages = writeReferencePages();
console.log(
  pages.length === 0 ? "docs/ reference blocks are up to date" : `docs/ rewritten: ${pages.join(", ")}`,
);
