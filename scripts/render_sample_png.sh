#!/bin/sh
# Render page 1 of the sample report to docs/sample-page1.png (shown in the README).
#
# Needs pdftoppm (Debian/Ubuntu: apt-get install poppler-utils); the tests do not.
# Run from anywhere after `make install`:  scripts/render_sample_png.sh [DPI]
set -eu
cd "$(dirname "$0")/.."
dpi=${1:-100}
bcpipe=${BCPIPE:-.venv/bin/bcpipe}
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install poppler-utils" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bcpipe" export examples/bao-cao-ttdn-tuy-phuoc-2022.yaml --to pdf -o "$tmp/sample.pdf"
pdftoppm -png -r "$dpi" -f 1 -l 1 -singlefile "$tmp/sample.pdf" "$tmp/page1"
mkdir -p docs
mv "$tmp/page1.png" docs/sample-page1.png
echo "written: docs/sample-page1.png"
