/**
 * A machine that has never seen the repository, as far as one process tree can tell: a fresh HOME and
 * PULUMI_HOME, automatic plugin acquisition on (redirected to the local release server), and a PATH holding the
 * Pulumi CLI with its language hosts and only the named tools, so that there is no `node` on it.
 */
import * as fs from "fs";
import * as path from "path";
import { findExecutable } from "../../../demo/pulumi-cli";
import { PulumiWorkspace, requirePulumiCli } from "../../cli/support/pulumi";
import { repoRoot } from "../../cli/support/project";
import { PYTHON_PULUMI_VERSION } from "../../cli/plugin/support/sdks";
import { mustExec, requireTool } from "../../cli/plugin/support/toolchain";
import type { ReleaseServer } from "./release";

/** What a Python or Go user's shell has, without Node.js. */
const SHELL_TOOLS = ["sh", "bash", "env", "uname", "cat", "ls", "rm", "mkdir", "tar", "gzip", "git"];

export interface UserMachine {
  root: string;
  home: string;
  /** The PATH of the machine: the CLI's folder and a folder of links to the allowed tools. */
  path: string;
  workspace: PulumiWorkspace;
  /** The real python3 interpreter (not a pyenv shim, which needs the shim's own tools). */
  python: string;
  go: string;
}

/** The interpreter behind `python3` on the test's PATH. */
async function realPython(): Promise<string> {
  const python = requireTool("python3", "The release smoke test");
  const printed = await mustExec(
    "Asking python3 where it is",
    python,
    ["-c", "import sys; print(sys.executable)"],
    {
      cwd: repoRoot,
    },
  );
  return printed.trim();
}

/** A user machine under `root` with the tools linked into `<root>/bin`. */
export async function userMachine(root: string, server: ReleaseServer): Promise<UserMachine> {
  const cli = requirePulumiCli(repoRoot);
  const bin = path.join(root, "bin");
  const home = path.join(root, "home");
  fs.mkdirSync(bin, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  const python = await realPython();
  const go = requireTool("go", "The release smoke test");
  const links: Record<string, string> = { python3: python, go };
  for (const tool of SHELL_TOOLS) {
    const found = findExecutable(tool);
    if (found) links[tool] = found;
  }
  for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(bin, name));
  const machinePath = [path.dirname(cli), bin].join(path.delimiter);
  const workspace = new PulumiWorkspace(cli, path.join(root, "pulumi"), "cliq-release-smoke-passphrase");
  const env = workspace.env;
  delete env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
  Object.assign(env, {
    PATH: machinePath,
    HOME: home,
    PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: server.override,
    // Go would otherwise fill a module cache and build cache under the fresh HOME; cgo needs a C toolchain.
    GOCACHE: await mustExec("Asking go its build cache", go, ["env", "GOCACHE"], { cwd: repoRoot }).then(
      (s) => s.trim(),
    ),
    CGO_ENABLED: "0",
  });
  return { root, home, path: machinePath, workspace, python, go };
}

/** Fails unless `node` is missing from the machine's PATH (the premise of the YAML, Python and Go checks). */
export function nodeOnPath(machine: UserMachine): string | undefined {
  return findExecutable("node", [], { PATH: machine.path });
}

/** A fresh virtualenv on the machine with `pulumi` (the CLI suites' version) and `wheel` pip-installed; its folder. */
export async function virtualenvWith(user: UserMachine, wheel: string): Promise<string> {
  const venv = path.join(user.root, "venv");
  const env = { ...process.env, PATH: user.path, HOME: user.home, PIP_DISABLE_PIP_VERSION_CHECK: "1" };
  await mustExec("Creating the virtualenv", user.python, ["-m", "venv", venv], { cwd: user.root, env });
  const pip = ["-m", "pip", "install", "--quiet", `pulumi==${PYTHON_PULUMI_VERSION}`, wheel];
  await mustExec("pip install of the wheel", path.join(venv, "bin", "python"), pip, { cwd: user.root, env });
  return venv;
}
