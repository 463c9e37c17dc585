#!/usr/bin/python3
"""Writes the layout fixtures of ../ from one synthetic survey, so that every
layout holds exactly the same answers as its long-layout twin:

  long_synthetic.csv                  survey A, long layout (the twin)
  matrix_synthetic.csv                survey A, matrix layout (semicolons, title rows,
                                      native country names, heading rows)
  matrix_synthetic_openpyxl.xlsx      survey A, matrix layout written by openpyxl
                                      (statuses typed as numbers, EU and ISO codes)
  respondents_synthetic.csv           survey A, respondents export: one row per
                                      country, no respondent column, item IDs in the
                                      headers
  long_respondents_synthetic.csv      survey B, long layout with a respondent column
  respondents_questions_synthetic_openpyxl.xlsx
                                      survey B, respondents export written by openpyxl:
                                      question texts and codes (Q3, Q6) as headers,
                                      several respondents per country
  mapping_synthetic.yaml, mapping_synthetic.csv
                                      the mapping of survey B's codes to item IDs

The answers are made up (synthetic) and checked against checklist_synthetic.yaml.

Run with the Debian python3-openpyxl package: /usr/bin/python3 make_layouts.py
"""
import csv
import os

import openpyxl

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.normpath(os.path.join(here, ".."))

ITEMS = ["D-3.4", "D-3.5", "D-5.2", "D-6.1", "D-20.3.a", "BP-HOTLINE", "N-CASES"]
TITLES = {
    "D-3.4": ("Art. 3(4)", "Sexual activities with a child below the age of consent"),
    "D-3.5": ("Art. 3(5)", "Abuse of a position of trust"),
    "D-5.2": ("Art. 5(2)", "Acquisition or possession of abuse material"),
    "D-6.1": ("Art. 6(1)", "Solicitation of children online"),
    "D-20.3.a": ("Art. 20(3)(a)", "Interviews without unjustified delay"),
    "BP-HOTLINE": ("", "Public reporting hotline"),
    "N-CASES": ("", "Convictions per 100,000 inhabitants"),
}
QUESTIONS = {
    "D-3.4": "Does national law punish engaging in sexual activities with a child below the age of sexual consent?",
    "D-3.5": "Does national law punish sexual activities with a child where a position of trust, authority or influence is abused?",
    "D-5.2": "Is the acquisition or possession of child sexual abuse material a criminal offence?",
    "D-6.1": "Is the online solicitation of children for sexual purposes a criminal offence?",
    "D-20.3.a": "Are interviews with child victims held without unjustified delay after the facts are reported?",
    "BP-HOTLINE": "Is there a national hotline where the public can report abuse material found online?",
    "N-CASES": "How many convictions for child sexual abuse offences were there per 100,000 inhabitants last year?",
}

# Survey A: one answer per country and item. Statuses are canonical here; each
# layout writes them in its own words. None: not answered.
COUNTRIES = ["AT", "BE", "DE", "DK", "EL", "FR"]
A = {
    "D-3.4":      ["full", "partial", "full", "full", "none", "full"],
    "D-3.5":      ["full", "none", "partial", "none", None, "full"],
    "D-5.2":      ["partial", "full", "full", "na", "partial", "none"],
    "D-6.1":      ["na", "full", "none", "full", "full", "partial"],
    "D-20.3.a":   ["full", "full", "unknown", "partial", "none", "full"],
    "BP-HOTLINE": ["full", "none", "full", "full", "partial", "full"],
    "N-CASES":    [12, 3, 40, 7, None, 25],
}
EVIDENCE = {("AT", "D-3.4"): "StGB § 206", ("BE", "D-5.2"): "Code pénal, art. 383bis"}
COMMENT = {("DE", "D-3.5"): "only some forms of trust are covered"}

ENGLISH = {"AT": "Austria", "BE": "Belgium", "DE": "Germany", "DK": "Denmark", "EL": "Greece", "FR": "France"}
NATIVE = {"AT": "Österreich", "BE": "Belgique", "DE": "Deutschland", "DK": "Danmark", "EL": "Ελλάδα", "FR": "France"}
ISO = {"AT": "AT", "BE": "BE", "DE": "DE", "DK": "DK", "EL": "GR", "FR": "FR"}

WORDS_LONG = {"full": "yes", "partial": "partly", "none": "no", "na": "n/a", "unknown": "unknown"}
WORDS_MATRIX = {  # by country, in its language
    "AT": {"full": "ja", "partial": "teilweise", "none": "nein", "na": "entfällt", "unknown": "?"},
    "BE": {"full": "oui", "partial": "partiellement", "none": "non", "na": "sans objet", "unknown": "?"},
    "DE": {"full": "ja", "partial": "teilweise", "none": "nein", "na": "entfällt", "unknown": "?"},
    "DK": {"full": "ja", "partial": "delvist", "none": "nej", "na": "n/a", "unknown": "?"},
    "EL": {"full": "ναι", "partial": "μερικώς", "none": "όχι", "na": "n/a", "unknown": "?"},
    "FR": {"full": "oui", "partial": "partiellement", "none": "non", "na": "sans objet", "unknown": "?"},
}
NUMBERS = {"full": 1, "partial": 0.5, "none": 0, "na": "n/a", "unknown": "unknown"}
WORDS_SURVEY = {"full": "Yes", "partial": "Partly", "none": "No", "na": "Not applicable", "unknown": "Don't know"}


def write_csv(name, rows, delimiter=",", bom=False):
    path = os.path.join(out, name)
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        for r in rows:
            w.writerow(["" if c is None else c for c in r])
    print("wrote", path)


def long_a():
    rows = [["Country", "Item", "Status", "Value", "Evidence", "Comment"]]
    for item in ITEMS:
        for i, c in enumerate(COUNTRIES):
            v = A[item][i]
            if v is None:
                continue
            status, value = (WORDS_LONG[v], "") if isinstance(v, str) else ("", v)
            rows.append([ENGLISH[c], item, status, value, EVIDENCE.get((c, item), ""), COMMENT.get((c, item), "")])
    write_csv("long_synthetic.csv", rows)


def matrix_a_csv():
    rows = [
        ["Synthetic survey in the matrix layout (test data, not real answers)"],
        [],
        ["ID", "Ref", "Title"] + [NATIVE[c] for c in COUNTRIES],
    ]
    headings = {"D-3.4": "Offences", "D-20.3.a": "Child victims", "BP-HOTLINE": "Best practice"}
    for item in ITEMS:
        if item in headings:
            rows.append(["", "", headings[item]])
        ref, title = TITLES[item]
        cells = []
        for i, c in enumerate(COUNTRIES):
            v = A[item][i]
            if v is None:
                cells.append("")
            elif isinstance(v, str):
                cells.append(WORDS_MATRIX[c][v])
            else:
                cells.append(str(v))
        rows.append([item, ref, title] + cells)
    write_csv("matrix_synthetic.csv", rows, delimiter=";", bom=True)


def matrix_a_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Matrix"
    ws.append(["Synthetic survey in the matrix layout, written by openpyxl (test data, not real answers)"])
    ws.append(["Statuses: 1 = yes, 0.5 = partly, 0 = no"])
    ws.append([])
    ws.append(["Item ID", "Ref", "Title"] + [ISO[c] for c in COUNTRIES] + ["Notes"])
    for item in ITEMS:
        ref, title = TITLES[item]
        cells = []
        for i, c in enumerate(COUNTRIES):
            v = A[item][i]
            if v is None:
                cells.append(None)
            elif isinstance(v, str):
                cells.append(NUMBERS[v])
            else:
                cells.append(v)
        note = "numbers from the national statistics office" if item == "N-CASES" else None
        ws.append([item, ref, title] + cells + [note])
    notes = wb.create_sheet("Notes")
    notes["A1"] = "These answers are synthetic."
    path = os.path.join(out, "matrix_synthetic_openpyxl.xlsx")
    wb.save(path)
    print("wrote", path)


def respondents_a():
    header = ["Timestamp", "Email", "Country"]
    for item in ITEMS:
        ref, title = TITLES[item]
        header.append(item if item in ("D-5.2", "D-20.3.a") else f"{item} {title}")
    rows = [header]
    for i, c in enumerate(COUNTRIES):
        row = [f"2026-03-0{i + 1} 10:1{i}", f"expert{i + 1}@example.org", ENGLISH[c]]
        for item in ITEMS:
            v = A[item][i]
            if v is None:
                row.append("")
            elif isinstance(v, str):
                row.append(WORDS_SURVEY[v])
            else:
                row.append(str(v))
        rows.append(row)
    write_csv("respondents_synthetic.csv", rows)


# Survey B: several respondents per country; one of them unnamed.
B = [
    # country, respondent, answers in ITEMS order
    ("AT", "Expert A", ["full", "full", "partial", "na", "full", "full", 12]),
    ("AT", "Expert B", ["partial", "full", "none", "na", None, "full", 14]),
    ("BE", "Expert C", ["partial", "none", "full", "full", "full", "none", 3]),
    ("EL", "Expert D", ["none", "unknown", "partial", "full", "none", "partial", None]),
    ("EL", None, ["partial", "none", "partial", "full", "partial", "partial", 5]),
]
B_COMMENT = {("AT", "Expert A"): "interviews within days"}
CODES = {"D-5.2": "Q3", "BP-HOTLINE": "Q6"}


def respondents_b():
    header = ["Timestamp", "Email address", "Member State", "Respondent"]
    cols = []
    for item in ITEMS:
        if item in CODES:
            h = CODES[item]
        elif item == "D-3.5":
            # the question text reworded in case, spacing and punctuation only
            h = "  DOES national law punish sexual activities with a child, where a position of trust,  authority or influence is abused "
        elif item == "D-20.3.a":
            h = "D-20.3.a – Interviews without unjustified delay"
        elif item == "N-CASES":
            h = "N-CASES"
        else:
            h = QUESTIONS[item]
        header.append(h)
        cols.append(item)
        if item == "D-20.3.a":
            header.append("D-20.3.a comment")
            cols.append("comment")
    header.append("Any other remarks?")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws.append(header)
    long_rows = [["Country", "Item", "Status", "Value", "Comment", "Respondent"]]
    for n, (c, who, answers) in enumerate(B):
        row = [f"2026-04-0{n + 1}T09:00:00", f"person{n + 1}@example.org", ENGLISH[c], who]
        for item in cols:
            if item == "comment":
                row.append(B_COMMENT.get((c, who)))
                continue
            v = answers[ITEMS.index(item)]
            if v is None:
                row.append(None)
            elif isinstance(v, str):
                row.append(WORDS_SURVEY[v])
            else:
                row.append(v)
        row.append("thank you" if n == 0 else None)
        ws.append(row)
        # Sheet row of this respondent: the header is row 1.
        name = who if who else f"respondents row {n + 2}"
        for item, v in zip(ITEMS, answers):
            if v is None:
                continue
            status, value = (WORDS_LONG[v], "") if isinstance(v, str) else ("", v)
            comment = B_COMMENT.get((c, who), "") if item == "D-20.3.a" else ""
            long_rows.append([c, item, status, value, comment, name])
    path = os.path.join(out, "respondents_questions_synthetic_openpyxl.xlsx")
    wb.save(path)
    print("wrote", path)
    write_csv("long_respondents_synthetic.csv", long_rows)

    ypath = os.path.join(out, "mapping_synthetic.yaml")
    with open(ypath, "w", encoding="utf-8") as f:
        f.write("# Column headers of the synthetic survey export that are codes, not item IDs.\n")
        for item, code in CODES.items():
            f.write(f"{code}: {item}\n")
    print("wrote", ypath)
    write_csv("mapping_synthetic.csv", [["header", "item"]] + [[code, item] for item, code in CODES.items()])


long_a()
matrix_a_csv()
matrix_a_xlsx()
respondents_a()
respondents_b()
