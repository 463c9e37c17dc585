#!/bin/sh
# Writes ../long_synthetic_libreoffice.xlsx and ../legacy_synthetic.xls from
# long_synthetic_libreoffice_source.csv with LibreOffice Calc (Debian package
# libreoffice-calc-nogui). LibreOffice types the numbers, and reads "50%" as the
# number 0.5 shown as a percentage. soffice exits 0 even when it fails, so the
# outputs are checked.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/long_synthetic_libreoffice_source.csv" "$work/long_synthetic_libreoffice.csv"
cd "$work"
# CSV import filter: comma (44), double quote (34), UTF-8 (76), from line 1.
HOME="$work" soffice --headless --infilter="CSV:44,34,76,1" \
	--convert-to 'xlsx:Calc MS Excel 2007 XML' long_synthetic_libreoffice.csv >/dev/null 2>&1
HOME="$work" soffice --headless --infilter="CSV:44,34,76,1" \
	--convert-to 'xls:MS Excel 97' long_synthetic_libreoffice.csv >/dev/null 2>&1
test -s long_synthetic_libreoffice.xlsx || { echo "soffice wrote no xlsx" >&2; exit 1; }
test -s long_synthetic_libreoffice.xls || { echo "soffice wrote no xls" >&2; exit 1; }
cp long_synthetic_libreoffice.xlsx "$here/../long_synthetic_libreoffice.xlsx"
cp long_synthetic_libreoffice.xls "$here/../legacy_synthetic.xls"
echo "wrote $here/../long_synthetic_libreoffice.xlsx and $here/../legacy_synthetic.xls"
