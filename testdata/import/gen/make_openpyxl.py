#!/usr/bin/python3
"""Writes ../long_synthetic_openpyxl.xlsx with openpyxl: a synthetic long-layout
survey as another program writes it — a title row above the header, numbers typed
as numbers, an accented header ("Réponse"), a blank row, rows with known problems,
a notes sheet without a header and an empty sheet.

Run with the Debian python3-openpyxl package: /usr/bin/python3 make_openpyxl.py
"""
import os

import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "long_synthetic_openpyxl.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Answers"
ws.append(["Synthetic long-layout survey written by openpyxl (test data, not real answers)"])
ws.append([])
ws.append(["Member State", "Item ID", "Réponse", "Legal basis", "Notes", "Expert", "Value"])
rows = [
    # row 4..8: good rows; statuses typed as numbers
    ["Austria", "D-3.4", 1, "StGB § 207", None, "Expert A", None],
    ["DE", "D-3.5", 0.5, "StGB § 176", "only some forms", "Expert B", None],
    ["Ελλάδα", "D-5.2", 0, None, None, None, None],
    ["España", "N-CASES", None, "Código Penal", None, None, 12.5],
    ["FR", "BP-HOTLINE", "oui", None, None, None, None],
    # row 9: blank
    [],
    # rows 10..13: one problem each
    ["Germny", "D-3.4", "yes", None, None, None, None],      # unknown country, A10
    ["PL", "D-3.44", "no", None, None, None, None],          # unknown item, B11
    ["IT", "D-3.4", "maybe", None, None, None, None],        # bad status, C12
    ["NL", "N-CASES", None, None, None, None, "many"],       # bad value, G13
    # row 14: good
    ["CZ", "D-3.4", "n/a", None, None, None, None],
]
for r in rows:
    ws.append(r)

notes = wb.create_sheet("Notes")
notes["A1"] = "These answers are synthetic."
notes["A2"] = "They exist to test the importer."
wb.create_sheet("Empty")
wb.save(out)
print("wrote", out)
