/**
 * Failures as the engine expects them over gRPC. A create that made the object but could not finish (the
 * resource code's PartialCreateError, with `id` and `properties`) travels as `ErrorResourceInitFailed`, so the
 * engine records the object instead of orphaning it. Every message passes through the secret redactor.
 */
import * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import type { Redactor } from "./log";
import { toStruct } from "./values";

/** An error the plugin answers with: gRPC code, redacted message, and details for a partial create. */
export interface PluginServiceError {
  code: grpc.status;
  details: string;
  metadata: grpc.Metadata;
}

/** A failure that the RPC's caller caused (bad arguments); everything else is UNKNOWN, as the engine expects. */
export class InvalidRequestError extends Error {
  override readonly name = "InvalidRequestError";
}

interface PartialCreate {
  id: string;
  properties?: Record<string, unknown>;
  reasons?: string[];
}

/**
 * A partial create together with the secret keys of the create's inputs: the engine records its properties as
 * they come (the plugin accepts secrets, so the engine does not mark them again), and a secret argument such as
 * a tokenised `executionUrl` must stay a secret in the state.
 */
class SecretPartialCreate extends Error {
  constructor(
    readonly partial: PartialCreate,
    message: string,
    readonly secretKeys: ReadonlySet<string>,
  ) {
    super(message);
  }
}

function partialCreate(error: unknown): PartialCreate | undefined {
  if (error instanceof SecretPartialCreate) return error.partial;
  const candidate = error as Partial<PartialCreate> | null;
  return candidate !== null && typeof candidate === "object" && typeof candidate.id === "string"
    ? (candidate as PartialCreate)
    : undefined;
}

/** `error` with the create's secret keys attached when it is a partial create (a copy; others pass as they are). */
export function withSecretKeys(error: unknown, secretKeys: ReadonlySet<string>): unknown {
  const partial = partialCreate(error);
  if (partial === undefined) return error;
  return new SecretPartialCreate(partial, error instanceof Error ? error.message : String(error), secretKeys);
}

/** The gRPC error for a thrown value. */
export function toServiceError(error: unknown, redact: Redactor): PluginServiceError {
  const message = redact(error instanceof Error ? error.message : String(error));
  const code = error instanceof InvalidRequestError ? grpc.status.INVALID_ARGUMENT : grpc.status.UNKNOWN;
  const metadata = new grpc.Metadata();
  const partial = partialCreate(error);
  if (partial !== undefined) {
    const detail = new ErrorResourceInitFailed();
    detail.setId(partial.id);
    // `__provider` belongs to the dynamic-provider host's state only.
    const { __provider: _dynamic, ...properties } = partial.properties ?? {};
    detail.setProperties(
      toStruct(properties, error instanceof SecretPartialCreate ? error.secretKeys : undefined),
    );
    detail.setReasonsList((partial.reasons ?? [message]).map(redact));
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new Status();
    status.setCode(code);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code, details: message, metadata };
}
