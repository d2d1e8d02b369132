/**
 * The `cliq` resource provider plugin: Pulumi's ResourceProvider gRPC service, served with the protos and
 * @grpc/grpc-js that @pulumi/pulumi ships, over the same resource code as the dynamic resources. Served here
 * rather than through @pulumi/pulumi/provider because that server (3.248 to 3.276) leaves CheckConfig and
 * DiffConfig unimplemented and answers Configure without handing the configuration to the provider.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { PluginAttach, PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { cancelWaits } from "../client/cancel";
import type { Env } from "../config";
import schemaJson from "./schema.json";
import { checkConfigRpc, configureResponse, configureSettings, diffConfigRpc } from "./config-rpc";
import { installDecodeGuard } from "./decode-guard";
import { toServiceError } from "./errors";
import { withRecordedConfigNote } from "../resources/shared/hints";
import { createInstance, type PluginInstance } from "./instance";
import { invoke } from "./invoke";
import { EngineLog, withUrn } from "./log";
import * as resources from "./resources";

/** The schema the plugin serves (provider/plugin/schema.json, written by `npm run schema`). */
export const SCHEMA_TEXT = JSON.stringify(schemaJson);
/** The plugin's version: the schema's, which is package.json's when the schema was generated. */
export const PLUGIN_VERSION: string = schemaJson.version;

/** How a plugin server is started. */
export interface PluginServerOptions {
  /** The engine's address (argv[2]); log lines go there. Without one they go to stderr. */
  engineAddress?: string;
  /** Where `CLIQ_*` fallbacks are read; the process environment by default. */
  env?: Env;
  /** Where to listen; 127.0.0.1 on a free port by default. */
  host?: string;
}

/** A running plugin: its port and how to stop it. */
export interface PluginServer {
  port: number;
  log: EngineLog;
  close(): Promise<void>;
}

type Unary = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => void;

/** The mutable state of one plugin process: the current configured instance and the log. */
class PluginState {
  instance: PluginInstance | undefined;

  constructor(
    readonly log: EngineLog,
    readonly env: Env,
  ) {}

  /** The configured instance; before any Configure, one from the environment alone (direct use, tests). */
  current(): PluginInstance {
    this.instance ??= createInstance(undefined, this.log, this.env);
    return this.instance;
  }

  configure(req: provproto.ConfigureRequest): provproto.ConfigureResponse {
    this.instance = createInstance(configureSettings(req), this.log, this.env);
    this.log.setRedactor(this.instance.redact);
    // Outside refresh and destroy, CheckConfig refused a bad setting first: a refusal here is most likely the
    // configuration recorded in the state, and the note says so and names the way out.
    if (this.instance.configureError) throw withRecordedConfigNote(this.instance.configureError, "plugin");
    return configureResponse();
  }

  redact(text: string): string {
    return this.instance ? this.instance.redact(text) : text;
  }
}

/** Wraps a handler: the resource's URN for log lines, and errors as gRPC errors without secrets. */
function unary<Req>(state: PluginState, handler: (req: Req) => unknown): Unary {
  return (call, callback) => {
    const request = call.request as Req & { getUrn?: () => string };
    const urn = typeof request.getUrn === "function" ? request.getUrn() : "";
    withUrn(urn, async () => handler(request)).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(error, (text) => state.redact(text))),
    );
  };
}

/** The service implementation over one plugin state. */
function implementation(state: PluginState): grpc.UntypedServiceImplementation {
  const on = <Req>(handler: (req: Req) => unknown) => unary<Req>(state, handler);
  return {
    getPluginInfo: on(() => new PluginInfo().setVersion(PLUGIN_VERSION)),
    getSchema: on(() => new provproto.GetSchemaResponse().setSchema(SCHEMA_TEXT)),
    handshake: on((req: provproto.ProviderHandshakeRequest) => {
      if (req.getEngineAddress() !== "") state.log.attach(req.getEngineAddress());
      return new provproto.ProviderHandshakeResponse().setAcceptSecrets(true).setAcceptResources(true);
    }),
    checkConfig: on((req: provproto.CheckRequest) => checkConfigRpc(req, state.env)),
    diffConfig: on((req: provproto.DiffRequest) => diffConfigRpc(req)),
    configure: on((req: provproto.ConfigureRequest) => state.configure(req)),
    invoke: on((req: provproto.InvokeRequest) => invoke(state.current(), req)),
    check: on((req: provproto.CheckRequest) => resources.check(state.current(), req)),
    diff: on((req: provproto.DiffRequest) => resources.diff(state.current(), req)),
    create: on((req: provproto.CreateRequest) => resources.create(state.current(), req)),
    read: on((req: provproto.ReadRequest) => resources.read(state.current(), req)),
    update: on((req: provproto.UpdateRequest) => resources.update(state.current(), req)),
    delete: on(async (req: provproto.DeleteRequest) => {
      await resources.remove(state.current(), req);
      return new Empty();
    }),
    // The first Ctrl-C: calls waiting for a rate-limit slot or a Cliq lock fail now, unsent (client/cancel.ts).
    cancel: on(() => {
      cancelWaits();
      return new Empty();
    }),
    getMapping: on(() => new provproto.GetMappingResponse()),
    getMappings: on(() => new provproto.GetMappingsResponse()),
    attach: on((req: PluginAttach) => {
      state.log.attach(req.getAddress());
      return new Empty();
    }),
  };
}

/** Pulumi's own limit: state of large programs exceeds gRPC's 4 MiB default. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** Starts the plugin's gRPC server on a free port. */
export async function startPluginServer(options: PluginServerOptions = {}): Promise<PluginServer> {
  // Before the first request: one malformed message must not hang the decoder (decode-guard.ts).
  installDecodeGuard();
  const log = new EngineLog();
  if (options.engineAddress) log.attach(options.engineAddress);
  const state = new PluginState(log, options.env ?? process.env);
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  server.addService(ResourceProviderService, implementation(state));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${options.host ?? "127.0.0.1"}:0`,
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  return {
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        log.close();
        server.tryShutdown(() => resolve());
      }),
  };
}
