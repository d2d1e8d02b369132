/**
 * No credential in any answer of the plugin (outside CheckConfig's inputs, where the engine needs them back,
 * wrapped as secrets), in any log line it sends the engine, or in any error message; and arguments that arrive
 * secret leave secret.
 */
import { strict as assert } from "assert";
import type { ServiceError } from "@grpc/grpc-js";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/values";
import { configure, provproto, toStruct, type Plugin, usePluginSuite } from "./support";

const BOT = "cliq:index:Bot";

/** Fails naming the place where a secret shows. */
function assertNoSecret(plugin: Plugin, secrets: readonly string[]): void {
  const places = [
    ...plugin.responses.filter((answer) => answer.method !== "checkConfig").map((answer) => answer.json),
    ...plugin.engine.logs.map((log) => log.message),
  ];
  for (const secret of secrets) {
    const leak = places.find((place) => place.includes(secret));
    assert.equal(leak, undefined, "a secret value was answered or logged");
  }
}

describe("plugin: secrets", () => {
  const suite = usePluginSuite("secrets", { plugin: "fresh per test" });

  it("answers and logs a whole lifecycle without any credential", async () => {
    assert.deepEqual(await configure(suite.plugin, suite.org.config), []);
    const calls = suite.calls;
    const { inputs } = await calls.check(BOT, { name: "Secret Keeper", description: "d" });
    const bot = await calls.create(BOT, inputs);
    await calls.read(BOT, bot.id, bot.outs, inputs);
    const news = { ...inputs, description: "e" };
    const outs = await calls.update(BOT, bot.id, bot.outs, news);
    const membership = { botUniqueName: bot.outs.uniqueName, channelUniqueName: "ops" };
    const association = await calls.create("cliq:index:ChannelAssociation", membership);
    await calls.remove("cliq:index:ChannelAssociation", association.id, association.outs);
    await calls.remove(BOT, bot.id, outs);
    await suite.plugin.call(
      "invoke",
      new provproto.InvokeRequest().setTok("cliq:index:listBots").setArgs(toStruct({})),
    );
    await assert.rejects(calls.read(BOT, "42"), /does not exist/);
    assert.ok(suite.plugin.responses.length > 10);
    assertNoSecret(suite.plugin, suite.org.secrets);
  });

  it("fails with a refused refresh token without showing it or the client secret", async () => {
    const wrong = {
      ...suite.org.config,
      refreshToken: "1000.not-the-refresh-token-0123456789abcdef0123456789",
    };
    assert.deepEqual(await configure(suite.plugin, wrong), []);
    const error = await suite.calls
      .create(BOT, { name: "Never", description: "d", executionType: "deluge" })
      .then(
        () => assert.fail("the create succeeded with a wrong refresh token"),
        (failure: Error) => failure,
      );
    assert.match(error.message, /refresh/i);
    assertNoSecret(suite.plugin, [wrong.refreshToken, suite.org.config.clientSecret as string]);
  });

  it("does not echo a credential pasted into the wrong setting", async () => {
    const failures = await configure(suite.plugin, {
      ...suite.org.config,
      dataCenter: suite.org.config.clientSecret,
    });
    assert.equal(failures[0]!.getProperty(), ""); // no property: the engine would print its value (dataCenter is named in the reason)
    assert.ok(
      !failures[0]!.getReason().includes(suite.org.config.clientSecret as string),
      failures[0]!.getReason(),
    );
    assert.match(failures[0]!.getReason(), /not shown as it may be a secret/);
  });

  it("keeps an argument that arrives secret secret in the outputs", async () => {
    assert.deepEqual(await configure(suite.plugin, suite.org.config), []);
    const request = new provproto.CreateRequest()
      .setUrn("urn:pulumi:test::cliq-plugin::cliq:index:Bot::secretive")
      .setType(BOT)
      .setProperties(
        toStruct({ name: "Secretive", description: { [SIG_KEY]: SECRET_SIG, value: "hidden purpose" } }),
      );
    const created = await suite.plugin.call<provproto.CreateResponse>("create", request);
    const outs = created.getProperties()!.toJavaScript();
    assert.deepEqual(outs.description, { [SIG_KEY]: SECRET_SIG, value: "hidden purpose" });
    assert.equal(outs.name, "Secretive");
  });

  it("keeps a secret argument secret in the properties of a half-made create", async () => {
    assert.deepEqual(await configure(suite.plugin, suite.org.config), []);
    const calls = suite.calls;
    await calls.create(BOT, { name: "Half Made", description: "before", executionType: "deluge" });
    // Adopting the bot works, bringing it to the desired state is refused: the object exists, half made.
    await suite.org.control.fault({
      operationId: "update_an_existing_bot",
      kind: "status",
      status: 400,
      count: 1,
    });
    const secret = { [SIG_KEY]: SECRET_SIG, value: "after, secretly" };
    const request = new provproto.CreateRequest()
      .setUrn("urn:pulumi:test::cliq-plugin::cliq:index:Bot::half")
      .setType(BOT)
      .setProperties(
        toStruct({ name: "Half Made", description: secret, executionType: "deluge", adoptExisting: true }),
      );
    const failure = await suite.plugin.call("create", request).then(
      () => assert.fail("the adoption's update was refused, so the create must fail"),
      (error: ServiceError) => error,
    );
    const details = failure.metadata.get("grpc-status-details-bin")[0] as Buffer;
    const status = Status.deserializeBinary(new Uint8Array(details));
    const partial = status
      .getDetailsList()[0]!
      .unpack(ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed")!;
    const recorded = partial.getProperties()!.toJavaScript();
    assert.equal(recorded.name, "Half Made");
    assert.deepEqual(recorded.description, { [SIG_KEY]: SECRET_SIG, value: "before" });
  });
});
