import type { CheckFailure } from "./schemas";
import type { DiffResult } from "./diff-result";
import { withHint } from "./hints";
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

/**
 * Wraps a resource provider with the rules every method shares. A refused `configure` fails every later call
 * with its own error, `check` and `diff` included: they need no credentials, but a broken stack config must
 * stop `pulumi preview` too, not only `pulumi up`. Failures of the Cliq client leave create, read, update and
 * delete with the next step appended (see hints.ts). `parseId` refuses a malformed resource id (typed into
 * `Bot.get`, or edited state) before read, update or delete can put it into a request path.
 */
export function guardedProvider(
  provider: CliqResourceProvider,
  deps: ProviderDeps,
  parseId: (id: string) => unknown,
): CliqResourceProvider {
  const ready = () => deps.assertConfigured?.();
  async function hinted<T>(call: () => Promise<T>, id?: string): Promise<T> {
    ready();
    if (id !== undefined) parseId(id);
    try {
      return await call();
    } catch (error) {
      throw withHint(error, deps.hintContext?.() ?? {});
    }
  }
  return {
    configure: (req) => provider.configure(req),
    check: async (olds, news) => (ready(), provider.check(olds, news)),
    diff: async (id, olds, news) => (ready(), provider.diff(id, olds, news)),
    create: (inputs) => hinted(() => provider.create(inputs)),
    read: (id, props) => hinted(() => provider.read(id, props), id),
    update: (id, olds, news) => hinted(() => provider.update(id, olds, news), id),
    delete: (id, props) => hinted(() => provider.delete(id, props), id),
  };
}
