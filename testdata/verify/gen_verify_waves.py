#!/usr/bin/python3
"""Write the SYNTHETIC verification waves and known-issues register (SPEC 12),
each in two forms with the same content:

    waves-old-synthetic.csv / .xlsx      the earlier wave
    waves-new-synthetic.csv / .xlsx      the later wave
    known-issues-synthetic.csv / .xlsx   the register, judged against the later wave

CSV files are semicolon-separated UTF-8 (no BOM); workbooks are written by
openpyxl. Run with Debian's python3 (python3-openpyxl):

    /usr/bin/python3 gen_verify_waves.py

The answers and the register are made up; they use the verification checklist
(checklist-synthetic.yaml). The waves are designed so that every row of SPEC
12's transition table occurs, several times, in the countries assessed in both
(FR, DE, EL, DK, AT):

    closed          FR D-3.1 (partial→full), DE D-15.1 (none→full),
                    FR N-DURATION (numeric, 0.5→1), ...
    improved        FR D-15.1, EL D-3.1 (none→partial)
    remaining       FR BP-TRAIN, FR D-20.3, EL D-3.7 (an optional item used in part
                    in both), FR N-HOTLINE (the minimum in both waves: 0→0) and EL
                    N-HOTLINE: (0.2−0.1)/(0.3−0.1) = 0.5000000000000001 then,
                    (20−10)/(30−10) = 0.5 now: equal within 1e-9, so remaining
                    (not worsened)
    worsened        DE D-3.2 (partial→none), EL BP-AWARE
    new-gap         DE D-3.1, DE BP-TRAIN, AT D-3.2
    kept            FR D-3.2, DE D-3.7, DE N-HOTLINE (the maximum in both), ...
    now-known       FR BP-AWARE ("?"→full), DE BP-AWARE (no row→partial),
                    AT D-20.3 ("don't know"→none)
    now-unknown     FR BP-HELPLINE (full→no information), EL D-15.1 (→ no row)
    unknown         FR BP-COURT (no row in either), DE BP-COURT ("don't know" in
                    both), DE N-DURATION
    not-applicable  FR D-3.7 (optional, not used then: none→partial),
                    FR D-15.4 (optional, not used now), DE D-15.4 (n/a then),
                    DE D-20.3 (n/a now), EL D-15.4 (not used in either), every
                    binding item of DK (not bound, whatever it answered)

SE is assessed in the earlier wave only and IT in the later one only (listed
with nulls for the other wave). The register names items by ID and by
provision reference ("Art. 3(2)"), has a row for a country assessed in the
earlier wave only (SE: unknown), one for a country the instrument does not
bind (DK: not applicable), one for an optional item not used now (FR D-15.4:
not applicable), a row with an unknown country (Atlantis) and one with an
unknown item (D-99.9), both diagnostics at their cell, a date written as a
date cell in the workbook (ISO text in the CSV) and rows without a date.
"""

import csv
import datetime
import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER = ["Member State", "Provision", "Assessment", "Value", "Respondent", "Notes"]


class Num:
    """A number cell: text is how the CSV spells it."""

    def __init__(self, value, text):
        self.value, self.text = value, text


# (country, item, status, value, respondent, notes)
OLD = [
    ("France", "D-3.1", "partial", "", "Expert F", ""),
    ("France", "D-3.2", "yes", "", "Expert F", ""),
    ("France", "D-3.7", "no", "", "Expert F", "option not used"),
    ("France", "D-15.1", "no", "", "Expert F", ""),
    ("France", "D-15.4", "partly", "", "Expert F", "option used, conditions partly met"),
    ("France", "N-HOTLINE", "", Num(0.1, "0.1"), "Expert F", ""),
    ("France", "BP-AWARE", "?", "", "Expert F", ""),
    ("France", "BP-TRAIN", "partial", "", "Expert F", ""),
    ("France", "N-DURATION", "", Num(24, "24"), "Expert F", ""),
    ("France", "BP-HELPLINE", "full", "", "Expert F", ""),
    ("France", "D-20.3", "none", "", "Expert F", ""),
    ("DE", "D-3.1", "full", "", "Expert D", ""),
    ("DE", "D-3.2", "partial", "", "Expert D", ""),
    ("DE", "D-3.7", "full", "", "Expert D", ""),
    ("DE", "D-15.1", "none", "", "Expert D", ""),
    ("DE", "D-15.4", "n/a", "", "Expert D", ""),
    ("DE", "N-HOTLINE", "", Num(0.3, "0.3"), "Expert D", ""),
    ("DE", "BP-TRAIN", "full", "", "Expert D", ""),
    ("DE", "BP-HELPLINE", "partial", "", "Expert D", ""),
    ("DE", "BP-COURT", "don't know", "", "Expert D", ""),
    ("DE", "D-20.3", "full", "", "Expert D", ""),
    ("Greece", "D-3.1", "none", "", "Expert E", ""),
    ("Greece", "D-3.2", "full", "", "Expert E", ""),
    ("Greece", "D-3.7", "partial", "", "Expert E", "option used, conditions partly met"),
    ("Greece", "D-15.1", "partial", "", "Expert E", ""),
    ("Greece", "D-15.4", "none", "", "Expert E", "option not used"),
    ("Greece", "N-HOTLINE", "", Num(0.2, "0.2"), "Expert E", ""),
    ("Greece", "BP-AWARE", "partial", "", "Expert E", ""),
    ("Greece", "BP-TRAIN", "none", "", "Expert E", ""),
    ("Greece", "N-DURATION", "", Num(6, "6"), "Expert E", ""),
    ("Greece", "BP-HELPLINE", "full", "", "Expert E", ""),
    ("Greece", "BP-COURT", "none", "", "Expert E", ""),
    ("Greece", "D-20.3", "partial", "", "Expert E", ""),
    ("Denmark", "D-3.1", "no", "", "Expert K", "not bound"),
    ("Denmark", "BP-AWARE", "yes", "", "Expert K", ""),
    ("Denmark", "BP-TRAIN", "partial", "", "Expert K", ""),
    ("Austria", "D-3.1", "full", "", "Expert A", ""),
    ("Austria", "D-3.2", "full", "", "Expert A", ""),
    ("Austria", "D-15.1", "full", "", "Expert A", ""),
    ("Austria", "BP-AWARE", "partial", "", "Expert A", ""),
    ("Austria", "D-20.3", "don't know", "", "Expert A", ""),
    ("Sweden", "D-3.1", "partial", "", "Expert S", "earlier wave only"),
    ("Sweden", "D-3.2", "full", "", "Expert S", ""),
    ("Sweden", "BP-AWARE", "none", "", "Expert S", ""),
]

NEW = [
    ("FR", "D-3.1", "oui", "", "Expert F", ""),
    ("FR", "D-3.2", "full", "", "Expert F", ""),
    ("FR", "D-3.7", "partial", "", "Expert F", "option now used, conditions partly met"),
    ("FR", "D-15.1", "partial", "", "Expert F", ""),
    ("FR", "D-15.4", "none", "", "Expert F", "option no longer used"),
    ("FR", "N-HOTLINE", "", Num(10, "10"), "Expert F", ""),
    ("FR", "BP-AWARE", "full", "", "Expert F", ""),
    ("FR", "BP-TRAIN", "in part", "", "Expert F", ""),
    ("FR", "N-DURATION", "", Num(12, "12"), "Expert F", ""),
    ("FR", "BP-HELPLINE", "no information", "", "Expert F", ""),
    ("FR", "D-20.3", "non", "", "Expert F", ""),
    ("Deutschland", "D-3.1", "teilweise", "", "Expert D", ""),
    ("Deutschland", "D-3.2", "nein", "", "Expert D", ""),
    ("Deutschland", "D-3.7", "ja", "", "Expert D", ""),
    ("Deutschland", "D-15.1", "ja", "", "Expert D", ""),
    ("Deutschland", "D-15.4", "full", "", "Expert D", ""),
    ("Deutschland", "N-HOTLINE", "", Num(30, "30"), "Expert D", ""),
    ("Deutschland", "BP-AWARE", "partial", "", "Expert D", ""),
    ("Deutschland", "BP-TRAIN", "none", "", "Expert D", ""),
    ("Deutschland", "BP-HELPLINE", "full", "", "Expert D", ""),
    ("Deutschland", "BP-COURT", "don't know", "", "Expert D", ""),
    ("Deutschland", "D-20.3", "n/a", "", "Expert D", ""),
    ("EL", "D-3.1", "partial", "", "Expert E", ""),
    ("EL", "D-3.2", "full", "", "Expert E", ""),
    ("EL", "D-3.7", "partial", "", "Expert E", ""),
    ("EL", "D-15.4", "none", "", "Expert E", "option not used"),
    ("EL", "N-HOTLINE", "", Num(20, "20"), "Expert E", ""),
    ("EL", "BP-AWARE", "none", "", "Expert E", ""),
    ("EL", "BP-TRAIN", "none", "", "Expert E", ""),
    ("EL", "N-DURATION", "", Num(12, "12"), "Expert E", ""),
    ("EL", "BP-HELPLINE", "full", "", "Expert E", ""),
    ("EL", "BP-COURT", "full", "", "Expert E", ""),
    ("EL", "D-20.3", "full", "", "Expert E", ""),
    ("DK", "D-3.1", "yes", "", "Expert K", "not bound"),
    ("DK", "BP-AWARE", "yes", "", "Expert K", ""),
    ("DK", "BP-TRAIN", "full", "", "Expert K", ""),
    ("AT", "D-3.1", "full", "", "Expert A", ""),
    ("AT", "D-3.2", "partial", "", "Expert A", ""),
    ("AT", "D-15.1", "full", "", "Expert A", ""),
    ("AT", "BP-AWARE", "partial", "", "Expert A", ""),
    ("AT", "D-20.3", "none", "", "Expert A", ""),
    ("Italy", "D-3.1", "full", "", "Expert I", "later wave only"),
    ("Italy", "D-15.1", "partial", "", "Expert I", ""),
]

REGISTER_HEADER = ["Country", "Item", "Source", "Date", "Note"]

# (country, item, source, date, note); a date is a datetime.date (a date cell in
# the workbook, ISO text in the CSV) or text as written.
REGISTER = [
    ("France", "D-3.1", "SYNTHETIC report A", datetime.date(2016, 12, 16), "offence not covered"),
    ("DE", "Art. 3(2)", "SYNTHETIC report A", datetime.date(2016, 12, 16), "item named by its provision"),
    ("EL", "D-15.1", "SYNTHETIC case 1", "2019-10", "no answer now"),
    ("DE", "D-20.3", "SYNTHETIC case 2", "2019-10", "now not applicable"),
    ("FR", "Art. 15(4)", "SYNTHETIC report A", "", "optional provision no longer used"),
    ("DK", "D-3.1", "SYNTHETIC report A", "", "not bound by the instrument"),
    ("Atlantis", "D-3.1", "SYNTHETIC report A", "", "not a country"),
    ("EL", "D-99.9", "SYNTHETIC report A", "", "not an item"),
    ("SE", "D-3.1", "SYNTHETIC case 3", "2019-10", "not assessed in the later wave"),
    ("Greece", "BP-AWARE", "SYNTHETIC report B", "", "no date given"),
    ("AT", "D-3.2", "SYNTHETIC report B", "", ""),
    ("IT", "D-15.1", "SYNTHETIC report B", "", "later wave only"),
    ("Deutschland", "D-15.1", "SYNTHETIC case 2", "2019-10", "closed since"),
]


def text(cell):
    if isinstance(cell, Num):
        return cell.text
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return cell


def write_csv(path, title, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        if title:
            w.writerow([title] + [""] * (len(header) - 1))
        w.writerow(header)
        for row in rows:
            w.writerow([text(c) for c in row])


def write_xlsx(path, sheet, title, header, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(header)
    first = ws.max_row + 1
    for r, row in enumerate(rows, start=first):
        for c, cell in enumerate(row, start=1):
            if isinstance(cell, Num):
                ws.cell(row=r, column=c, value=cell.value)
            elif isinstance(cell, datetime.date):
                x = ws.cell(row=r, column=c, value=cell)
                x.number_format = "yyyy-mm-dd"
            elif cell != "":
                ws.cell(row=r, column=c, value=cell)
    wb.save(path)


if __name__ == "__main__":
    for name, title, rows in [
        ("waves-old-synthetic", "Synthetic verification survey, earlier wave (made-up answers)", OLD),
        ("waves-new-synthetic", "Synthetic verification survey, later wave (made-up answers)", NEW),
    ]:
        write_csv(os.path.join(HERE, name + ".csv"), title, HEADER, rows)
        write_xlsx(os.path.join(HERE, name + ".xlsx"), "Survey", title, HEADER, rows)
    write_csv(os.path.join(HERE, "known-issues-synthetic.csv"), None, REGISTER_HEADER, REGISTER)
    write_xlsx(os.path.join(HERE, "known-issues-synthetic.xlsx"), "Known issues", None, REGISTER_HEADER, REGISTER)
