#!/bin/sh
# Writes ../sheetdata_synthetic_libreoffice.xlsx from sheetdata_synthetic.fods with
# LibreOffice Calc (Debian package libreoffice-calc-nogui): a synthetic long-layout
# sheet whose cells exercise the sheet-data reader as LibreOffice writes them —
# rich text (a bold run), XML special characters, a cell of two paragraphs, a
# percentage, a date, formulas with text, number, error and boolean results, a
# hidden row, empty rows, a literal "_x0041_" (escaped as _x005F_x0041_) and cells
# far to the right.
#
# Run: sh make_sheetdata.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
profile=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$profile" "$out"' EXIT
soffice --headless -env:UserInstallation=file://"$profile" --convert-to xlsx:"Calc MS Excel 2007 XML" \
	--outdir "$out" "$here/sheetdata_synthetic.fods" >/dev/null
# soffice exits 0 even when it fails: check the output.
test -s "$out/sheetdata_synthetic.xlsx"
mv "$out/sheetdata_synthetic.xlsx" "$here/../sheetdata_synthetic_libreoffice.xlsx"
chmod 0644 "$here/../sheetdata_synthetic_libreoffice.xlsx"
