#!/usr/bin/env bash
# Browser tests of the default theme (called by scripts/test after the Rust tests):
# builds quorum, then runs every browser/*.test.mjs with Node's test runner. Those build the
# example site and a small fixture site into temp folders, drive Debian's headless Chromium
# through playwright-core, run axe-core on every page type and the Nu Html Checker (vnu-jar,
# with Java) on their HTML.
#
#   bash browser/run-tests.sh                 # everything
#   bash browser/run-tests.sh --test-name-pattern=filter    # more arguments go to node --test
#
# Needs: Node.js 20+, Java, /usr/bin/chromium (apt-get install -y chromium), and nginx for
# servers.test.mjs (apt-get install -y nginx; skipped without it unless CI is set). npm packages
# are installed from browser/package-lock.json when missing. QUORUM_BIN: use this binary
# instead of building one; CHROMIUM: another browser binary.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "browser tests: Chromium not found at $chromium." >&2
  echo "  Install Debian's package (as root): apt-get update && apt-get install -y --no-install-recommends chromium" >&2
  echo "  or point CHROMIUM at a Chromium binary." >&2
  exit 1
fi
for tool in node npm java; do
  if ! command -v "$tool" >/dev/null; then
    echo "browser tests: '$tool' is not installed (needed: Node.js 20+ with npm, and Java for the HTML validator)." >&2
    exit 1
  fi
done

# npm packages, pinned by package-lock.json. --ignore-scripts: vnu-jar's postinstall would
# look for (and try to download) a Java; the machine's Java is used instead.
if [ ! -f browser/node_modules/.package-lock.json ] || [ browser/package-lock.json -nt browser/node_modules/.package-lock.json ]; then
  echo "== npm ci (browser/)"
  npm --prefix browser ci --ignore-scripts --no-audit --no-fund
fi

if [ -z "${QUORUM_BIN:-}" ]; then
  echo "== cargo build (quorum for the browser tests)"
  cargo build --quiet --bin quorum
  QUORUM_BIN="${CARGO_TARGET_DIR:-target}/debug/quorum"
fi
export QUORUM_BIN CHROMIUM="$chromium"

echo "== browser tests ($("$chromium" --version 2>/dev/null | head -1), node $(node --version))"
status=0
node --test --test-concurrency=1 "$@" browser/*.test.mjs || status=$?
echo "== browser tests took $(($(date +%s) - started)) s"
exit "$status"
