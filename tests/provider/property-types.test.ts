/**
 * The provider's Inputs/Outputs types are read off the property tables (shared/property-types.ts): one type per
 * row. The pins below fail the typecheck (`npm test` runs tsc) when the mapping or a row's type changes; the
 * runtime tests hold `check` to the rule the types encode (required and defaulted arguments are always there).
 */
import { strict as assert } from "node:assert";
import type { ExecutionType, HandlerType, Permission, Scope } from "../../cliq-api/operations";
import { checkBotInputs, type BotInputs } from "../../provider/resources/bot/inputs";
import type { BotOutputs } from "../../provider/resources/bot/mapping";
import { BOT_PROPERTIES } from "../../provider/resources/bot/properties";
import { checkChannelAssociationInputs } from "../../provider/resources/channel-association/inputs";
import { CHANNEL_ASSOCIATION_PROPERTIES } from "../../provider/resources/channel-association/properties";
import { checkHandlerInputs, type HandlerInputs } from "../../provider/resources/handler/inputs";
import type { HandlerOutputs } from "../../provider/resources/handler/mapping";
import { HANDLER_PROPERTIES } from "../../provider/resources/handler/properties";
import type { PropertyTable } from "../../provider/resources/shared/properties";
import type { Maybe } from "../../provider/resources/shared/unknown";
import type * as pulumi from "@pulumi/pulumi";
import type { Bot, BotArgs } from "../../sdk/bot";
import type { BotHandler, BotHandlerArgs, BotHandlerSubAction } from "../../sdk/bot-handler";
import type { InputValueOf } from "../../sdk/table-types";

type SubActionType = (typeof HANDLER_PROPERTIES)["subActions"]["type"]["items"];

/** Each assignable to the other: an interface and the intersection a mapping yields are not `Equals`. */
type Interchangeable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Each entry must be `true`: a `false` is a type that no longer is what its row says. */
const PINS: true[] = [
  true satisfies Equals<BotInputs["name"], Maybe<string>>,
  true satisfies Equals<BotInputs["executionType"], Maybe<ExecutionType>>,
  true satisfies Equals<BotInputs["scope"], Maybe<Scope> | undefined>,
  true satisfies Equals<BotInputs["teamIds"], Maybe<Maybe<string>[]> | undefined>,
  true satisfies Equals<BotInputs["adoptExisting"], Maybe<boolean> | undefined>,
  true satisfies Equals<BotOutputs["botId"], string>,
  true satisfies Equals<BotOutputs["subscriberCount"], number | undefined>,
  true satisfies Equals<NonNullable<BotOutputs["creator"]>["name"], string | undefined>,
  true satisfies Equals<HandlerInputs["type"], Maybe<HandlerType>>,
  true satisfies Equals<HandlerInputs["permissions"], Maybe<Maybe<Permission>[]> | undefined>,
  true satisfies Equals<HandlerOutputs["position"], number | undefined>,
  // The SDK's declarations take the same rows' types (sdk/table-types.ts).
  true satisfies Equals<BotArgs["scope"], pulumi.Input<Scope> | undefined>,
  true satisfies Equals<Bot["scope"], pulumi.Output<Scope | undefined>>,
  true satisfies Equals<Bot["uniqueName"], pulumi.Output<string>>,
  // The sub action users name is the row's object, field for field, each field an Input.
  true satisfies Interchangeable<BotHandlerSubAction, InputValueOf<SubActionType>>,
  true satisfies Interchangeable<
    BotHandlerArgs["subActions"],
    pulumi.Input<pulumi.Input<BotHandlerSubAction>[]> | undefined
  >,
  true satisfies Equals<BotHandler["permissions"], pulumi.Output<Permission[] | undefined>>,
];

/** The arguments the types say `check` always returns: required, or filled with a default. */
function present(table: PropertyTable): string[] {
  return Object.entries(table)
    .filter(([, spec]) => spec.required || spec.default !== undefined)
    .map(([key]) => key)
    .sort();
}

describe("Inputs/Outputs types from the property tables", () => {
  it("are pinned at compile time", () => {
    assert.equal(PINS.length, 17);
  });

  it("Bot: check returns every required or defaulted argument, as its type says", () => {
    const { inputs, failures } = checkBotInputs({ name: "Pins", description: "d" });
    assert.deepEqual(failures, []);
    assert.deepEqual(Object.keys(inputs).sort(), present(BOT_PROPERTIES));
  });

  it("BotHandler and ChannelAssociation: the same rule", () => {
    const handler = checkHandlerInputs({ botId: "53719000001878011", type: "message_handler", script: "x" });
    assert.deepEqual(handler.failures, []);
    for (const key of present(HANDLER_PROPERTIES)) assert.ok(key in handler.inputs, key);
    const association = checkChannelAssociationInputs({ botUniqueName: "ops", channelUniqueName: "alerts" });
    assert.deepEqual(association.failures, []);
    assert.deepEqual(Object.keys(association.inputs).sort(), present(CHANNEL_ASSOCIATION_PROPERTIES));
  });
});
