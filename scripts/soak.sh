#!/usr/bin/env bash
# Soak of issue #14: a mixed load for DURATION seconds (default 60) at 64 connections against the release build
# on the demo data at SCALE (default 10), all on loopback, then errors (5xx and socket errors; goal 0), p99 per
# route and the server's peak RSS (VmHWM; goal < 300 MB). Results go into docs/benchmarks.md by hand.
#   scripts/soak.sh [DATABASE_URL]      default: sqlite://target/bench/scale10.db (filled once, ~12 min)
# The server trusts loopback as a proxy so that the hostile sign-ins can come from many addresses (a random
# X-Forwarded-For each): that is the flood of issue #14, limited per address and for everyone together.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
duration="${DURATION:-60}"
scale="${SCALE:-10}"
mkdir -p target/bench
db="${1:-sqlite://target/bench/scale$scale.db}"
if [ -z "${SKIP_BUILD:-}" ]; then
  scripts/setup.sh >/dev/null
  scripts/build-site.sh --release >/dev/null
fi
bin="${CARGO_TARGET_DIR:-$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')}/release/pantau"
DATABASE_URL="$db" "$bin" demo --scale "$scale" --if-empty >/dev/null
run_id=$$
analyst_password=$(DATABASE_URL="$db" "$bin" user add "soak-analyst-$run_id" --role analyst --password | tail -1)
clerk_token=$(DATABASE_URL="$db" "$bin" user add "soak-clerk-$run_id" --role agency --agency 32.04 | tail -1)
analyst_token=$(DATABASE_URL="$db" "$bin" user add "soak-api-$run_id" --role analyst | tail -1)
addr=127.0.0.1:3998
DATABASE_URL="$db" PANTAU_TRUSTED_PROXIES=127.0.0.1 PANTAU_LOG=warn "$bin" serve --addr "$addr" --site-root target/site 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://$addr/healthz" >/dev/null && break; sleep 0.2; done
# A run right after another may find the sign-in limit for everyone spent (600 a minute): try for 70 s.
cookie=
for try in $(seq 1 70); do
  cookie=$(curl -s -o /dev/null -D - -H "X-Forwarded-For: 10.9.9.$try" \
    --data-urlencode "name=soak-analyst-$run_id" --data-urlencode "password=$analyst_password" \
    "http://$addr/auth/masuk" | sed -n 's/^[Ss]et-[Cc]ookie: \(pantau_session=[^;]*\).*/\1/p')
  [ -n "$cookie" ] && break
  sleep 1
done
[ -n "$cookie" ] || { echo "soak: the analyst could not sign in"; exit 1; }
for path in / /instansi/32.04 /provinsi/32; do curl -sf -o /dev/null "http://$addr$path"; done  # warm the caches

out=$(mktemp -d)
lua=scripts/soak/errors.lua
# name, connections, Lua script, extra wrk arguments…, URL
load() {
  local name=$1 connections=$2 script=$3; shift 3
  # ROUTES (a space-separated list of names) runs only those, to see what each costs alone.
  if [ -n "${ROUTES:-}" ] && [[ " $ROUTES " != *" $name "* ]]; then return; fi
  wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$script" "$@" >"$out/$name.txt" 2>&1 &
}
load visitor-home 12 "$lua" "http://$addr/"
load visitor-agency 8 "$lua" "http://$addr/instansi/32.04"
load visitor-province 4 "$lua" "http://$addr/provinsi/32"
load analyst-explorer 8 "$lua" -H "Cookie: $cookie" "http://$addr/pelanggaran?rule=R-ROT-TENURE"
load analyst-api 8 "$lua" -H "Authorization: Bearer $analyst_token" "http://$addr/api/v1/violations?limit=50"
CLERK_TOKEN="$clerk_token" BATCH_FILE=docs/examples/batch-32.04.json \
  load clerk-upload 8 scripts/soak/upload.lua "http://$addr/api/v1/reports"
load hostile-signin 16 scripts/soak/signin.lua "http://$addr/auth/masuk"
peak=0
for _ in $(seq 1 $((duration + 5))); do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
  (( rss > peak )) && peak=$rss
  sleep 1
done
wait $(jobs -p | grep -v "^$server$") 2>/dev/null || true
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
echo "| route | connections | requests/s | p50 | p99 | 5xx | socket errors | other statuses |"
echo "|---|---|---|---|---|---|---|---|"
for name in visitor-home visitor-agency visitor-province analyst-explorer analyst-api clerk-upload hostile-signin; do
  f="$out/$name.txt"
  [ -f "$f" ] || continue
  rps=$(awk '/Requests\/sec/ {print $2}' "$f")
  p50=$(awk '$1=="50%" {print $2}' "$f")
  p99=$(awk '$1=="99%" {print $2}' "$f")
  errors=$(awk -F'[ =]' '/^SOAK errors/ {print $3}' "$f")
  statuses=$(sed -n 's/^SOAK statuses //p' "$f")
  sockets=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' "$f"); sockets=${sockets:-none}
  conns=$(awk '/connections/ {print $4; exit}' "$f")
  echo "| $name | $conns | $rps | $p50 | $p99 | ${errors:-?} | $sockets | $statuses |"
done
echo
echo "peak RSS of the server: $((hwm / 1024)) MB (VmHWM); highest sampled VmRSS $((peak / 1024)) MB"
