/**
 * How the providers read failures coming from the client. Whether an object is gone, already exists or may have
 * been made by a lost request is decided by `CliqApiError`'s predicates (`isNotFound`, `isAlreadyExists`,
 * `isAmbiguous`); what is here only reads a code that has no such predicate, and words what follows.
 */
export interface ApiFailure {
  status?: number;
  code?: string;
}

function asFailure(error: unknown): ApiFailure {
  return error !== null && typeof error === "object" ? (error as ApiFailure) : {};
}

export function errorCode(error: unknown): string | undefined {
  const code = asFailure(error).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * What `read` answers when Cliq says the object is gone. A refresh (the engine sends the outputs it recorded)
 * gets "no id", so the engine drops the object from state. A lookup (`Bot.get(name, id)`: nothing recorded but
 * `__provider`) must fail instead: the engine's read step fails only on a read with no properties at all, and
 * Pulumi's dynamic-provider host always answers with `__provider`, so returning "no id" would let a lookup of a
 * wrong id succeed with every output undefined.
 */
export function goneFromCliq(
  what: string,
  host: string,
  recorded: Record<string, unknown> | undefined,
): Record<string, never> {
  const isLookup = Object.keys(recorded ?? {}).every((key) => key === "__provider");
  if (isLookup) {
    throw new Error(
      `${what} does not exist in Cliq at ${host}: a lookup (.get) needs the id of an existing object; ` +
        `check the id, and that cliq:dataCenter / cliq:apiUrl point at the organisation that holds it.`,
    );
  }
  return {};
}

/**
 * Thrown from `create` when the object exists in Cliq but a later step failed. Pulumi's dynamic provider host
 * turns an error with `id` and `properties` into "resource created but not initialized", so the object is
 * recorded in state (and updated or deleted later) instead of orphaned.
 */
export class PartialCreateError extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  /** `createInputs` are the inputs `create` received; their `__provider` is carried into `properties`. */
  constructor(
    message: string,
    id: string,
    properties: Record<string, unknown>,
    createInputs: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "PartialCreateError";
    this.id = id;
    // The host stores these properties as the state verbatim (it adds `__provider` only to successful
    // outputs), and a later destroy or refresh loads its provider from state: without it they would fail.
    this.properties =
      createInputs.__provider === undefined
        ? properties
        : { ...properties, __provider: createInputs.__provider };
    this.reasons = [message];
  }

  /** The same failure with more properties recorded (a copy: the original stays as it was thrown). */
  withProperties(extra: Record<string, unknown>): PartialCreateError {
    return new PartialCreateError(this.message, this.id, { ...this.properties, ...extra }, {}, this.cause);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
