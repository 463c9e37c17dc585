#!/bin/sh
# Writes the questionnaire fixtures of this folder:
#   questionnaire-FR-dir-2011-93_synthetic_libreoffice.xlsx
#   questionnaire-DK-dir-2011-93_synthetic_libreoffice.xlsx
# "gapstudy template" writes blank questionnaires for France and Denmark (built-in
# checklist), fill_questionnaires.py fills them in with synthetic answers
# (openpyxl), and LibreOffice Calc opens and saves them again as .xlsx, as a
# respondent using LibreOffice would. Needs Go, the Debian packages
# python3-openpyxl and libreoffice-calc-nogui. soffice exits 0 even when it
# fails, so the outputs are checked.
#
# Run from anywhere: sh testdata/import/questionnaires/make_fixtures.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go run ./cmd/gapstudy template -o "$work/blank" --countries FR,DK >/dev/null)
/usr/bin/python3 "$here/fill_questionnaires.py" "$work/blank" "$work/filled"
for cc in FR DK; do
	name="questionnaire-$cc-dir-2011-93.xlsx"
	HOME="$work" soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' \
		--outdir "$work/saved" "$work/filled/$name" >/dev/null 2>&1
	test -s "$work/saved/$name" || { echo "soffice wrote no $name" >&2; exit 1; }
	cp "$work/saved/$name" "$here/questionnaire-$cc-dir-2011-93_synthetic_libreoffice.xlsx"
	echo "wrote $here/questionnaire-$cc-dir-2011-93_synthetic_libreoffice.xlsx"
done
