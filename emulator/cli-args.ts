import { HANDLER_TYPES, type HandlerType } from "../cliq-api/operations";
import type { EmulatorOptions, OAuthClient } from "./options";

export const USAGE = `Usage: cliq-emulator [options]

A local Zoho Cliq Bots API v3 emulator (API under /api/v3, OAuth at /oauth/v2/token, control at /_emulator).

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
  --help                    print this help and exit
`;

export type CliCommand = { kind: "help" } | { kind: "run"; options: EmulatorOptions };

function numberArg(flag: string, value: string | undefined, check: (n: number) => boolean): number {
  const n = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isFinite(n) || !check(n)) {
    throw new Error(
      `${flag} needs a valid number (got ${value === undefined ? "nothing" : JSON.stringify(value)})`,
    );
  }
  return n;
}

/** Parses the command line (without `node` and the script). Throws with a readable message on bad input. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const options: EmulatorOptions = {};
  const tokens: string[] = [];
  const clients: OAuthClient[] = [];
  const defaults: HandlerType[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        return { kind: "help" };
      case "--port":
        options.port = numberArg(flag, value(), (n) => Number.isInteger(n) && n >= 0 && n < 65536);
        break;
      case "--host":
        options.host = value();
        break;
      case "--token":
        tokens.push(value());
        break;
      case "--oauth-client": {
        const parts = value().split(":");
        if (parts.length !== 3 || parts.some((p) => p === "")) {
          throw new Error("--oauth-client needs id:secret:refreshToken");
        }
        const [clientId, clientSecret, refreshToken] = parts;
        const existing = clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
        if (existing) existing.refreshTokens.push(refreshToken);
        else clients.push({ clientId, clientSecret, refreshTokens: [refreshToken] });
        break;
      }
      case "--token-ttl":
        options.accessTokenTtlSeconds = numberArg(flag, value(), (n) => n > 0);
        break;
      case "--state":
        options.statePath = value();
        break;
      case "--time-scale":
        options.timeScale = numberArg(flag, value(), (n) => n > 0);
        break;
      case "--default-handler": {
        const type = value();
        if (!(HANDLER_TYPES as readonly string[]).includes(type)) {
          throw new Error(`--default-handler must be one of ${HANDLER_TYPES.join(", ")}`);
        }
        defaults.push(type as HandlerType);
        break;
      }
      case "--throttle-style": {
        const style = value();
        if (style !== "429" && style !== "400") throw new Error("--throttle-style must be 429 or 400");
        options.throttleStyle = style;
        break;
      }
      case "--no-rate-limits":
        options.rateLimits = false;
        break;
      case "--bot-limit":
        options.botLimit = numberArg(flag, value(), (n) => Number.isInteger(n) && n >= 0);
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  if (tokens.length > 0) options.tokens = tokens;
  if (clients.length > 0) options.oauthClients = clients;
  if (defaults.length > 0) options.defaultHandlerTypes = defaults;
  return { kind: "run", options };
}
