/**
 * Path parameters (bot ids, unique names, handler types) come from users' programs, state and ids typed into
 * `Bot.get`. One that is `.` or `..`, or holds a separator, would make the request reach another endpoint
 * (`POST /bots/../associate`) once a proxy or server normalises the path; percent-encoding alone does not stop
 * every server from decoding it back. Such values are refused before any request is made.
 */

/** Characters that end or re-shape a path segment, or start an escape that a server may decode. */
const PATH_CHANGING = /[/\\?#%]/;

/** Why `value` cannot fill a path parameter, or undefined when it can. */
export function unsafePathParamReason(value: string): string | undefined {
  if (value === "") return "is empty";
  if (value === "." || value === "..") return `is "${value}", which names a directory rather than an object`;
  const found = PATH_CHANGING.exec(value);
  if (found) return `contains "${found[0]}", which would change the request's path`;
  return undefined;
}

/** A value as an error may show it: these are ids and names, never secrets, but may be long. */
function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
}

/**
 * The value of path parameter `name`, percent-encoded for one path segment. Throws, before anything is sent,
 * when it is missing or would change the path (see `unsafePathParamReason`).
 */
export function encodePathParam(name: string, value: string | undefined): string {
  if (value === undefined) throw new Error(`missing path parameter ${name}`);
  const reason = unsafePathParamReason(value);
  if (reason !== undefined) {
    throw new Error(`path parameter ${name} ${shown(value)} ${reason}; nothing was sent`);
  }
  return encodeURIComponent(value);
}
