#!/usr/bin/env bash
# Load benchmark of the public pages with wrk (Debian's package): `pantau serve` (release build) on the
# `--scale 10` demo data, wrk on the same machine. Results go into docs/benchmarks.md by hand.
#   scripts/bench-public.sh [DATABASE_URL]     default: sqlite://target/bench/scale10.db (filled once, ~12 min)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
mkdir -p target/bench
db="${1:-sqlite://target/bench/scale10.db}"
scripts/setup.sh >/dev/null
scripts/build-site.sh --release >/dev/null
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/pantau"
DATABASE_URL="$db" "$bin" demo --scale 10 --if-empty
addr=127.0.0.1:3999
DATABASE_URL="$db" "$bin" serve --addr "$addr" --site-root target/site 2>/dev/null &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 1 100); do curl -sf "http://$addr/healthz" >/dev/null && break; sleep 0.2; done

run() { # title, wrk arguments…
  local title=$1; shift
  curl -sf -o /dev/null "${@: -1}" || true   # warm: aggregates and page cache
  echo "### $title"
  wrk -t2 -c64 -d20s --latency "$@" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors"
}
run "GET / (visitor, Indonesian)" "http://$addr/"
run "GET / (visitor, English)" -H "Cookie: pantau_lang=en" "http://$addr/"
run "GET /provinsi/32" "http://$addr/provinsi/32"
run "GET /instansi/32.04" "http://$addr/instansi/32.04"
# A made-up session cookie no longer bypasses the page cache (issue #14): only a session that exists does.
run "GET / with a made-up session cookie (served from the cache)" -H "Cookie: pantau_session=none" "http://$addr/"
