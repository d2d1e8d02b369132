/**
 * The argument tables of docs/_index.md ("Resources at a glance"), generated from each kind's property table
 * (`npm run docs:args` writes them; tests/provider/property-table.test.ts fails when the page is stale).
 */
import { BOT_PROPERTIES } from "./bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "./channel-association/properties";
import { HANDLER_PROPERTIES } from "./handler/properties";
import { argumentsTable, replaceBetweenMarkers, type PropertyTable } from "./shared/properties";

/** Marker name in the page -> the table it holds. */
export const ARGUMENT_TABLES: Record<string, PropertyTable> = {
  bot: BOT_PROPERTIES,
  botHandler: HANDLER_PROPERTIES,
  channelAssociation: CHANNEL_ASSOCIATION_PROPERTIES,
};

/** The page with every argument table regenerated. */
export function withArgumentTables(readme: string): string {
  let out = readme;
  for (const [name, table] of Object.entries(ARGUMENT_TABLES)) {
    out = replaceBetweenMarkers(out, name, argumentsTable(table));
  }
  return out;
}
