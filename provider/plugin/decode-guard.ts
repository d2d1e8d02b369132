/**
 * A bound on every length prefix google-protobuf reads. Its BinaryReader (3.21.4, the version @pulumi/pulumi's
 * generated protos use) takes a string's length from the wire without comparing it with the bytes that are
 * there: six bytes, `0a ff ff ff ff 0f` (field 1, length 2^32-1), keep `deserializeBinary` looping over four
 * billion absent bytes, and the plugin, which decodes on its only thread, never answers anything again. A
 * sub-message or packed field whose length runs past the buffer sends it past the end the same way.
 *
 * The guard checks each length-delimited read against the bytes left in the buffer before google-protobuf
 * reads it, and refuses the message otherwise: grpc-js then answers that one call with an error and goes on
 * serving. It wraps the reader's public methods (the generated code and `jspb.Map` call them by these names),
 * so it does not depend on google-protobuf's internals, and it is installed once per process.
 */
import { BinaryReader } from "google-protobuf";

/** A request google-protobuf would read past its end. */
export class MalformedMessageError extends Error {
  override readonly name = "MalformedMessageError";
}

const WIRE_DELIMITED = 2;
const GUARDED = Symbol.for("pulumi-zoho-cliq.decode-guard");

/** The unsigned 32-bit varint at `at` and the offset after it; undefined when it is cut off or too long. */
export function lengthPrefix(bytes: Uint8Array, at: number): { length: number; next: number } | undefined {
  let length = 0;
  for (let i = 0; i < 5 && at + i < bytes.length; i++) {
    length += (bytes[at + i] & 0x7f) * 2 ** (7 * i);
    if (bytes[at + i] < 0x80) return { length, next: at + i + 1 };
  }
  return undefined;
}

type ReaderMethod = (this: BinaryReader, ...args: unknown[]) => unknown;
type ReaderPrototype = Record<string, ReaderMethod> & { [GUARDED]?: true };

/** `read`, refusing a length-delimited field whose length prefix claims more bytes than the buffer holds. */
function bounded(read: ReaderMethod): ReaderMethod {
  return function (this: BinaryReader, ...args: unknown[]) {
    if (this.getWireType() === WIRE_DELIMITED) {
      const bytes = this.getBuffer();
      const prefix = lengthPrefix(bytes, this.getCursor());
      if (prefix === undefined || prefix.next + prefix.length > bytes.length) {
        throw new MalformedMessageError(
          `malformed request: field ${this.getFieldNumber()} claims ${prefix?.length ?? "an unreadable number of"} ` +
            `bytes where ${bytes.length - this.getCursor()} remain`,
        );
      }
    }
    return read.apply(this, args);
  };
}

/** The reader methods that take a length prefix from the wire: strings, bytes, sub-messages, packed fields. */
export function delimitedReaders(prototype: object): string[] {
  return Object.keys(prototype).filter(
    (name) => ["readString", "readBytes", "readMessage"].includes(name) || name.startsWith("readPacked"),
  );
}

/** Installs the guard on google-protobuf's BinaryReader (once per process; later calls do nothing). */
export function installDecodeGuard(): void {
  const prototype = BinaryReader.prototype as unknown as ReaderPrototype;
  if (prototype[GUARDED]) return;
  for (const name of delimitedReaders(prototype)) prototype[name] = bounded(prototype[name]);
  prototype[GUARDED] = true;
}
