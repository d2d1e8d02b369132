import type { CliqApi } from "../../client/api";
import type { HintContext } from "./hints";
import type { ProviderLogger } from "./logger";

/** The resource kinds, as the SDK names them when it reaches their providers. */
export type ProviderKind = "bot" | "botHandler" | "channelAssociation";

/** What a resource provider needs from the outside; tests pass a client bound to the emulator. */
export interface ProviderDeps {
  /** Returns the API client; called at use time so that `configure` can run first. */
  api: () => CliqApi;
  logger: ProviderLogger;
  /** Called by `configure` with the stack config (`cliq:*` keys). */
  configure?: (config: { get(key: string): string | undefined }) => void;
  /** Throws the kept error of a refused `configure`; every method but `configure` calls it first. */
  assertConfigured?: () => void;
  /** Where calls go and with which credential kind, for the hints added to API errors. */
  hintContext?: () => HintContext;
}

/** The dynamic-provider surface each resource offers (Pulumi's ResourceProvider, typed loosely on purpose). */
export interface CliqResourceProvider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
  check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(inputs: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }>;
  read(
    id: string,
    props?: Record<string, unknown>,
  ): Promise<{ id?: string; props?: Record<string, unknown> }>;
  update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<{ outs: Record<string, unknown> }>;
  delete(id: string, props: Record<string, unknown>): Promise<void>;
}
