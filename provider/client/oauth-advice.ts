/**
 * What each refusal of the Zoho accounts server means and what to do about it, worded once. The client's OAuth
 * errors end with it (a library user sees it too), and the provider's hints (resources/shared/hints.ts) give
 * the same sentence for these codes, so `pulumi up` never shows the advice twice.
 */
import { CLIENT_ERROR_CODES } from "./errors";

/** The OAuth refusal codes the client produces. */
export type OAuthRefusalCode =
  | typeof CLIENT_ERROR_CODES.oauthInvalidClient
  | typeof CLIENT_ERROR_CODES.oauthInvalidRefreshToken
  | typeof CLIENT_ERROR_CODES.oauthMintLimitExceeded
  | typeof CLIENT_ERROR_CODES.oauthError;

function server(accountsHost: string | undefined): string {
  return accountsHost === undefined ? "The accounts server" : `The accounts server ${accountsHost}`;
}

/** The advice for each OAuth refusal; `accountsHost` names the server when known (e.g. `accounts.zoho.eu`). */
export const OAUTH_ADVICE: Readonly<Record<OAuthRefusalCode, (accountsHost?: string) => string>> = {
  oauth_invalid_client: (host) =>
    `${server(host)} does not know this OAuth client: check cliq:clientId and cliq:clientSecret ` +
    "(CLIQ_CLIENT_ID / CLIQ_CLIENT_SECRET), and that cliq:dataCenter is the data center where the Self Client " +
    "was made.",
  oauth_invalid_refresh_token: (host) =>
    `${server(host)} refused cliq:refreshToken (CLIQ_REFRESH_TOKEN): revoked, or made for another client or ` +
    "data center. Make a new one (README, OAuth self client) and set it with pulumi config set --secret " +
    "cliq:refreshToken ...",
  oauth_mint_limit_exceeded: () =>
    "A refresh token may mint at most 10 access tokens per 10 minutes (Zoho's cap), and this one has: wait 10 " +
    "minutes before the next pulumi up, avoid running several processes with the same refresh token at once, " +
    "and leave cliq:tokenCache on so that runs share one token.",
  oauth_error: () => "Check cliq:clientId, cliq:clientSecret, cliq:refreshToken and cliq:dataCenter.",
};

/** Which advice a refusal (Zoho's `error` field) gets. */
export function oauthRefusalCode(error: string): OAuthRefusalCode {
  switch (error) {
    case "invalid_code":
      return CLIENT_ERROR_CODES.oauthInvalidRefreshToken;
    case "invalid_client":
    case "invalid_client_secret":
      return CLIENT_ERROR_CODES.oauthInvalidClient;
    case "Access Denied":
      return CLIENT_ERROR_CODES.oauthMintLimitExceeded;
    default:
      return CLIENT_ERROR_CODES.oauthError;
  }
}
