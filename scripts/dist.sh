#!/usr/bin/env bash
# Builds the deployable site (release profile, wasm-opt -Oz) and its nginx configuration:
#   dist/                          the static site: hashed assets with .gz/.br copies, index.html,
#                                  the service worker sw.js and the web app manifest
#   dist-deploy/weiquan.nginx.conf deploy/nginx.conf rendered for this build (its CSP names the
#                                  hash of this build's inline loader)
# PUBLIC_URL is the path the site is served under (default "/"), e.g. PUBLIC_URL=/weiquan/ for
# https://intranet/weiquan/; DOCROOT the directory nginx serves it from (default /srv/www: the
# files of dist/ then go to /srv/www/weiquan/); DIST the output directory (default dist).
# `make test` builds its sites with this script too: dist/ for the root and, for the sub-path
# tests, target/dist-weiquan/ for /weiquan/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
base="/$(printf '%s' "${PUBLIC_URL:-/}" | sed -E 's#^/+##; s#/+$##')/"
base="${base//\/\//\/}"
docroot="${DOCROOT:-/srv/www}"
dist="${DIST:-dist}"
conf="dist-deploy/weiquan.nginx.conf"
[ "$dist" = dist ] || conf="$dist.nginx.conf"
# Trunk runs scripts/post_build.mjs (Trunk.toml) before moving the site into $dist/.
trunk build --offline --release --public-url "$base" --dist "$dist" "$@"
node scripts/deploy_conf.mjs "$dist" "$base" "$docroot" "$conf"
raw=$(cat "$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/index.html | wc -c)
br=$(cat "$dist"/*.wasm.br "$dist"/*.js.br "$dist"/*.css.br "$dist"/index.html.br | wc -c)
echo "$dist/ ready for ${base}: first load ${raw} bytes, ${br} bytes with brotli"
echo "nginx: $conf (copy $dist/* to ${docroot%/}${base})"
