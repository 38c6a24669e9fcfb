#!/usr/bin/env bash
# Lighthouse on the public pages issue #16 names: npm's `lighthouse` with its default mobile emulation (a mid-range
# phone on a slow 4G link), driving Debian's Chromium through CHROME_PATH — nothing downloads a browser. Writes the
# performance and accessibility scores, the bytes each page loads (compressed, cache off), its wasm and its
# requests to docs/benchmarks.md (between the `lighthouse` markers). Measure a release build on a quiet machine:
#   make run                      # in another terminal: release build, demo data, http://127.0.0.1:3000
#   scripts/lighthouse.sh [BASE]  # BASE defaults to http://127.0.0.1:3000
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-http://127.0.0.1:3000}"
tools=scripts/lighthouse
if [ ! -d "$tools/node_modules" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pages=(/ /sistem-merit /instansi/32.04 /netralitas/lapor)
for page in "${pages[@]}"; do
  name=$(echo "$page" | tr '/.' '__')
  "$tools/node_modules/.bin/lighthouse" "$base$page" --quiet --output=json --output-path="$out/$name.json" \
    --only-categories=performance,accessibility \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null
done
python3 - "$out" "${pages[@]}" <<'PY'
import datetime, json, os, platform, re, sys
out, pages = sys.argv[1], sys.argv[2:]
rows = []
for page in pages:
    name = page.replace('/', '_').replace('.', '_')
    report = json.load(open(os.path.join(out, name + '.json')))
    cat = report['categories']
    audits = report['audits']
    score = lambda key: round(100 * (cat[key]['score'] or 0))
    kb = audits['total-byte-weight']['numericValue'] / 1000
    requests = audits['network-requests']['details']['items']
    wasm = sum(r.get('transferSize', 0) for r in requests if r.get('url', '').split('?')[0].endswith('.wasm')) / 1000
    lcp = audits['largest-contentful-paint']['numericValue'] / 1000
    tbt = audits['total-blocking-time']['numericValue']
    rows.append(f"| `{page}` | {score('performance')} | {score('accessibility')} | {kb:,.0f} KB | {wasm:,.0f} KB | {len(requests)} | {lcp:.1f} s | {tbt:,.0f} ms |")
    print(rows[-1])
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.machine())
block = "\n".join([
    "<!-- lighthouse:start -->",
    f"Measured {datetime.date.today()} by `scripts/lighthouse.sh` on a release build (`make run`, demo data) — "
    f"Lighthouse {report['lighthouseVersion']}, mobile emulation, Chromium {report['environment']['hostUserAgent'].split('Chrome/')[1].split(' ')[0]}, "
    f"{os.cpu_count()} cores ({cpu}). Goal (issue #16): performance ≥ 95, accessibility 100.",
    "",
    "| page | performance | accessibility | bytes loaded | of which wasm | requests | largest contentful paint | total blocking time |",
    "|---|---|---|---|---|---|---|---|",
    *rows,
    "<!-- lighthouse:end -->",
])
path = 'docs/benchmarks.md'
text = open(path).read()
if '<!-- lighthouse:start -->' in text:
    text = re.sub(r'<!-- lighthouse:start -->.*?<!-- lighthouse:end -->', lambda _: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n## Lighthouse (public pages, phone)\n\n" + block + "\n"
open(path, 'w').write(text)
PY
