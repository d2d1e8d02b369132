import { HANDLER_TYPES, type HandlerType } from "../cliq-api/operations";
import type { EmulatorOptions, OAuthClient } from "./options";

export const USAGE = `Usage: cliq-emulator [options]

A local Zoho Cliq Bots API v3 emulator (API under /api/v3, OAuth at /oauth/v2/token, control at /_emulator).
Without --token or --oauth-client it accepts no credential: every API request is refused (401).

Options:
  --port N                  TCP port to listen on (default 0: pick a free port)
  --host H                  interface to bind (default 127.0.0.1)
  --token T                 accept access token T (repeatable)
  --oauth-client id:secret:refreshToken
                            an OAuth client and one of its refresh tokens (repeatable; same id adds tokens)
  --token-ttl SECONDS       lifetime reported for minted access tokens (default 3600)
  --state FILE              persist state to FILE (JSON, written atomically, reloaded on start)
  --time-scale N            multiply rate windows, locks, token lifetime and the OAuth mint window by N
                            (default 1; 0.001 makes a 60 s window last 60 ms)
  --default-handler TYPE    make handler TYPE undeletable (repeatable; one of ${HANDLER_TYPES.join(", ")})
  --throttle-style 429|400  answer throttling with HTTP 429 (default) or HTTP 400 request_limit_exceeded
  --no-rate-limits          do not enforce x-rate-limit thresholds
  --bot-limit N             maximum number of bots (bot_creation_limit_exceeded beyond it)
  --version, -v             print the version and exit
  --help, -h                print this help and exit

Examples:
  # an access token; point pulumi-zoho-cliq at the emulator through the environment
  cliq-emulator --port 8787 --token dev-token
  CLIQ_API_URL=http://127.0.0.1:8787/api/v3 CLIQ_ACCESS_TOKEN=dev-token pulumi preview

  # OAuth as in production: the provider mints its access token from the emulator
  cliq-emulator --port 8787 --oauth-client 1000.CLIENT:secret:refresh
  CLIQ_API_URL=http://127.0.0.1:8787/api/v3 CLIQ_ACCOUNTS_URL=http://127.0.0.1:8787 \\
    CLIQ_CLIENT_ID=1000.CLIENT CLIQ_CLIENT_SECRET=secret CLIQ_REFRESH_TOKEN=refresh pulumi up

  # or per stack: pulumi config set cliq:apiUrl http://127.0.0.1:8787/api/v3
  #               pulumi config set --secret cliq:accessToken dev-token

  # tests: state kept across restarts, rate-limit windows and locks 1000 times shorter
  cliq-emulator --token T --state .cliq-state.json --time-scale 0.001
`;

export type CliCommand = { kind: "help" } | { kind: "version" } | { kind: "run"; options: EmulatorOptions };

function numberArg(flag: string, value: string | undefined, check: (n: number) => boolean): number {
  const n = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isFinite(n) || !check(n)) {
    throw new Error(
      `${flag} needs a valid number (got ${value === undefined ? "nothing" : JSON.stringify(value)})`,
    );
  }
  return n;
}

/** What the options seen so far add up to. */
interface ParsedArgs {
  options: EmulatorOptions;
  tokens: string[];
  clients: OAuthClient[];
  defaults: HandlerType[];
}

/** Handles one option; `value()` takes its value (inline `--flag=value` or the next argument). */
type OptionHandler = (parsed: ParsedArgs, value: () => string, flag: string) => CliCommand | void;

function addOAuthClient(clients: OAuthClient[], spec: string): void {
  const parts = spec.split(":");
  if (parts.length !== 3 || parts.some((p) => p === "")) {
    throw new Error("--oauth-client needs id:secret:refreshToken");
  }
  const [clientId, clientSecret, refreshToken] = parts;
  const existing = clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
  if (existing) existing.refreshTokens.push(refreshToken);
  else clients.push({ clientId, clientSecret, refreshTokens: [refreshToken] });
}

function handlerTypeArg(type: string): HandlerType {
  if (!(HANDLER_TYPES as readonly string[]).includes(type)) {
    throw new Error(`--default-handler must be one of ${HANDLER_TYPES.join(", ")}`);
  }
  return type as HandlerType;
}

function throttleStyleArg(style: string): "429" | "400" {
  if (style !== "429" && style !== "400") throw new Error("--throttle-style must be 429 or 400");
  return style;
}

const help: OptionHandler = () => ({ kind: "help" });
const version: OptionHandler = () => ({ kind: "version" });

const OPTION_HANDLERS = new Map<string, OptionHandler>([
  ["--help", help],
  ["-h", help],
  ["--version", version],
  ["-v", version],
  [
    "--port",
    ({ options }, value, flag) => {
      options.port = numberArg(flag, value(), (n) => Number.isInteger(n) && n >= 0 && n < 65536);
    },
  ],
  ["--host", ({ options }, value) => void (options.host = value())],
  ["--token", ({ tokens }, value) => void tokens.push(value())],
  ["--oauth-client", ({ clients }, value) => addOAuthClient(clients, value())],
  [
    "--token-ttl",
    ({ options }, value, flag) =>
      void (options.accessTokenTtlSeconds = numberArg(flag, value(), (n) => n > 0)),
  ],
  ["--state", ({ options }, value) => void (options.statePath = value())],
  [
    "--time-scale",
    ({ options }, value, flag) => void (options.timeScale = numberArg(flag, value(), (n) => n > 0)),
  ],
  ["--default-handler", ({ defaults }, value) => void defaults.push(handlerTypeArg(value()))],
  ["--throttle-style", ({ options }, value) => void (options.throttleStyle = throttleStyleArg(value()))],
  ["--no-rate-limits", ({ options }) => void (options.rateLimits = false)],
  [
    "--bot-limit",
    ({ options }, value, flag) =>
      void (options.botLimit = numberArg(flag, value(), (n) => Number.isInteger(n) && n >= 0)),
  ],
]);

/** Splits `--flag=value` into its flag and inline value; anything else is a flag without one. */
function splitInline(arg: string): [string, string | undefined] {
  if (!(arg.startsWith("--") && arg.includes("="))) return [arg, undefined];
  const [flag, inline] = arg.split(/=(.*)/s, 2);
  return [flag, inline];
}

function runCommand({ options, tokens, clients, defaults }: ParsedArgs): CliCommand {
  if (tokens.length > 0) options.tokens = tokens;
  if (clients.length > 0) options.oauthClients = clients;
  if (defaults.length > 0) options.defaultHandlerTypes = defaults;
  return { kind: "run", options };
}

/** Parses the command line (without `node` and the script). Throws with a readable message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const parsed: ParsedArgs = { options: {}, tokens: [], clients: [], defaults: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = splitInline(arg);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const handler = OPTION_HANDLERS.get(flag);
    if (!handler) throw new Error(`unknown option ${arg} (see --help)`);
    const command = handler(parsed, value, flag);
    if (command) return command;
  }
  return runCommand(parsed);
}

/**
 * Warnings for a start that cannot serve the provider. Without any accepted credential every API request is
 * answered 401 `oauthtoken_invalid`, which looks like a provider or credential bug from the Pulumi side, so
 * the emulator says so on stderr when it starts instead of refusing silently.
 */
export function startupWarnings(options: EmulatorOptions): string[] {
  if ((options.tokens?.length ?? 0) > 0 || (options.oauthClients?.length ?? 0) > 0) return [];
  return [
    "warning: started without --token or --oauth-client: no credential is accepted, so every API request " +
      "will be refused with 401 oauthtoken_invalid. Start it with --token T and set CLIQ_ACCESS_TOKEN=T " +
      "(see --help).",
  ];
}
