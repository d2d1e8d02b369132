/**
 * Zoho data centers and their hosts, as Zoho publishes them (the README's data-center table shows the same):
 * each has an accounts host for OAuth and a Cliq host for the API at `https://<cliq host>/api/v3`.
 */
import { CliqConfigError, describeValue } from "./errors";

export const DATA_CENTERS = {
  us: { accountsHost: "accounts.zoho.com", cliqHost: "cliq.zoho.com" },
  eu: { accountsHost: "accounts.zoho.eu", cliqHost: "cliq.zoho.eu" },
  in: { accountsHost: "accounts.zoho.in", cliqHost: "cliq.zoho.in" },
  au: { accountsHost: "accounts.zoho.com.au", cliqHost: "cliq.zoho.com.au" },
  jp: { accountsHost: "accounts.zoho.jp", cliqHost: "cliq.zoho.jp" },
  cn: { accountsHost: "accounts.zoho.com.cn", cliqHost: "cliq.zoho.com.cn" },
  ca: { accountsHost: "accounts.zohocloud.ca", cliqHost: "cliq.zohocloud.ca" },
  sa: { accountsHost: "accounts.zoho.sa", cliqHost: "cliq.zoho.sa" },
  uk: { accountsHost: "accounts.zoho.uk", cliqHost: "cliq.zoho.uk" },
} as const;

export type DataCenter = keyof typeof DATA_CENTERS;
export const DATA_CENTER_NAMES = Object.keys(DATA_CENTERS) as DataCenter[];
export const DEFAULT_DATA_CENTER: DataCenter = "us";

export interface Endpoints {
  /** Cliq API base without trailing slash, e.g. `https://cliq.zoho.com/api/v3`. */
  apiUrl: string;
  /** Accounts base without trailing slash, e.g. `https://accounts.zoho.com`. */
  accountsUrl: string;
}

export function isDataCenter(value: string): value is DataCenter {
  return Object.prototype.hasOwnProperty.call(DATA_CENTERS, value);
}

/** The default hosts of a data center. */
export function dataCenterEndpoints(dataCenter: DataCenter): Endpoints {
  const { accountsHost, cliqHost } = DATA_CENTERS[dataCenter];
  return { apiUrl: `https://${cliqHost}/api/v3`, accountsUrl: `https://${accountsHost}` };
}

/** Loopback: 127.0.0.0/8, ::1, localhost (the only hosts allowed over plain http). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const octets = host.split(".");
  return (
    octets.length === 4 &&
    octets[0] === "127" &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}

/**
 * Checks a base URL given by the setting `setting` and returns it without trailing slash. Only https is
 * accepted, except plain http to a loopback host (a local emulator): tokens must never cross a network in clear.
 */
export function validateBaseUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliqConfigError(setting, `${setting} is not a valid absolute URL`);
  }
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) {
      throw new CliqConfigError(
        setting,
        `${setting} uses plain http:// for the non-loopback host "${url.hostname}"; use https:// ` +
          `(plain http is only allowed for 127.0.0.0/8, ::1 and localhost)`,
      );
    }
  } else if (url.protocol !== "https:") {
    // Quoted only when it is plainly a scheme: "token:..." pasted here would make its first part the protocol.
    const scheme = /^[a-z][a-z0-9+.-]{0,9}:$/i.test(url.protocol) ? ` (got ${url.protocol}//)` : "";
    throw new CliqConfigError(setting, `${setting} must be an https:// URL${scheme}`);
  }
  if (url.username || url.password) {
    throw new CliqConfigError(setting, `${setting} must not contain credentials`);
  }
  if (url.search || url.hash) {
    throw new CliqConfigError(setting, `${setting} must not contain a query string or fragment`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** The origin of an API base (`https://cliq.zoho.eu/api/v3` -> `https://cliq.zoho.eu`): what objects record. */
export function apiHostOf(apiUrl: string): string {
  return new URL(apiUrl).origin;
}

/**
 * Normalises what a user wrote to declare a move (`movedFrom`): a data center name (`us`) or a URL (origin or
 * API base). Returns undefined for anything else.
 */
export function movedFromHost(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  if (isDataCenter(text)) return apiHostOf(dataCenterEndpoints(text).apiUrl);
  try {
    return apiHostOf(value.trim());
  } catch {
    return undefined;
  }
}

/** Where a client's requests go, for messages that must say so (the 401 hint names data center and host). */
export interface ApiTarget {
  /** The data center setting (default `us`); with `apiUrl` given, its hosts may not be the ones used. */
  dataCenter: DataCenter;
  /** Host (and port) of the Cliq API actually called, e.g. `cliq.zoho.eu` or `127.0.0.1:8787`. */
  apiHost: string;
  /** Host (and port) of the accounts server that mints tokens. */
  accountsHost: string;
}

/** The data center and hosts that options resolve to (explicit URLs win over the data center's hosts). */
export function apiTarget(options: {
  dataCenter?: string;
  apiUrl?: string;
  accountsUrl?: string;
}): ApiTarget {
  const { apiUrl, accountsUrl } = resolveEndpoints(options);
  return {
    dataCenter: (options.dataCenter ?? DEFAULT_DATA_CENTER) as DataCenter,
    apiHost: new URL(apiUrl).host,
    accountsHost: new URL(accountsUrl).host,
  };
}

/** The endpoints to use: explicit URLs win over the data center's hosts. */
export function resolveEndpoints(options: {
  dataCenter?: string;
  apiUrl?: string;
  accountsUrl?: string;
}): Endpoints {
  const dataCenter = options.dataCenter ?? DEFAULT_DATA_CENTER;
  if (!isDataCenter(dataCenter)) {
    throw new CliqConfigError(
      "dataCenter",
      `dataCenter is not a Zoho data center (got ${describeValue(dataCenter)}); expected one of ` +
        DATA_CENTER_NAMES.join(", "),
    );
  }
  const defaults = dataCenterEndpoints(dataCenter);
  return {
    apiUrl: validateBaseUrl(options.apiUrl ?? defaults.apiUrl, "apiUrl"),
    accountsUrl: validateBaseUrl(options.accountsUrl ?? defaults.accountsUrl, "accountsUrl"),
  };
}
