/**
 * How the providers read failures coming from the client. `CliqApiError` carries `status`, `code` and an
 * `isAmbiguous()` verdict; reading them structurally keeps these rules testable with any error value.
 */
export interface ApiFailure {
  status?: number;
  code?: string;
  isAmbiguous?: () => boolean;
}

function asFailure(error: unknown): ApiFailure {
  return error !== null && typeof error === "object" ? (error as ApiFailure) : {};
}

export function errorCode(error: unknown): string | undefined {
  const code = asFailure(error).code;
  return typeof code === "string" ? code : undefined;
}

/** The object is not there: HTTP 404 or one of the given "not found" codes (Cliq also answers those with 400). */
export function isGone(error: unknown, notFoundCodes: readonly string[]): boolean {
  const failure = asFailure(error);
  return failure.status === 404 || (failure.code !== undefined && notFoundCodes.includes(failure.code));
}

/** The request may have been applied although no answer arrived (lost response, timeout, 5xx after a POST). */
export function isAmbiguous(error: unknown): boolean {
  const failure = asFailure(error);
  return typeof failure.isAmbiguous === "function" && failure.isAmbiguous() === true;
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
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
