/**
 * The Pulumi package schema of the `cliq` provider plugin, generated from the same property tables the dynamic
 * resources use (provider/resources/<kind>/properties.ts), so the two can never describe different arguments.
 * `npm run schema` writes it to provider/plugin/schema.json, which the plugin serves; tests/plugin/schema.test.ts
 * fails when the committed file is stale. (This module is not named schema.ts: Node's `require("./schema")`
 * would find schema.json first.)
 */
import { BOT_OUTPUTS, BOT_PROPERTIES } from "../resources/bot/properties";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../resources/channel-association/properties";
import { HANDLER_OUTPUTS, HANDLER_PROPERTIES } from "../resources/handler/properties";
import type { OutputSpec, PropertySpec, PropertyTable } from "../resources/shared/properties";
import { configVariables } from "./config-schema";
import { botSummaryType, functionSchemas } from "./function-schema";
import {
  inputProperty,
  outputProperty,
  type NamedTypes,
  type SchemaObjectType,
  type SchemaProperty,
} from "./schema-types";

/** The package name: resource tokens are `cliq:index:<Type>`, the plugin binary `pulumi-resource-cliq`. */
export const PACKAGE_NAME = "cliq";

/**
 * Where the engine downloads the plugin (`pulumi-resource-cliq-v<version>-<os>-<arch>.tar.gz`) when a program
 * needs it and it is not installed: this repository's GitHub releases. Every generated SDK carries it.
 */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-zoho-cliq/pulumi-zoho-cliq";

/**
 * The Go SDK's module and package (`sdk/go/cliq` of the repository, a module of its own, so that the tag
 * `sdk/go/cliq/v<version>` is what `go get` resolves).
 */
export const GO_IMPORT_BASE = "github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq";

/** A resource kind of the plugin: its token, its tables and the outputs Cliq always reports. */
export interface ResourceKind {
  token: string;
  description: string;
  inputs: PropertyTable;
  outputs: Record<string, OutputSpec>;
  /** Outputs present on every object (beside the required inputs and `apiHost`). */
  alwaysOutputs: string[];
}

/** `apiHost`, an output of every kind: the host the object was made through (read/update/delete use it). */
export const API_HOST: OutputSpec = {
  type: { type: "string" },
  description:
    "Where the object lives: the origin of the Cliq API it was created through (e.g. `https://cliq.zoho.eu`). " +
    "Reading, updating or deleting it through another host is refused; see the `movedFrom` setting.",
};

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  {
    token: "cliq:index:Bot",
    description: "A Zoho Cliq bot. Its id is the bare bot id; `pulumi import cliq:index:Bot <name> <botId>`.",
    inputs: BOT_PROPERTIES,
    outputs: BOT_OUTPUTS,
    alwaysOutputs: ["botId", "uniqueName"],
  },
  {
    token: "cliq:index:BotHandler",
    description:
      "A handler of a Cliq bot. Its id is `<botId>/<type>`, or `<botId>/menu_handler/<handlerId>` for a menu " +
      "handler; `pulumi import cliq:index:BotHandler <name> <id>`.",
    inputs: HANDLER_PROPERTIES,
    outputs: HANDLER_OUTPUTS,
    alwaysOutputs: [],
  },
  {
    token: "cliq:index:ChannelAssociation",
    description:
      "A bot's membership of a channel; id `<botUniqueName>/<channelUniqueName>`. The Bots API cannot remove a " +
      "bot from a channel: destroying the association warns that the bot stays a member.",
    inputs: CHANNEL_ASSOCIATION_PROPERTIES,
    outputs: {},
    alwaysOutputs: [],
  },
];

/** The table's specs that the plugin offers: those the dynamic resources alone have are left out. */
export function pluginSpecs(table: PropertyTable): [string, PropertySpec][] {
  return Object.entries(table).filter(
    ([, spec]) => (spec as PropertySpec & { dynamicOnly?: boolean }).dynamicOnly !== true,
  );
}

/** The resource's schema (`ResourceSpec`): inputs from its table, outputs = inputs + computed + `apiHost`. */
export function resourceSchema(kind: ResourceKind, types: NamedTypes): Record<string, unknown> {
  const owner = kind.token.split(":")[2]!;
  const inputProperties: Record<string, SchemaProperty> = {};
  for (const [key, spec] of pluginSpecs(kind.inputs)) {
    inputProperties[key] = inputProperty(spec, owner, key, types);
  }
  const requiredInputs = pluginSpecs(kind.inputs)
    .filter(([, spec]) => spec.required)
    .map(([key]) => key);
  const properties: Record<string, SchemaProperty> = {};
  for (const [key, property] of Object.entries(inputProperties)) {
    const { replaceOnChange: _replace, default: _default, ...output } = property;
    properties[key] = output;
  }
  for (const [key, spec] of Object.entries({ ...kind.outputs, apiHost: API_HOST })) {
    properties[key] = outputProperty(spec, owner, key, types);
  }
  return {
    description: kind.description,
    properties,
    required: [...requiredInputs, ...kind.alwaysOutputs, "apiHost"],
    inputProperties,
    requiredInputs,
  };
}

/** The package's language sections: names the generated SDKs are published under. */
function languages(): Record<string, unknown> {
  return {
    nodejs: {
      packageName: "@pulumi-zoho-cliq/cliq",
      packageDescription: "Zoho Cliq bots as Pulumi resources (provider plugin SDK).",
      dependencies: { "@pulumi/pulumi": "^3.0.0" },
    },
    // Without respectSchemaVersion the Python and Go SDKs register the provider at version 0.0.0, and the engine
    // then looks for a plugin of that version.
    python: {
      packageName: "pulumi_cliq",
      requires: { pulumi: ">=3.0.0,<4.0.0" },
      respectSchemaVersion: true,
    },
    go: { importBasePath: GO_IMPORT_BASE, generateResourceContainerTypes: true, respectSchemaVersion: true },
  };
}

/** The whole package schema for this version. Pure: the same tables always give the same schema. */
export function packageSchema(version: string): Record<string, unknown> {
  const types: NamedTypes = {};
  const resources: Record<string, unknown> = {};
  for (const kind of RESOURCE_KINDS) resources[kind.token] = resourceSchema(kind, types);
  const variables = configVariables();
  const bot = resources["cliq:index:Bot"] as { properties: Record<string, unknown> };
  return {
    name: PACKAGE_NAME,
    displayName: "Zoho Cliq",
    version,
    description: "Zoho Cliq bots, bot handlers and channel memberships as Pulumi resources.",
    keywords: ["pulumi", "zoho", "cliq", "category/utilities", "kind/native"],
    homepage: "https://github.com/pulumi-zoho-cliq/pulumi-zoho-cliq",
    repository: "https://github.com/pulumi-zoho-cliq/pulumi-zoho-cliq",
    license: "Apache-2.0",
    publisher: "pulumi-zoho-cliq",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    meta: { moduleFormat: "(.*)" },
    language: languages(),
    config: { variables },
    provider: {
      description: "The provider of Zoho Cliq resources: one organisation's credentials and endpoints.",
      inputProperties: variables,
    },
    types: sortedTypes({ ...types, "cliq:index:BotSummary": botSummaryType(bot) }),
    resources,
    functions: functionSchemas(bot),
  };
}

function sortedTypes(types: NamedTypes | Record<string, unknown>): Record<string, SchemaObjectType> {
  const entries = Object.entries(types) as [string, SchemaObjectType][];
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The schema as committed: two-space JSON with a final newline (prettier leaves it alone). */
export function schemaText(version: string): string {
  return `${JSON.stringify(packageSchema(version), null, 2)}\n`;
}
