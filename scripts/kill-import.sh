#!/usr/bin/env bash
# A batch stays all-or-nothing when the process dies (issue #21): `pantau demo` (one batch per agency) is killed
# with SIGKILL at a random moment, ROUNDS times on each engine, each time into a fresh database; then the database
# must be intact and hold only whole batches:
#   - SQLite: `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing;
#   - both: every accepted submission's created + updated counts equal its revision rows, every record has the
#     row of its current revision, every revision row has its submission, and an agency has records only if it has
#     an accepted submission, and no revision or part is without its record (PostgreSQL checks that per
#     statement, not per row: migration 0026).
#   scripts/kill-import.sh [ROUNDS]     default 10 per engine; `--quick` in the test suite runs 2 (debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
rounds="${1:-10}"
profile=release
if [ "$rounds" = "--quick" ]; then rounds=2; profile=debug; fi
pg="${PANTAU_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
if [ "$profile" = release ]; then cargo build -q --release -p server --bin pantau; else cargo build -q -p server --bin pantau; fi
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/$profile/pantau"
work=target/kill-import
rm -rf "$work" && mkdir -p "$work"

# Each query must answer 0 on a consistent database.
checks=(
  "SELECT COUNT(*) FROM submissions s WHERE s.accepted = 1 AND s.created + s.updated <> (SELECT COUNT(*) FROM record_revisions v WHERE v.submission_id = s.id)"
  "SELECT COUNT(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_revisions v WHERE v.record_pk = r.id AND v.revision = r.revision)"
  "SELECT COUNT(*) FROM record_revisions v WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = v.submission_id AND s.accepted = 1)"
  "SELECT COUNT(DISTINCT r.agency_code) FROM records r WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.agency_code = r.agency_code AND s.accepted = 1)"
  "SELECT COUNT(*) FROM record_revisions v WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = v.record_pk)"
  "SELECT COUNT(*) FROM selection_committee_members m WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = m.record_pk)"
  "SELECT COUNT(*) FROM selection_candidates c WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = c.record_pk)"
  "SELECT COUNT(*) FROM job_fit_participants p WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = p.record_pk)"
)

# Starts the demo, waits for its first accepted batch, kills it a random 0–3 s later (well before the last of its
# 635 batches), then runs the checks through the query command given.
round() { # engine, url, query command…
  local engine=$1 url=$2; shift 2
  DATABASE_URL="$url" "$bin" demo --scale 1 >"$work/demo.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    [ "$("$@" "SELECT COUNT(*) FROM submissions WHERE accepted = 1" 2>/dev/null || echo 0)" -gt 0 ] && break
    sleep 0.1
  done
  sleep "$(python3 -c 'import random; print(round(random.uniform(0, 3), 2))')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local batches
  batches=$("$@" "SELECT COUNT(*) FROM submissions WHERE accepted = 1")
  for check in "${checks[@]}"; do
    local found
    found=$("$@" "$check")
    if [ "$found" != 0 ]; then echo "$engine: $found rows break: $check" >&2; exit 1; fi
  done
  echo "$engine: killed after $batches whole batches; consistent"
}

for i in $(seq 1 "$rounds"); do
  file="$work/kill-$i.db"
  round sqlite "sqlite://$file" sqlite3 "$file"
  integrity=$(sqlite3 "$file" "PRAGMA integrity_check")
  [ "$integrity" = ok ] || { echo "sqlite: integrity_check: $integrity" >&2; exit 1; }
  [ -z "$(sqlite3 "$file" "PRAGMA foreign_key_check")" ] || { echo "sqlite: foreign keys broken" >&2; exit 1; }
  rm -f "$file"*

  name="pantau_kill_$$_$i"
  psql "$pg" -qc "CREATE DATABASE $name"
  round postgres "${pg%/*}/$name" psql "${pg%/*}/$name" -Atc
  psql "$pg" -qc "DROP DATABASE $name WITH (FORCE)"
done
echo "all $rounds rounds per engine consistent"
