#!/usr/bin/python3
"""Fills in blank questionnaires written by "gapstudy template" as a national
expert would, with made-up (synthetic) answers, for make_fixtures.sh.

Usage: /usr/bin/python3 fill_questionnaires.py BLANK_DIR OUT_DIR

Reads BLANK_DIR/questionnaire-FR-dir-2011-93.xlsx and ...-DK-..., writes the
filled-in files under the same names into OUT_DIR. Cells are found by their
labels (Cover) and by item ID and column header (Questionnaire), not by fixed
positions. Needs the Debian python3-openpyxl package.
"""
import datetime
import os
import sys

import openpyxl

# Synthetic answers: item ID -> (status, evidence, comment). The status is
# typed as a person would: in French, German, English, as a number, a tick.
ANSWERS = {
    "FR": {
        "D-2.a": ("Oui", "Code pénal, art. 227-25", None),
        "D-2.b": ("partiellement", None, "âge de la majorité sexuelle : 15 ans"),
        "D-2.c.i": (1, None, None),
        "D-2.c.ii": ("✓", None, None),
        "D-3.4": ("non", None, None),
        "D-3.5.i": ("N/A", None, None),
        "D-5.2": ("full", None, None),
        "D-5.4": ("vielleicht", None, None),  # not in the vocabulary
    },
    "DK": {
        "BP-INHOPE-HOTLINE": ("yes", "Red Barnet hotline", None),
    },
}
COVER = {
    "FR": {
        "Respondent (your name)": "Expert R",
        "Organisation": "Synthetic test data",
        "Date (YYYY-MM-DD)": datetime.date(2026, 5, 4),
    },
    "DK": {},
}


def fill(src, dst, country):
    wb = openpyxl.load_workbook(src)
    cover = wb["Cover"]
    for row in cover.iter_rows(min_col=1, max_col=2):
        label = row[0].value
        if label in COVER[country]:
            row[1].value = COVER[country][label]
    ws = wb["Questionnaire"]
    header = {c.value: c.column for c in ws[1]}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for item, (status, evidence, comment) in ANSWERS[country].items():
        r = rows[item]
        ws.cell(r, header["Status"]).value = status
        if evidence:
            ws.cell(r, header["Evidence"]).value = evidence
        if comment:
            ws.cell(r, header["Comment"]).value = comment
    if country == "FR":
        # An answer below the table, for a mistyped item ID.
        extra = ws.max_row + 1
        ws.cell(extra, 1).value = "D-5.22"
        ws.cell(extra, header["Status"]).value = "yes"
    wb.save(dst)


def main():
    blank, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for country in ("FR", "DK"):
        name = "questionnaire-%s-dir-2011-93.xlsx" % country
        fill(os.path.join(blank, name), os.path.join(out, name), country)
        print("filled", name)


main()
