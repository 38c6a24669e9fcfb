#!/usr/bin/env bash
# Installs what building Pantau Merit needs, skipping whatever is already there. Only package registries are
# used (crates.io, npm, Debian): nothing downloads a prebuilt binary.
#   scripts/setup.sh           build tools (wasm target, wasm-bindgen-cli, npm binaryen for release builds)
#   scripts/setup.sh --test    also what the tests need (Debian chromium, playwright-core, a running PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Without --locked: the locked webpki-roots of 0.2.130 was yanked from crates.io (build-facts.md).
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

npm_ci() { # folder: install the npm packages of its lock file unless they already are
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    say "installing npm packages in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci scripts/tools

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null; then
    say "installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  npm_ci tests/browser
  # The letters' test reads PDFs back (pdftotext, pdftoppm); the mail tests deliver to a local SMTP sink.
  if ! command -v pdftotext >/dev/null; then
    say "installing Debian's poppler-utils"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  fi
  # The kill -9 check of the import (scripts/kill-import.sh) reads the SQLite file with Debian's sqlite3.
  if ! command -v sqlite3 >/dev/null; then
    say "installing Debian's sqlite3"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
  fi
  if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    say "installing aiosmtpd from PyPI"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore aiosmtpd
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  # The tests need PostgreSQL: fail here, never skip them.
  pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
fi
