#!/usr/bin/python3
"""Writes ../cells_synthetic_openpyxl.xlsx with openpyxl: a synthetic long-layout
survey as a program writes it, with the traps of such files —

  - formulas without a cached value (openpyxl writes the formula only; until a
    spreadsheet program computes it, there is no value to read): one in a status
    cell (E-row of "BE") and a whole "Check" column of them;
  - dates in the evidence and comment columns (openpyxl gives datetime values a
    date format);
  - a hidden row and a hidden sheet;
  - a header whose "Country" cell is merged down over two rows, with the other
    column names in the second row.

Run with the Debian python3-openpyxl package: /usr/bin/python3 make_openpyxl.py
"""
import datetime
import os

import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "cells_synthetic_openpyxl.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Answers"
# Rows 1-2: "Country" (A1:A2) and "Item" (B1:B2) merged down; "Answer" over C1:E1.
ws["A1"], ws["B1"], ws["C1"], ws["F1"] = "Country", "Item", "Answer", "Check"
ws.merge_cells("A1:A2")
ws.merge_cells("B1:B2")
ws.merge_cells("C1:E1")
ws.merge_cells("F1:F2")
ws["C2"], ws["D2"], ws["E2"] = "Status", "Legal basis", "Comment"
rows = [
    # row 3
    ["AT", "D-3.4", "yes", "StGB § 207", datetime.date(2023, 11, 2)],
    # row 4: the status is a formula without a cached value
    ["BE", "D-3.5", '=IF(TRUE,"yes","no")', None, None],
    # row 5: hidden
    ["CZ", "D-5.2", "no", datetime.datetime(2024, 3, 15, 8, 30), None],
    # row 6
    ["DE", "D-3.4", 0.5, None, "in force since 2021"],
]
for i, row in enumerate(rows):
    r = i + 3
    for j, v in enumerate(row):
        if v is not None:
            ws.cell(row=r, column=j + 1, value=v)
    ws.cell(row=r, column=6, value="=LEN(A%d)" % r)
ws.row_dimensions[5].hidden = True

hidden = wb.create_sheet("Archive")
hidden.append(["Country", "Item", "Status"])
hidden.append(["HR", "D-3.4", "yes"])
hidden.sheet_state = "hidden"

wb.save(out)
print("wrote", os.path.normpath(out))
