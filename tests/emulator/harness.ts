/**
 * Drives a real emulator over HTTP on loopback (Node's fetch). Every API response is checked against the
 * spec's declared schema for its operation and status (`responseProblems`), so any test using the harness is
 * also a conformance test; a mismatch fails the request.
 */
import { OPERATIONS, type OperationId } from "../../cliq-api/operations";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { responseProblems, type Json } from "../spec/spec-support";

export interface ApiResult {
  status: number;
  body: Json;
  text: string;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Raw request body text (overrides `body`). */
  rawBody?: string;
  /** Token to send; null sends no Authorization header. Default: the harness token. */
  token?: string | null;
  authScheme?: "Zoho-oauthtoken" | "Bearer";
}

export class Harness {
  /** Error codes seen in API responses, for coverage checks. */
  readonly codesSeen = new Set<string>();

  private constructor(
    readonly emulator: RunningEmulator,
    readonly token: string,
  ) {}

  static async start(options: EmulatorOptions = {}, token = "test-token"): Promise<Harness> {
    const emulator = await startEmulator({ tokens: [token], ...options });
    return new Harness(emulator, token);
  }

  close(): Promise<void> {
    return this.emulator.close();
  }

  /** Calls an operation by its spec id, filling the path's {PARAMS}; validates the answer against the spec. */
  async call(operationId: OperationId, options: CallOptions = {}): Promise<ApiResult> {
    const { method, path } = OPERATIONS[operationId];
    const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const value = options.params?.[name];
      if (value === undefined) throw new Error(`missing path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const result = await this.raw(method, `/api/v3${filled}`, options);
    const problems = responseProblems(operationId, result.status, result.body);
    if (problems.length > 0) {
      throw new Error(`response does not conform to the spec: ${problems.join("; ")}\nbody: ${result.text}`);
    }
    if (result.status >= 400 && typeof result.body?.code === "string") this.codesSeen.add(result.body.code);
    return result;
  }

  /** A request to any path of the emulator, without spec validation. */
  async raw(method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
    const url = new URL(`${this.emulator.url}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers.Authorization = `${options.authScheme ?? "Zoho-oauthtoken"} ${token}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text), text };
  }

  async control(method: string, path: string, body?: unknown): Promise<ApiResult> {
    const response = await fetch(`${this.emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text), text };
  }

  reset(): Promise<ApiResult> {
    return this.control("POST", "/reset");
  }

  /** Creates a bot and returns its response data (fails the test on anything but 200). */
  async createBot(body: Record<string, unknown>): Promise<Json> {
    const result = await this.call("create_a_new_bot", { body });
    if (result.status !== 200) throw new Error(`create bot failed: ${result.text}`);
    return result.body.data;
  }

  async createDelugeBot(name: string, extra: Record<string, unknown> = {}): Promise<Json> {
    return this.createBot({ name, description: `${name} description`, ...extra });
  }

  async createWebhookBot(name: string, extra: Record<string, unknown> = {}): Promise<Json> {
    return this.createBot({
      name,
      description: `${name} description`,
      execution_type: "webhook",
      execution_url: "https://hooks.example.com/cliq",
      ...extra,
    });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One emulator for the enclosing describe block: started in before(), reset before each test, closed in
 * after(). The harness exists only once before() has run, so what is returned forwards to it.
 */
export function sharedHarness(options: EmulatorOptions = {}): Harness {
  let started: Harness | undefined;
  const current = (): Harness => {
    if (!started) throw new Error("the shared harness was used before its before() hook ran");
    return started;
  };
  before(async () => {
    started = await Harness.start(options);
  });
  after(() => started?.close());
  beforeEach(() => current().reset());
  return new Proxy({} as Harness, {
    get: (_target, key) => {
      const value: unknown = Reflect.get(current(), key);
      return typeof value === "function" ? value.bind(current()) : value;
    },
  });
}
