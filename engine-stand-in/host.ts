import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import type * as GrpcModule from "@grpc/grpc-js";
import type { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { loadPulumiProtos } from "./protos";
import { Wire, WireObject, wrapSecret } from "./wire";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome {
  inputs: WireObject;
  failures: CheckFailure[];
}

export interface DiffOutcome {
  changes: "some" | "none" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ReadOutcome {
  /** Empty when the provider reports the object gone (refresh then drops it from state). */
  id: string;
  properties: WireObject;
  inputs?: WireObject;
}

/** A failed provider call, with the partially created resource when the provider reported one. */
export class HostCallError extends Error {
  constructor(
    readonly method: string,
    readonly urn: string,
    readonly details: string,
    readonly partial?: { id: string; properties: WireObject },
  ) {
    super(`${method} ${urn}: ${details}`);
    this.name = "HostCallError";
  }
}

/** Everything needed to start the host the way the engine starts `pulumi-resource-pulumi-nodejs`. */
export interface HostOptions {
  /** The Pulumi project directory: the host's cwd, where `require` of the package name resolves. */
  projectDir: string;
  /** The engine's gRPC address, passed as the host's first argument. */
  engineAddress: string;
  /** Environment for the host process (defaults to a copy of process.env without CLIQ_* and PULUMI_* keys). */
  env?: NodeJS.ProcessEnv;
}

/** The environment a provider plugin would inherit, minus anything that could carry credentials in by accident. */
export function cleanHostEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    // The token cache's folder is where the caller keeps per-run files (tests point it at a temporary one).
    const kept = key === "CLIQ_TOKEN_CACHE_DIR";
    if (kept || (!key.startsWith("CLIQ_") && !key.startsWith("PULUMI_"))) result[key] = value;
  }
  return result;
}

/**
 * A running @pulumi/pulumi dynamic-provider host and a typed client for its pulumirpc.ResourceProvider service.
 * Requests carry plain JavaScript values; conversion to google.protobuf.Struct happens here.
 */
export class ProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: ResourceProviderClient,
    readonly port: number,
    readonly stdout: string[],
    readonly stderr: string[],
  ) {}

  static async start(options: HostOptions): Promise<ProviderHost> {
    const { grpc, providerGrpc } = loadPulumiProtos();
    const entry = path.join(
      options.projectDir,
      "node_modules",
      "@pulumi",
      "pulumi",
      "cmd",
      "dynamic-provider",
      "index.js",
    );
    const child = spawn(process.execPath, [entry, options.engineAddress], {
      cwd: options.projectDir,
      env: options.env ?? cleanHostEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A host outliving a failed or timed-out run would keep serving gRPC forever: stop it when we exit, whatever happens.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    child.once("exit", () => process.off("exit", killOnExit));
    const stdout: string[] = [];
    const stderr: string[] = [];
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout.push(chunk));
    // The host announces its port as the first line on stdout, as the engine expects from any plugin.
    const announced = new Promise<number>((resolve, reject) => {
      const onData = () => {
        const printed = stdout.join("");
        const newline = printed.indexOf("\n");
        if (newline < 0) return;
        child.stdout.off("data", onData);
        const first = printed.slice(0, newline).trim();
        if (/^\d+$/.test(first)) resolve(Number(first));
        else reject(new Error(`host printed "${first}" instead of its port; stderr: ${stderr.join("")}`));
      };
      child.stdout.on("data", onData);
      child.once("exit", (code) =>
        reject(new Error(`host exited with ${code} before listening: ${stderr.join("")}`)),
      );
      child.once("error", reject);
    });
    const port = await announced.catch((err: Error) => {
      child.kill("SIGKILL");
      throw err;
    });
    const client = new providerGrpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    return new ProviderHost(child, client, port, stdout, stderr);
  }

  /** Everything the host process printed so far. */
  output(): string {
    return this.stdout.join("") + this.stderr.join("");
  }

  /**
   * Sends the stack configuration as the engine does for the nodejs dynamic provider: every key with its namespace,
   * secret values wrapped with Pulumi's secret signature (the host unwraps them with rpc.unwrapRpcSecret).
   */
  async configure(config: Record<string, string>, secretKeys: string[]): Promise<void> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.ConfigureRequest();
    const args: WireObject = {};
    for (const [key, value] of Object.entries(config)) {
      args[key] = secretKeys.includes(key) ? wrapSecret(value) : value;
      request.getVariablesMap().set(key, value);
    }
    request.setArgs(struct.Struct.fromJavaScript(args));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    await this.call("configure", "", request);
  }

  async check(urn: string, olds: WireObject, news: WireObject): Promise<CheckOutcome> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.CheckRequest()
      .setUrn(urn)
      .setOlds(struct.Struct.fromJavaScript(olds))
      .setNews(struct.Struct.fromJavaScript(news));
    const response = await this.call<InstanceType<typeof providerProto.CheckResponse>>("check", urn, request);
    return {
      inputs: (response.getInputs()?.toJavaScript() ?? {}) as WireObject,
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: WireObject, news: WireObject): Promise<DiffOutcome> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.DiffRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(struct.Struct.fromJavaScript(olds))
      .setNews(struct.Struct.fromJavaScript(news));
    const response = await this.call<InstanceType<typeof providerProto.DiffResponse>>("diff", urn, request);
    const kinds = providerProto.DiffResponse.DiffChanges;
    const changes = response.getChanges();
    return {
      changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: WireObject): Promise<{ id: string; properties: WireObject }> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.CreateRequest()
      .setUrn(urn)
      .setProperties(struct.Struct.fromJavaScript(properties));
    const response = await this.call<InstanceType<typeof providerProto.CreateResponse>>(
      "create",
      urn,
      request,
    );
    return {
      id: response.getId(),
      properties: (response.getProperties()?.toJavaScript() ?? {}) as WireObject,
    };
  }

  async read(urn: string, id: string, properties: WireObject, inputs?: WireObject): Promise<ReadOutcome> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.ReadRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(struct.Struct.fromJavaScript(properties));
    if (inputs) request.setInputs(struct.Struct.fromJavaScript(inputs));
    const response = await this.call<InstanceType<typeof providerProto.ReadResponse>>("read", urn, request);
    const returnedInputs = response.getInputs()?.toJavaScript() as WireObject | undefined;
    return {
      id: response.getId(),
      properties: (response.getProperties()?.toJavaScript() ?? {}) as WireObject,
      ...(returnedInputs ? { inputs: returnedInputs } : {}),
    };
  }

  async update(
    urn: string,
    id: string,
    olds: WireObject,
    news: WireObject,
  ): Promise<{ properties: WireObject }> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.UpdateRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(struct.Struct.fromJavaScript(olds))
      .setNews(struct.Struct.fromJavaScript(news));
    const response = await this.call<InstanceType<typeof providerProto.UpdateResponse>>(
      "update",
      urn,
      request,
    );
    return { properties: (response.getProperties()?.toJavaScript() ?? {}) as WireObject };
  }

  async delete(urn: string, id: string, properties: WireObject): Promise<void> {
    const { providerProto, struct } = loadPulumiProtos();
    const request = new providerProto.DeleteRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(struct.Struct.fromJavaScript(properties));
    await this.call("delete", urn, request);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }

  private call<T>(method: string, urn: string, request: unknown): Promise<T> {
    const invoke = (this.client as unknown as Record<string, (...args: unknown[]) => unknown>)[method].bind(
      this.client,
    );
    return new Promise<T>((resolve, reject) => {
      invoke(request, (err: GrpcModule.ServiceError | null, response: T) => {
        if (err) reject(new HostCallError(method, urn, err.details || err.message, partialFromError(err)));
        else resolve(response);
      });
    });
  }
}

/** Decodes the ErrorResourceInitFailed detail the host attaches when create/update reports a partial resource. */
function partialFromError(err: GrpcModule.ServiceError): { id: string; properties: WireObject } | undefined {
  const { statusProto, providerProto } = loadPulumiProtos();
  const raw = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!raw || typeof raw === "string") return undefined;
  const status = statusProto.Status.deserializeBinary(new Uint8Array(raw));
  for (const detail of status.getDetailsList()) {
    if (detail.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
    const failed = providerProto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    return { id: failed.getId(), properties: (failed.getProperties()?.toJavaScript() ?? {}) as WireObject };
  }
  return undefined;
}

export type { Wire };
