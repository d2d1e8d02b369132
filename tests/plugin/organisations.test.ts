/**
 * Two configured providers in one process (two `new cliq.Provider(...)` of a stack), each against its own
 * emulated organisation: their objects, tokens and requests stay apart. And the functions (`getBot`,
 * `listBots`) of a configured provider.
 */
import { strict as assert } from "assert";
import {
  configure,
  provproto,
  resourceCalls,
  startOrg,
  startPlugin,
  toStruct,
  type Org,
  type Plugin,
  type Props,
} from "./support";

const BOT = "cliq:index:Bot";

async function invoke(plugin: Plugin, tok: string, args: Props) {
  const request = new provproto.InvokeRequest().setTok(tok).setArgs(toStruct(args));
  const response = await plugin.call<provproto.InvokeResponse>("invoke", request);
  return {
    value: (response.getReturn()?.toJavaScript() ?? {}) as Props,
    failures: response.getFailuresList().map((failure) => failure.getReason()),
  };
}

describe("plugin: two organisations, and the functions", () => {
  const orgs: Org[] = [];
  const plugins: Plugin[] = [];

  before(async () => {
    for (const label of ["east", "west"]) {
      const org = await startOrg(label);
      const plugin = await startPlugin();
      assert.deepEqual(await configure(plugin, org.config), []);
      orgs.push(org);
      plugins.push(plugin);
    }
  });
  after(async () => {
    for (const plugin of plugins) await plugin.close();
    for (const org of orgs) await org.emulator.close();
  });
  beforeEach(async () => {
    for (const org of orgs) await org.control.reset();
  });

  it("keeps each provider's objects in its own organisation, with its own OAuth token", async () => {
    const [east, west] = plugins.map((plugin) => resourceCalls(plugin)) as [
      ReturnType<typeof resourceCalls>,
      ReturnType<typeof resourceCalls>,
    ];
    const made = await east.create(BOT, { name: "East Bot", description: "east", executionType: "deluge" });
    const other = await west.create(BOT, { name: "West Bot", description: "west", executionType: "deluge" });
    const [eastState, westState] = await Promise.all(orgs.map((org) => org.control.state()));
    assert.deepEqual(
      eastState!.bots.map((bot) => bot.name),
      ["East Bot"],
    );
    assert.deepEqual(
      westState!.bots.map((bot) => bot.name),
      ["West Bot"],
    );
    assert.equal(made.outs.apiHost, new URL(orgs[0]!.emulator.apiUrl).origin);
    assert.equal(other.outs.apiHost, new URL(orgs[1]!.emulator.apiUrl).origin);
    for (const org of orgs) {
      const mints = (await org.requests()).filter((request) => request.operationId === "oauth_token");
      assert.equal(mints.length, 1, "one token minted per organisation, from its own refresh token");
      assert.equal(mints[0]!.status, 200);
    }
    // The west provider cannot reach the east bot: it was made through another host.
    await assert.rejects(west.read(BOT, made.id, made.outs), /refused|another|moved/i);
  });

  it("lists the bots of its own organisation only", async () => {
    await resourceCalls(plugins[0]!).create(BOT, {
      name: "Only East",
      description: "d",
      executionType: "deluge",
    });
    const east = await invoke(plugins[0]!, "cliq:index:listBots", {});
    const west = await invoke(plugins[1]!, "cliq:index:listBots", {});
    assert.deepEqual(
      (east.value.bots as Props[]).map((bot) => bot.name),
      ["Only East"],
    );
    assert.deepEqual(west.value.bots, []);
  });

  it("finds a bot by id, name or unique name, and fails naming the query when there is none", async () => {
    const made = await resourceCalls(plugins[0]!).create(BOT, {
      name: "Finder",
      description: "d",
      executionType: "deluge",
    });
    for (const query of [{ id: made.id }, { name: "finder" }, { uniqueName: made.outs.uniqueName }]) {
      const found = await invoke(plugins[0]!, "cliq:index:getBot", query);
      assert.equal(found.value.id, made.id, JSON.stringify(query));
      assert.equal(found.value.name, "Finder");
      assert.equal(found.value.uniqueName, made.outs.uniqueName);
    }
    await assert.rejects(
      invoke(plugins[1]!, "cliq:index:getBot", { name: "Finder" }),
      /getBot: no bot with name "Finder"/,
    );
  });

  it("answers a malformed query as a failure naming the arguments, before any request", async () => {
    await orgs[0]!.control.clearRequests();
    const both = await invoke(plugins[0]!, "cliq:index:getBot", { id: "1", name: "x" });
    assert.deepEqual(both.failures, ["getBot: give exactly one of id, name or uniqueName (got id and name)"]);
    const unknownKey = await invoke(plugins[0]!, "cliq:index:getBot", { title: "x" });
    assert.match(unknownKey.failures[0]!, /unknown property "title"/);
    assert.deepEqual(await orgs[0]!.requests(), []);
  });

  it("refuses a function it does not have, naming it", async () => {
    await assert.rejects(
      invoke(plugins[0]!, "cliq:index:getChannel", {}),
      /no function "cliq:index:getChannel"/,
    );
  });
});
