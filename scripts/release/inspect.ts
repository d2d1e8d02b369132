/**
 * Checks a plugin executable this machine cannot run: its format and machine from the header, the SEA blob
 * where the Node runtime of that format looks for it (ELF: a PT_NOTE named NODE_SEA_BLOB; Mach-O: section
 * __NODE_SEA_BLOB of segment NODE_SEA; PE: RT_RCDATA resource NODE_SEA_BLOB), byte for byte the blob that was
 * injected, the fuse flipped, and on Mach-O a valid ad-hoc signature; on PE, no stale Authenticode signature.
 */
import { checkCodeSignature, readMacho } from "./macho";
import { SEA_FUSE, type ExecutableFormat } from "./platforms";

export const RESOURCE_NAME = "NODE_SEA_BLOB";

export interface Inspection {
  format: ExecutableFormat;
  machine: number;
  /** The injected blob as the runtime will find it, if it can. */
  blob?: Buffer;
  fuseFlipped: boolean;
  /** Mach-O only: the ad-hoc signature covers every page and matches. */
  signature?: { adhoc: boolean; valid: boolean; pages: number };
  /** PE only: an Authenticode certificate table is still present. */
  authenticode?: boolean;
}

function elfBlob(data: Buffer): { machine: number; blob?: Buffer } {
  if (data.readUInt32BE(0) !== 0x7f454c46 || data[4] !== 2 || data[5] !== 1) {
    throw new Error("not a 64-bit little-endian ELF file");
  }
  const phoff = Number(data.readBigUInt64LE(32));
  const phentsize = data.readUInt16LE(54);
  const phnum = data.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    if (data.readUInt32LE(ph) !== 4) continue; // PT_NOTE
    const offset = Number(data.readBigUInt64LE(ph + 8));
    const end = offset + Number(data.readBigUInt64LE(ph + 32));
    for (let at = offset; at + 12 <= end;) {
      const namesz = data.readUInt32LE(at);
      const descsz = data.readUInt32LE(at + 4);
      const name = data.toString("latin1", at + 12, at + 12 + namesz).replace(/\0$/, "");
      const desc = at + 12 + Math.ceil(namesz / 4) * 4;
      if (name === RESOURCE_NAME)
        return { machine: data.readUInt16LE(18), blob: data.subarray(desc, desc + descsz) };
      at = desc + Math.ceil(descsz / 4) * 4;
    }
  }
  return { machine: data.readUInt16LE(18) };
}

interface PeLayout {
  machine: number;
  /** File offset of the optional header's data directories. */
  directories: number;
  rvaToOffset(rva: number): number;
}

function peLayout(data: Buffer): PeLayout {
  if (data.readUInt16LE(0) !== 0x5a4d) throw new Error("not a PE file (no MZ header)");
  const pe = data.readUInt32LE(0x3c);
  if (data.readUInt32BE(pe) !== 0x50450000) throw new Error("not a PE file (no PE signature)");
  const sectionCount = data.readUInt16LE(pe + 6);
  const optionalSize = data.readUInt16LE(pe + 20);
  const optional = pe + 24;
  if (data.readUInt16LE(optional) !== 0x20b) throw new Error("not a PE32+ file");
  const sections = Array.from({ length: sectionCount }, (_, i) => {
    const s = optional + optionalSize + i * 40;
    return { va: data.readUInt32LE(s + 12), size: data.readUInt32LE(s + 16), raw: data.readUInt32LE(s + 20) };
  });
  return {
    machine: data.readUInt16LE(pe + 4),
    directories: optional + 112,
    rvaToOffset(rva) {
      const section = sections.find((s) => rva >= s.va && rva < s.va + s.size);
      if (!section) throw new Error(`RVA ${rva} is in no section`);
      return rva - section.va + section.raw;
    },
  };
}

/** The entries of one resource directory: id or name, and where the entry points (relative to the table). */
function resourceEntries(data: Buffer, table: number, dir: number) {
  const count = data.readUInt16LE(table + dir + 12) + data.readUInt16LE(table + dir + 14);
  return Array.from({ length: count }, (_, i) => {
    const at = table + dir + 16 + i * 8;
    const nameField = data.readUInt32LE(at);
    const target = data.readUInt32LE(at + 4);
    let name: string | number = nameField;
    if (nameField & 0x80000000) {
      const s = table + (nameField & 0x7fffffff);
      name = data.toString("utf16le", s + 2, s + 2 + data.readUInt16LE(s) * 2);
    }
    return { name, subdirectory: (target & 0x80000000) !== 0, offset: target & 0x7fffffff };
  });
}

function peBlob(data: Buffer): { machine: number; blob?: Buffer; authenticode: boolean } {
  const layout = peLayout(data);
  const authenticode = data.readUInt32LE(layout.directories + 4 * 8 + 4) !== 0;
  const resourceRva = data.readUInt32LE(layout.directories + 2 * 8);
  const result = { machine: layout.machine, authenticode };
  if (resourceRva === 0) return result;
  const table = layout.rvaToOffset(resourceRva);
  const rcdata = resourceEntries(data, table, 0).find((e) => e.name === 10 && e.subdirectory); // RT_RCDATA
  const named = rcdata && resourceEntries(data, table, rcdata.offset).find((e) => e.name === RESOURCE_NAME);
  const language = named?.subdirectory ? resourceEntries(data, table, named.offset)[0] : undefined;
  if (!language || language.subdirectory) return result;
  const entry = table + language.offset;
  const at = layout.rvaToOffset(data.readUInt32LE(entry));
  return { ...result, blob: data.subarray(at, at + data.readUInt32LE(entry + 4)) };
}

function machoBlob(data: Buffer): { machine: number; blob?: Buffer } {
  const file = readMacho(data);
  const section = file.segments
    .find((s) => s.name === "NODE_SEA")
    ?.sections.find((s) => s.name === `__${RESOURCE_NAME}`);
  return {
    machine: file.cputype,
    blob: section && data.subarray(section.offset, section.offset + section.size),
  };
}

/** Reads what the runtime of `format` would find in `data`. */
export function inspectExecutable(data: Buffer, format: ExecutableFormat): Inspection {
  const fuseFlipped = data.includes(`${SEA_FUSE}:1`);
  if (format === "elf") return { format, fuseFlipped, ...elfBlob(data) };
  if (format === "pe") return { format, fuseFlipped, ...peBlob(data) };
  const check = checkCodeSignature(data);
  return {
    format,
    fuseFlipped,
    ...machoBlob(data),
    signature: {
      adhoc: check.adhoc,
      valid: check.problems.length === 0 && check.badPages.length === 0 && check.pages > 0,
      pages: check.pages,
    },
  };
}

/** Every way the executable differs from a good one for `format`/`machine` carrying `blob`; empty when good. */
export function executableProblems(
  data: Buffer,
  expected: { format: ExecutableFormat; machine: number; blob: Buffer },
): string[] {
  const found = inspectExecutable(data, expected.format);
  const problems: string[] = [];
  if (found.machine !== expected.machine) {
    problems.push(`machine ${found.machine.toString(16)}, expected ${expected.machine.toString(16)}`);
  }
  if (!found.blob) problems.push(`no ${RESOURCE_NAME} where the runtime looks`);
  else if (!found.blob.equals(expected.blob))
    problems.push(`${RESOURCE_NAME} differs from the injected blob`);
  if (!found.fuseFlipped) problems.push("the SEA fuse is not flipped");
  if (found.signature && !(found.signature.adhoc && found.signature.valid)) {
    problems.push("no valid ad-hoc code signature");
  }
  if (found.authenticode) problems.push("a stale Authenticode signature is left in");
  return problems;
}

/** Removes a PE's Authenticode certificate table (at the file's end), which the injection would invalidate. */
export function stripAuthenticode(data: Buffer): Buffer {
  const layout = peLayout(data);
  const entry = layout.directories + 4 * 8;
  const offset = data.readUInt32LE(entry); // a file offset, not an RVA, for this directory
  const size = data.readUInt32LE(entry + 4);
  if (size === 0) return data;
  if (offset + size !== data.length) throw new Error("the certificate table is not at the end of the file");
  const out = Buffer.from(data.subarray(0, offset));
  out.writeUInt32LE(0, entry);
  out.writeUInt32LE(0, entry + 4);
  return out;
}
