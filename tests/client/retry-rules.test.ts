import assert from "node:assert/strict";
import {
  afterStep,
  backoffDelayMs,
  isNewLock,
  needsLookup,
  nextCreateStep,
  nextStep,
  retryPolicy,
  shouldRetryMint,
  type AttemptHistory,
  type AttemptLimits,
  type AttemptOutcome,
  type CreateLookup,
  type MintFailure,
  type NextStep,
} from "../../provider/client/retry";

const FRESH: AttemptHistory = { retries: 0, throttleWaitedSeconds: 0, tokenRenewed: false };
const LIMITS: AttemptLimits = {
  method: "GET",
  maxAttempts: 4,
  maxThrottleWaitSeconds: 1800,
  lockSeconds: 300,
  refreshable: true,
};

describe("nextStep: what a call does after an attempt", () => {
  const rows: {
    when: string;
    outcome: AttemptOutcome;
    history?: Partial<AttemptHistory>;
    limits?: Partial<AttemptLimits>;
    step: NextStep;
  }[] = [
    {
      when: "a 2xx answer is the call's result",
      outcome: { kind: "answer", status: 200 },
      step: { action: "ok" },
    },
    {
      when: "a 204 answer to a DELETE is the result, whatever was spent before",
      outcome: { kind: "answer", status: 204 },
      history: { retries: 3, throttleWaitedSeconds: 1800, tokenRenewed: true },
      limits: { method: "DELETE" },
      step: { action: "ok" },
    },
    {
      when: "a GET answered 503 with attempts left backs off",
      outcome: { kind: "answer", status: 503 },
      step: { action: "back_off", retry: 1 },
    },
    {
      when: "a PATCH answered 500 on its third retry backs off a last time",
      outcome: { kind: "answer", status: 500 },
      history: { retries: 2 },
      limits: { method: "PATCH" },
      step: { action: "back_off", retry: 3 },
    },
    {
      when: "a GET answered 502 on its fourth attempt fails, not ambiguous",
      outcome: { kind: "answer", status: 502 },
      history: { retries: 3 },
      step: { action: "fail", why: "attempts_exhausted", ambiguous: false },
    },
    {
      when: "a DELETE answered 500 on its fourth attempt fails as ambiguous",
      outcome: { kind: "answer", status: 500 },
      history: { retries: 3 },
      limits: { method: "DELETE" },
      step: { action: "fail", why: "attempts_exhausted", ambiguous: true },
    },
    {
      when: "a POST answered 503 is not repeated: it fails as ambiguous for the caller's lookup",
      outcome: { kind: "answer", status: 503 },
      limits: { method: "POST" },
      step: { action: "fail", why: "not_retryable", ambiguous: true },
    },
    {
      when: "a POST whose connection dropped after sending fails as ambiguous",
      outcome: { kind: "network", failure: "lost" },
      limits: { method: "POST" },
      step: { action: "fail", why: "not_retryable", ambiguous: true },
    },
    {
      when: "a POST that timed out fails as ambiguous",
      outcome: { kind: "network", failure: "timeout" },
      limits: { method: "POST" },
      step: { action: "fail", why: "not_retryable", ambiguous: true },
    },
    {
      when: "a POST that never left (connection refused) is sent again",
      outcome: { kind: "network", failure: "not_sent" },
      limits: { method: "POST" },
      step: { action: "back_off", retry: 1 },
    },
    {
      when: "a GET whose connection dropped backs off",
      outcome: { kind: "network", failure: "lost" },
      history: { retries: 1 },
      step: { action: "back_off", retry: 2 },
    },
    {
      when: "a GET dropped on its last attempt fails, not ambiguous",
      outcome: { kind: "network", failure: "lost" },
      history: { retries: 3 },
      step: { action: "fail", why: "attempts_exhausted", ambiguous: false },
    },
    {
      when: "a throttled call (429) waits out the operation's lock",
      outcome: { kind: "answer", status: 429 },
      step: { action: "wait_out_lock", lockSeconds: 300 },
    },
    {
      when: "a throttled POST (400 request_limit_exceeded) waits too: it was not applied",
      outcome: { kind: "answer", status: 400, code: "request_limit_exceeded" },
      limits: { method: "POST" },
      step: { action: "wait_out_lock", lockSeconds: 300 },
    },
    {
      when: "a throttle whose lock outlasts the budget left fails",
      outcome: { kind: "answer", status: 429 },
      history: { throttleWaitedSeconds: 1600 },
      step: { action: "fail", why: "throttle_budget", ambiguous: false },
    },
    {
      when: "a throttle does not use up backoff attempts",
      outcome: { kind: "answer", status: 429 },
      history: { retries: 3 },
      step: { action: "wait_out_lock", lockSeconds: 300 },
    },
    {
      when: "a refused OAuth token is renewed once",
      outcome: { kind: "answer", status: 401, code: "oauthtoken_invalid" },
      step: { action: "renew_token" },
    },
    {
      when: "a token refused again after renewal fails",
      outcome: { kind: "answer", status: 401, code: "oauthtoken_invalid" },
      history: { tokenRenewed: true },
      step: { action: "fail", why: "not_retryable", ambiguous: false },
    },
    {
      when: "a refused static token fails at once",
      outcome: { kind: "answer", status: 401, code: "oauthtoken_invalid" },
      limits: { refreshable: false },
      step: { action: "fail", why: "not_retryable", ambiguous: false },
    },
    {
      when: "a 404 fails at once",
      outcome: { kind: "answer", status: 404, code: "bot_not_found" },
      step: { action: "fail", why: "not_retryable", ambiguous: false },
    },
  ];
  for (const row of rows) {
    it(row.when, () => {
      const step = nextStep(row.outcome, { ...FRESH, ...row.history }, { ...LIMITS, ...row.limits });
      assert.deepEqual(step, row.step);
    });
  }
});

describe("afterStep: what a call has spent once it took a step", () => {
  const rows: { step: NextStep; history: AttemptHistory }[] = [
    {
      step: { action: "wait_out_lock", lockSeconds: 300 },
      history: { ...FRESH, throttleWaitedSeconds: 300 },
    },
    { step: { action: "renew_token" }, history: { ...FRESH, tokenRenewed: true } },
    { step: { action: "back_off", retry: 1 }, history: { ...FRESH, retries: 1 } },
    { step: { action: "ok" }, history: FRESH },
  ];
  for (const row of rows) {
    it(`counts ${row.step.action}`, () => {
      assert.deepEqual(afterStep(FRESH, row.step), row.history);
    });
  }

  it("adds lock waits up, so a later lock is checked against what is left of the budget", () => {
    const first = afterStep(FRESH, { action: "wait_out_lock", lockSeconds: 900 });
    const waited = afterStep(first, { action: "wait_out_lock", lockSeconds: 700 });
    assert.equal(waited.throttleWaitedSeconds, 1600);
    assert.deepEqual(nextStep({ kind: "answer", status: 429 }, waited, LIMITS), {
      action: "fail",
      why: "throttle_budget",
      ambiguous: false,
    });
  });
});

describe("nextCreateStep: what a create does after a failed attempt", () => {
  const rows: { when: string; ambiguous: boolean; lookup?: CreateLookup; attempt: number; step: string }[] = [
    { when: "a definite refusal fails", ambiguous: false, attempt: 1, step: "fail" },
    {
      when: "a lost answer whose object was found uses it",
      ambiguous: true,
      lookup: "found",
      attempt: 1,
      step: "use_found",
    },
    {
      when: "a lost answer with nothing made is sent again",
      ambiguous: true,
      lookup: "absent",
      attempt: 1,
      step: "retry",
    },
    {
      when: "the third lost answer with nothing made is sent a fourth time",
      ambiguous: true,
      lookup: "absent",
      attempt: 3,
      step: "retry",
    },
    {
      when: "the fourth lost answer with nothing made fails",
      ambiguous: true,
      lookup: "absent",
      attempt: 4,
      step: "fail",
    },
    {
      when: "a retry refused as duplicate whose earlier request landed uses it",
      ambiguous: false,
      lookup: "found",
      attempt: 2,
      step: "use_found",
    },
    {
      when: "a retry refused with nothing found fails",
      ambiguous: false,
      lookup: "absent",
      attempt: 2,
      step: "fail",
    },
  ];
  for (const row of rows) {
    it(row.when, () => {
      assert.equal(nextCreateStep(row.ambiguous, row.lookup, row.attempt, 4).action, row.step);
    });
  }

  it("numbers the retry after the attempt that failed", () => {
    assert.deepEqual(nextCreateStep(true, "absent", 2, 4), { action: "retry", retry: 2 });
  });

  it("looks up after an ambiguous failure and after any failure of a retry, not after a first refusal", () => {
    assert.deepEqual(
      [needsLookup(true, 1), needsLookup(false, 2), needsLookup(false, 1)],
      [true, true, false],
    );
  });
});

describe("shouldRetryMint: which failed token mints are sent again", () => {
  const rows: [MintFailure, number, boolean][] = [
    ["network", 1, true],
    ["server_error", 3, true],
    ["server_error", 4, false],
    ["oauth_refusal", 1, false],
    ["client_error", 1, false],
    ["invalid_answer", 1, false],
  ];
  for (const [failure, attempt, retried] of rows) {
    it(`${retried ? "retries" : "does not retry"} a mint failing with ${failure} on attempt ${attempt} of 4`, () => {
      assert.equal(shouldRetryMint(failure, attempt, 4), retried);
    });
  }
});

describe("throttle warnings and backoff", () => {
  it("warns for the answer that starts a lock, not for those refused while it holds", () => {
    assert.deepEqual([isNewLock(0, 1000), isNewLock(5000, 1000), isNewLock(1000, 1000)], [true, false, true]);
  });

  it("draws the backoff from the injected random source: full jitter under a doubling, capped ceiling", () => {
    const half = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((retry) => retryPolicy(4, 1, half).delayMs(retry)),
      [250, 500, 1000, 2000, 4000, 4000],
    );
    assert.equal(retryPolicy(4, 0.01, () => 1).delayMs(1), 5);
    assert.equal(
      backoffDelayMs(0, 1, undefined, () => 0),
      0,
    );
  });
});
