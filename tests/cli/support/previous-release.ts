/**
 * The npm tarball of an earlier version of this package, built from git history: the state it writes is what
 * users of that version have, and the current version must refresh, update and destroy it.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { packRepo } from "../../../engine-stand-in";
import { repoRoot } from "./project";

const run = promisify(execFile);

/** The last version released before the package ran under the real CLI (main before that work). */
export const PREVIOUS_RELEASE = {
  version: "0.1.0 as of 71394e4",
  commit: "71394e4c5d9ace5bcef07709af1ccde8d300596b",
};

/**
 * Packs the commit's tree (git archive, `npm ci`, build, `npm pack`) once and caches the tarball in the ignored
 * .cache folder; the source tree is kept beside it for the program the version shipped with.
 */
export async function previousReleaseTarball(): Promise<{ tarball: string; sourceDir: string }> {
  const cacheDir = path.join(repoRoot, ".cache", "previous-release", PREVIOUS_RELEASE.commit);
  const sourceDir = path.join(cacheDir, "source");
  const done = path.join(cacheDir, "tarball.path");
  if (fs.existsSync(done) && fs.existsSync(fs.readFileSync(done, "utf8"))) {
    return { tarball: fs.readFileSync(done, "utf8"), sourceDir };
  }
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(sourceDir, { recursive: true });
  const archive = path.join(cacheDir, "source.tar");
  await run("git", ["-C", repoRoot, "archive", "--format=tar", "-o", archive, PREVIOUS_RELEASE.commit]);
  await run("tar", ["-xf", archive, "-C", sourceDir]);
  const npm = { cwd: sourceDir, maxBuffer: 64 * 1024 * 1024 };
  await run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], npm);
  await run("npm", ["run", "build", "--silent"], npm);
  const tarball = await packRepo(sourceDir, path.join(cacheDir, "tarball"));
  // The build's node_modules is not needed again; the tarball and the sources are.
  fs.rmSync(path.join(sourceDir, "node_modules"), { recursive: true, force: true });
  fs.writeFileSync(done, tarball);
  return { tarball, sourceDir };
}
