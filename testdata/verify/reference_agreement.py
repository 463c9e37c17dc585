#!/usr/bin/python3
"""Independent reference implementation of SPEC 14 "Agreement between
respondents" (the point estimates; the bootstrap intervals depend on the random
streams and are not compared), written from the SPEC text alone.

It reads the SYNTHETIC verification checklist and survey with reference.py's
readers and prints (or writes) the agreement overall and per country, and the
(country, item) pairs whose respondents disagree:

    /usr/bin/python3 reference_agreement.py [-o expected-agreement-synthetic.json]

Krippendorff's alpha is computed here by enumerating every pair of answers of a
unit (Krippendorff 2011, the coincidence matrix), not from category counts.
"""

import argparse
import itertools
import json
import os
import sys

import reference

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = ["none", "partial", "full"]  # none < partial < full


def units_of(cl, responses):
    """SPEC 14 units: (country, item) of a status item binding the country, with
    known answers (after SPEC 5's optional mapping) from two or more respondents.
    Per respondent the known answers count once; a respondent with two different
    known answers makes the pair unknown (SPEC 4 conflict). Returns
    {(country, item): [status per respondent]} and the pairs to reconcile."""
    groups = {}
    for country, item, status, value, respondent, row in responses:
        groups.setdefault((country, item), []).append((respondent, status))
    units, reconcile = {}, []
    for (country, item_id), rs in groups.items():
        item = cl.item[item_id]
        if item["type"] == "numeric" or not cl.binds(country, item):
            continue
        by_resp = {}
        for resp, status in rs:
            if status in ("full", "partial", "none", "na"):
                by_resp.setdefault(resp, set()).add(status)
        if any(len(s) > 1 for s in by_resp.values()):
            continue  # conflict: unknown
        answers = [next(iter(s)) for s in by_resp.values()]
        mapped = [reference.optional_answer(item, a) for a in answers]
        known = [a for a in mapped if a in ORDER]
        option_split = item["obligation"] == "optional" and "none" in answers and known
        if len(known) >= 2:
            units[(country, item_id)] = known
        if len(set(known)) > 1 or option_split:
            reconcile.append({"country": country, "item": item_id,
                              "hidden": "full" in known and "none" in known and "partial" not in known})
    return units, reconcile


def percent_agreement(units):
    pairs = agree = 0
    for answers in units:
        for a, b in itertools.combinations(answers, 2):
            pairs += 1
            agree += a == b
    return agree / pairs


def alpha_ordinal(units):
    """Krippendorff (2011): o_ck = Σ_u Σ over ordered pairs of different
    answers (c, k) / (m_u − 1); ordinal δ²."""
    o = {(c, k): 0.0 for c in ORDER for k in ORDER}
    for answers in units:
        m = len(answers)
        for i, j in itertools.permutations(range(m), 2):
            o[(answers[i], answers[j])] += 1 / (m - 1)
    n_c = {c: sum(o[(c, k)] for k in ORDER) for c in ORDER}
    n = sum(n_c.values())

    def delta2(c, k):
        i, j = sorted((ORDER.index(c), ORDER.index(k)))
        s = sum(n_c[ORDER[g]] for g in range(i, j + 1))
        return (s - (n_c[c] + n_c[k]) / 2) ** 2

    d_o = sum(o[(c, k)] * delta2(c, k) for c in ORDER for k in ORDER) / n
    d_e = sum(n_c[c] * n_c[k] * delta2(c, k) for c in ORDER for k in ORDER) / (n * (n - 1))
    if d_e == 0:
        return None
    return 1 - d_o / d_e


def ac1(units):
    """Gwet (2008), q = 3, a varying number of raters; units only."""
    q = len(ORDER)
    p_a = sum(sum(a.count(k) * (a.count(k) - 1) for k in ORDER) / (len(a) * (len(a) - 1))
              for a in units) / len(units)
    pi = {k: sum(a.count(k) / len(a) for a in units) / len(units) for k in ORDER}
    p_e = sum(p * (1 - p) for p in pi.values()) / (q - 1)
    return (p_a - p_e) / (1 - p_e)


def stats(units):
    return {"units": len(units), "percent_agreement": percent_agreement(units),
            "alpha_ordinal": alpha_ordinal(units), "ac1": ac1(units)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checklist", default=os.path.join(HERE, "checklist-synthetic.yaml"))
    ap.add_argument("--survey", default=os.path.join(HERE, "survey-synthetic.csv"))
    ap.add_argument("-o", "--out", help="write the JSON here (default: stdout)")
    args = ap.parse_args()

    cl = reference.Checklist(args.checklist)
    responses = reference.read_survey(args.survey, cl, [])
    units, reconcile = units_of(cl, responses)
    countries = sorted({c for c, _ in units})
    order = {it["id"]: i for i, it in enumerate(cl.items)}
    reconcile.sort(key=lambda r: (r["country"], order[r["item"]]))
    doc = {
        "agreement": {
            "overall": stats(list(units.values())),
            "countries": {c: stats([a for (cc, _), a in units.items() if cc == c]) for c in countries},
        },
        "reconcile": reconcile,
        "reference": {"note": "Computed by testdata/verify/reference_agreement.py from the SPEC "
                              "text alone; the data are SYNTHETIC. The _lo and _hi bounds are "
                              "not computed (they depend on the random streams)."},
    }
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
