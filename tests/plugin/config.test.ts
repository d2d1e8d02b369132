/**
 * The provider's configuration RPCs over real gRPC: CheckConfig refuses a bad setting naming its `cliq:` key,
 * credentials travel back as secrets, DiffConfig reports changed settings without replacing the provider, and a
 * refused configuration fails every later call with its own error.
 */
import { strict as assert } from "assert";
import { SECRET_SIG, SIG_KEY } from "../../provider/plugin/values";
import { UNKNOWN } from "../../provider/resources/shared/unknown";
import { configure, Empty, provproto, toStruct, urnOf, type Props, usePluginSuite } from "./support";

const PROVIDER_URN = urnOf("pulumi:providers:cliq", "default");

describe("plugin: provider configuration over gRPC", () => {
  const suite = usePluginSuite("config", { plugin: "fresh per test" });

  const checkConfig = (news: Props) =>
    suite.plugin.call<provproto.CheckResponse>(
      "checkConfig",
      new provproto.CheckRequest().setUrn(PROVIDER_URN).setNews(toStruct(news)),
    );

  it("refuses an unknown data center, naming cliq:dataCenter", async () => {
    const failures = await configure(suite.plugin, { ...suite.org.config, dataCenter: "mars" });
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.getProperty(), ""); // no property: the engine would print its value (dataCenter is named in the reason)
    assert.match(failures[0]!.getReason(), /cliq:dataCenter is not a Zoho data center \(got "mars"\)/);
  });

  it("refuses an incomplete OAuth set, naming the missing keys", async () => {
    const { refreshToken: _omitted, ...partial } = suite.org.config;
    const failures = await configure(suite.plugin, partial);
    assert.equal(failures[0]!.getProperty(), ""); // no property: the engine would print its value (refreshToken is named in the reason)
    assert.match(failures[0]!.getReason(), /cliq:refreshToken/);
  });

  it("refuses a plain-http API URL that is not loopback, naming cliq:apiUrl", async () => {
    const failures = await configure(suite.plugin, {
      ...suite.org.config,
      apiUrl: "http://cliq.example.com/api/v3",
    });
    assert.equal(failures[0]!.getProperty(), ""); // no property: the engine would print its value (apiUrl is named in the reason)
    assert.match(failures[0]!.getReason(), /cliq:apiUrl/);
  });

  it("accepts credentials not known yet during preview, and returns them as secrets", async () => {
    const unknown = await checkConfig({ ...suite.org.config, refreshToken: UNKNOWN });
    assert.deepEqual(unknown.getFailuresList(), []);
    const known = (await checkConfig(suite.org.config)).getInputs()!.toJavaScript();
    for (const key of ["clientSecret", "refreshToken"]) {
      assert.deepEqual(known[key], { [SIG_KEY]: SECRET_SIG, value: suite.org.config[key] }, key);
    }
    assert.equal(known.clientId, suite.org.config.clientId, "the client id is not a secret");
  });

  it("reports changed settings as in-place updates, never a replacement of the provider", async () => {
    const request = new provproto.DiffRequest()
      .setUrn(PROVIDER_URN)
      .setOlds(toStruct(suite.org.config))
      .setNews(toStruct({ ...suite.org.config, dataCenter: "eu", maxThrottleWaitSeconds: 60 }));
    const diff = await suite.plugin.call<provproto.DiffResponse>("diffConfig", request);
    assert.equal(diff.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
    assert.deepEqual(diff.getDiffsList().sort(), ["dataCenter", "maxThrottleWaitSeconds"]);
    assert.deepEqual(diff.getReplacesList(), []);
    const same = new provproto.DiffRequest()
      .setOlds(toStruct(suite.org.config))
      .setNews(toStruct(suite.org.config));
    const none = await suite.plugin.call<provproto.DiffResponse>("diffConfig", same);
    assert.equal(none.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_NONE);
  });

  it("answers Configure with secrets, resources and previews accepted, from args or variables", async () => {
    const variables = new provproto.ConfigureRequest();
    for (const [key, value] of Object.entries(suite.org.config))
      variables.getVariablesMap().set(`cliq:config:${key}`, String(value));
    const response = await suite.plugin.call<provproto.ConfigureResponse>("configure", variables);
    assert.equal(response.getAcceptsecrets(), true);
    assert.equal(response.getAcceptresources(), true);
    assert.equal(response.getSupportspreview(), true);
    const listed = await suite.plugin.call<provproto.InvokeResponse>(
      "invoke",
      new provproto.InvokeRequest().setTok("cliq:index:listBots").setArgs(toStruct({})),
    );
    assert.deepEqual(listed.getReturn()!.toJavaScript(), { bots: [] }, "configured from the variables");
  });

  it("keeps a refused configuration and fails later calls with it, without reading the environment", async () => {
    const request = new provproto.ConfigureRequest().setArgs(
      toStruct({ ...suite.org.config, dataCenter: "mars" }),
    );
    await assert.rejects(
      suite.plugin.call("configure", request),
      /cliq:dataCenter is not a Zoho data center/,
    );
    const calls = suite.calls;
    await assert.rejects(
      calls.check("cliq:index:Bot", { name: "A", description: "B" }),
      /cliq:dataCenter is not a Zoho data center/,
    );
  });

  it("serves its version and the schema it was generated with", async () => {
    const info = await suite.plugin.call<{ getVersion(): string }>("getPluginInfo", new Empty());
    const schema = await suite.plugin.call<provproto.GetSchemaResponse>(
      "getSchema",
      new provproto.GetSchemaRequest(),
    );
    const parsed = JSON.parse(schema.getSchema()) as { name: string; version: string };
    assert.equal(parsed.name, "cliq");
    assert.equal(parsed.version, info.getVersion());
    assert.equal(parsed.version, require("../../package.json").version);
  });
});
