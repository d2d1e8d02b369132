/**
 * Hostile protobuf messages for the plugin fuzz: mutations of valid messages (byte flips, inserted and deleted
 * bytes), truncations, every length prefix replaced by 2^32-1, and huge and deeply nested values built as raw
 * bytes (google-protobuf's own serializer would overflow its stack on the deep ones). Deterministic: a seeded
 * generator, so a failure names a message that can be sent again.
 */

/** The soak's seeded PRNG (mulberry32): the same seed gives the same mutations on every run. */
export { seededRandom } from "../../bench/soak-faults";

/** A protobuf varint. */
export function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** A length-delimited field: tag, length, payload. */
export function delimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
}

interface Reading {
  value: number;
  next: number;
}

function readVarint(bytes: Buffer, at: number, end: number): Reading | undefined {
  let value = 0;
  for (let shift = 0, i = at; i < end && shift < 64; shift += 7, i++) {
    value += (bytes[i] & 0x7f) * 2 ** shift;
    if (bytes[i] < 0x80) return { value, next: i + 1 };
  }
  return undefined;
}

/**
 * The offsets and sizes of every length prefix in a message, nested ones included (a payload that parses as a
 * message is taken as one): the places where a lying length reaches a string, a map key or a sub-message.
 */
export function lengthPrefixes(bytes: Buffer, start = 0, end = bytes.length): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let at = start;
  while (at < end) {
    const tag = readVarint(bytes, at, end);
    if (!tag || tag.value < 8) return [];
    const wireType = tag.value % 8;
    let next: number;
    if (wireType === 0) next = readVarint(bytes, tag.next, end)?.next ?? -1;
    else if (wireType === 1) next = tag.next + 8;
    else if (wireType === 5) next = tag.next + 4;
    else if (wireType === 2) {
      const length = readVarint(bytes, tag.next, end);
      if (!length) return [];
      next = length.next + length.value;
      if (next > end) return [];
      found.push([tag.next, length.next - tag.next], ...lengthPrefixes(bytes, length.next, next));
    } else return [];
    if (next < 0 || next > end) return [];
    at = next;
  }
  return found;
}

/** `seed` with each of its length prefixes (one at a time) claiming 2^32-1 bytes. */
export function lyingLengths(seed: Buffer): Buffer[] {
  const huge = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]);
  return lengthPrefixes(seed).map(([offset, size]) =>
    Buffer.concat([seed.subarray(0, offset), huge, seed.subarray(offset + size)]),
  );
}

/** Up to `count` truncations of `seed`, evenly spread over its length. */
export function truncations(seed: Buffer, count: number): Buffer[] {
  const out: Buffer[] = [];
  const step = Math.max(1, Math.floor(seed.length / count));
  for (let length = 0; length < seed.length; length += step) out.push(seed.subarray(0, length));
  return out;
}

/** `count` random mutations of `seed`: one to three byte flips, insertions, deletions or 0xff runs each. */
export function randomMutations(seed: Buffer, count: number, random: () => number): Buffer[] {
  const out: Buffer[] = [];
  const pick = (limit: number) => Math.floor(random() * limit);
  for (let i = 0; i < count; i++) {
    let bytes = Buffer.from(seed);
    for (let edits = 1 + pick(3); edits > 0; edits--) {
      const at = pick(bytes.length + 1);
      const kind = pick(4);
      if (kind === 0 && bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = pick(256);
      else if (kind === 1)
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(256)]), bytes.subarray(at)]);
      else if (kind === 2) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
      else
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
          bytes.subarray(at),
        ]);
    }
    out.push(bytes);
  }
  return out;
}

/**
 * A google.protobuf.Struct nested `depth` levels deep (`{a: {a: ...}}`), as the bytes of a length-delimited field
 * `field` of the enclosing message. Built from precomputed sizes, front to back, in linear time.
 */
export function deepStructField(field: number, depth: number): Buffer {
  const key = delimited(1, Buffer.from("a"));
  const headers: Buffer[] = [];
  let size = 0; // the innermost Struct is empty
  const sizes: number[] = [];
  for (let level = 0; level < depth; level++) {
    // Value{struct_value (5) = Struct}, in a map entry {key = 1, value = 2}, in a Struct{fields = 1}
    const value = varint(size).length + 1 + size;
    const entry = key.length + 1 + varint(value).length + value;
    size = 1 + varint(entry).length + entry;
    sizes.push(size);
  }
  for (let level = depth - 1; level >= 0; level--) {
    const inner = level === 0 ? 0 : sizes[level - 1];
    const value = varint(inner).length + 1 + inner;
    const entry = key.length + 1 + varint(value).length + value;
    headers.push(
      Buffer.concat([
        varint(0x0a),
        varint(entry),
        key,
        varint(0x12),
        varint(value),
        varint(0x2a),
        varint(inner),
      ]),
    );
  }
  return Buffer.concat([varint((field << 3) | 2), varint(sizes[depth - 1]), ...headers]);
}

/** The value of top-level string field `field`, when the message is well-formed at the top level. */
export function topLevelString(bytes: Buffer, field: number): string | undefined | "malformed" {
  let at = 0;
  let value: string | undefined;
  while (at < bytes.length) {
    const tag = readVarint(bytes, at, bytes.length);
    if (!tag) return "malformed";
    const wireType = tag.value % 8;
    if (wireType === 0) at = readVarint(bytes, tag.next, bytes.length)?.next ?? Infinity;
    else if (wireType === 1) at = tag.next + 8;
    else if (wireType === 5) at = tag.next + 4;
    else if (wireType === 2) {
      const length = readVarint(bytes, tag.next, bytes.length);
      if (!length || length.next + length.value > bytes.length) return "malformed";
      at = length.next + length.value;
      if (Math.floor(tag.value / 8) === field) value = bytes.subarray(length.next, at).toString("utf8");
    } else return "malformed";
    if (at > bytes.length) return "malformed";
  }
  return value;
}
