#!/usr/bin/env bash
# Installs the real Pulumi CLI that the CLI test suites and `npm run demo` use, and prints `pulumi version`.
#
# - A contributor who already has `pulumi` on PATH keeps it (set CLIQ_BUILD_PULUMI=1 to build anyway).
# - Otherwise it builds Pulumi's own CLI and language hosts from the Go module proxy (the only place this
#   project's machines can get them) at the versions pinned in tools/*/go.mod, into an ignored folder
#   (.cache/pulumi-cli/<version>/bin, or $CLIQ_PULUMI_CACHE), and reuses that build when it is present.
#   Go's module and build caches are Go's own (GOMODCACHE, GOCACHE), so a second clone on the same machine
#   only links. Cold: about 10-20 minutes on 2 cores and 300-400 MB of modules; warm: seconds.
# - It writes pulumi-resource-pulumi-nodejs, the plugin the engine starts for dynamic resources: in Pulumi's
#   releases it is a shell script that runs @pulumi/pulumi's cmd/dynamic-provider of the project it runs in.
#
# Prints, as its last line, the folder to put first on PATH.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli_module="$repo/tools/pulumi-cli"
hosts_module="$repo/tools/pulumi-language-hosts"

# The one place the version is written: the wrapper module's requirement.
version=$(sed -n 's#^require github.com/pulumi/pulumi/pkg/v3 \(v[0-9.]*\)$#\1#p' "$cli_module/go.mod")
[[ -n "$version" ]] || { echo "install-pulumi: no pkg/v3 requirement in $cli_module/go.mod" >&2; exit 1; }

if [[ "${CLIQ_BUILD_PULUMI:-}" != "1" ]] && existing=$(command -v pulumi 2>/dev/null); then
  case "$existing" in
    "$repo"/.cache/*) ;; # our own build, found through PATH: fall through and check it
    *)
      echo "install-pulumi: using the pulumi already on PATH ($existing); CLIQ_BUILD_PULUMI=1 builds $version instead" >&2
      "$existing" version
      dirname "$existing"
      exit 0
      ;;
  esac
fi

bin="${CLIQ_PULUMI_CACHE:-$repo/.cache/pulumi-cli}/$version/bin"
stamp="$bin/.built-from"
want=$(cat "$cli_module/go.mod" "$cli_module/go.sum" "$hosts_module/go.mod" "$hosts_module/go.sum" "$0" | sha256sum | cut -c1-16)

if [[ -x "$bin/pulumi" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "install-pulumi: reusing $bin" >&2
else
  command -v go >/dev/null || { echo "install-pulumi: Go is needed to build the Pulumi CLI (go.dev/dl), or put a pulumi on PATH" >&2; exit 1; }
  mkdir -p "$bin"
  rm -f "$stamp"
  started=$(date +%s)
  echo "install-pulumi: building pulumi $version with $(go version | cut -d' ' -f3) into $bin (cold: 10-20 minutes)" >&2
  export CGO_ENABLED=0 GOFLAGS=-mod=mod
  # Hundreds of "go: downloading" lines on a cold cache say nothing; errors still come through.
  exec 3>&2 2> >(grep -v '^go: downloading' >&3)
  # The flags Pulumi's releases build with.
  (cd "$cli_module" && go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  (cd "$hosts_module" && go build -trimpath -ldflags "-s -w" -o "$bin/" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
    github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python)
  cat >"$bin/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
# Pulumi's dynamic-provider plugin: @pulumi/pulumi's cmd/dynamic-provider, resolved from the project the
# engine starts it in, so the provider code stored in state is loaded with that project's packages.
exec node "$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")" "$@"
EOF
  chmod +x "$bin/pulumi-resource-pulumi-nodejs"
  echo "$want" >"$stamp"
  exec 2>&3 3>&-
  echo "install-pulumi: built in $(($(date +%s) - started)) s" >&2
fi

"$bin/pulumi" version
echo "$bin"
