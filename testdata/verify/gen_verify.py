#!/usr/bin/python3
"""Write the SYNTHETIC verification survey in two forms with the same content:

    survey-synthetic.csv   semicolon-separated, UTF-8 (no BOM)
    survey-synthetic.xlsx  written by openpyxl, sheet "Survey"

Run with Debian's python3 (python3-openpyxl):  /usr/bin/python3 gen_verify.py

The answers are made up. They exercise every rule of SPEC 4-5 that the scoring
depends on: every status written in several spellings, countries written as
codes, English and native names, items with no row, two respondents who
disagree, an identical duplicate next to a second respondent, a conflict of one
respondent with itself, a conflict with no respondent named, a bad status, an
unknown item and an unknown country, a country the instrument does not bind
(DK, with answers to binding items that must be ignored) and a country with
nothing known (PL). The optional items (D-3.7, D-15.4) are answered as used
(full), used with conditions partly met (partial) and not used (none, which
SPEC 5 makes not applicable), also by several respondents: not used next to
used, not used by everyone, and not used next to used in part.

Layout: a title row, then the header (with aliases: Member State, Provision,
Assessment, Value, Respondent, Notes), then one row per answer. In the workbook,
numeric-looking statuses and values are numbers (percentages as numbers with a
percent format), as a spreadsheet program would store them.
"""

import csv
import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

TITLE = "Synthetic verification survey (made-up answers)"
HEADER = ["Member State", "Provision", "Assessment", "Value", "Respondent", "Notes"]


class Num:
    """A number cell: text is how the CSV spells it, fmt the xlsx number format."""

    def __init__(self, value, text, fmt=None):
        self.value, self.text, self.fmt = value, text, fmt


# (country, item, status, value, respondent, notes)
ROWS = [
    # France: ties with Germany on every score, reached by other paths.
    ("France", "D-3.1", "oui", "", "Expert A", "two respondents disagree"),
    ("FR", "D-3.1", "non", "", "Expert B", ""),
    ("FRA", "D-3.2", "Fully compliant", "", "Expert A", ""),
    ("France", "D-3.7", "partiellement", "", "Expert A", ""),
    ("France", "D-15.1", "✓", "", "Expert A", ""),
    ("FR", "D-15.4", "N/A", "", "Expert A", ""),
    ("France", "N-HOTLINE", "", Num(40, "40"), "Expert A", ""),
    ("France", "BP-TRAIN", "in part", "", "Expert A", ""),
    ("France", "N-DURATION", "", Num(18, "18"), "Expert A", ""),
    ("fr", "BP-HELPLINE", "Implemented", "", "Expert A", ""),
    ("France", "BP-COURT", "No", "", "Expert A", ""),
    ("France", "D-20.3", Num(1, "100%", "0%"), "", "Expert A", ""),
    ("France", "D-3.44", "yes", "", "Expert A", "unknown item"),
    # Germany.
    ("Deutschland", "D-3.1", "teilweise", "", "Expert G", ""),
    ("DE", "D-3.2", "ja", "", "Expert G", ""),
    ("DEU", "D-3.7", Num(0.5, "0.5"), "", "Expert G", ""),
    ("Germany", "D-15.1", Num(1, "1"), "", "Expert G", ""),
    ("Deutschland", "D-15.4", "nein", "", "Expert G", "optional: not used, says one respondent"),
    ("DE", "D-15.4", "ja", "", "Expert H", "optional: used, says another"),
    ("Deutschland", "N-HOTLINE", "", Num(40, "40"), "Expert G", ""),
    ("Deutschland", "BP-AWARE", "yes", "", "Expert E", "conflict of one respondent"),
    ("Deutschland", "BP-AWARE", "no", "", "Expert E", ""),
    ("de", "BP-TRAIN", Num(0.5, "50%", "0%"), "", "Expert G", ""),
    ("Deutschland", "N-DURATION", "", Num(18, "18"), "Expert G", ""),
    ("Deutschland", "BP-HELPLINE", "in place", "", "Expert G", ""),
    ("Deutschland", "BP-COURT", "nein", "", "Expert G", ""),
    ("Deutschland", "D-20.3", "  TRANSPOSED ", "", "Expert G", ""),
    # Greece.
    ("Ελλάδα", "D-3.1", "ναι", "", "Expert C", ""),
    ("Greece", "D-3.2", "maybe", "", "Expert C", "bad status"),
    ("GR", "D-3.7", "όχι", "", "Expert C", "optional: not used, says everyone"),
    ("Greece", "D-3.7", "no", "", "Expert D", ""),
    ("EL", "D-15.1", "Not compliant", "", "Expert C", "identical duplicate"),
    ("EL", "D-15.1", "Not compliant", "", "Expert C", "identical duplicate"),
    ("EL", "D-15.1", "Fully compliant", "", "Expert D", ""),
    ("GRC", "D-15.4", "partially transposed", "", "Expert C", "optional: used in part"),
    ("Greece", "D-15.4", "absent", "", "Expert D", "optional: not used, says another"),
    ("Greece", "N-HOTLINE", "", Num(10, "10"), "Expert C", ""),
    ("Greece", "BP-AWARE", "sí", "", "Expert C", ""),
    ("Greece", "BP-TRAIN", "don't know", "", "Expert C", ""),
    ("Greece", "BP-TRAIN", "partial", "", "Expert D", ""),
    ("Greece", "N-DURATION", "", Num(0, "0"), "Expert C", ""),
    ("Greece", "BP-HELPLINE", "✗", "", "Expert C", ""),
    ("Greece", "D-20.3", Num(0, "0"), "", "Expert C", ""),
    # Denmark: not bound; its answers to mandatory and optional items do not count.
    ("Denmark", "D-3.1", "nej", "", "", "not bound"),
    ("DK", "D-3.2", "ja", "", "", ""),
    ("Denmark", "D-3.7", "no", "", "", "not bound: na, not 'option not used'"),
    ("Danmark", "N-HOTLINE", "", Num(100, "100"), "", "not bound: out of the min-max"),
    ("DNK", "BP-AWARE", "Y", "", "", ""),
    ("Denmark", "BP-TRAIN", "partly", "", "", ""),
    ("Denmark", "N-DURATION", "", Num(24, "24"), "", ""),
    ("Denmark", "BP-HELPLINE", "ja", "", "", "conflict, no respondent named"),
    ("Denmark", "BP-HELPLINE", "nej", "", "", ""),
    ("Denmark", "BP-COURT", "absent", "", "", ""),
    ("Denmark", "D-20.3", "no", "", "", ""),
    # Poland: nothing known.
    ("Poland", "D-3.1", "unknown", "", "Expert P", ""),
    ("PL", "D-3.2", "?", "", "Expert P", ""),
    ("Polska", "D-3.7", "", "", "Expert P", ""),
    ("POL", "D-15.1", "n/a", "", "Expert P", ""),
    ("Poland", "BP-AWARE", "no data", "", "Expert P", ""),
    ("Poland", "N-HOTLINE", "na", "", "Expert P", ""),
    ("Poland", "N-DURATION", "No information", "", "Expert P", ""),
    # Not a country.
    ("Atlantis", "D-3.1", "yes", "", "Expert Z", "unknown country"),
]


def text(cell):
    return cell.text if isinstance(cell, Num) else cell


def write_csv(path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow([TITLE] + [""] * (len(HEADER) - 1))
        w.writerow(HEADER)
        for row in ROWS:
            w.writerow([text(c) for c in row])


def write_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Survey"
    ws.append([TITLE])
    ws.append(HEADER)
    for r, row in enumerate(ROWS, start=3):
        for c, cell in enumerate(row, start=1):
            if isinstance(cell, Num):
                x = ws.cell(row=r, column=c, value=cell.value)
                if cell.fmt:
                    x.number_format = cell.fmt
            elif cell != "":
                ws.cell(row=r, column=c, value=cell)
    wb.save(path)


if __name__ == "__main__":
    write_csv(os.path.join(HERE, "survey-synthetic.csv"))
    write_xlsx(os.path.join(HERE, "survey-synthetic.xlsx"))
