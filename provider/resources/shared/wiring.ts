import type { CheckFailure } from "./failures";
import type { DiffResult } from "./diff-result";
import type { CliqResourceProvider, ProviderDeps } from "./provider-deps";

/** What a resource's pure `check` function returns: the normalised inputs and every failure. */
export interface CheckOutcome<T> {
  inputs: T;
  failures: CheckFailure[];
}

/**
 * The provider methods that are the same for every resource: `configure` hands the stack config to the
 * process-wide client options; `check` and `diff` only call the resource's pure functions (no API call).
 */
export function pureProviderMethods<I, O>(
  deps: ProviderDeps,
  check: (news: Record<string, unknown>, olds: Record<string, unknown>) => CheckOutcome<I>,
  diff: (olds: Partial<O>, news: I) => DiffResult,
): Pick<CliqResourceProvider, "configure" | "check" | "diff"> {
  return {
    async configure(req) {
      deps.configure?.(req.config);
    },
    async check(olds, news) {
      const { inputs, failures } = check(news, olds ?? {});
      return { inputs: inputs as unknown as Record<string, unknown>, failures };
    },
    async diff(_id, olds, news) {
      const { changes, replaces, deleteBeforeReplace } = diff(olds as Partial<O>, news as unknown as I);
      return { changes, replaces, deleteBeforeReplace };
    },
  };
}
