#!/usr/bin/env bash
# Import throughput (issue #21), both sides in one run on the same machine, the table written between the
# `import:start` and `import:end` marks of docs/benchmarks.md:
#   - `pantau demo --scale S` (generate, validate, store with revisions and parts, evaluate each agency) on a fresh
#     SQLite file and on a fresh PostgreSQL database: time, peak memory (RSS), size on disk;
#   - the same rows (agency, kind, id, JSON) through `sqlite3 .import` plus a unique index: time and size;
#   - a clerk's batch of 1,000 new records into the filled SQLite and PostgreSQL databases, and the same batch
#     sent again (all unchanged).
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

echo "a clerk's batch of up to 1,000 records (the largest agency's; 1,000 from --scale 10)…" >&2
batch_n=$(python3 - "$work/demo.db" "$work/batch.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# The agency with the most records: 1,000 of them sent again under new ids (new records, all checks apply).
code = db.execute("SELECT agency_code FROM records GROUP BY agency_code ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
rows = db.execute("SELECT content FROM records WHERE agency_code = ? AND kind IN ('selection', 'rotation', 'job_fit', 'acting_assignment') ORDER BY id LIMIT 1000", (code,)).fetchall()
records = []
for (content,) in rows:
    record = json.loads(content)
    record["id"] = record["id"] + "-B"
    records.append(record)
json.dump({"schema": "pantau.report.v1", "agency_code": code, "records": records}, open(sys.argv[2], "w"))
print(f"{len(records)} records of {code}", file=sys.stderr)
print(f"{len(records):,}")
PY
)
read -r batch_s _ < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" import "$work/batch.json")
read -r again_s _ < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" import "$work/batch.json")
read -r open_s _ < <(DATABASE_URL="sqlite://$work/demo.db" measure "$bin" params)

echo "demo --scale $scale on PostgreSQL…" >&2
name="pantau_bench_import"
psql "$pg" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
pg_db="${pg%/*}/$name"
read -r pg_s pg_rss < <(DATABASE_URL="$pg_db" measure "$bin" demo --scale "$scale")
pg_mb=$(psql "$pg_db" -Atc "SELECT pg_database_size(current_database()) / 1048576")
read -r pg_batch_s _ < <(DATABASE_URL="$pg_db" measure "$bin" import "$work/batch.json")
read -r pg_again_s _ < <(DATABASE_URL="$pg_db" measure "$bin" import "$work/batch.json")
psql "$pg" -qc "DROP DATABASE IF EXISTS $name"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }
table="$work/table.md"
{
  echo "Measured $(date -u +%Y-%m-%d) by \`scripts/bench-import.sh $scale\` on a release build: $(nproc) cores ($cpu), $records records."
  echo "The clerk's batch times are whole \`pantau import\` runs (start-up and migrations check $open_s s, validation, store, the agency's evaluation)."
  echo
  echo "| | time | peak memory | on disk |"
  echo "|---|---|---|---|"
  echo "| \`pantau demo --scale $scale\`, SQLite | $demo_s s ($(ratio "$demo_s" "$raw_s")× the raw load) | $demo_rss MB | $demo_mb MB ($(ratio "$demo_mb" "$raw_mb")× raw) |"
  echo "| the same rows through \`sqlite3 .import\` + unique index | $raw_s s | | $raw_mb MB |"
  echo "| \`pantau demo --scale $scale\`, PostgreSQL | $pg_s s ($(ratio "$pg_s" "$demo_s")× SQLite) | $pg_rss MB | $pg_mb MB |"
  echo "| $batch_n-record batch, SQLite: new / sent again | $batch_s s / $again_s s | | |"
  echo "| $batch_n-record batch, PostgreSQL: new / sent again | $pg_batch_s s / $pg_again_s s | | |"
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
