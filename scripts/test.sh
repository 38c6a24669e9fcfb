#!/usr/bin/env bash
# Sets up and runs every test: formatting, lints for both feature sets, unit and integration tests against
# SQLite and PostgreSQL, and the browser tests in headless Chromium (against both databases). `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# One target folder outside the clone: CI's fresh clones reuse what earlier runs on this machine compiled.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pantau-merit/target}"
# A fresh clone's crates compile afresh anyway (their paths differ); incremental data would only fill the disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export PANTAU_TEST_PG_URL="${PANTAU_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
export NO_COLOR=1
started=$SECONDS
step() { printf '\n==> [%4ds] %s\n' $((SECONDS - started)) "$*"; }

step "setting up tools and services"
scripts/setup.sh --test

step "dropping test databases left by earlier runs"
psql "$PANTAU_TEST_PG_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'pantau\_test\_%' OR datname LIKE 'pantau\_browser\_%'" |
  while read -r name; do psql "$PANTAU_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS \"$name\"" ; done

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy: server side (ssr) and tests"
cargo clippy -p app -p server -p integration-tests --all-targets --features app/ssr -- -D warnings
step "clippy: browser side (hydrate, wasm32)"
cargo clippy -p app -p frontend --target wasm32-unknown-unknown --features app/hydrate -- -D warnings

step "unit and integration tests (SQLite and PostgreSQL)"
cargo test -p app -p server -p integration-tests --features app/ssr

step "building the front end and the server (debug)"
scripts/build-site.sh

step "an import killed at random moments leaves whole batches only (SQLite and PostgreSQL; scripts/kill-import.sh)"
scripts/kill-import.sh --quick

step "browser tests on SQLite"
export PANTAU_BIN="$CARGO_TARGET_DIR/debug/pantau"
(cd tests/browser && node --test --test-concurrency=1)
step "browser tests on PostgreSQL"
browser_db="pantau_browser_$$"
psql "$PANTAU_TEST_PG_URL" -qc "CREATE DATABASE $browser_db"
(cd tests/browser && BROWSER_DATABASE_URL="${PANTAU_TEST_PG_URL%/*}/$browser_db" node --test --test-concurrency=1)
psql "$PANTAU_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $browser_db"

step "all tests passed; screenshots in tests/browser/output/"
