/**
 * The pipeline of a `CliqClient` call: validate the request against the endpoint's schema, wait for the
 * operation's rate limiter, attach the access token, send, then decide: parse the answer, wait out a throttle
 * lock, re-mint a refused token once, retry what is safe to retry, or throw a `CliqApiError`.
 */
import type { AxiosInstance } from "axios";
import { AsyncLocalStorage } from "node:async_hooks";
import type { z } from "zod";
import { OPERATIONS, type OperationId } from "../../cliq-api/operations";
import { resolveClientSettings, type ClientSettings } from "../config/settings";
import { apiHostOf, type HostContext } from "./api-host";
import type { CliqClientOptions, CliqLogger } from "./options";
import {
  cancelledFailure,
  lockWaitFailure,
  codeOf,
  failureText,
  finalFailure,
  outcomeOf,
  parseAnswer,
  type CallContext,
  type Prepared,
  type Sent,
} from "./outcome";
import { waitSignal } from "./cancel";
import { LockWaitTooLong, WaitCancelled } from "./limiter";
import { announces, currentWaitReporter, limitText, retryWaitText, slotWaitListener } from "./progress";
import { redactText } from "./redact";
import { prepareRequest, type CallRequest } from "./request";
import {
  afterStep,
  classifyNetworkFailure,
  isNewLock,
  nextStep,
  retryPolicy,
  sleep,
  type AttemptHistory,
  type AttemptLimits,
  type AttemptOutcome,
  type NextStep,
  type RetryPolicy,
} from "./retry";
import type { EndpointSchemas } from "./schemas";
import { createClientState, createHttp, type ClientState } from "./state";

/** What the loop carries out itself: every step but the two that end the call. */
type Continuation = Exclude<NextStep, { action: "ok" } | { action: "fail" }>;

const NO_SILENT_LOGGER: CliqLogger = { warn: (message) => console.warn(`warning: ${message}`) };

/**
 * The one pipeline every call of a `CliqClient` goes through (see the module comment); the endpoint methods
 * live in client.ts and reach it through `call`.
 */
export abstract class CliqPipeline implements HostContext {
  readonly apiUrl: string;
  readonly accountsUrl: string;
  /** Origin of the API base: what resources record as `apiHost`. */
  readonly apiHost: string;
  /** Hosts the user declared moved away from (`movedFrom`); objects recorded there are served from here. */
  readonly movedFromHosts: readonly string[];
  /** The `cliq:profiles` entry the client's settings come from (undefined: the top-level keys). */
  readonly profile: string | undefined;
  /** Attempts and backoff of every call; loops built on the client (ambiguous creates) use the same. */
  readonly retryPolicy: RetryPolicy;
  private readonly http: AxiosInstance;
  private readonly state: ClientState;
  private readonly timeScale: number;
  private readonly maxThrottleWaitSeconds: number;
  private readonly requestTimeoutMs: number;
  private logger: CliqLogger;

  /**
   * `state` is shared with other clients of the same endpoints and credentials (fresh when omitted);
   * `settings` are the options already resolved (`getSharedClient` resolves them once for both).
   * Throws `CliqConfigError` for a setting that is missing or invalid.
   */
  constructor(
    options: CliqClientOptions,
    state?: ClientState,
    settings: ClientSettings = resolveClientSettings(options),
  ) {
    const { endpoints, limits } = settings;
    this.apiUrl = endpoints.apiUrl;
    this.accountsUrl = endpoints.accountsUrl;
    this.apiHost = apiHostOf(this.apiUrl);
    this.movedFromHosts = settings.movedFromHosts;
    this.profile = settings.profile;
    this.timeScale = limits.timeScale;
    this.maxThrottleWaitSeconds = limits.maxThrottleWaitSeconds;
    this.retryPolicy = retryPolicy(limits.maxAttempts, limits.timeScale, options.random);
    this.requestTimeoutMs = limits.requestTimeoutMs;
    this.logger = options.logger ?? NO_SILENT_LOGGER;
    this.http = createHttp(options, limits.requestTimeoutMs, this.apiUrl);
    this.state = state ?? createClientState(settings, options);
    // Options hold credentials; make sure no enumerable field of the client does.
    Object.defineProperty(this, "state", { enumerable: false });
    Object.defineProperty(this, "http", { enumerable: false });
  }

  /** Where waits and retries are reported (the shared client takes the latest caller's logger). */
  setLogger(logger: CliqLogger | undefined): void {
    this.logger = logger ?? NO_SILENT_LOGGER;
  }

  // ---------- the pipeline ----------

  /** Every log line passes here: scrubbed like error messages, since a failure's text may quote a request. */
  private report(level: "warn" | "info", message: string): void {
    const line = redactText(message, this.state.tokens.secrets());
    if (level === "warn") this.logger.warn(line);
    else this.logger.info?.(line);
  }

  /**
   * Says why the call waits: to the call's reporter (the resource being worked on), else to the logger. Scrubbed
   * like every other line.
   */
  private announce(message: string): void {
    const line = redactText(message, this.state.tokens.secrets());
    const reporter = currentWaitReporter();
    if (reporter) reporter(line);
    else (this.logger.progress ?? this.logger.info)?.call(this.logger, line);
  }

  /** Validates the request against the endpoint's schema; throws `invalid_request` and sends nothing. */
  private prepare(operationId: OperationId, request: CallRequest): Prepared {
    return prepareRequest(operationId, request, this.state.tokens.secrets());
  }

  /**
   * One attempt: a rate-limit slot, a token, the request. Only a token failure or a cancelled wait throws.
   * `quiet`: the wait for the slot was already announced (the call met the lock it waits out).
   */
  private async send(operationId: OperationId, prepared: Prepared, quiet = false): Promise<Sent> {
    const limiter = this.state.limiters.for(operationId);
    // The limiter asks from whichever call or timer moved its queue: the announcement runs in this call's async
    // context, where its reporter (or the plugin's URN, for the logger) is.
    const say = AsyncLocalStorage.bind((line: string) => this.announce(line));
    const onWait = quiet ? undefined : slotWaitListener(operationId, this.timeScale, say);
    // A lock longer than the throttle-wait budget (another process met it) fails the call, as its own would.
    const maxLockWaitMs = this.maxThrottleWaitSeconds * 1000 * this.timeScale;
    const release = await limiter.acquire(waitSignal(), onWait, maxLockWaitMs).catch((error: unknown) => {
      if (error instanceof WaitCancelled) throw cancelledFailure(this.context(operationId, prepared), error);
      if (error instanceof LockWaitTooLong) throw lockWaitFailure(this.context(operationId, prepared), error);
      throw error;
    });
    let token: string;
    try {
      token = await this.state.tokens.getToken();
    } catch (error) {
      release();
      throw error;
    }
    try {
      const response = await this.http.request({
        method: OPERATIONS[operationId].method,
        url: prepared.url,
        data: prepared.body,
        headers: {
          Authorization: `Zoho-oauthtoken ${token}`,
          ...(prepared.body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
      });
      return { token, response };
    } catch (error) {
      return {
        token,
        error,
        failure: classifyNetworkFailure(error as { code?: unknown; message?: unknown }),
      };
    } finally {
      release();
    }
  }

  /**
   * The pipeline: prepare once, then send and do what `nextStep` decides until it answers `ok` or `fail`.
   * Every decision is in `retry.ts`; this loop only carries it out.
   */
  protected async call<K extends OperationId>(
    operationId: K,
    request: CallRequest,
  ): Promise<z.output<EndpointSchemas[K]["response"]>> {
    type Answer = z.output<EndpointSchemas[K]["response"]>;
    const prepared = this.prepare(operationId, request);
    const limits = this.limitsOf(operationId);
    let history: AttemptHistory = { retries: 0, throttleWaitedSeconds: 0, tokenRenewed: false };
    for (;;) {
      // After a lock was met, its wait was told with the throttle; the next slot wait would tell it again.
      const sent = await this.send(operationId, prepared, history.throttleWaitedSeconds > 0);
      const outcome = outcomeOf(sent);
      const step = nextStep(outcome, history, limits);
      if (step.action === "ok") return this.answer(operationId, prepared, sent) as Answer;
      if (step.action === "fail") {
        throw finalFailure(this.context(operationId, prepared), sent, step, history);
      }
      history = afterStep(history, step);
      await this.carryOut(step, { operationId, prepared, sent, outcome });
    }
  }

  /** The parsed body of the answer `nextStep` called ok (only an HTTP answer can be). */
  private answer(operationId: OperationId, prepared: Prepared, sent: Sent): unknown {
    if (!("response" in sent))
      throw new Error(`Cliq ${operationId}: an attempt without an answer cannot succeed`);
    return parseAnswer(this.context(operationId, prepared), sent.response);
  }

  /** The fixed facts that bound a call's retries. */
  private limitsOf(operationId: OperationId): AttemptLimits {
    const spec = OPERATIONS[operationId];
    return {
      method: spec.method,
      maxAttempts: this.retryPolicy.maxAttempts,
      maxThrottleWaitSeconds: this.maxThrottleWaitSeconds,
      lockSeconds: spec.rateLimit.lockSeconds,
      refreshable: this.state.tokens.refreshable,
    };
  }

  /** Does one step that lets the call go on: lock the operation and wait, drop the refused token, or back off. */
  private async carryOut(
    step: Continuation,
    attempt: { operationId: OperationId; prepared: Prepared; sent: Sent; outcome: AttemptOutcome },
  ): Promise<void> {
    const { operationId, prepared, sent, outcome } = attempt;
    switch (step.action) {
      case "wait_out_lock":
        // The lock makes the next `acquire` of every call of the operation wait, this one's included.
        this.waitOutLock(operationId, outcome, step.lockSeconds);
        return;
      case "renew_token":
        this.state.tokens.invalidate(sent.token);
        this.report("info", `Cliq refused the access token (${codeOf(outcome)}); minting a new one`);
        return;
      case "back_off": {
        const what = `Cliq ${operationId} (${OPERATIONS[operationId].method} ${prepared.path})`;
        const of = this.retryPolicy.maxAttempts - 1;
        const delayMs = this.retryPolicy.delayMs(step.retry);
        if (announces(delayMs))
          this.announce(retryWaitText(what, failureText(sent), delayMs, step.retry, of));
        else this.report("info", `${what}: ${failureText(sent)}; retrying (${step.retry}/${of})`);
        await sleep(delayMs);
        return;
      }
    }
  }

  private context(operationId: OperationId, prepared: Prepared): CallContext {
    return {
      operationId,
      prepared,
      secrets: this.state.tokens.secrets(),
      refreshable: this.state.tokens.refreshable,
      requestTimeoutMs: this.requestTimeoutMs,
      maxThrottleWaitSeconds: this.maxThrottleWaitSeconds,
    };
  }

  /**
   * Locks the operation's limiter for the lock period, so this call and every other one of the operation wait.
   * Only the answer that starts a lock warns: the others refused by the same lock report at info level.
   */
  private waitOutLock(operationId: OperationId, outcome: AttemptOutcome, lockSeconds: number): void {
    const limiter = this.state.limiters.for(operationId);
    const now = Date.now();
    const fresh = isNewLock(limiter.lockedUntilMs, now);
    const waitMs = lockSeconds * 1000 * this.timeScale;
    limiter.lockUntil(now + waitMs);
    const status = outcome.kind === "answer" ? outcome.status : 0;
    const code = codeOf(outcome);
    const wall =
      this.timeScale === 1
        ? ""
        : ` (${(waitMs / 1000).toFixed(3)} s of wall time at time scale ${this.timeScale})`;
    const message = fresh
      ? `Cliq rate limit: ${operationId} was throttled (HTTP ${status}${code ? ` ${code}` : ""}); waiting ` +
        `${lockSeconds} s for its lock period to end before retrying${wall} (${limitText(operationId)})`
      : `Cliq rate limit: another ${operationId} request was refused by the same lock; it waits too`;
    // Where the call has a reporter (a dynamic resource, whose lines must name it), the lock is told there.
    if (fresh && currentWaitReporter()) this.announce(message);
    else this.report(fresh ? "warn" : "info", message);
  }
}
