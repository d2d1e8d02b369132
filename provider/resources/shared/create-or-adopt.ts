/**
 * The one create protocol of bots and handlers: send the create; after a lost answer look the object up and
 * tell this request's object from an older one; take an older one over only with `adoptExisting`. The retry
 * loop itself is the client's `createLookingUp`; this file holds the decisions around it, which were once
 * written twice, in two shapes.
 */
import type { RetryPolicy } from "../../client/retry";
import { createLookingUp } from "../../client/create-retry";

/** What one kind knows about creating its objects; `T` is the create's result, `F` an object found in Cliq. */
export interface CreateOrAdopt<T, F> {
  /** Sends the create request once. */
  send(): Promise<T>;
  /** The object that would conflict with this create (same name, same handler slot), if Cliq has one. */
  find(): Promise<F | undefined>;
  /** Whether a found object holds what the request set, so it is the one a lost create made. */
  isFromRequest(found: F): boolean;
  /** The result for this request's own object, found after its answer was lost. */
  use(found: F): Promise<T> | T;
  /** Takes an older object over and brings it to the desired state (only with `adoptExisting`). */
  adopt(found: F): Promise<T>;
  /** The user's opt-in to adoption. */
  adoptExisting: boolean;
  /** Adopt before sending anything (an object that cannot be told apart by Cliq's refusal, e.g. menus). */
  adoptBeforeCreate?: boolean;
  /** Whether a definite create failure may mean "it already exists", so adoption should look. */
  mayAlreadyExist(error: unknown): boolean;
  /** The error for an older object found after a lost answer, without `adoptExisting`. */
  conflict(found: F, failure: unknown): Error;
}

/**
 * What a lookup after a lost create answer decides: this request's object, an older one taken over with
 * `adoptExisting`, or `undefined` (nothing there: the create may be sent again). An older object without
 * `adoptExisting` is a conflict: the request never reached Cliq, and that object is not ours.
 */
export async function lookUpAfterLostCreate<T, F>(
  kind: CreateOrAdopt<T, F>,
  failure: unknown,
): Promise<T | undefined> {
  const found = await kind.find();
  if (found === undefined) return undefined;
  if (kind.isFromRequest(found)) return kind.use(found);
  if (kind.adoptExisting) return kind.adopt(found);
  throw kind.conflict(found, failure);
}

/**
 * Creates the object, never twice (see `createLookingUp`), and adopts an existing one when the user opted in:
 * before creating when asked to, or after Cliq refused the create because the object already exists.
 */
export async function createOrAdopt<T, F>(kind: CreateOrAdopt<T, F>, policy: RetryPolicy): Promise<T> {
  if (kind.adoptExisting && kind.adoptBeforeCreate) {
    const existing = await kind.find();
    if (existing !== undefined) return kind.adopt(existing);
  }
  try {
    return await createLookingUp(
      { send: () => kind.send(), lookUp: (failure) => lookUpAfterLostCreate(kind, failure) },
      policy,
    );
  } catch (error) {
    if (kind.adoptExisting && kind.mayAlreadyExist(error)) {
      const existing = await kind.find();
      if (existing !== undefined) return kind.adopt(existing);
    }
    throw error;
  }
}
