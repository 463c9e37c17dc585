#!/usr/bin/python3
"""Writes the synthetic CSV files of this folder that Python's csv module
makes: each quoting style a tool may write, right or wrong for a spreadsheet.
The hand-written files beside them (hand_*.csv) hold the faults no csv module
writes.

Run: /usr/bin/python3 make_quoting.py
"""
import csv
import os

here = os.path.dirname(os.path.abspath(__file__))
header = ["Country", "Item", "Status", "Comment"]
rows = [
    ["AT", "D-3.4", "yes", 'The minister said "fully", in 2019'],
    ["BE", "D-3.4", "no", "two lines:\nfirst, then second"],
    ["CZ", "D-3.5", "partly", "plain"],
    ["DE", "D-5.2", "yes", ""],
]


def write(name, **kw):
    with open(os.path.join(here, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, **kw)
        w.writerow(header)
        w.writerows(rows)
    print("wrote", name)


# Right: the default dialect (quotes doubled, CRLF line ends), as Excel writes.
write("python_excel_synthetic.csv")
# Right: old Mac line ends, CR only.
write("python_cr_only_synthetic.csv", lineterminator="\r")
# Wrong for a spreadsheet: quotes escaped with a backslash instead of doubled
# (doublequote=False), as some Unix tools write.
write("python_backslash_synthetic.csv", doublequote=False, escapechar="\\")
