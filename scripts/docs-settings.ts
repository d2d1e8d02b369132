/**
 * The configuration tables generated from the settings table (provider/config/settings-table.ts): the full one of
 * docs/installation-configuration.md between `<!-- settings-table:begin -->` and `<!-- settings-table:end -->`, and
 * the README's summary (keys, environment and defaults) between `<!-- settings-summary:begin -->` and
 * `<!-- settings-summary:end -->`. Run: `npm run docs:settings`; tests/config/settings-table.test.ts fails when
 * either page is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { envVar, SETTING_NAMES, settingSpec, type SettingName } from "../provider/config/settings-table";
import { markdownTable } from "../provider/resources/shared/properties";

export const SETTINGS_PAGE = path.join(__dirname, "..", "docs", "installation-configuration.md");
export const README = path.join(__dirname, "..", "README.md");
const BLOCK = "settings-table";
const SUMMARY_BLOCK = "settings-summary";

function defaultText(name: SettingName): string {
  const spec = settingSpec(name);
  if (spec.default === undefined) return "";
  const byOptions =
    spec.optionsDefault === undefined
      ? ""
      : ` (\`${String(spec.optionsDefault)}\` for a bare \`CliqClient\`)`;
  return `\`${String(spec.default)}\`${byOptions}`;
}

/** The table: one row per setting, with its keys, type, secrecy, default and description. */
export function settingsTable(): string {
  const rows = SETTING_NAMES.map((name) => {
    const spec = settingSpec(name);
    const key = `\`${name}\`${spec.secret ? " (secret)" : ""}`;
    return [key, `\`${envVar(name)}\``, spec.type, defaultText(name), spec.description];
  });
  return markdownTable(["Stack config (`cliq:`)", "Environment", "Type", "Default", "Description"], rows);
}

/** The README's summary: each setting's keys, secrecy and default; the meanings are on the configuration page. */
export function settingsSummary(): string {
  const rows = SETTING_NAMES.map((name) => {
    const spec = settingSpec(name);
    return [`\`${name}\`${spec.secret ? " (secret)" : ""}`, `\`${envVar(name)}\``, defaultText(name) || "—"];
  });
  return markdownTable(["Stack config (`cliq:`)", "Environment", "Default"], rows);
}

/** `page` with its `<!-- block:begin -->` ... `<!-- block:end -->` replaced by `table`; throws without markers. */
function withBlock(page: string, block: string, table: string): string {
  const begin = `<!-- ${block}:begin -->`;
  const end = `<!-- ${block}:end -->`;
  const start = page.indexOf(begin);
  const stop = page.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`the page has no ${begin} ... ${end} block`);
  return `${page.slice(0, start + begin.length)}\n\n${table}\n\n${page.slice(stop)}`;
}

/** `page` with its settings block regenerated; throws when the markers are missing. */
export function withSettingsTable(page: string): string {
  return withBlock(page, BLOCK, settingsTable());
}

/** `readme` with its settings summary regenerated; throws when the markers are missing. */
export function withSettingsSummary(readme: string): string {
  return withBlock(readme, SUMMARY_BLOCK, settingsSummary());
}

if (require.main === module) {
  for (const [file, regenerate] of [
    [SETTINGS_PAGE, withSettingsTable],
    [README, withSettingsSummary],
  ] as const) {
    const before = fs.readFileSync(file, "utf8");
    const after = regenerate(before);
    if (after !== before) fs.writeFileSync(file, after);
    console.log(
      `${path.relative(process.cwd(), file)}: settings ${after === before ? "up to date" : "rewritten"}`,
    );
  }
}
