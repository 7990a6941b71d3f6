#!/usr/bin/env bash
# The README's test command: starts a private redis-server (installing the
# Debian package when it is missing and we are root), then runs every test
# with the race detector against it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing redis-server (Debian package)…"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "test.sh: redis-server is missing. Install the Debian package (sudo apt-get install redis-server) and run again." >&2
    exit 1
  fi
fi

# The playground's browser test drives Debian's chromium (never a downloaded
# browser). Install it when missing and root; otherwise the test skips itself.
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ] && [ -z "${SIBU_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium (Debian package) for the playground browser test…"
    apt-get update -qq >/dev/null
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei fonts-noto-color-emoji >/dev/null; then
      echo "test.sh: WARNING: could not install chromium: the playground browser tests (TestBrowser*) will be SKIPPED." >&2
    fi
  else
    echo "test.sh: NOTE: chromium is not installed and this is not root with apt-get, so the playground browser test" >&2
    echo "test.sh:       (TestBrowser*) will be SKIPPED. To run it: sudo apt-get install chromium" >&2
  fi
fi

# The research report test pictures the 调研报告's first page with Debian's LibreOffice and
# pdftoppm. Install them when missing and root; otherwise that part skips itself, saying why.
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing libreoffice-writer-nogui and poppler-utils (Debian packages) for the report picture…"
    apt-get update -qq >/dev/null
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null; then
      echo "test.sh: WARNING: could not install LibreOffice: the report's first-page picture (TestResearchReportDOCX) will be SKIPPED." >&2
    fi
  else
    echo "test.sh: NOTE: LibreOffice or pdftoppm is missing and this is not root with apt-get, so the report's first-page" >&2
    echo "test.sh:       picture (TestResearchReportDOCX) will be SKIPPED. To run it: sudo apt-get install libreoffice-writer-nogui poppler-utils" >&2
  fi
fi

dir=$(mktemp -d)
# The tests' result is the script's: a cleanup that fails (redis-server still
# removing its socket as rm runs) must not turn a pass into a failure.
cleanup() {
  local rc=$?
  if [ -f "$dir/redis.pid" ]; then
    pid=$(cat "$dir/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$dir" 2>/dev/null || rm -rf "$dir" 2>/dev/null || echo "test.sh: could not remove $dir" >&2
  exit "$rc"
}
trap cleanup EXIT
# A unix socket in a temp dir: private, and no port to collide with.
redis-server --port 0 --unixsocket "$dir/redis.sock" --unixsocketperm 700 --dir "$dir" \
  --save "" --appendonly no --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
for _ in $(seq 1 100); do
  [ -S "$dir/redis.sock" ] && redis-cli -s "$dir/redis.sock" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export SIBU_TEST_REDIS_URL="unix://$dir/redis.sock"
echo "test.sh: private redis-server at $SIBU_TEST_REDIS_URL ($(redis-server --version | cut -d' ' -f3))"

go test -race -count=1 -timeout 20m "$@" ./...
