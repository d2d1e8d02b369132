import * as path from "path";
import { EmulatorControl, type RunningEmulator, type StateDump } from "../../emulator";
import {
  Credentials,
  createPackedProject,
  findCredentialLeaks,
  makeTempDirRemovedAtExit,
  PulumiProject,
  ScannedText,
  SecretLeak,
} from "../../engine-stand-in";

export { stateTexts } from "../../engine-stand-in";

export const repoRoot = path.resolve(__dirname, "..", "..");

/**
 * Distinctive credential values: any of them (or an access token the emulator minted from them) showing up in
 * state or in anything the host printed is a leak.
 */
export const SECRETS = {
  clientId: "1000.ENGINETESTCLIENT00000000000000",
  clientSecret: "cs-7f3a9e1b4d2c-engine-client-secret",
  refreshToken: "1000.rt5c8d2f4a9e7b.engine-refresh-token",
  staticAccessToken: "1000.at9b1e6c3d5f08.engine-static-access-token",
} as const;

export const oauthCredentials: Credentials = {
  clientId: SECRETS.clientId,
  clientSecret: SECRETS.clientSecret,
  refreshToken: SECRETS.refreshToken,
};
export const accessTokenCredentials: Credentials = { accessToken: SECRETS.staticAccessToken };

/** What the emulator needs to accept both credential sets. */
export const emulatorCredentials = {
  tokens: [SECRETS.staticAccessToken],
  oauthClients: [
    { clientId: SECRETS.clientId, clientSecret: SECRETS.clientSecret, refreshTokens: [SECRETS.refreshToken] },
  ],
};

/** Leaks of any of the suite's credentials, or of any access token the emulator minted, in the given texts. */
export function scanForSecrets(texts: ScannedText[]): SecretLeak[] {
  return findCredentialLeaks(texts, [
    { label: "client secret", value: SECRETS.clientSecret },
    { label: "refresh token", value: SECRETS.refreshToken },
    { label: "access token", value: SECRETS.staticAccessToken },
  ]);
}

interface Projects {
  tarball: string;
  /** Where `pulumi up` runs. */
  main: PulumiProject;
  root: string;
}

let shared: Promise<Projects> | undefined;

/**
 * One Pulumi project for the whole engine suite: the built repository packed with `npm pack` and installed from the
 * tarball with the pinned @pulumi/pulumi, as a user's project would have it. Removed when the process exits.
 */
export function engineProject(): Promise<Projects> {
  shared ??= (async () => {
    const root = makeTempDirRemovedAtExit("cliq-engine-");
    const main = await createPackedProject({
      repoRoot,
      dir: path.join(root, "up-machine"),
      name: "cliq-engine-test",
    });
    return { tarball: main.tarball, main, root };
  })();
  return shared;
}

let second: Promise<PulumiProject> | undefined;

/** A second project directory, standing for another machine that has only the stack's state. */
export function otherMachineProject(): Promise<PulumiProject> {
  second ??= engineProject().then(({ root, tarball }) =>
    createPackedProject({
      repoRoot,
      dir: path.join(root, "other-machine"),
      name: "cliq-engine-test",
      tarball,
    }),
  );
  return second;
}

/** GET a control-surface document of the emulator. */
export function emulatorGet<T>(emulator: RunningEmulator, what: "state" | "requests"): Promise<T> {
  return new EmulatorControl(emulator.url).send("GET", `/${what}`) as Promise<T>;
}

export function clearRequestLog(emulator: RunningEmulator): Promise<void> {
  return new EmulatorControl(emulator.url).clearRequests();
}

/** What `GET /_emulator/state` answers. */
export type EmulatorState = StateDump;

export interface EmulatorRequests {
  requests: { method: string; path: string; operationId?: string; status: number }[];
}

/** A call to the Cliq API itself (not the control surface), as a person editing in Cliq's UI would cause. */
export async function cliqApi(
  emulator: RunningEmulator,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<number> {
  const response = await fetch(`${emulator.apiUrl}${apiPath}`, {
    method,
    headers: {
      Authorization: `Zoho-oauthtoken ${SECRETS.staticAccessToken}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  return response.status;
}
