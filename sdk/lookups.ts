/** Resources made by a `get` (read, never created or deleted by the program), remembered for their dependents. */
const lookedUp = new WeakSet<object>();

/** Marks a resource made by `get`: it never becomes a dependent's default `deletedWith`. */
export function markLookedUp<T extends object>(resource: T): T {
  lookedUp.add(resource);
  return resource;
}

/** Whether the resource was made by `get`. */
export function isLookedUp(resource: object): boolean {
  return lookedUp.has(resource);
}
