import type * as GrpcModule from "@grpc/grpc-js";
import type { IEngineServer } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { loadPulumiProtos } from "./protos";

export interface EngineLogMessage {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

/**
 * The smallest pulumirpc.Engine a plugin can talk to: it records Log messages and keeps the root resource URN.
 * Its address is what the engine passes to a provider plugin as its first argument.
 */
export interface FakeEngine {
  address: string;
  logs: EngineLogMessage[];
  close(): Promise<void>;
}

const severityNames: Record<number, EngineLogMessage["severity"]> = {
  0: "debug",
  1: "info",
  2: "warning",
  3: "error",
};

export async function startFakeEngine(): Promise<FakeEngine> {
  const { grpc, engineGrpc, engineProto, empty } = loadPulumiProtos();
  const logs: EngineLogMessage[] = [];
  let rootUrn = "";
  const server = new grpc.Server();
  const unimplemented = (_call: unknown, callback: GrpcModule.sendUnaryData<never>) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: "not part of the fake engine" }, null);
  const service: IEngineServer = {
    log(call, callback) {
      const request = call.request;
      logs.push({
        severity: severityNames[request.getSeverity()] ?? "info",
        message: request.getMessage(),
        urn: request.getUrn(),
      });
      callback(null, new empty.Empty());
    },
    getRootResource(_call, callback) {
      callback(null, new engineProto.GetRootResourceResponse().setUrn(rootUrn));
    },
    setRootResource(call, callback) {
      rootUrn = call.request.getUrn();
      callback(null, new engineProto.SetRootResourceResponse());
    },
    startDebugging: unimplemented,
    requirePulumiVersion(_call, callback) {
      callback(null, new engineProto.RequirePulumiVersionResponse());
    },
  };
  server.addService(engineGrpc.EngineService, service);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, boundPort) =>
      err ? reject(err) : resolve(boundPort),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
