/**
 * Whether a per-user cache file (the token cache, the rate-limit window file) may be trusted, as ssh trusts
 * `~/.ssh` and git a repository: the directory and the file belong to the user running Pulumi and nobody else can
 * write them. Otherwise another local user could plant a token that gets sent, windows that stall every run, or a
 * symlink that turns our write into theirs. An untrusted cache is not used (the run goes on without it) and is
 * named in one warning per process. Reads never follow a symlink. On Windows (no uid) only symlinks are refused.
 */
import * as fs from "node:fs";

const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Why `stats` (of `what`) is not trusted, or undefined when it is. */
function distrustOf(stats: fs.Stats, what: string, uid: number | undefined): string | undefined {
  if (uid !== undefined && stats.uid !== uid) {
    return `${what} belongs to another user (uid ${stats.uid}, not ${uid})`;
  }
  if (uid !== undefined && (stats.mode & 0o022) !== 0) {
    return `${what} can be written by other users (mode ${(stats.mode & 0o7777).toString(8)})`;
  }
  return undefined;
}

/**
 * Why the cache directory `dir` and its files `files` are not to be trusted, or undefined when they are (absent
 * files are fine: this process creates them). The directory may be reached through a symlink (a home folder
 * often is); a file may not be one.
 */
export function cacheDistrust(
  dir: string,
  files: readonly string[],
  uid: number | undefined = process.getuid?.(),
): string | undefined {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(dir);
  } catch {
    return undefined; // not there yet: made by this process, 0700
  }
  if (!stats.isDirectory()) return `${dir} is not a directory`;
  const problem = distrustOf(stats, `the cache directory ${dir}`, uid);
  if (problem) return problem;
  for (const file of files) {
    let fileStats: fs.Stats;
    try {
      fileStats = fs.lstatSync(file);
    } catch {
      continue;
    }
    if (fileStats.isSymbolicLink()) return `${file} is a symbolic link`;
    if (!fileStats.isFile()) return `${file} is not a regular file`;
    const fileProblem = distrustOf(fileStats, file, uid);
    if (fileProblem) return fileProblem;
  }
  return undefined;
}

/** A file's text, read without following a symlink; undefined when absent or unreadable. */
export function readOwnFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NO_FOLLOW);
    return fs.readFileSync(fd, "utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Creates `file` with `text` (mode 0600), refusing to follow a symlink or to replace anything already there
 * (O_EXCL | O_NOFOLLOW): the in-place fallback when a rename failed. Throws when it cannot.
 */
export function createOwnFile(file: string, text: string): void {
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NO_FOLLOW;
  const fd = fs.openSync(file, flags, 0o600);
  try {
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

const warned = new Set<string>();

/** Says `problem` once per process (a cache is asked for on every call; the person needs to hear it once). */
export function warnDistrustOnce(problem: string, warn: ((message: string) => void) | undefined): void {
  if (warned.has(problem)) return;
  warned.add(problem);
  warn?.(`${problem}: not used, this run goes on without it (fix the owner or mode, or remove it)`);
}
