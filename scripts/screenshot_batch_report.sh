#!/bin/sh
# Screenshots of a batch report over the real corpus, for docs/batch.md:
# docs/batch-report.png (report.html) and docs/batch-document-page.png (one document's page).
#
# Needs headless Chromium (Debian: apt-get install chromium); the tests do not.
# Run from anywhere after `make install`:  scripts/screenshot_batch_report.sh
set -eu
cd "$(dirname "$0")/.."
bcpipe=${BCPIPE:-.venv/bin/bcpipe}
chromium=${CHROMIUM:-chromium}
command -v "$chromium" >/dev/null || { echo "$chromium not found: apt-get install chromium" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Exit code 1 or 2: some documents have errors or cannot be read; the report is the point.
"$bcpipe" batch tests/corpus/docs --to text -o "$tmp/out" -q >/dev/null || true
shot() {  # URL WIDTH,HEIGHT OUT
    "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="$2" --screenshot="$3" "file://$1" 2>/dev/null
}
shot "$tmp/out/report.html" 1280,1300 docs/batch-report.png
shot "$tmp/out/report/003-bao-cao-chi-so-cchc-nam-2025-snv.html" 1280,900 docs/batch-document-page.png
echo "written: docs/batch-report.png, docs/batch-document-page.png"
