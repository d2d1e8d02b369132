/**
 * What a user can do about a failed call, in Pulumi terms: one sentence per error code, written against
 * Cliq's own terse messages (which say what went wrong, never what to change). The provider appends the hint
 * to the `CliqApiError` it lets through, so `pulumi up` shows the API's message followed by the next step.
 */
import { isCliqApiError } from "../../client/errors";
import { CliqConfigError } from "../../config/errors";
import { OAUTH_ADVICE } from "../../client/oauth-advice";
import type { ApiTarget } from "../../config/data-centers";
import { SETTING_NAMES } from "../../config/settings-table";

/** What a hint may mention about the call that failed. Never a credential. */
export interface HintContext {
  /** Where the call went; unknown when the options could not be resolved. */
  target?: ApiTarget;
  /** Which credential set is in use: the refreshable OAuth set or a static access token. */
  credentials?: "oauth" | "accessToken";
  /** The `cliq:profiles` entry the call used, if any: its settings are the ones to change, not the top-level ones. */
  profile?: string;
}

/** The top-level settings a hint may name; a profile's call names `cliq:profiles.<name>.<key>` instead. */
const SETTING_IN_HINT = new RegExp(`\\bcliq:(${SETTING_NAMES.join("|")})\\b`, "g");

function inProfile(hint: string, profile: string | undefined): string {
  return profile === undefined ? hint : hint.replace(SETTING_IN_HINT, `cliq:profiles.${profile}.$1`);
}

type Hint = string | ((context: HintContext) => string);

function where(context: HintContext): string {
  const target = context.target;
  return target === undefined
    ? "Cliq"
    : `Cliq at ${target.apiHost} (data center "${target.dataCenter}", accounts host ${target.accountsHost})`;
}

function unauthorized(context: HintContext): string {
  const renew =
    context.credentials === "accessToken"
      ? "set a fresh cliq:accessToken (it lives one hour; cliq:clientId, cliq:clientSecret and cliq:refreshToken " +
        "renew themselves)"
      : "renew cliq:clientId, cliq:clientSecret and cliq:refreshToken";
  return (
    `${where(context)} refused the access token. Check that cliq:dataCenter (or cliq:apiUrl) names the data ` +
    `center where the credentials were made; then ${renew} with pulumi config set --secret, and run pulumi up again.`
  );
}

const PREVIEW_FIRST =
  "Run pulumi preview to see which argument breaks a documented limit; if preview passes, report the " +
  "arguments (without secrets) as an issue of pulumi-zoho-cliq.";

/** Error code -> the next step. Codes of the spec's `x-error-codes`, the client's own codes, and Cliq's 401. */
export const ERROR_HINTS: Readonly<Record<string, Hint>> = {
  bot_creation_limit_exceeded:
    "The Cliq organization has reached its bot limit: delete bots it no longer needs (or pulumi destroy a stack " +
    "that holds some), or take an existing bot over with adoptExisting: true, then run pulumi up again.",
  bot_name_already_exists:
    "Another bot of the organization has this name (names are unique): change the Bot's name, or set " +
    "adoptExisting: true to take that bot over, then run pulumi up again.",
  invalid_inputs: `Cliq refused the request body. ${PREVIEW_FIRST}`,
  execution_url_required:
    'A webhook bot needs executionUrl: set it on the Bot, or set executionType: "deluge", then run pulumi up.',
  execution_url_not_allowed:
    'A Deluge bot takes no executionUrl: remove it from the Bot, or set executionType: "webhook" (which ' +
    "replaces the bot), then run pulumi up.",
  invalid_scope: 'Set the Bot\'s scope to "organization", "team" or "personal", then run pulumi up.',
  bot_not_found:
    "The bot does not exist in Cliq (deleted outside Pulumi, or in another data center): run pulumi refresh " +
    "to drop it from the stack and pulumi up to create it again; if it should exist, check cliq:dataCenter.",
  bot_permission_denied:
    "The Cliq user behind these credentials may not change this bot: use a refresh token of its owner or of " +
    "an organization admin (pulumi config set --secret cliq:refreshToken ...), or ask the owner to do it.",
  botmessage_sending_failed: "Cliq could not deliver the message: send it again later.",
  botmessage_no_valid_users:
    "None of the recipients is a user of the organization: check the user ids or email addresses.",
  bot_unauthorized_message_access:
    "The bot may not message these users: add it to the channel with a ChannelAssociation, or have the users " +
    "subscribe to the bot.",
  bot_message_forbidden:
    'The bot may not post here: add "send_message" to the Bot\'s channelParticipation and run pulumi up.',
  bot_alert_not_enabled: 'Calls are off for this bot: set calls: "enabled" on the Bot and run pulumi up.',
  execution_handler_create_failed:
    "A bot has one handler of each type (menu handlers: up to 5): remove the duplicate BotHandler from the " +
    "program, or set adoptExisting: true to take the existing handler over, then run pulumi up.",
  execution_handler_data_required:
    "The handler lacks what its bot needs: a Deluge bot's handlers take script, a webhook bot's take " +
    "permissions, and a menu_handler also needs name. Set it on the BotHandler and run pulumi up.",
  execution_handler_data_invalid:
    "Give script for a handler of a Deluge bot or permissions for one of a webhook bot (not both), with " +
    `permissions from the handler type's row. ${PREVIEW_FIRST}`,
  execution_handler_update_failed:
    "Cliq could not update the handler: run pulumi refresh to see what Cliq holds, then pulumi up again.",
  execution_handler_not_found:
    "The handler does not exist in Cliq (removed outside Pulumi, or its bot is gone): run pulumi refresh to " +
    "drop it from the stack and pulumi up to create it again.",
  execution_handler_get_failed: "Cliq could not read the handler: run pulumi refresh again later.",
  execution_handler_delete_failed:
    "Cliq could not delete the handler: run pulumi destroy (or pulumi up) again later; if it persists, delete " +
    "it in Cliq and run pulumi refresh.",
  default_handler_delete_not_allowed:
    "Cliq never deletes a default handler; it goes away with its bot. Remove the BotHandler from the program: " +
    "destroy then leaves the handler on the bot with a warning.",
  bot_already_member:
    "The bot is already a member of the channel; a ChannelAssociation takes such a membership over, so run " +
    "pulumi up again.",
  request_limit_exceeded:
    "Cliq locked this operation for longer than cliq:maxThrottleWaitSeconds allows (lock periods are 5 to 30 " +
    "minutes, shared by every run with the same Cliq user): run pulumi up again after the lock, or raise " +
    "cliq:maxThrottleWaitSeconds.",
  unauthorized,
  oauthtoken_invalid: unauthorized,
  // One wording per OAuth refusal, shared with the client's own message (which then gets no second copy).
  oauth_invalid_client: (context) => OAUTH_ADVICE.oauth_invalid_client(context.target?.accountsHost),
  oauth_invalid_refresh_token: (context) =>
    OAUTH_ADVICE.oauth_invalid_refresh_token(context.target?.accountsHost),
  oauth_mint_limit_exceeded: () => OAUTH_ADVICE.oauth_mint_limit_exceeded(),
  oauth_error: () => OAUTH_ADVICE.oauth_error(),
  network_error: (context) =>
    `${where(context)} could not be reached: check the network or proxy, and cliq:dataCenter or cliq:apiUrl, ` +
    "then run pulumi up again (a create whose answer was lost is looked up first, never made twice).",
  timeout: (context) =>
    `${where(context)} did not answer in time: run pulumi up again (a create whose answer was lost is looked ` +
    "up first, never made twice).",
  invalid_response:
    "Cliq answered with a body this package does not expect: run pulumi refresh to see what Cliq holds, and " +
    "report the message as an issue of pulumi-zoho-cliq.",
  cancelled:
    "The call stopped before sending its request, and Cliq holds nothing of it (an earlier attempt, if any, was " +
    "looked up and had made nothing): run pulumi up again when you want the change (Cliq's rate-limit lock, if " +
    "any, may still hold for a few minutes).",
  invalid_request:
    "The package built a request the API does not allow: report it, with the arguments used (without " +
    "secrets), as an issue of pulumi-zoho-cliq.",
};

/** Hints for answers that carry no code of their own, by HTTP status. */
const STATUS_HINTS: Readonly<Record<number, Hint>> = {
  401: unauthorized,
  403:
    "The Cliq user behind these credentials lacks a permission, or the refresh token lacks an OAuth scope: make " +
    "a new refresh token with the scopes the README lists and set cliq:refreshToken.",
  404: (context) =>
    `${where(context)} does not know this URL: check cliq:apiUrl (it ends in /api/v3) and cliq:dataCenter.`,
};

/** The next step for a failure with this status and code, or undefined when there is nothing to add. */
export function hintFor(
  failure: { status?: number; code?: string },
  context: HintContext = {},
): string | undefined {
  const byCode = failure.code === undefined ? undefined : ERROR_HINTS[failure.code];
  const hint =
    byCode ??
    (failure.status === undefined
      ? undefined
      : failure.status >= 500
        ? "Cliq failed on its side: run pulumi up again later."
        : STATUS_HINTS[failure.status]);
  const text = typeof hint === "function" ? hint(context) : hint;
  return text === undefined ? undefined : inProfile(text, context.profile);
}

/**
 * Appends the hint to a failure of the Cliq client (other errors pass untouched). The error object itself is
 * kept, so its class, code and predicates still work for whoever catches it.
 */
export function withHint(error: unknown, context: HintContext): unknown {
  if (!isCliqApiError(error)) return error;
  const hint = hintFor(error, context);
  if (hint !== undefined && !error.message.includes(hint)) error.message = `${error.message}\n${hint}`;
  return error;
}

/**
 * Where the configuration of `pulumi refresh` and `pulumi destroy` comes from, and the way out. Unless the program
 * runs, the engine configures a provider from the state. What the state holds differs: the dynamic resources'
 * provider is recorded by every `up` that reaches it, a failed one included, while the plugin refuses a bad
 * setting at CheckConfig, before anything is recorded, so its state keeps the last configuration an `up` accepted.
 */
export function recordedConfigNote(host: "dynamic" | "plugin"): string {
  const recorded =
    host === "dynamic"
      ? "by the last `pulumi up` (a failed one records it too)"
      : "by the last `pulumi up` that accepted it";
  return (
    `Unless run with --run-program, pulumi refresh and pulumi destroy use the configuration recorded in the ` +
    `stack's state ${recorded}, not the current stack config. If \`pulumi config\` now holds the right ` +
    "settings, run `pulumi up` to record them, or `pulumi refresh --run-program` to refresh with them."
  );
}

/** A refused setting met where the configuration may be the recorded one, with the note saying so (same object). */
export function withRecordedConfigNote(error: unknown, host: "dynamic" | "plugin"): unknown {
  const note = recordedConfigNote(host);
  if (error instanceof CliqConfigError && !error.message.includes(note))
    error.message = `${error.message}\n${note}`;
  return error;
}
