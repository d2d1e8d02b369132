import type { HandlerType } from "../../cliq-api/operations";

export interface SubActionRecord {
  name: string;
  icon?: string;
}

export interface HandlerRecord {
  /** Digit string; never a JS number. */
  id: string;
  type: HandlerType;
  script?: string;
  permissions?: string[];
  /** Menu handlers only. */
  name?: string;
  icon?: string;
  position?: number;
  subActions?: SubActionRecord[];
}

export interface Creator {
  id: string;
  name: string;
  email: string;
}

export interface BotRecord {
  /** Bare digit string. */
  id: string;
  uniqueName: string;
  name: string;
  description: string;
  scope: string;
  /** Digit strings (team ids may exceed 2^53). */
  teamIds: string[];
  statusMessages: string[];
  channelParticipation: string[];
  calls: "enabled" | "disabled";
  image?: string;
  executionType: "deluge" | "webhook";
  executionUrl?: string;
  handlers: HandlerRecord[];
  creator: Creator;
  /** Store change sequence number of the last create/update, for `sync_token`. */
  changeSeq: number;
}

export interface Membership {
  channel: string;
  botUniqueName: string;
}

export interface Tombstone {
  id: string;
  changeSeq: number;
}

/** Everything the store holds; also the persisted file's content. */
export interface StoreData {
  version: 1;
  /** Next id to hand out, a digit string. */
  nextId: string;
  changeSeq: number;
  bots: BotRecord[];
  memberships: Membership[];
  /** Deleted bot ids, reported by a `sync_token` list. */
  tombstones: Tombstone[];
}

/**
 * Storage behind the API handlers. Records returned are copies: a handler changes a bot by `putBot`, so a
 * persistent store sees every change.
 */
export interface Store {
  allocateId(): string;
  /** Advances and returns the change sequence. */
  nextChangeSeq(): number;
  currentChangeSeq(): number;
  listBots(): BotRecord[];
  getBot(id: string): BotRecord | undefined;
  findBotByUniqueName(uniqueName: string): BotRecord | undefined;
  putBot(bot: BotRecord): void;
  /**
   * Removes the bot with its handlers (they live in its record) and its channel memberships, as the spec's
   * `delete_a_specific_bot` says; records a tombstone.
   */
  deleteBot(id: string): boolean;
  listTombstones(): Tombstone[];
  listMemberships(): Membership[];
  hasMembership(channel: string, botUniqueName: string): boolean;
  addMembership(membership: Membership): void;
  removeMembership(channel: string, botUniqueName: string): boolean;
  clear(): void;
}
