import { createRequire } from "module";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as EngineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as EngineProto from "@pulumi/pulumi/proto/engine_pb";
import type * as ProviderGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderProto from "@pulumi/pulumi/proto/provider_pb";
import type * as StatusProto from "@pulumi/pulumi/proto/status_pb";
import type * as StructProto from "google-protobuf/google/protobuf/struct_pb";
import type * as EmptyProto from "google-protobuf/google/protobuf/empty_pb";

/**
 * The gRPC runtime and the protocol messages exactly as @pulumi/pulumi ships them. They are loaded through
 * @pulumi/pulumi's own module scope so that the generated service stubs and our credentials share one
 * @grpc/grpc-js instance (it is @pulumi/pulumi's dependency, not ours).
 */
export interface PulumiProtos {
  grpc: typeof GrpcModule;
  engineGrpc: typeof EngineGrpc;
  engineProto: typeof EngineProto;
  providerGrpc: typeof ProviderGrpc;
  providerProto: typeof ProviderProto;
  statusProto: typeof StatusProto;
  struct: typeof StructProto;
  empty: typeof EmptyProto;
}

let cached: PulumiProtos | undefined;

export function loadPulumiProtos(): PulumiProtos {
  if (cached) return cached;
  const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
  cached = {
    grpc: fromPulumi("@grpc/grpc-js"),
    engineGrpc: fromPulumi("./proto/engine_grpc_pb"),
    engineProto: fromPulumi("./proto/engine_pb"),
    providerGrpc: fromPulumi("./proto/provider_grpc_pb"),
    providerProto: fromPulumi("./proto/provider_pb"),
    statusProto: fromPulumi("./proto/status_pb"),
    struct: fromPulumi("google-protobuf/google/protobuf/struct_pb"),
    empty: fromPulumi("google-protobuf/google/protobuf/empty_pb"),
  };
  return cached;
}
