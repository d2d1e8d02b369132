#!/usr/bin/env bash
# Installs the real Pulumi CLI that the CLI test suites and `npm run demo` use, and prints `pulumi version`.
#
# - A contributor who already has `pulumi` on PATH keeps it (set CLIQ_BUILD_PULUMI=1 to build anyway).
# - Otherwise it builds Pulumi's own CLI and language hosts from the Go module proxy (the only place this
#   project's machines can get them) at the versions pinned in tools/*/go.mod, into an ignored folder
#   (.cache/pulumi-cli/<version>/bin, or $CLIQ_PULUMI_CACHE), and reuses that build when it is present.
#   Go's module and build caches are Go's own (GOMODCACHE, GOCACHE), so a second clone on the same machine
#   only links. Cold: about 10-20 minutes on 2 cores and 300-400 MB of modules, plus about 3 minutes for the
#   YAML host (its own, older pkg/v3) and half a minute for the virtualenv; warm: seconds.
# - It writes pulumi-resource-pulumi-nodejs, the plugin the engine starts for dynamic resources: in Pulumi's
#   releases it is a shell script that runs @pulumi/pulumi's cmd/dynamic-provider of the project it runs in.
# - Language hosts for nodejs, python, go and yaml, which run programs and generate code (`pulumi import`,
#   `pulumi convert`, `pulumi package gen-sdk`): pulumi-language-{nodejs,python,go} are one binary of ours
#   (tools/pulumi-language-hosts/cliq-language-host, which says why); it runs nodejs and python programs
#   through sdk/v3 v3.68.0's hosts, built beside it as legacy-pulumi-language-*, and the Python SDK's
#   pulumi-language-python-exec. pulumi-language-yaml is pulumi-yaml's (tools/pulumi-language-hosts/yaml).
# - A Python virtualenv with the `pulumi` package from PyPI, .cache/python/venv, for Python programs:
#   `runtime: {name: python, options: {virtualenv: <that path>}}` in their Pulumi.yaml.
#
# Prints, as its last line, the folder to put first on PATH.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli_module="$repo/tools/pulumi-cli"
hosts_module="$repo/tools/pulumi-language-hosts"
cliq_host_module="$hosts_module/cliq-language-host"
yaml_module="$hosts_module/yaml"
venv="$repo/.cache/python/venv"
# The Python SDK the virtualenv gets: the newest on PyPI that is not newer than the CLI.
python_sdk=3.272.0

# Python programs need the Python SDK in a virtualenv; made once and reused while it has this version.
ensure_python_venv() {
  if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c \
    "import sys, importlib.metadata as m; sys.exit(m.version('pulumi') != '$python_sdk')" 2>/dev/null; then
    return
  fi
  local python
  python=$(command -v python3 || command -v python || true)
  if [[ -z "$python" ]]; then
    echo "install-pulumi: no python3 on PATH, so no virtualenv for Python programs at $venv" >&2
    return
  fi
  echo "install-pulumi: creating $venv with pulumi==$python_sdk" >&2
  rm -rf "$venv"
  # Only Python programs need it: without PyPI the CLI is still usable, so warn rather than fail.
  if ! { "$python" -m venv "$venv" &&
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pulumi==$python_sdk" >&2; }; then
    echo "install-pulumi: could not make $venv; Python programs will not run" >&2
    rm -rf "$venv"
  fi
}

# The one place the version is written: the wrapper module's requirement.
version=$(sed -n 's#^require github.com/pulumi/pulumi/pkg/v3 \(v[0-9.]*\)$#\1#p' "$cli_module/go.mod")
[[ -n "$version" ]] || { echo "install-pulumi: no pkg/v3 requirement in $cli_module/go.mod" >&2; exit 1; }
# Our language host is built with the CLI's codegen and protocol, so it must pin the same pkg/v3.
grep -q "github.com/pulumi/pulumi/pkg/v3 $version\$" "$cliq_host_module/go.mod" || {
  echo "install-pulumi: $cliq_host_module/go.mod must require github.com/pulumi/pulumi/pkg/v3 $version too" >&2
  exit 1
}

if [[ "${CLIQ_BUILD_PULUMI:-}" != "1" ]] && existing=$(command -v pulumi 2>/dev/null); then
  case "$existing" in
    "$repo"/.cache/*) ;; # our own build, found through PATH: fall through and check it
    *)
      echo "install-pulumi: using the pulumi already on PATH ($existing); CLIQ_BUILD_PULUMI=1 builds $version instead" >&2
      ensure_python_venv
      "$existing" version
      dirname "$existing"
      exit 0
      ;;
  esac
fi

bin="${CLIQ_PULUMI_CACHE:-$repo/.cache/pulumi-cli}/$version/bin"
stamp="$bin/.built-from"
want=$(cat "$cli_module/go.mod" "$cli_module/go.sum" "$hosts_module"/go.{mod,sum} "$cliq_host_module"/go.{mod,sum} \
  "$cliq_host_module"/*.go "$yaml_module"/go.{mod,sum} "$0" | sha256sum | cut -c1-16)

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
  hosts_started=$(date +%s)
  for language in nodejs python; do
    (cd "$hosts_module" && go build -trimpath -ldflags "-s -w" -o "$bin/legacy-pulumi-language-$language" \
      "github.com/pulumi/pulumi/sdk/v3/$language/cmd/pulumi-language-$language")
  done
  (cd "$cliq_host_module" && go build -trimpath -ldflags "-s -w -X main.version=$version" \
    -o "$bin/cliq-language-host" .)
  for language in nodejs python go; do
    ln -f "$bin/cliq-language-host" "$bin/pulumi-language-$language"
  done
  # The Python SDK's program launcher, from the sdk/v3 the CLI is built from (it accepts the older host's
  # arguments and more); go list names the module's folder in Go's module cache.
  sdk_dir=$(cd "$cliq_host_module" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)
  install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
  (cd "$yaml_module" && go build -trimpath -ldflags "-s -w" -o "$bin/pulumi-language-yaml" \
    github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml)
  echo "install-pulumi: language hosts built in $(($(date +%s) - hosts_started)) s" >&2
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

ensure_python_venv
"$bin/pulumi" version
echo "$bin"
