#!/usr/bin/env bash
# Runs the in-process benchmark's single-process scenario (`bench/run.ts`) on every Node major of
# tests/runtime-matrix.json and on the machine's own Node: V8 differs between majors, and at the bench's time
# scale a request's CPU shows in wall / floor. Needs `npm run build` first (the npm script does it).
# BENCH_SCENARIO picks another scenario (default: the single process); BENCH_RUNS the runs per mode.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
# shellcheck source=scripts/node-for.sh
source "$repo/scripts/node-for.sh"

export BENCH_SCENARIO="${BENCH_SCENARIO:-single process}"
majors=$( (node -p 'process.versions.node.split(".")[0]'
  node -p 'require("./tests/runtime-matrix.json").cells.map((c) => c.node).join("\n")') | sort -nu)
for major in $majors; do
  if [[ "$major" == "$(node -p 'process.versions.node.split(".")[0]')" ]]; then
    bin=$(dirname "$(command -v node)")
  else
    bin=$(node_for "$major")
  fi
  "$bin/node" dist/bench/run.js
done
