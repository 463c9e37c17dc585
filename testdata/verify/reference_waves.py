#!/usr/bin/python3
"""Independent reference implementation of SPEC 12 (comparing two survey waves,
and the verdicts of a known-issues register), written from the SPEC text alone.
The scoring of each wave is reference.py's (SPEC 4-6).

It reads the SYNTHETIC verification checklist and the semicolon CSV forms of the
two waves and of the register written by gen_verify_waves.py, and prints (or
writes) the JSON keys of SPEC 12 that "gapstudy compare --json" writes —
transitions, progress (without the uncertainty fields), item_transitions,
measure_progress, known_issues — plus the diagnostics the register must give
and a "reference" block on what is not compared.

    /usr/bin/python3 reference_waves.py [-o expected-waves-synthetic.json]

Standard library plus python3-yaml only.
"""

import argparse
import csv
import json
import os
import sys

import yaml

import reference as ref

HERE = os.path.dirname(os.path.abspath(__file__))
TIE = ref.TIE

# SPEC 12's transitions, in the order of its table.
TRANSITIONS = ["closed", "improved", "remaining", "worsened", "new-gap", "kept",
               "now-known", "now-unknown", "unknown", "not-applicable"]

# The countries of the waves that reference.py does not know (SPEC 4: codes,
# English and native names).
MORE_COUNTRIES = {
    "AT": ["AT", "AUT", "Austria", "Österreich"],
    "SE": ["SE", "SWE", "Sweden", "Sverige"],
    "IT": ["IT", "ITA", "Italy", "Italia"],
}
for code, forms in MORE_COUNTRIES.items():
    for form in forms:
        ref.COUNTRY[ref.fold(form)] = code

REGISTER_HEADER = {"country": "country", "member state": "country", "item": "item",
                   "source": "source", "date": "date", "note": "note"}


# ---------------------------------------------------------------- one wave (SPEC 4-6)

class Wave:
    """One wave scored as SPEC 5 says: state[(country, item)] is ("known", s),
    ("na", None) or ("unknown", None); status[(country, item)] the merged
    assessment's status (None where the SPEC does not pin it: numeric items with
    a value, respondents who disagree)."""

    def __init__(self, cl, path):
        diags = []
        responses = ref.read_survey(path, cl, diags)
        if diags:
            raise SystemExit(f"{path}: the waves must import without diagnostics: {diags}")
        merged, mixed = ref.merge(cl, responses, diags, os.path.basename(path), "C")
        self.countries = sorted({r[0] for r in responses})
        self.state = ref.score(cl, self.countries, merged)
        self.results = {r["code"]: r for r in ref.analyse(cl, self.countries, self.state)}
        self.gaps, _ = ref.find_gaps(cl, self.countries, self.state, mixed)
        self.status = {}
        for c in self.countries:
            for it in cl.items:
                kind, s = self.state[(c, it["id"])]
                if kind != "known":
                    st = kind  # "na" (an optional item not used too) or "unknown"
                elif it["type"] == "numeric" or (c, it["id"]) in mixed:
                    st = None
                else:
                    st = ref.status_of(s)
                self.status[(c, it["id"])] = st


# ---------------------------------------------------------------- transitions (SPEC 12)

def equal(a, b):
    return abs(a - b) <= TIE


def transition(old, new):
    """SPEC 12's table, first matching row first; old and new are (kind, s).
    Scores are equal within 1e-9: "< 1" is "not equal to 1", "> old" is
    "greater and not equal"."""
    (ko, so), (kn, sn) = old, new
    if ko == "na" or kn == "na":
        return "not-applicable"
    if ko == "known" and kn == "known":
        if not equal(so, 1):  # old a gap
            if equal(sn, 1):
                return "closed"
            if sn > so and not equal(sn, so):
                return "improved"
            if equal(sn, so):
                return "remaining"
            return "worsened"
        return "kept" if equal(sn, 1) else "new-gap"
    if ko == "unknown" and kn == "known":
        return "now-known"
    if ko == "known" and kn == "unknown":
        return "now-unknown"
    return "unknown"


def compare(cl, old, new):
    both = sorted(set(old.countries) & set(new.countries))
    transitions, counts = [], {}
    item_counts = {it["id"]: {t: 0 for t in TRANSITIONS} for it in cl.items}
    for c in both:
        counts[c] = {t: 0 for t in TRANSITIONS}
        for it in cl.items:
            key = (c, it["id"])
            tr = transition(old.state[key], new.state[key])
            counts[c][tr] += 1
            item_counts[it["id"]][tr] += 1
            transitions.append({"country": c, "item": it["id"], "old": old.status[key],
                                "new": new.status[key], "transition": tr})
    progress = []
    for c in sorted(set(old.countries) | set(new.countries)):
        ro, rn = old.results.get(c), new.results.get(c)
        io = ro["index"] if ro else None
        inew = rn["index"] if rn else None
        progress.append({
            "code": c,
            "index_old": io, "index_new": inew,
            "delta": None if io is None or inew is None else inew - io,
            "rank_old": ro["rank"] if ro else None,
            "rank_new": rn["rank"] if rn else None,
            # A country in one wave only has no transitions.
            "counts": counts.get(c, {t: 0 for t in TRANSITIONS}),
        })
    items = [{"item": it["id"], "counts": item_counts[it["id"]]} for it in cl.items]
    measures = []
    for m in cl.measures:
        a = set(m["addresses"])
        measures.append({"id": m["id"],
                         "gap_points_old": sum(g["severity"] for g in old.gaps if g["item"] in a),
                         "gap_points_new": sum(g["severity"] for g in new.gaps if g["item"] in a)})
    return transitions, progress, items, measures


# ---------------------------------------------------------------- known issues (SPEC 12)

def read_register(path, cl, refs, new, diags):
    """The register's rows judged against the later wave; bad rows become
    diagnostics at their cell and give no issue."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header = [REGISTER_HEADER.get(ref.fold(c)) for c in rows[0]]
    col = {field: j for j, field in enumerate(header) if field}
    out = []
    for i, row in enumerate(rows[1:], start=2):
        if all(c.strip() == "" for c in row):
            continue
        get = lambda field: row[col[field]].strip() if col[field] < len(row) else ""
        country = ref.COUNTRY.get(ref.fold(get("country")))
        itext = get("item")
        item = itext if itext in cl.item else refs.get(itext)
        bad = False
        if country is None:
            diags.append({"severity": "error", "code": "unknown-country", "file": name, "sheet": "",
                          "cells": [f"{ref.col_letter(col['country'])}{i}"], "mentions": [get("country")]})
            bad = True
        if item is None:
            diags.append({"severity": "error", "code": "unknown-item", "file": name, "sheet": "",
                          "cells": [f"{ref.col_letter(col['item'])}{i}"], "mentions": [itext]})
            bad = True
        if bad:
            continue
        if country in new.countries:
            kind, s = new.state[(country, item)]
            status = new.status[(country, item)]
        else:
            kind, s, status = "unknown", None, "unknown"  # not assessed in the later wave
        if kind == "na":
            verdict = "not-applicable"
        elif kind == "unknown":
            verdict = "unknown"
        elif equal(s, 1):
            verdict = "resolved"
        else:
            verdict = "remaining"
        out.append({"country": country, "item": item, "source": get("source"),
                    "date": get("date"), "note": get("note"), "verdict": verdict, "status": status})
    return out


def unique_refs(path):
    """Provision reference → item ID, for the references that name one item."""
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    seen = {}
    for p in doc["pillars"]:
        for t in p["themes"]:
            for it in t["items"]:
                if it.get("ref"):
                    seen.setdefault(it["ref"], []).append(it["id"])
    return {r: ids[0] for r, ids in seen.items() if len(ids) == 1}


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checklist", default=os.path.join(HERE, "checklist-synthetic.yaml"))
    ap.add_argument("--old", default=os.path.join(HERE, "waves-old-synthetic.csv"))
    ap.add_argument("--new", default=os.path.join(HERE, "waves-new-synthetic.csv"))
    ap.add_argument("--known-issues", default=os.path.join(HERE, "known-issues-synthetic.csv"))
    ap.add_argument("-o", "--out", help="write the JSON here (default: stdout)")
    args = ap.parse_args()

    cl = ref.Checklist(args.checklist)
    old, new = Wave(cl, args.old), Wave(cl, args.new)
    transitions, progress, items, measures = compare(cl, old, new)
    diags = []
    # The checklist's own warnings (measures without an expert criterion value,
    # SPEC 6), as reference.py gives them: no file, no cell.
    ref.measure_criteria(cl, new.gaps, diags)
    issues = read_register(args.known_issues, cl, unique_refs(args.checklist), new, diags)
    doc = {
        "transitions": transitions,
        "progress": progress,
        "item_transitions": items,
        "measure_progress": measures,
        "known_issues": issues,
        "diagnostics": diags,
        "reference": {
            "note": "Computed by testdata/verify/reference_waves.py, an implementation of SPEC 12 "
                    "written from the SPEC text alone (the scoring of each wave is reference.py's); "
                    "the data are SYNTHETIC.",
            "unpinned": "A transition's old or new status is null where the SPEC does not pin it "
                        "(a numeric item with a value); it is not compared. The uncertainty "
                        "fields of progress (delta_p05, delta_p95, p_improved) are not computed: "
                        "the comparison runs without uncertainty. A country in one wave only "
                        "has all counts 0 (a missing count is read as 0). An empty date is "
                        "\"\" or null. known_issues[].item is the checklist ID, also where "
                        "the register names the item by its provision reference.",
            "diagnostics": "the checklist's warnings (no cell: they may be given once per wave) "
                           "and the register's diagnostics, in its CSV form; the workbook has "
                           "the same cells on its sheet \"Known issues\". The waves have none.",
        },
    }
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
