import * as fs from "fs";
import * as path from "path";
import { MiniEngine, StackConfig } from "./engine";
import { FakeEngine, startFakeEngine } from "./fake-engine";
import { ProviderHost } from "./host";
import {
  createPulumiProject,
  PulumiProject,
  packRepo,
  testedPulumiVersion,
  transpileTypeScript,
} from "./project";
import { qualifyConfigKey } from "./wire";

/** The examples' project name (root Pulumi.yaml). */
export const EXAMPLES_PROJECT = "pulumi-zoho-cliq-examples";

/** OAuth self-client credentials (a refresh token minting access tokens), or a fixed access token. */
export type Credentials =
  { clientId: string; clientSecret: string; refreshToken: string } | { accessToken: string };

/**
 * Stack configuration pointing the provider at an emulator (or any Cliq-compatible endpoint), with credentials
 * marked secret exactly as `pulumi config set --secret` would have them.
 */
export function cliqStackConfig(
  project: string,
  endpoint: { apiUrl: string; accountsUrl: string },
  credentials: Credentials,
  programValues: Record<string, string> = {},
): StackConfig {
  const values: Record<string, string> = {
    "cliq:apiUrl": endpoint.apiUrl,
    "cliq:accountsUrl": endpoint.accountsUrl,
  };
  const secretKeys: string[] = [];
  if ("accessToken" in credentials) {
    values["cliq:accessToken"] = credentials.accessToken;
    secretKeys.push("cliq:accessToken");
  } else {
    values["cliq:clientId"] = credentials.clientId;
    values["cliq:clientSecret"] = credentials.clientSecret;
    values["cliq:refreshToken"] = credentials.refreshToken;
    secretKeys.push("cliq:clientSecret", "cliq:refreshToken");
  }
  for (const [key, value] of Object.entries(programValues)) values[qualifyConfigKey(project, key)] = value;
  return { values, secretKeys };
}

/**
 * The plain (non-secret) values of a stack file such as Pulumi.dev.yaml, as the program sees them: strings stay
 * strings, structured values become JSON (what `pulumi.Config.getObject` parses). Secure values are left out.
 */
export function readStackFileValues(repoRoot: string, stack: string): Record<string, string> {
  const YAML: typeof import("yaml") = require("yaml");
  const parsed = YAML.parse(fs.readFileSync(path.join(repoRoot, `Pulumi.${stack}.yaml`), "utf8")) as {
    config?: Record<string, unknown>;
  };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.config ?? {})) {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && "secure" in value) continue;
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

/**
 * Splits a stack file's values into what the program reads from its own namespace (returned with bare keys, so
 * they can be qualified with whatever the project is called) and everything else (`cliq:*`), as given.
 */
export function programAndProviderValues(
  values: Record<string, string>,
  project: string,
): { program: Record<string, string>; provider: Record<string, string> } {
  const program: Record<string, string> = {};
  const provider: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith(`${project}:`)) program[key.slice(project.length + 1)] = value;
    else provider[key] = value;
  }
  return { program, provider };
}

/** Packs the repository and installs the tarball into a new Pulumi project directory (about 10 s from the cache). */
export async function createPackedProject(options: {
  repoRoot: string;
  dir: string;
  name: string;
  tarball?: string;
}): Promise<PulumiProject & { tarball: string }> {
  const tarball =
    options.tarball ?? (await packRepo(options.repoRoot, path.join(options.dir, "..", "tarball")));
  const project = await createPulumiProject({
    dir: options.dir,
    name: options.name,
    tarball,
    pulumiVersion: testedPulumiVersion(options.repoRoot),
  });
  return { ...project, tarball };
}

/**
 * Puts a TypeScript program into the project as the nodejs runtime would run it (compiled to CommonJS), next to
 * any directory of data files it reads relative to itself. Returns the program's path relative to the project.
 */
export function installProgram(
  projectDir: string,
  sourceFile: string,
  relativeTarget: string,
  dataDirs: string[] = [],
): string {
  const target = path.join(projectDir, relativeTarget);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, transpileTypeScript(fs.readFileSync(sourceFile, "utf8"), sourceFile));
  for (const dir of dataDirs) {
    fs.cpSync(path.join(path.dirname(sourceFile), dir), path.join(path.dirname(target), dir), {
      recursive: true,
    });
  }
  return relativeTarget;
}

/** Installs examples/index.ts and its scripts/ into the project; returns the program path. */
export function installExamples(projectDir: string, repoRoot: string): string {
  return installProgram(
    projectDir,
    path.join(repoRoot, "examples", "index.ts"),
    path.join("examples", "index.js"),
    ["scripts"],
  );
}

/** A stack being deployed: a fake engine for logs, the provider host process, and the deployment loop. */
export interface StackSession {
  engine: MiniEngine;
  host: ProviderHost;
  fakeEngine: FakeEngine;
  /** Everything that reached the user: the host's stdout/stderr and the engine Log messages. */
  printed(): string;
  close(): Promise<void>;
}

export async function openStack(
  project: PulumiProject,
  stack: string,
  config: StackConfig,
): Promise<StackSession> {
  const fakeEngine = await startFakeEngine();
  const host = await ProviderHost.start({ projectDir: project.dir, engineAddress: fakeEngine.address }).catch(
    async (err: Error) => {
      await fakeEngine.close();
      throw err;
    },
  );
  const engine = new MiniEngine(project, host, stack, config);
  return {
    engine,
    host,
    fakeEngine,
    printed: () => host.output() + fakeEngine.logs.map((l) => `${l.severity}: ${l.message}\n`).join(""),
    async close() {
      await host.stop();
      await fakeEngine.close();
    },
  };
}
