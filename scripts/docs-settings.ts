/**
 * The configuration table of docs/installation-configuration.md, generated from the settings table
 * (provider/config/settings-table.ts) between `<!-- settings-table:begin -->` and `<!-- settings-table:end -->`.
 * Run: `npm run docs:settings`; tests/config/docs-settings.test.ts fails when the page is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { envVar, SETTING_NAMES, settingSpec, type SettingName } from "../provider/config/settings-table";
import { markdownTable } from "../provider/resources/shared/properties";

export const SETTINGS_PAGE = path.join(__dirname, "..", "docs", "installation-configuration.md");
const BEGIN = "<!-- settings-table:begin -->";
const END = "<!-- settings-table:end -->";

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

/** `page` with its settings block regenerated; throws when the markers are missing. */
export function withSettingsTable(page: string): string {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the page has no ${BEGIN} ... ${END} block`);
  return `${page.slice(0, start + BEGIN.length)}\n\n${settingsTable()}\n\n${page.slice(end)}`;
}

if (require.main === module) {
  const before = fs.readFileSync(SETTINGS_PAGE, "utf8");
  const after = withSettingsTable(before);
  if (after !== before) fs.writeFileSync(SETTINGS_PAGE, after);
  console.log(
    `${path.relative(process.cwd(), SETTINGS_PAGE)}: settings table ${after === before ? "up to date" : "rewritten"}`,
  );
}
