import * as fs from "fs";
import * as path from "path";
import { emptyStoreData, MemoryStore } from "./memory";
import type { StoreData } from "./types";

/**
 * A memory store mirrored to a JSON file. Every change rewrites the file through a temporary file and a
 * rename, so a crash leaves either the old or the new state, never half a file; a restart reloads it.
 */
export class FileStore extends MemoryStore {
  constructor(private readonly filePath: string) {
    super(loadStoreData(filePath));
    this.changed();
  }

  protected override changed(): void {
    writeFileAtomically(this.filePath, JSON.stringify(this.data, null, 2));
  }
}

export function loadStoreData(filePath: string): StoreData {
  if (!fs.existsSync(filePath)) {
    return emptyStoreData();
  }
  const parsed = JSON.parse(fs.readFileSync(filePath, "utf8")) as Partial<StoreData>;
  if (parsed.version !== 1 || !Array.isArray(parsed.bots)) {
    throw new Error(`${filePath} is not an emulator state file (version 1)`);
  }
  return { ...emptyStoreData(), ...parsed } as StoreData;
}

export function writeFileAtomically(filePath: string, content: string): void {
  const dir = path.dirname(filePath);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, filePath);
}
