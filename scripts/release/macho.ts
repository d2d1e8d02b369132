/**
 * The little of Mach-O the release needs, on any OS: the load commands (to find the injected NODE_SEA segment and
 * the code signature), making room for an ad-hoc signature after postject has removed Node's, and checking such a
 * signature the way the kernel does (each 4 KiB page of the file up to the signature against its SHA-256 in the
 * CodeDirectory). Layouts: <mach-o/loader.h> and the CodeDirectory of <kern/cs_blobs.h>.
 */
import { createHash } from "crypto";

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const HEADER_SIZE = 32;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CS_ADHOC = 0x2;
/** Segment page size of arm64 macOS (and a multiple of x86_64's 4 KiB). */
const SEGMENT_PAGE = 0x4000;

export interface MachoSection {
  segment: string;
  name: string;
  offset: number;
  size: number;
}

export interface MachoSegment {
  name: string;
  /** Where its command starts in the file (to rewrite it). */
  commandOffset: number;
  fileoff: number;
  filesize: number;
  vmsize: number;
  sections: MachoSection[];
}

export interface MachoFile {
  cputype: number;
  ncmds: number;
  sizeofcmds: number;
  segments: MachoSegment[];
  codeSignature?: { commandOffset: number; dataoff: number; datasize: number };
}

const cString = (bytes: Buffer) => bytes.toString("latin1").replace(/\0.*$/s, "");

function readSegment(data: Buffer, at: number): MachoSegment {
  const sections: MachoSection[] = [];
  const nsects = data.readUInt32LE(at + 64);
  for (let i = 0; i < nsects; i++) {
    const s = at + 72 + i * 80;
    sections.push({
      name: cString(data.subarray(s, s + 16)),
      segment: cString(data.subarray(s + 16, s + 32)),
      size: Number(data.readBigUInt64LE(s + 40)),
      offset: data.readUInt32LE(s + 48),
    });
  }
  return {
    name: cString(data.subarray(at + 8, at + 24)),
    commandOffset: at,
    vmsize: Number(data.readBigUInt64LE(at + 32)),
    fileoff: Number(data.readBigUInt64LE(at + 40)),
    filesize: Number(data.readBigUInt64LE(at + 48)),
    sections,
  };
}

/** Reads a 64-bit little-endian Mach-O's header and the load commands the release looks at. */
export function readMacho(data: Buffer): MachoFile {
  if (data.length < HEADER_SIZE || data.readUInt32LE(0) !== MH_MAGIC_64) {
    throw new Error("not a 64-bit little-endian Mach-O file");
  }
  const file: MachoFile = {
    cputype: data.readUInt32LE(4),
    ncmds: data.readUInt32LE(16),
    sizeofcmds: data.readUInt32LE(20),
    segments: [],
  };
  let at = HEADER_SIZE;
  for (let i = 0; i < file.ncmds; i++) {
    const cmd = data.readUInt32LE(at);
    if (cmd === LC_SEGMENT_64) file.segments.push(readSegment(data, at));
    if (cmd === LC_CODE_SIGNATURE) {
      file.codeSignature = {
        commandOffset: at,
        dataoff: data.readUInt32LE(at + 8),
        datasize: data.readUInt32LE(at + 12),
      };
    }
    at += data.readUInt32LE(at + 4);
  }
  return file;
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/** The size of the signature cliq-adhoc-sign writes: SuperBlob, one index entry, CodeDirectory v0x20400, id, hashes. */
function adhocSignatureSize(codeLimit: number): number {
  return 12 + 8 + 88 + "a.out\0".length + Math.ceil(codeLimit / 4096) * 32;
}

/**
 * Adds an LC_CODE_SIGNATURE load command for a signature at the end of __LINKEDIT (postject removes Node's own),
 * sized for the ad-hoc signature, with __LINKEDIT grown to hold it: the signer then only fills it in. Returns the
 * new file (the signature's bytes still zero).
 */
export function reserveCodeSignature(data: Buffer): Buffer {
  const file = readMacho(data);
  if (file.codeSignature) throw new Error("the file already has a code signature command");
  const linkedit = file.segments.find((s) => s.name === "__LINKEDIT");
  if (!linkedit) throw new Error("no __LINKEDIT segment");
  const end = linkedit.fileoff + linkedit.filesize;
  if (end !== data.length) throw new Error(`__LINKEDIT ends at ${end}, the file at ${data.length}`);
  const commandsEnd = HEADER_SIZE + file.sizeofcmds;
  const firstSection = Math.min(
    ...file.segments.flatMap((s) => s.sections.map((x) => x.offset).filter((offset) => offset > 0)),
  );
  if (commandsEnd + 16 > firstSection || data.subarray(commandsEnd, commandsEnd + 16).some((b) => b !== 0)) {
    throw new Error("no free header space for a code signature command");
  }
  const dataoff = align(end, 16);
  const datasize = adhocSignatureSize(dataoff);
  const out = Buffer.alloc(dataoff + datasize);
  data.copy(out);
  out.writeUInt32LE(LC_CODE_SIGNATURE, commandsEnd);
  out.writeUInt32LE(16, commandsEnd + 4);
  out.writeUInt32LE(dataoff, commandsEnd + 8);
  out.writeUInt32LE(datasize, commandsEnd + 12);
  out.writeUInt32LE(file.ncmds + 1, 16);
  out.writeUInt32LE(file.sizeofcmds + 16, 20);
  const filesize = dataoff + datasize - linkedit.fileoff;
  out.writeBigUInt64LE(BigInt(align(filesize, SEGMENT_PAGE)), linkedit.commandOffset + 32);
  out.writeBigUInt64LE(BigInt(filesize), linkedit.commandOffset + 48);
  return out;
}

export interface SignatureCheck {
  adhoc: boolean;
  pages: number;
  /** Pages whose hash does not match the file (empty for a valid signature). */
  badPages: number[];
  /** What else is wrong with where the signature sits. */
  problems: string[];
}

/** Checks the embedded signature's CodeDirectory against the file's pages, as the kernel does on exec. */
export function checkCodeSignature(data: Buffer): SignatureCheck {
  const file = readMacho(data);
  const sig = file.codeSignature;
  if (!sig) return { adhoc: false, pages: 0, badPages: [], problems: ["no LC_CODE_SIGNATURE"] };
  const problems: string[] = [];
  const blob = data.subarray(sig.dataoff, sig.dataoff + sig.datasize);
  if (blob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) problems.push("no embedded signature SuperBlob");
  const count = blob.readUInt32BE(8);
  const entries = Array.from({ length: count }, (_, i) => blob.readUInt32BE(12 + i * 8 + 4));
  const cdAt = entries.find((offset) => blob.readUInt32BE(offset) === CSMAGIC_CODEDIRECTORY);
  if (cdAt === undefined) return { adhoc: false, pages: 0, badPages: [], problems: ["no CodeDirectory"] };
  const cd = blob.subarray(cdAt);
  const flags = cd.readUInt32BE(12);
  const hashOffset = cd.readUInt32BE(16);
  const nCodeSlots = cd.readUInt32BE(28);
  const codeLimit = cd.readUInt32BE(32);
  const hashSize = cd[36]!;
  const pageSize = 2 ** cd[39]!;
  if (codeLimit !== sig.dataoff) problems.push(`code limit ${codeLimit} is not the signature's offset`);
  if (cd[37] !== 2 || hashSize !== 32) problems.push("the hashes are not SHA-256");
  if (sig.dataoff + sig.datasize > data.length) problems.push("the signature runs past the file's end");
  const badPages: number[] = [];
  for (let i = 0; i < nCodeSlots; i++) {
    const page = data.subarray(i * pageSize, Math.min((i + 1) * pageSize, codeLimit));
    const want = cd.subarray(hashOffset + i * hashSize, hashOffset + (i + 1) * hashSize);
    if (!createHash("sha256").update(page).digest().equals(want)) badPages.push(i);
  }
  if (nCodeSlots !== Math.ceil(codeLimit / pageSize)) problems.push("the hashes do not cover the code");
  return { adhoc: (flags & CS_ADHOC) !== 0, pages: nCodeSlots, badPages, problems };
}
