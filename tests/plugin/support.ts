/**
 * The plugin under test over real gRPC: its server started in this process on a loopback port, a grpc-js
 * client built from the same protos the engine speaks, a fake engine that records Log lines, and emulators
 * started on port 0 to stand for Cliq organisations. No mocks: every call crosses gRPC and HTTP.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { EmulatorControl, startEmulator, type LoggedRequest, type RunningEmulator } from "../../emulator";
import { startFakeEngine, type FakeEngine } from "../../engine-stand-in/fake-engine";
import { startPluginServer, type PluginServer } from "../../provider/plugin/server";
import { fromStruct, toStruct } from "../../provider/plugin/values";

export type Props = Record<string, unknown>;

/** An emulated Cliq organisation with one OAuth client. */
export interface Org {
  emulator: RunningEmulator;
  control: EmulatorControl;
  /** The provider configuration for this organisation (bare keys, as `new cliq.Provider` takes them). */
  config: Props;
  /** The secret values of `config`, which must never appear in a response or a log line. */
  secrets: string[];
  requests(): Promise<LoggedRequest[]>;
}

/** Starts an emulated organisation whose credentials are unique to `label`. */
export async function startOrg(label: string): Promise<Org> {
  const credentials = {
    clientId: `1000.${label.toUpperCase()}CLIENTID0000000000000000`,
    clientSecret: `${label}-client-secret-0123456789abcdef0123456789abcdef`,
    refreshToken: `1000.${label}-refresh-token-0123456789abcdef0123456789abcdef`,
  };
  const emulator = await startEmulator({
    rateLimits: false,
    oauthClients: [
      {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        refreshTokens: [credentials.refreshToken],
      },
    ],
  });
  const control = new EmulatorControl(emulator.url);
  return {
    emulator,
    control,
    config: {
      apiUrl: emulator.apiUrl,
      accountsUrl: emulator.url,
      ...credentials,
      tokenCache: false,
      sharedRateLimits: false,
    },
    secrets: [credentials.clientSecret, credentials.refreshToken],
    requests: () => control.requests(),
  };
}

/** A running plugin, a client of it and the engine it logs to. */
export interface Plugin {
  server: PluginServer;
  engine: FakeEngine;
  client: ResourceProviderClient;
  /** Every answer received (responses and error messages) as JSON, by method, for the secret checks. */
  responses: { method: string; json: string }[];
  call<Res>(method: string, request: unknown): Promise<Res>;
  close(): Promise<void>;
}

type UnaryMethod = (
  request: unknown,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => unknown;

/** One unary call of a plugin's gRPC client, by method name. */
export function callPlugin<Res>(
  client: ResourceProviderClient,
  method: string,
  request: unknown,
): Promise<Res> {
  const rpc = (client as unknown as Record<string, UnaryMethod>)[method];
  if (rpc === undefined) return Promise.reject(new Error(`no method ${method}`));
  return new Promise<Res>((resolve, reject) =>
    rpc.call(client, request, (error, response) => (error ? reject(error) : resolve(response as Res))),
  );
}

/** Starts the plugin in this process with an empty environment (no `CLIQ_*` fallbacks leak in). */
export async function startPlugin(): Promise<Plugin> {
  const engine = await startFakeEngine();
  const server = await startPluginServer({ engineAddress: engine.address, env: {} });
  const client = new ResourceProviderClient(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
  const responses: Plugin["responses"] = [];
  const call = <Res>(method: string, request: unknown) =>
    callPlugin<Res>(client, method, request).then(
      (response) => {
        responses.push({ method, json: JSON.stringify((response as { toObject(): unknown }).toObject()) });
        return response;
      },
      (error: grpc.ServiceError) => {
        responses.push({ method, json: JSON.stringify({ error: error.details }) });
        throw error;
      },
    );
  return {
    server,
    engine,
    client,
    responses,
    call,
    async close() {
      client.close();
      await server.close();
      await engine.close();
    },
  };
}

/** The URN of a resource of this type, as the engine names it. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::cliq-plugin::${type}::${name}`;
}

/** Runs CheckConfig and Configure with a configuration; resolves to CheckConfig's failures. */
export async function configure(plugin: Plugin, config: Props): Promise<provproto.CheckFailure[]> {
  const checked = await plugin.call<provproto.CheckResponse>(
    "checkConfig",
    new provproto.CheckRequest().setUrn(urnOf("pulumi:providers:cliq", "default")).setNews(toStruct(config)),
  );
  if (checked.getFailuresList().length > 0) return checked.getFailuresList();
  const request = new provproto.ConfigureRequest().setArgs(checked.getInputs()).setAcceptsecrets(true);
  await plugin.call("configure", request.setAcceptresources(true));
  return [];
}

/** The plain record of a Struct-holding response field. */
export function plain(struct: Parameters<typeof fromStruct>[0]): Props {
  return fromStruct(struct).props;
}

export { Empty, provproto, toStruct };

/** The resource RPCs of one plugin, as plain records in and out. */
export function resourceCalls(plugin: Plugin) {
  const request = <T extends { setUrn(urn: string): T; setType(type: string): T }>(
    message: T,
    type: string,
    name: string,
  ) => message.setUrn(urnOf(type, name)).setType(type);
  return {
    async check(type: string, news: Props, olds: Props = {}, name = "r") {
      const req = request(new provproto.CheckRequest(), type, name).setNews(toStruct(news));
      const res = await plugin.call<provproto.CheckResponse>("check", req.setOlds(toStruct(olds)));
      const failures = res
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
      return { inputs: plain(res.getInputs()), failures };
    },
    async diff(type: string, id: string, olds: Props, news: Props, name = "r") {
      const req = request(new provproto.DiffRequest(), type, name).setId(id).setOlds(toStruct(olds));
      return plugin.call<provproto.DiffResponse>("diff", req.setNews(toStruct(news)));
    },
    async create(type: string, inputs: Props, preview = false, name = "r") {
      const req = request(new provproto.CreateRequest(), type, name).setProperties(toStruct(inputs));
      const res = await plugin.call<provproto.CreateResponse>("create", req.setPreview(preview));
      return { id: res.getId(), outs: plain(res.getProperties()), raw: res };
    },
    async read(type: string, id: string, props: Props = {}, inputs: Props = {}, name = "r") {
      const req = request(new provproto.ReadRequest(), type, name).setId(id).setProperties(toStruct(props));
      const res = await plugin.call<provproto.ReadResponse>("read", req.setInputs(toStruct(inputs)));
      return { id: res.getId(), outs: plain(res.getProperties()), inputs: plain(res.getInputs()) };
    },
    async update(type: string, id: string, olds: Props, news: Props, preview = false, name = "r") {
      const req = request(new provproto.UpdateRequest(), type, name).setId(id).setOlds(toStruct(olds));
      const res = await plugin.call<provproto.UpdateResponse>(
        "update",
        req.setNews(toStruct(news)).setPreview(preview),
      );
      return plain(res.getProperties());
    },
    async remove(type: string, id: string, props: Props, name = "r") {
      const req = request(new provproto.DeleteRequest(), type, name).setId(id).setProperties(toStruct(props));
      await plugin.call("delete", req);
    },
  };
}

/** A suite's organisation and its plugin, with the resource calls of that plugin. */
export interface PluginSuite {
  org: Org;
  plugin: Plugin;
  calls: ReturnType<typeof resourceCalls>;
}

/** How a suite wants its plugin: one configured for the organisation, or a fresh unconfigured one per test. */
export interface PluginSuiteOptions {
  /**
   * `configured` (default): one plugin for the suite, configured for the organisation (the configuration must
   * pass). `fresh per test`: a new plugin before each test, left unconfigured for the test to configure.
   */
  plugin?: "configured" | "fresh per test";
}

/**
 * Registers the suite's hooks: before it, an organisation named `label` and its plugin (see `PluginSuiteOptions`);
 * after it (or after each test, for fresh plugins), all closed. Valid inside tests and later hooks.
 */
export function usePluginSuite(label: string, options: PluginSuiteOptions = {}): PluginSuite {
  const suite = {} as PluginSuite;
  const fresh = options.plugin === "fresh per test";
  const open = async () => {
    suite.plugin = await startPlugin();
    suite.calls = resourceCalls(suite.plugin);
  };
  const close = async () => {
    await suite.plugin?.close();
  };
  before(async () => {
    suite.org = await startOrg(label);
    if (fresh) return;
    await open();
    const failures = await configure(suite.plugin, suite.org.config);
    if (failures.length > 0)
      throw new Error(`the configuration of ${label} failed: ${JSON.stringify(failures)}`);
  });
  if (fresh) {
    beforeEach(open);
    afterEach(close);
  }
  after(async () => {
    if (!fresh) await close();
    await suite.org?.emulator.close();
  });
  return suite;
}
