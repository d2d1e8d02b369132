import { strict as assert } from "node:assert";
import fc from "fast-check";
import { BOT_ARGUMENTS } from "../../provider/resources/bot/inputs";
import { CHANNEL_ASSOCIATION_ARGUMENTS } from "../../provider/resources/channel-association/inputs";
import { HANDLER_ARGUMENTS } from "../../provider/resources/handler/inputs";
import { createProviders, type ProviderKind } from "../../provider/resources/providers";
import type { CliqResourceProvider } from "../../provider/resources/shared/provider-deps";

/** Providers whose API must never be reached: check makes no request, whatever it is given. */
const providers = createProviders({
  api: () => {
    throw new Error("check must not reach the API");
  },
  logger: { warn: () => undefined },
});

const KINDS: { kind: ProviderKind; valid: Record<string, unknown>; args: readonly string[] }[] = [
  { kind: "bot", valid: { name: "n", description: "d" }, args: BOT_ARGUMENTS },
  {
    kind: "botHandler",
    valid: { botId: "1", type: "message_handler", script: "x" },
    args: HANDLER_ARGUMENTS,
  },
  {
    kind: "channelAssociation",
    valid: { botUniqueName: "a", channelUniqueName: "b" },
    args: CHANNEL_ASSOCIATION_ARGUMENTS,
  },
];

/** `[[...[leaf]...]]`, `depth` arrays deep, built without recursion. */
function nested(depth: number, leaf: unknown): unknown[] {
  let value: unknown[] = [leaf];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** An object that holds itself, next to an arbitrary value. */
function circularObject(value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = { value };
  object.self = object;
  return object;
}

function circularArray(value: unknown): unknown[] {
  const array: unknown[] = [value];
  array.push(array);
  return array;
}

/** Values no argument of any kind accepts: each must fail as a property, never throw. */
const exotic: fc.Arbitrary<unknown> = fc.oneof(
  fc.bigInt(),
  fc.anything({ withBigInt: true }).map(circularObject),
  fc.anything({ withBigInt: true }).map(circularArray),
  fc
    .tuple(fc.integer({ min: 1, max: 3000 }), fc.oneof(fc.bigInt(), fc.constant(null), fc.object()))
    .map(([depth, leaf]) => nested(depth, leaf)),
);

/** Any value at all as the whole `news`: exotic ones, and whatever fast-check makes of JSON and beyond. */
const anyNews: fc.Arbitrary<unknown> = fc.oneof(
  exotic,
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom(null, undefined, [], "", 0),
);

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

async function checkOf(provider: CliqResourceProvider, olds: unknown, news: unknown) {
  return provider.check(olds as Record<string, unknown>, news as Record<string, unknown>);
}

function assertNamedFailures(failures: { property: string; reason: string }[]): void {
  for (const failure of failures) {
    assert.equal(typeof failure.property, "string");
    assert.ok(failure.property.length > 0, `failure without a property: ${failure.reason}`);
    assert.ok(typeof failure.reason === "string" && failure.reason.length > 0);
  }
}

describe("property: check turns any value into failures that name a property, never into an exception", () => {
  for (const { kind, valid, args } of KINDS) {
    it(`${kind}: any value as news (null, BigInt, circular, deeply nested) gives named failures`, async () => {
      await fc.assert(
        fc.asyncProperty(anyNews, anyNews, async (news, olds) => {
          const { failures } = await checkOf(providers[kind], olds, news);
          assertNamedFailures(failures);
          // Without a plain object there are no arguments, so the required ones fail.
          if (!isPlainObject(news)) assert.ok(failures.length > 0);
        }),
        { numRuns: 150 },
      );
    });

    it(`${kind}: an exotic value in any argument fails that argument`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...args), exotic, async (argument, value) => {
          const { failures } = await checkOf(providers[kind], {}, { ...valid, [argument]: value });
          assertNamedFailures(failures);
          assert.ok(
            failures.some((f) => f.property === argument || f.property.startsWith(`${argument}[`)),
            `no failure for ${argument}: ${JSON.stringify(failures)}`,
          );
        }),
        { numRuns: 150 },
      );
    });
  }

  it("a null news names every required argument of each kind", async () => {
    const required: Record<ProviderKind, string[]> = {
      bot: ["name", "description"],
      botHandler: ["botId", "type"],
      channelAssociation: ["botUniqueName", "channelUniqueName"],
    };
    for (const { kind } of KINDS) {
      const { failures } = await checkOf(providers[kind], null, null);
      for (const property of required[kind]) {
        assert.ok(
          failures.some((f) => f.property === property && /is required/.test(f.reason)),
          `${kind}: ${property}`,
        );
      }
    }
  });
});
