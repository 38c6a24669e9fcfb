#!/usr/bin/env bash
# Builds the front end into target/site (what `pantau serve` serves) and the pantau binary:
#   scripts/build-site.sh            debug server (tests, development)
#   scripts/build-site.sh --release  the server with the speed-optimised `release` profile
# The wasm is always the size-optimised `wasm-release` build plus wasm-opt -Oz: it holds only the islands
# (app/src/islands.rs), so it builds in about a minute from cold, and the browser tests measure the bytes a
# visitor gets (their byte budgets, issue #16, would fail on a debug wasm three times larger).
# The same steps cargo-leptos takes, done by hand because cargo-leptos 0.3.11 cannot be installed on Rust 1.95
# without patching its lock file, and downloads wasm-bindgen/wasm-opt when it finds none (docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

release=false
[ "${1:-}" = "--release" ] && release=true
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
site="target/site"
pkg="$site/pkg"

cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
wasm="$target_dir/wasm32-unknown-unknown/wasm-release/frontend.wasm"

rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name pantau "$wasm"
# npm's binaryen 132, never Debian's 108 (it silently breaks hydration).
scripts/tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$pkg/pantau_bg.wasm" -o "$pkg/pantau_bg.wasm"
cp style/main.css "$pkg/pantau.css"
cp -r public/. "$site/"
# Precompressed copies: the server sends these instead of compressing the wasm on every request.
gzip -9 -k -f "$pkg"/*.wasm "$pkg"/*.js "$pkg"/*.css

if $release; then
  cargo build -p server --release
else
  cargo build -p server
fi
ls -l "$pkg"
