#!/usr/bin/env bash
# Builds the front end into target/site (what `pantau serve` serves) and the pantau binary:
#   scripts/build-site.sh            debug build (tests, development)
#   scripts/build-site.sh --release  the wasm with the size-optimised `wasm-release` profile plus wasm-opt -Oz,
#                                    the server with the speed-optimised `release` profile
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

if $release; then
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  wasm="$target_dir/wasm32-unknown-unknown/wasm-release/frontend.wasm"
else
  cargo build -p frontend --lib --target wasm32-unknown-unknown
  wasm="$target_dir/wasm32-unknown-unknown/debug/frontend.wasm"
fi

rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name pantau "$wasm"
if $release; then
  # npm's binaryen 132, never Debian's 108 (it silently breaks hydration).
  scripts/tools/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$pkg/pantau_bg.wasm" -o "$pkg/pantau_bg.wasm"
fi
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
