#!/usr/bin/env bash
# Import throughput (issue #21), both sides in one run on the same machine, the table written between the
# `import:start` and `import:end` marks of docs/benchmarks.md:
#   - `pantau demo --scale S` (generate, validate, store with revisions and parts, evaluate each agency) on a fresh
#     SQLite file and on a fresh PostgreSQL database: time, peak memory (RSS), size on disk;
#   - the same rows (agency, kind, id, JSON) through `sqlite3 .import` plus a unique index: time and size;
#   - the demo's records as one batch file per agency through `pantau import` (the validated path without the
#     demo's follow-ups) into a fresh SQLite file and a fresh PostgreSQL database: time, peak memory, size;
#   - a clerk's batch of 1,000 new records sent to a running server over the filled SQLite and PostgreSQL
#     databases (`POST /api/v1/reports`, timed until the answer, as the clerk waits), and the same batch sent
#     again (all unchanged); the same through `pantau import`, which also waits for the public aggregates.
#   scripts/bench-import.sh [SCALE]      default 10 (1.1 million records, several minutes); 1 for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scale="${1:-10}"
pg="${PANTAU_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
cargo build -q --release -p server --bin pantau
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/pantau"
work=target/bench/import
rm -rf "$work" && mkdir -p "$work"

# Runs a command under /usr/bin/time; prints "<seconds> <peak RSS in MB>".
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$work/time"
}
size_mb() { du -cm "$@" | tail -1 | cut -f1; }

echo "demo --scale $scale on SQLite…" >&2
read -r demo_s demo_rss < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" demo --scale "$scale")
sqlite3 "$work/demo.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
demo_mb=$(size_mb "$work"/demo.db*)
records=$(sqlite3 "$work/demo.db" "SELECT COUNT(*) FROM records")

echo "the same rows through sqlite3 .import…" >&2
sqlite3 -csv "$work/demo.db" "SELECT agency_code, kind, record_id, content FROM records" >"$work/rows.csv"
cat >"$work/raw.sql" <<SQL
CREATE TABLE raw (agency_code TEXT, kind TEXT, record_id TEXT, content TEXT);
.import --csv $work/rows.csv raw
CREATE UNIQUE INDEX raw_key ON raw (agency_code, kind, record_id);
SQL
read -r raw_s _ < <(measure sqlite3 "$work/raw.db" ".read $work/raw.sql")
raw_mb=$(size_mb "$work/raw.db")

echo "the same records through pantau import, one batch file per agency…" >&2
# All but the answers to recommendations, which name violations of the demo's database. Each file is the
# agency's records as stored (their canonical JSON), joined as text.
read -r import_n import_files < <(python3 - "$work/demo.db" "$work/batches" <<'PY'
import json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = sys.argv[2]
os.makedirs(out)
count = files = 0
def write(code, contents):
    global files
    with open(f"{out}/{code}.json", "w") as f:
        f.write('{"schema": "pantau.report.v1", "agency_code": ' + json.dumps(code) + ', "records": [')
        f.write(", ".join(contents))
        f.write("]}")
    files += 1
code, contents = None, []
for agency, content in db.execute("SELECT agency_code, content FROM records WHERE kind <> 'recommendation_response' ORDER BY agency_code, id"):
    if agency != code and contents:
        write(code, contents)
        contents = []
    code = agency
    contents.append(content)
    count += 1
if contents:
    write(code, contents)
print(count, files)
PY
)
read -r import_s import_rss < <(DATABASE_URL="sqlite://$work/import.db" measure "$bin" import "$work"/batches/*.json)
sqlite3 "$work/import.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
import_mb=$(size_mb "$work"/import.db*)

echo "a clerk's batch of up to 1,000 records (the largest agency's; 1,000 from --scale 10)…" >&2
# Two copies under new ids: one sent over HTTP as the agency's clerk, one through `pantau import`.
read -r batch_n batch_agency < <(python3 - "$work/demo.db" "$work" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# The agency with the most records: 1,000 of them sent again under new ids (new records, all checks apply).
code = db.execute("SELECT agency_code FROM records GROUP BY agency_code ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
rows = db.execute("SELECT content FROM records WHERE agency_code = ? AND kind IN ('selection', 'rotation', 'job_fit', 'acting_assignment') ORDER BY id LIMIT 1000", (code,)).fetchall()
for name, suffix in (("batch.json", "-B"), ("batch-cli.json", "-C")):
    records = []
    for (content,) in rows:
        record = json.loads(content)
        record["id"] = record["id"] + suffix
        records.append(record)
    json.dump({"schema": "pantau.report.v1", "agency_code": code, "records": records}, open(f"{sys.argv[2]}/{name}", "w"))
print(f"{len(records):,} {code}")
PY
)

# Sends batch.json twice to `POST /api/v1/reports` as a clerk of its agency, on a server over database $1; prints
# "<seconds to answer, new> <sent again> <time of the public aggregates' recomputation the upload set off>".
# Each upload is timed on an idle server: the next waits for the background recomputation of the previous one.
clerk_uploads() {
  local url="$1" port=3987 token log="$work/serve.log"
  token=$(DATABASE_URL="$url" "$bin" user add "bench-clerk-$RANDOM" --role agency --agency "$batch_agency" | tail -1)
  DATABASE_URL="$url" PANTAU_LOG="info,server::service::public=debug" "$bin" serve --addr "127.0.0.1:$port" >"$log" 2>&1 &
  local server=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/agencies" && break; sleep 0.2; done
  refreshed() { # until the log holds $1 refreshes of the public aggregates, one per upload
    for _ in $(seq 1 600); do [ "$(grep -c 'public aggregates refreshed' "$log")" -ge "$1" ] && return; sleep 0.2; done
    echo "the public aggregates were not refreshed" >&2; exit 1
  }
  local times=()
  for n in 1 2; do
    times+=("$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' --data-binary "@$work/batch.json" "http://127.0.0.1:$port/api/v1/reports")")
    case "${times[-1]}" in 200\ *) ;; *) cat "$work/answer.json" >&2; exit 1 ;; esac
    refreshed "$n"
  done
  kill "$server"; wait "$server" || true
  local refresh
  refresh=$(grep 'public aggregates refreshed' "$log" | head -1 | sed 's/\x1b\[[0-9;]*m//g' | grep -oE 'elapsed=[0-9.]+(ms|s|µs)' | cut -d= -f2 |
    awk '{v = $1; if (v ~ /ms$/) { sub(/ms$/, "", v); v /= 1000 } else if (v ~ /µs$/) { sub(/µs$/, "", v); v /= 1e6 } else sub(/s$/, "", v); printf "%.1f", v}')
  printf '%.2f %.2f %s\n' "${times[0]#* }" "${times[1]#* }" "$refresh"
}
read -r batch_s again_s refresh_s < <(clerk_uploads "sqlite://$work/demo.db")
[ -n "$refresh_s" ] || { echo "the uploads to the SQLite server failed" >&2; exit 1; }
read -r cli_s _ < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" import "$work/batch-cli.json")
read -r cli_again_s _ < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" import "$work/batch-cli.json")
read -r open_s _ < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" params)

echo "demo --scale $scale on PostgreSQL…" >&2
name="pantau_bench_import"
psql "$pg" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
pg_db="${pg%/*}/$name"
read -r pg_s pg_rss < <(DATABASE_URL="$pg_db" measure "$bin" demo --scale "$scale")
pg_mb=$(psql "$pg_db" -Atc "SELECT pg_database_size(current_database()) / 1048576")
# The clerk's batch is timed on an idle server: the demo's writes are flushed first, as the SQLite side
# checkpoints its WAL above, so that a background checkpoint of the demo's last gigabyte does not share the disk.
psql "$pg_db" -qc CHECKPOINT
read -r pg_batch_s pg_again_s pg_refresh_s < <(clerk_uploads "$pg_db")
[ -n "$pg_refresh_s" ] || { echo "the uploads to the PostgreSQL server failed" >&2; exit 1; }
psql "$pg" -qc "DROP DATABASE IF EXISTS $name"

echo "the same batch files through pantau import on PostgreSQL…" >&2
psql "$pg" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
read -r pg_import_s pg_import_rss < <(DATABASE_URL="$pg_db" measure "$bin" import "$work"/batches/*.json)
pg_import_mb=$(psql "$pg_db" -Atc "SELECT pg_database_size(current_database()) / 1048576")
psql "$pg" -qc "DROP DATABASE IF EXISTS $name"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }
table="$work/table.md"
{
  echo "Measured $(date -u +%Y-%m-%d) by \`scripts/bench-import.sh $scale\` on a release build: $(nproc) cores ($cpu), $records records."
  echo "The clerk's batch (agency $batch_agency, the one with the most records) is timed from the clerk's side: \`POST /api/v1/reports\` to a running server until its answer (validation, store, the agency's evaluation), on an idle server. Each upload then sets off a recomputation of the country's public aggregates in the background ($refresh_s s on SQLite, $pg_refresh_s s on PostgreSQL), which the answer does not wait for. A \`pantau import\` of the same batch waits for it before it exits: $cli_s s new, $cli_again_s s sent again (start-up and migrations check $open_s s)."
  echo
  echo "| | time | peak memory | on disk |"
  echo "|---|---|---|---|"
  echo "| \`pantau demo --scale $scale\`, SQLite | $demo_s s ($(ratio "$demo_s" "$raw_s")× the raw load) | $demo_rss MB | $demo_mb MB ($(ratio "$demo_mb" "$raw_mb")× raw) |"
  echo "| the same rows through \`sqlite3 .import\` + unique index | $raw_s s | | $raw_mb MB |"
  echo "| \`pantau demo --scale $scale\`, PostgreSQL | $pg_s s ($(ratio "$pg_s" "$demo_s")× SQLite) | $pg_rss MB | $pg_mb MB |"
  echo "| its $import_n records but the answers, $import_files batch files through \`pantau import\`, SQLite | $import_s s ($(ratio "$import_s" "$raw_s")× the raw load) | $import_rss MB | $import_mb MB |"
  echo "| the same files through \`pantau import\`, PostgreSQL | $pg_import_s s ($(ratio "$pg_import_s" "$import_s")× SQLite) | $pg_import_rss MB | $pg_import_mb MB |"
  echo "| $batch_n-record batch answered, SQLite: new / sent again | $batch_s s / $again_s s | | |"
  echo "| $batch_n-record batch answered, PostgreSQL: new / sent again | $pg_batch_s s / $pg_again_s s | | |"
} >"$table"
cat "$table"
python3 - "$table" <<'PY'
import re, sys
table = open(sys.argv[1]).read().strip()
path = "docs/benchmarks.md"
doc = open(path).read()
block = f"<!-- import:start -->\n{table}\n<!-- import:end -->"
if "<!-- import:start -->" in doc:
    doc = re.sub(r"<!-- import:start -->.*?<!-- import:end -->", lambda _: block, doc, flags=re.S)
else:
    doc = doc.rstrip() + "\n\n## Import throughput (issue #21)\n\n" + block + "\n"
open(path, "w").write(doc)
PY
echo "written to docs/benchmarks.md" >&2
