/** The engine harness's pure parts, which the engine-level scenarios and the demo rely on. */
import { strict as assert } from "assert";
import {
  changedKeys,
  containsUnknown,
  dependentsOf,
  findSecretLeaks,
  programAndProviderValues,
  ResourceState,
  SECRET_SIG,
  SIG_KEY,
  toProviderWire,
  UNKNOWN,
  wrapSecret,
} from "../../engine-stand-in";
import { scanForSecrets, SECRETS } from "./fixture";

const unknownMarker = { unknown: true };
const isMarker = (value: unknown) => value === unknownMarker;

function resource(urn: string, dependencies: string[] = []): ResourceState {
  return { urn, type: "t", name: urn, id: urn, inputs: {}, outputs: {}, dependencies };
}

describe("engine harness: values on the wire", () => {
  it("sends unknowns as the engine's placeholder, unwraps secrets and drops undefined members", () => {
    const wire = toProviderWire(
      {
        botId: unknownMarker,
        name: wrapSecret("n"),
        list: [1, unknownMarker],
        gone: undefined,
        nested: { a: null },
      },
      isMarker,
    );
    assert.deepEqual(wire, { botId: UNKNOWN, name: "n", list: [1, UNKNOWN], nested: { a: null } });
    assert.equal(containsUnknown(wire), true);
    assert.equal(containsUnknown({ a: ["b", { c: 1 }] }), false);
  });

  it("marks a secret with Pulumi's signature, which is what the host unwraps", () => {
    assert.deepEqual(wrapSecret("s"), { [SIG_KEY]: SECRET_SIG, value: "s" });
  });

  it("refuses values that cannot travel to a provider instead of dropping them silently", () => {
    assert.throws(() => toProviderWire({ f: () => 1 }, isMarker), /function/);
  });

  it("splits a stack file's values into the program's (bare keys) and the provider's", () => {
    const split = programAndProviderValues(
      { "p:namePrefix": "Dev", "cliq:dataCenter": "eu", "other:x": "1" },
      "p",
    );
    assert.deepEqual(split, {
      program: { namePrefix: "Dev" },
      provider: { "cliq:dataCenter": "eu", "other:x": "1" },
    });
  });
});

describe("engine harness: deployment bookkeeping", () => {
  it("finds direct and indirect dependents in dependency order", () => {
    const resources = [
      resource("bot"),
      resource("handler", ["bot"]),
      resource("other"),
      resource("deep", ["handler"]),
    ];
    assert.deepEqual(
      dependentsOf("bot", resources).map((r) => r.urn),
      ["handler", "deep"],
    );
    assert.deepEqual(dependentsOf("other", resources), []);
  });

  it("reports exactly the top-level properties whose values changed, ignoring key order", () => {
    assert.deepEqual(
      changedKeys(
        { a: 1, b: { x: 1, y: [1, 2] }, c: "same", gone: true },
        { a: 2, b: { y: [1, 2], x: 1 }, c: "same", added: false },
      ),
      ["a", "added", "gone"],
    );
  });
});

describe("engine harness: secret scan", () => {
  it("finds a credential in plain, URL-encoded and base64 form, naming where and which", () => {
    const secrets = [{ label: "refresh token", value: "1000.r/t+x" }];
    const leaks = findSecretLeaks(
      [
        { where: "plain", text: "token=1000.r/t+x" },
        { where: "url", text: `q=${encodeURIComponent("1000.r/t+x")}` },
        { where: "base64", text: Buffer.from("1000.r/t+x").toString("base64") },
        { where: "clean", text: "nothing here" },
      ],
      secrets,
    );
    assert.deepEqual(
      leaks.map((l) => l.where),
      ["plain", "url", "base64"],
    );
  });

  it("flags the suite's credentials and any access token minted by the emulator", () => {
    const minted = `1000.${"a".repeat(32)}.${"b".repeat(32)}`;
    const leaks = scanForSecrets([
      { where: "state", text: `{"x":"${SECRETS.clientSecret}"}` },
      { where: "log", text: `Authorization: Zoho-oauthtoken ${minted}` },
      { where: "clean", text: '{"botId":"53719000002124012"}' },
    ]);
    assert.deepEqual(leaks, [
      { where: "state", secret: "client secret" },
      { where: "log", secret: "minted access token" },
    ]);
  });
});
