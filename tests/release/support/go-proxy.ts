/**
 * A file-based Go module proxy standing in for the tag `sdk/go/cliq/v<version>`: the committed sdk/go/cliq as
 * module version v<version>, laid out as GOPROXY serves it (`<module>/@v/list`, `.info`, `.mod`, `.zip`), so that
 * a program's `go get <module>@v<version>` resolves it exactly as it will from the tagged repository.
 */
import * as fs from "fs";
import * as path from "path";
import { filesUnder, GO_MODULE, GO_SDK_DIR } from "../../../scripts/release/sdks";
import { mustExec } from "../../cli/plugin/support/toolchain";
import { repoRoot } from "../../cli/support/project";
import type { UserMachine } from "./user-machine";

/** Writes the proxy into `dir` and returns its GOPROXY entry (`file://<dir>`). */
export async function goSdkProxy(dir: string, version: string, python: string): Promise<string> {
  // Module paths are escaped in proxy URLs (an upper-case letter becomes `!` and the lower-case one).
  const escaped = GO_MODULE.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
  const at = path.join(dir, escaped, "@v");
  fs.mkdirSync(at, { recursive: true });
  const v = `v${version}`;
  fs.writeFileSync(path.join(at, "list"), `${v}\n`);
  fs.writeFileSync(path.join(at, `${v}.info`), JSON.stringify({ Version: v, Time: "2026-01-01T00:00:00Z" }));
  fs.copyFileSync(path.join(GO_SDK_DIR, "go.mod"), path.join(at, `${v}.mod`));
  // The zip holds every file of the module under `<module>@<version>/`, as `go mod download` would fetch it.
  const files = [...filesUnder(GO_SDK_DIR).keys()];
  const script = [
    "import sys, zipfile",
    "src, out, prefix = sys.argv[1], sys.argv[2], sys.argv[3]",
    "with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:",
    "    for name in sys.argv[4:]:",
    "        z.write(src + '/' + name, prefix + '/' + name)",
  ].join("\n");
  await mustExec(
    "Zipping the Go SDK module",
    python,
    ["-c", script, GO_SDK_DIR, path.join(at, `${v}.zip`), `${GO_MODULE}@${v}`, ...files],
    {
      cwd: dir,
    },
  );
  return `file://${dir}`;
}

/**
 * The Go environment of the user's machine with `proxy` first: the module cache is the user's own (a stand-in
 * tag must not land in the real one), and modules already fetched on this machine come from the real cache's
 * download folder before the module proxy.
 */
export async function goUserEnv(user: UserMachine, proxy: string): Promise<NodeJS.ProcessEnv> {
  const real = async (what: string) =>
    (await mustExec(`go env ${what}`, user.go, ["env", what], { cwd: repoRoot })).trim();
  return {
    ...process.env,
    PATH: user.path,
    HOME: user.home,
    GOPROXY: `${proxy},file://${await real("GOMODCACHE")}/cache/download,${await real("GOPROXY")}`,
    GOMODCACHE: path.join(user.root, "gomodcache"),
    GONOSUMDB: GO_MODULE,
    // -trimpath keeps build-cache keys free of the (temporary) module cache path, so later runs reuse the build.
    GOFLAGS: "-modcacherw -trimpath",
    GOTOOLCHAIN: "local",
    GOCACHE: user.workspace.env.GOCACHE,
    CGO_ENABLED: "0",
  };
}
