#!/bin/sh
# Check the .docx export in a real word processor: LibreOffice (headless) converts the
# sample's .docx to PDF, page 1 becomes docs/sample-docx-page1.png, and pdftotext of that
# PDF must give back every sentence of the sample's text export. Not run in CI
# (LibreOffice is a large package): apt-get install libreoffice-writer-nogui poppler-utils
# Run from anywhere after `make install`:  scripts/render_docx_png.sh [DPI]
set -eu
cd "$(dirname "$0")/.."
dpi=${1:-100}
bcpipe=${BCPIPE:-.venv/bin/bcpipe}
python=${PYTHON:-.venv/bin/python}
for tool in soffice pdftoppm pdftotext; do
    command -v "$tool" >/dev/null || {
        echo "$tool not found: apt-get install libreoffice-writer-nogui poppler-utils" >&2
        exit 2
    }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample=examples/bao-cao-ttdn-tuy-phuoc-2022.yaml
"$bcpipe" export "$sample" --to docx -o "$tmp/sample.docx"
"$bcpipe" export "$sample" --to text -o "$tmp/sample.txt"
# A private profile: a user's running LibreOffice neither blocks nor sees the conversion.
soffice -env:UserInstallation="file://$tmp/profile" --headless \
    --convert-to pdf --outdir "$tmp" "$tmp/sample.docx" >/dev/null
pdftotext -enc UTF-8 "$tmp/sample.pdf" "$tmp/from-pdf.txt"
"$python" - "$tmp/sample.txt" "$tmp/from-pdf.txt" <<'PY'
import re, sys, unicodedata
def lines(path):
    text = unicodedata.normalize("NFC", open(path, encoding="utf-8").read())
    return [" ".join(line.split()) for line in text.splitlines()]
# The PDF's words in reading order, page numbers (lines of digits) and page breaks left out.
got = " ".join(line for line in lines(sys.argv[2]) if line and not line.isdigit())
sentences = [
    sentence
    for line in lines(sys.argv[1])
    for sentence in re.split(r"(?<=[.;:])\s+", line)
    if sentence
]
# pdftotext may put a wrapped bold line's last word before it: such a sentence counts
# as found when all its words are there, and is listed.
shuffled = [s for s in sentences if s not in got]
vocabulary = set(got.split())
missing = [s for s in shuffled if not set(s.split()) <= vocabulary]
print(f"{len(sentences) - len(missing)}/{len(sentences)} sentences found in LibreOffice's PDF")
for sentence in shuffled:
    if sentence not in missing:
        print("  found, words in another order:", sentence[:100])
for sentence in missing[:10]:
    print("  missing:", sentence[:100])
sys.exit(1 if missing else 0)
PY
pdftoppm -png -r "$dpi" -f 1 -l 1 -singlefile "$tmp/sample.pdf" "$tmp/page1"
mkdir -p docs
mv "$tmp/page1.png" docs/sample-docx-page1.png
echo "written: docs/sample-docx-page1.png"
