#!/usr/bin/env bash
# Prints the shell lines that put Node.js 24 LTS first on PATH when the `node` on PATH is older than
# needed, after installing it from the npm registry (the package node-<os>-<cpu>, which holds bin/node
# and the headers in include/node) into a cache folder outside the repository. Prints nothing when the
# node on PATH is new enough.
#
#   eval "$(bash scripts/use-node.sh)"      # needs what package.json's engines.node says, else brings 24
#   eval "$(bash scripts/use-node.sh 24)"   # .ci/run: needs 24
#
# VIGIL_NODE_VERSION picks another version (default below); VIGIL_NODE_CACHE another cache folder.
set -euo pipefail

version="${VIGIL_NODE_VERSION:-24.22.3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The minimum: the argument, else package.json's engines.node (">=22.12" -> 22.12).
need="${1:-$(sed -n 's/^ *"node": *">= *\([0-9.]*\)".*/\1/p' "$root/package.json" | head -n1)}"
have="$(node -p 'process.versions.node' 2>/dev/null || echo 0)"
if [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" = "$need" ]; then
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "use-node.sh: no npm package of Node.js for $(uname -s); install Node.js $need or newer by hand" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) cpu=x64 ;;
  aarch64 | arm64) cpu=arm64 ;;
  *) echo "use-node.sh: no npm package of Node.js for $(uname -m); install Node.js $need or newer by hand" >&2; exit 1 ;;
esac

cache="${VIGIL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vigil-node}"
dir="$cache/node-v$version-$os-$cpu"
if ! [ -x "$dir/bin/node" ] || ! [ -f "$dir/include/node/node.h" ]; then
  echo "use-node.sh: node ${have} is older than $need; installing node-$os-$cpu@$version from the npm registry into $dir" >&2
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/.partial.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  (cd "$tmp" && npm pack --silent "node-$os-$cpu@$version" >/dev/null) || {
    echo "use-node.sh: could not fetch node-$os-$cpu@$version (set VIGIL_NODE_VERSION=24 to take the newest 24.x)" >&2
    exit 1
  }
  mkdir "$tmp/node"
  tar -xzf "$tmp"/node-"$os"-"$cpu"-*.tgz -C "$tmp/node" --strip-components=1
  "$tmp/node/bin/node" --version >/dev/null
  rm -rf "$dir"
  mv "$tmp/node" "$dir"
fi

# nodedir: native addons that compile (node-gyp) use these headers instead of downloading them.
printf 'export PATH=%q:"$PATH"\n' "$dir/bin"
printf 'export npm_config_nodedir=%q\n' "$dir"
