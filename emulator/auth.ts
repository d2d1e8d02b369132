import { randomBytes } from "crypto";

/**
 * Access tokens as Zoho mints them, and as the emulator imitates them: `1000.<32 hex>.<32 hex>`. A token minted
 * at run time is not known in advance, so credential scans look for this shape.
 */
export const MINTED_ACCESS_TOKEN = /1000\.[0-9a-f]{32}\.[0-9a-f]{32}/;

/** Accepted access tokens: configured ones (no expiry) and minted ones (until their scaled expiry). */
export class TokenRegistry {
  private readonly minted = new Map<string, number>();

  constructor(private readonly staticTokens: readonly string[]) {}

  isValid(token: string | undefined, nowMs: number): boolean {
    if (token === undefined || token === "") {
      return false;
    }
    if (this.staticTokens.includes(token)) {
      return true;
    }
    const expiresAt = this.minted.get(token);
    if (expiresAt === undefined) {
      return false;
    }
    if (nowMs >= expiresAt) {
      this.minted.delete(token);
      return false;
    }
    return true;
  }

  /** Mints a token shaped like Zoho's (see {@link MINTED_ACCESS_TOKEN}). */
  mint(expiresAtMs: number): string {
    const token = `1000.${randomBytes(16).toString("hex")}.${randomBytes(16).toString("hex")}`;
    this.minted.set(token, expiresAtMs);
    return token;
  }

  clearMinted(): void {
    this.minted.clear();
  }
}

/** The token of `Authorization: Zoho-oauthtoken <t>` or `Authorization: Bearer <t>`. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const match = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1] : undefined;
}
