/**
 * The release build's tools, fetched or built once into .cache/release-tools and reused: Node's official binary
 * of every platform (from the npm packages that carry them), postject (npm), and cliq-adhoc-sign (a Rust program
 * of ours over the `apple_codesign_adhoc` crate, from crates.io). Nothing relies on an install script.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { NODE_VERSION, POSTJECT_VERSION, ROOT, TOOLS_DIR, type Platform } from "./platforms";

/** Runs a command to completion (asynchronously, so a server in the same process keeps answering). */
export function run(
  what: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
    const output: string[] = [];
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk));
    child.once("error", (error) =>
      reject(new Error(`${what}: could not start ${command}: ${error.message}`)),
    );
    child.once("close", (code) => {
      if (code === 0) resolve(output.join(""));
      else
        reject(new Error(`${what}: \`${[command, ...args].join(" ")}\` exited ${code}:\n${output.join("")}`));
    });
  });
}

/** The folder Node's binary of `platform` is unpacked into. */
const nodeDir = (platform: Platform) => path.join(TOOLS_DIR, `node-${NODE_VERSION}`, platform.nodePackage);

/** Node's official binary for `platform`, unpacked from `npm pack <package>@<version>` on first use. */
export async function nodeBinary(platform: Platform): Promise<string> {
  const dir = nodeDir(platform);
  const binary = path.join(dir, "package", platform.nodeBinary);
  if (fs.existsSync(path.join(dir, ".complete"))) return binary;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const spec = `${platform.nodePackage}@${NODE_VERSION}`;
  const packed = (await run(`Fetching ${spec}`, "npm", ["pack", "--silent", spec], { cwd: dir })).trim();
  const tarball = path.join(dir, packed.split("\n").at(-1)!);
  await run(`Unpacking ${spec}`, "tar", ["-xzf", tarball, "-C", dir, `package/${platform.nodeBinary}`]);
  fs.rmSync(tarball);
  if (!fs.existsSync(binary)) throw new Error(`${spec} holds no ${platform.nodeBinary}`);
  fs.writeFileSync(path.join(dir, ".complete"), `${spec}\n`);
  return binary;
}

/**
 * postject's command line, from postject installed into the tools folder on first use. It runs in a process of its
 * own: its WebAssembly runtime installs process-wide handlers that rethrow any uncaught exception.
 */
export async function postject(): Promise<string> {
  const prefix = path.join(TOOLS_DIR, `postject-${POSTJECT_VERSION}`);
  const cli = path.join(prefix, "node_modules", "postject", "dist", "cli.js");
  if (!fs.existsSync(cli)) {
    const args = ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error"];
    await run("Installing postject", "npm", [...args, `postject@${POSTJECT_VERSION}`]);
  }
  return cli;
}

/**
 * cliq-adhoc-sign (scripts/release/adhoc-sign), built with cargo on first use; fails clearly without Rust. It
 * builds in seconds (its one dependency needs only sha2 and zerocopy), where rcodesign takes far longer.
 */
export async function adhocSigner(): Promise<string> {
  const crate = path.join(ROOT, "scripts", "release", "adhoc-sign");
  const target = path.join(TOOLS_DIR, "adhoc-sign");
  const binary = path.join(target, "release", "cliq-adhoc-sign");
  const sources = [
    path.join(crate, "Cargo.toml"),
    path.join(crate, "Cargo.lock"),
    path.join(crate, "src", "main.rs"),
  ];
  const newest = Math.max(...sources.map((file) => fs.statSync(file).mtimeMs));
  if (fs.existsSync(binary) && fs.statSync(binary).mtimeMs >= newest) return binary;
  try {
    execFileSync("cargo", ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error(
      "The darwin executables need an ad-hoc signature: install Rust's cargo (rustup) and rerun.",
    );
  }
  const manifest = path.join(crate, "Cargo.toml");
  await run(
    "Building cliq-adhoc-sign",
    "cargo",
    ["build", "--release", "--locked", "--manifest-path", manifest],
    {
      env: { ...process.env, CARGO_TARGET_DIR: target },
    },
  );
  return binary;
}
