/**
 * The package schema of the provider's functions (invokes): `getBot` finds one bot by id, name or unique name;
 * `listBots` lists the organisation's bots. Both answer with the Bot resource's output properties, so a bot
 * looked up reads the same as one managed.
 */

type Properties = Record<string, unknown>;

const STRING = { type: "string" } as const;

/** `getBot`'s arguments: exactly one of them. */
const BOT_QUERY: Properties = {
  id: { ...STRING, description: "The bot id (bare or `b-` form)." },
  name: { ...STRING, description: "The bot's display name (compared without regard to case)." },
  uniqueName: { ...STRING, description: "The bot's unique name (`Bot.uniqueName`)." },
};

/** The functions, given the Bot resource's schema (its output properties are the functions' answers). */
export function functionSchemas(bot: { properties: Properties }): Properties {
  const botProperties = {
    id: { ...STRING, description: "The bot id (bare form)." },
    ...bot.properties,
  };
  return {
    "cliq:index:getBot": {
      description:
        "Looks up one existing bot by exactly one of `id`, `name` or `uniqueName`, without managing it. Fails " +
        "when no bot matches.",
      inputs: { properties: BOT_QUERY },
      outputs: { properties: botProperties, required: ["id", "botId", "name", "uniqueName"] },
    },
    "cliq:index:listBots": {
      description: "Lists every bot of the organisation the provider is configured for.",
      inputs: { properties: {} },
      outputs: {
        properties: {
          bots: {
            type: "array",
            items: { $ref: "#/types/cliq:index:BotSummary" },
            description: "The organisation's bots, in Cliq's order.",
          },
        },
        required: ["bots"],
      },
    },
  };
}

/** The `BotSummary` type `listBots` answers with: the Bot's output properties plus its id. */
export function botSummaryType(bot: { properties: Properties }): Properties {
  return {
    type: "object",
    description: "A bot as `listBots` reports it.",
    properties: { id: { ...STRING, description: "The bot id (bare form)." }, ...bot.properties },
    required: ["id", "botId", "name", "uniqueName"],
  };
}
