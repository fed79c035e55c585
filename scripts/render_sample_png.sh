#!/bin/sh
# Render page 1 of the sample report to docs/sample-page1.png (shown in the README) and
# of the example decision to docs/decision-page1.png (shown in docs/decisions.md).
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
mkdir -p docs
render() {  # render EXAMPLE NAME: page 1 of examples/EXAMPLE.yaml to docs/NAME-page1.png
    "$bcpipe" export "examples/$1.yaml" --to pdf -o "$tmp/$2.pdf"
    pdftoppm -png -r "$dpi" -f 1 -l 1 -singlefile "$tmp/$2.pdf" "$tmp/$2"
    mv "$tmp/$2.png" "docs/$2-page1.png"
    echo "written: docs/$2-page1.png"
}
render bao-cao-ttdn-tuy-phuoc-2022 sample
render decisions/quyet-dinh-ubnd-tuy-phuoc-2023 decision
