#!/usr/bin/python3
"""Write the SYNTHETIC expert panel and survey for the verification of SPEC 14,
each in two forms with the same content:

    panel-verify-synthetic.csv    long table (expert, measure, criterion, value), comma CSV
    panel-verify-synthetic.xlsx   the same table, sheet "Panel", written by openpyxl
    survey-agreement-verify-synthetic.csv   semicolon CSV, UTF-8
    survey-agreement-verify-synthetic.xlsx  the same answers, sheet "Survey"

Run with Debian's python3 (python3-openpyxl):  /usr/bin/python3 gen_verify_panel.py

The ratings and answers are made up. They go with checklist-synthetic.yaml
(measures M-A…M-E, expert criteria feasibility and cost).

Panel: five experts SYN-E1…SYN-E5; ties within an expert's ratings; one missing
rating (SYN-E2 did not rate M-D on cost); SYN-E5 rated only M-A…M-D, so
Kendall's W rests on fewer measures; nobody rated M-E on cost (SPEC 6's rule for
a missing value fills it); even counts of ratings (median of the middle two).

Survey: FR with three respondents (a full, full, none unit: a hidden split in a
three-respondent unit; an optional item where one respondent says none), DE with
two (a full-vs-none split, agreement, an optional item used by both), EL with
four (a unit where one answer is unknown), DK (not bound: only practice items are
units), PL with one respondent (no unit).
"""

import csv
import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

# (expert, measure, criterion, value)
FEAS = {  # M-A, M-B, M-C, M-D, M-E (None: not rated)
    "SYN-E1": [4, 2, 4, 3, 3],
    "SYN-E2": [5, 2, 4, 2, 4],
    "SYN-E3": [3, 3, 5, 4, 2],
    "SYN-E4": [4, 1, 5, 3, 5],
    "SYN-E5": [4, 2, 4, 4, None],
}
COST = {
    "SYN-E1": [2, 5, 1, 3, None],
    "SYN-E2": [2, 4, 2, None, None],
    "SYN-E3": [3, 5, 1, 3, None],
    "SYN-E4": [1, 4, 2, 2, None],
    "SYN-E5": [2, 5, 1, 4, None],
}
MEASURES = ["M-A", "M-B", "M-C", "M-D", "M-E"]

PANEL = []
for expert in FEAS:
    for j, m in enumerate(MEASURES):
        for crit, table in (("feasibility", FEAS), ("cost", COST)):
            v = table[expert][j]
            if v is not None:
                PANEL.append((expert, m, crit, v))

SURVEY_HEADER = ["Country", "Item", "Status", "Value", "Respondent", "Comment"]
# (country, item, status, value, respondent, comment)
SURVEY = [
    # France: three respondents.
    ("FR", "D-3.1", "full", "", "FR-1", "three respondents: full, full, none"),
    ("FR", "D-3.1", "full", "", "FR-2", ""),
    ("FR", "D-3.1", "none", "", "FR-3", ""),
    ("FR", "D-3.2", "full", "", "FR-1", ""),
    ("FR", "D-3.2", "partial", "", "FR-2", ""),
    ("FR", "D-3.7", "full", "", "FR-1", "optional: used, says one"),
    ("FR", "D-3.7", "none", "", "FR-2", "optional: not used, says another"),
    ("FR", "D-15.1", "full", "", "FR-1", ""),
    ("FR", "D-15.1", "full", "", "FR-2", ""),
    ("FR", "D-15.1", "full", "", "FR-3", ""),
    ("FR", "N-HOTLINE", "", "30", "FR-1", ""),
    ("FR", "BP-TRAIN", "partial", "", "FR-1", ""),
    ("FR", "BP-TRAIN", "partial", "", "FR-2", ""),
    ("FR", "BP-TRAIN", "none", "", "FR-3", ""),
    ("FR", "N-DURATION", "", "15", "FR-1", ""),
    ("FR", "BP-COURT", "none", "", "FR-1", ""),
    ("FR", "D-20.3", "partial", "", "FR-1", ""),
    # Germany: two respondents.
    ("DE", "D-3.1", "full", "", "DE-1", "full against none"),
    ("DE", "D-3.1", "none", "", "DE-2", ""),
    ("DE", "D-3.2", "partial", "", "DE-1", ""),
    ("DE", "D-3.2", "partial", "", "DE-2", ""),
    ("DE", "D-15.4", "partial", "", "DE-1", "optional: used by both"),
    ("DE", "D-15.4", "full", "", "DE-2", ""),
    ("DE", "D-15.1", "partial", "", "DE-1", ""),
    ("DE", "N-HOTLINE", "", "55", "DE-1", ""),
    ("DE", "BP-AWARE", "none", "", "DE-1", ""),
    ("DE", "BP-AWARE", "none", "", "DE-2", ""),
    ("DE", "BP-HELPLINE", "full", "", "DE-1", ""),
    ("DE", "BP-HELPLINE", "full", "", "DE-2", ""),
    ("DE", "N-DURATION", "", "10", "DE-2", ""),
    ("DE", "D-20.3", "none", "", "DE-2", ""),
    # Greece: four respondents.
    ("EL", "D-3.1", "full", "", "EL-1", "four answers, all different levels"),
    ("EL", "D-3.1", "partial", "", "EL-2", ""),
    ("EL", "D-3.1", "partial", "", "EL-3", ""),
    ("EL", "D-3.1", "none", "", "EL-4", ""),
    ("EL", "D-15.1", "full", "", "EL-1", ""),
    ("EL", "D-15.1", "full", "", "EL-2", ""),
    ("EL", "D-15.1", "full", "", "EL-3", ""),
    ("EL", "D-15.1", "full", "", "EL-4", ""),
    ("EL", "BP-COURT", "none", "", "EL-1", ""),
    ("EL", "BP-COURT", "partial", "", "EL-2", ""),
    ("EL", "BP-COURT", "full", "", "EL-3", ""),
    ("EL", "BP-COURT", "full", "", "EL-4", ""),
    ("EL", "D-20.3", "partial", "", "EL-1", ""),
    ("EL", "D-20.3", "?", "", "EL-2", "unknown: not an answer"),
    ("EL", "D-20.3", "partial", "", "EL-3", ""),
    ("EL", "N-HOTLINE", "", "12", "EL-1", ""),
    ("EL", "D-3.7", "none", "", "EL-1", "optional: not used, says everyone"),
    ("EL", "D-3.7", "none", "", "EL-2", ""),
    # Denmark: not bound; only its practice items can be units.
    ("DK", "D-3.1", "full", "", "DK-1", "not bound: no unit"),
    ("DK", "D-3.1", "none", "", "DK-2", ""),
    ("DK", "BP-AWARE", "full", "", "DK-1", ""),
    ("DK", "BP-AWARE", "partial", "", "DK-2", ""),
    ("DK", "BP-TRAIN", "full", "", "DK-1", ""),
    ("DK", "N-DURATION", "", "20", "DK-1", ""),
    # Poland: one respondent, no unit.
    ("PL", "D-3.1", "partial", "", "PL-1", ""),
    ("PL", "D-3.2", "none", "", "PL-1", ""),
    ("PL", "D-15.1", "full", "", "PL-1", ""),
    ("PL", "BP-HELPLINE", "none", "", "PL-1", ""),
    ("PL", "N-HOTLINE", "", "8", "PL-1", ""),
]


def write_panel():
    with open(os.path.join(HERE, "panel-verify-synthetic.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["expert", "measure", "criterion", "value"])
        w.writerows(PANEL)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Panel"
    ws.append(["expert", "measure", "criterion", "value"])
    for row in PANEL:
        ws.append(list(row))
    wb.save(os.path.join(HERE, "panel-verify-synthetic.xlsx"))


def write_survey():
    with open(os.path.join(HERE, "survey-agreement-verify-synthetic.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(SURVEY_HEADER)
        w.writerows(SURVEY)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Survey"
    ws.append(SURVEY_HEADER)
    for row in SURVEY:
        ws.append([float(c) if j == 3 and c != "" else (c if c != "" else None) for j, c in enumerate(row)])
    wb.save(os.path.join(HERE, "survey-agreement-verify-synthetic.xlsx"))


if __name__ == "__main__":
    write_panel()
    write_survey()
