import type { BotRecord, Membership, Store, StoreData, Tombstone } from "./types";

/** First bot id handed out, in the range real Cliq ids live in. */
export const FIRST_ID = "53719000002124012";

export function emptyStoreData(): StoreData {
  return { version: 1, nextId: FIRST_ID, changeSeq: 0, bots: [], memberships: [], tombstones: [] };
}

/** Ids are digit strings incremented with BigInt, so they never pass through a JS number. */
export function incrementDigits(digits: string): string {
  return (BigInt(digits) + 1n).toString();
}

/**
 * A deep copy of what the store holds: plain objects, arrays and primitives only. structuredClone does the same
 * through a serialization round trip, several times slower, on every request the emulator answers.
 */
export function copyRecord<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyRecord) as T;
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyRecord((value as Record<string, unknown>)[key]);
  return copy as T;
}

export class MemoryStore implements Store {
  protected data: StoreData;

  constructor(initial: StoreData = emptyStoreData()) {
    this.data = copyRecord(initial);
  }

  /** Called after every mutation; the in-memory store has nothing to do. */
  protected changed(): void {}

  allocateId(): string {
    const id = this.data.nextId;
    this.data.nextId = incrementDigits(id);
    this.changed();
    return id;
  }

  nextChangeSeq(): number {
    this.data.changeSeq += 1;
    this.changed();
    return this.data.changeSeq;
  }

  currentChangeSeq(): number {
    return this.data.changeSeq;
  }

  listBots(): BotRecord[] {
    return copyRecord(this.data.bots);
  }

  getBot(id: string): BotRecord | undefined {
    const bot = this.data.bots.find((b) => b.id === id);
    return bot && copyRecord(bot);
  }

  findBotByUniqueName(uniqueName: string): BotRecord | undefined {
    const bot = this.data.bots.find((b) => b.uniqueName === uniqueName);
    return bot && copyRecord(bot);
  }

  putBot(bot: BotRecord): void {
    const copy = copyRecord(bot);
    const index = this.data.bots.findIndex((b) => b.id === bot.id);
    if (index === -1) {
      this.data.bots.push(copy);
    } else {
      this.data.bots[index] = copy;
    }
    this.changed();
  }

  deleteBot(id: string): boolean {
    const bot = this.data.bots.find((b) => b.id === id);
    if (!bot) {
      return false;
    }
    this.data.bots = this.data.bots.filter((b) => b.id !== id);
    this.data.memberships = this.data.memberships.filter((m) => m.botUniqueName !== bot.uniqueName);
    this.data.changeSeq += 1;
    this.data.tombstones.push({ id, changeSeq: this.data.changeSeq });
    this.changed();
    return true;
  }

  listTombstones(): Tombstone[] {
    return copyRecord(this.data.tombstones);
  }

  listMemberships(): Membership[] {
    return copyRecord(this.data.memberships);
  }

  hasMembership(channel: string, botUniqueName: string): boolean {
    return this.data.memberships.some((m) => m.channel === channel && m.botUniqueName === botUniqueName);
  }

  addMembership(membership: Membership): void {
    this.data.memberships.push({ ...membership });
    this.changed();
  }

  removeMembership(channel: string, botUniqueName: string): boolean {
    const before = this.data.memberships.length;
    this.data.memberships = this.data.memberships.filter(
      (m) => !(m.channel === channel && m.botUniqueName === botUniqueName),
    );
    const removed = this.data.memberships.length !== before;
    if (removed) {
      this.changed();
    }
    return removed;
  }

  clear(): void {
    this.data = emptyStoreData();
    this.changed();
  }
}
