#!/usr/bin/env bash
# The long fuzz run of issue #14: the property-based harness over the readers (server/tests/fuzz_readers.rs),
# with many cases per pass and a fresh random seed each pass, for MINUTES minutes (default 10). Prints the number
# of passes and cases; any panic stops it with the failing input (proptest shrinks it). The short run is part of
# `make test`. cargo-fuzz needs a nightly toolchain, which this machine does not have.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pantau-merit/target}"
minutes="${MINUTES:-10}"
cases="${PROPTEST_CASES:-5000}"
cargo test -q -p server --test fuzz_readers --no-run
deadline=$((SECONDS + minutes * 60))
passes=0
while (( SECONDS < deadline )); do
  PROPTEST_CASES="$cases" cargo test -q -p server --test fuzz_readers >/tmp/pantau-fuzz.log 2>&1 || {
    cat /tmp/pantau-fuzz.log
    echo "fuzz: a reader failed after $passes passes"
    exit 1
  }
  passes=$((passes + 1))
done
echo "fuzz: $passes passes of $cases cases per reader (workbooks 64) in $minutes minutes, no panic"
