#!/usr/bin/env bash
# render-workbook.sh — print a workbook to PDF with LibreOffice and turn the first
# page of every sheet into a PNG, to look at how the workbook prints
# (docs/printing.md).
#
# Usage: scripts/render-workbook.sh WORKBOOK.xlsx OUTDIR
#
# Writes OUTDIR/<name>.pdf (every sheet, in order, as LibreOffice prints it) and
# OUTDIR/<name>-<sheet>.png (the first page of each sheet, 100 dpi), and prints
# one line per sheet: the sheet name, its first page in the PDF and the number of
# pages it takes. Exits non-zero when LibreOffice writes no PDF (it exits 0 even
# when it failed).
#
# Needs (Debian): libreoffice-calc-nogui fonts-crosextra-carlito fonts-liberation2
# poppler-utils, and /usr/bin/python3 with python3-openpyxl (to read the sheet
# names and print setup). Carlito and Liberation are metric-compatible with
# Calibri and Arial: without them LibreOffice measures text with another font and
# the pages break elsewhere.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 WORKBOOK.xlsx OUTDIR" >&2
  exit 2
fi
book=$1
out=$2
for tool in soffice pdfinfo pdftoppm pdftotext; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (apt-get install libreoffice-calc-nogui poppler-utils)" >&2; exit 3; }
done
mkdir -p "$out"
name=$(basename "$book" .xlsx)
pdf="$out/$name.pdf"
rm -f "$pdf"

# LibreOffice needs a writable profile directory; a fresh one per run also keeps
# runs independent of each other and of the user's settings.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
HOME=$profile soffice -env:UserInstallation="file://$profile/lo" --headless --norestore \
  --convert-to pdf --outdir "$out" "$book" >"$out/soffice.log" 2>&1 || true
if [ ! -s "$pdf" ]; then
  echo "$0: LibreOffice wrote no PDF (see $out/soffice.log)" >&2
  exit 1
fi
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
echo "$pdf: $pages pages"

# Every printed page carries the sheet's name in its footer (&A): the first page
# whose text ends with a sheet's footer line starts that sheet.
/usr/bin/python3 - "$book" "$pdf" "$pages" "$out" "$name" <<'PY'
import subprocess, sys, openpyxl
book, pdf, pages, out, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
wb = openpyxl.load_workbook(book)
sheets = wb.sheetnames
owner = []
for p in range(1, pages + 1):
    text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    found = None
    for l in reversed(lines):
        for s in sorted(sheets, key=len, reverse=True):
            if l.startswith(s + " ") and "Page " in l:
                found = s
                break
        if found:
            break
    owner.append(found)
for s in sheets:
    idx = [i + 1 for i, o in enumerate(owner) if o == s]
    ws = wb[s]
    ps = ws.page_setup
    setup = f"{ps.orientation} fitToWidth={ps.fitToWidth} fitToHeight={ps.fitToHeight} titles={ws.print_title_rows or '-'}/{ws.print_title_cols or '-'}"
    if not idx:
        print(f"{s}: no page found ({setup})")
        continue
    png = f"{out}/{name}-{s.replace(' ', '_')}"
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", "-f", str(idx[0]), "-l", str(idx[0]), pdf, png], check=True)
    print(f"{s}: page {idx[0]}, {len(idx)} pages, {setup} -> {png}.png")
PY
