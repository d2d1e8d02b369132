/**
 * Where an object lives. Every object is recorded with the API host it was created through (`apiHost` in its
 * outputs); reading, updating or deleting it through another host is refused, because Cliq in another data
 * center answers "not found" for it and a refresh would then drop a live object from state.
 */
import { apiHostOf, movedFromHost } from "../config/data-centers";
import { CliqConfigError } from "../config/errors";

// Kept importable from here: they are part of the host rules, resolved with the settings (config/settings.ts).
export { apiHostOf, movedFromHost };

/**
 * The host facts of a client: where it sends requests, the hosts the user declared moved away from, and the
 * `cliq:profiles` entry its settings come from (undefined: the top-level keys).
 */
export interface HostContext {
  readonly apiHost: string;
  readonly movedFromHosts: readonly string[];
  readonly profile?: string;
}

/** The stack config key of `setting` for the credential set of `context`: top-level, or its profile's. */
function configKey(context: HostContext, setting: "dataCenter" | "apiUrl" | "movedFrom"): string {
  return context.profile === undefined ? `cliq:${setting}` : `cliq:profiles.${context.profile}.${setting}`;
}

/**
 * How the user declares the move, for the credential set of `context`. A profile's is an entry of the secret
 * `cliq:profiles` JSON, set again as a whole: `config set --path` on a value set as JSON text replaces all of it.
 */
function moveCommand(context: HostContext, recorded: string): string {
  return context.profile === undefined
    ? `\`pulumi config set cliq:movedFrom ${recorded}\` (or CLIQ_MOVED_FROM)`
    : `"movedFrom": "${recorded}" in the profile ${JSON.stringify(context.profile)} of cliq:profiles ` +
        `(${configKey(context, "movedFrom")}; set cliq:profiles again with \`pulumi config set --secret\`)`;
}

/**
 * Why an object recorded under `recorded` may not be touched through `context`, or undefined when it may:
 * the same host, a host the user declared moved from, or no record at all (state written before hosts were
 * recorded: the current host is adopted).
 */
export function hostMismatch(
  recorded: unknown,
  context: HostContext,
  what: string,
  operation: "read" | "update" | "delete",
): string | undefined {
  if (typeof recorded !== "string" || recorded === "" || recorded === context.apiHost) return undefined;
  if (context.movedFromHosts.includes(recorded)) return undefined;
  const dataCenter = configKey(context, "dataCenter");
  const apiUrl = configKey(context, "apiUrl");
  return (
    `${what} was created through the Cliq API at ${recorded}, but this stack now reaches ${context.apiHost} ` +
    `(${dataCenter} / ${apiUrl}). Refusing to ${operation} it there: another data center or host does not ` +
    `know the object, and Pulumi would lose track of an object that still exists. Point ${dataCenter} or ` +
    `${apiUrl} back at ${recorded}; or, if the organisation really moved, say so with ` +
    `${moveCommand(context, recorded)} and run \`pulumi refresh\`, which records ${context.apiHost} for every ` +
    `object.`
  );
}

/**
 * The same rule, thrown as a `CliqConfigError` on the `apiUrl` key of the client's settings: a host mismatch is a matter of the stack's
 * configuration, never a sign that the object is gone.
 */
export function assertSameHost(
  recorded: unknown,
  context: HostContext,
  what: string,
  operation: "read" | "update" | "delete",
): void {
  const reason = hostMismatch(recorded, context, what, operation);
  if (reason !== undefined) throw new CliqConfigError(configKey(context, "apiUrl"), reason);
}
