#!/usr/bin/python3
"""Independent reference implementation of SPEC 4 (several answers), 5 (scoring,
including optional provisions), 6 (priority measures, wsm and topsis) and 13
(similarity, exemplars, peers and adopters), written from the SPEC text alone.

It reads the SYNTHETIC verification checklist (YAML, with python3-yaml) and the
semicolon CSV survey written by gen_verify.py, and prints (or writes) the
results in the JSON shape of SPEC 8, plus the diagnostics every bad row must
give (file, cell) and a "reference" block that says which fields the SPEC does
not pin down (they are not compared).

    /usr/bin/python3 reference.py [-o expected-synthetic.json]

Standard library plus python3-yaml only. Only the spellings that occur in the
verification survey need to be known here, but the vocabulary below follows the
SPEC 4 table.
"""

import argparse
import csv
import json
import math
import os
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TIE = 1e-9


# ---------------------------------------------------------------- vocabulary (SPEC 4)

def fold(s):
    """Case, accents and surrounding spaces ignored."""
    s = unicodedata.normalize("NFD", s.strip().casefold())
    return "".join(ch for ch in s if not unicodedata.combining(ch))


STATUS_FORMS = {
    "full": ["full", "fully", "yes", "y", "compliant", "fully compliant", "conform",
             "transposed", "fully transposed", "in place", "implemented", "1", "100%",
             "✓", "✔", "ja", "oui", "sí", "sì", "tak", "ano", "igen", "kyllä", "da",
             "jah", "taip", "jā", "sim", "áno", "iva", "ναι", "да"],
    "partial": ["partial", "partly", "partially", "partially compliant",
                "partially transposed", "in part", "0.5", "50%", "partiel",
                "partiellement", "teilweise", "parcial", "parziale"],
    "none": ["none", "no", "n", "non-compliant", "not compliant", "not conform",
             "not transposed", "absent", "not in place", "0", "0%", "✗", "✘", "nein",
             "non", "nie", "ne", "nej", "ei", "nem", "όχι", "не"],
    "na": ["n/a", "na", "not applicable"],
    "unknown": ["", "unknown", "?", "don't know", "no data", "no information"],
}
STATUS = {fold(form): st for st, forms in STATUS_FORMS.items() for form in forms}

# The countries of the verification survey: alpha-2, alpha-3, EU code, English
# and native names (SPEC 4). Canonical code: the EU's.
COUNTRY_FORMS = {
    "FR": ["FR", "FRA", "France"],
    "DE": ["DE", "DEU", "Germany", "Deutschland"],
    "EL": ["EL", "GR", "GRC", "Greece", "Ελλάδα"],
    "DK": ["DK", "DNK", "Denmark", "Danmark"],
    "PL": ["PL", "POL", "Poland", "Polska"],
}
COUNTRY = {fold(form): code for code, forms in COUNTRY_FORMS.items() for form in forms}

HEADER_ALIASES = {
    "country": ["country", "member state", "ms", "state"],
    "item": ["item", "id", "requirement", "provision", "question id"],
    "status": ["status", "answer", "assessment", "compliance", "result"],
    "evidence": ["evidence", "legal basis", "national provision", "source"],
    "comment": ["comment", "notes", "remarks"],
    "respondent": ["respondent"],
    "value": ["value"],
}
HEADER = {fold(a): field for field, aliases in HEADER_ALIASES.items() for a in aliases}

SCALE = {"full": 1.0, "partial": 0.5, "none": 0.0}


def col_letter(i):
    """0-based column index → A1 letters."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- checklist (SPEC 3)

class Checklist:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        self.not_bound = set(doc.get("instrument", {}).get("not_bound", []) or [])
        self.pillars = []     # [(id, weight, [(theme id, weight, [item])])]
        self.items = []       # items in checklist order
        self.item = {}
        for p in doc["pillars"]:
            themes = []
            for t in p["themes"]:
                items = []
                for it in t["items"]:
                    item = {
                        "id": it["id"],
                        "obligation": it["obligation"],
                        "weight": float(it.get("weight", 1)),
                        "type": it.get("type", "status"),
                        "direction": it.get("direction", "higher"),
                        "normalize": it.get("normalize", "minmax"),
                        "target": float(it.get("target", 0)),
                        "theme": t["id"],
                        "pillar": p["id"],
                    }
                    items.append(item)
                    self.items.append(item)
                    self.item[item["id"]] = item
                themes.append((t["id"], float(t.get("weight", 1)), items))
            self.pillars.append((p["id"], float(p.get("weight", 1)), themes))
        self.criteria = [(c["id"], c.get("direction", "benefit")) for c in doc.get("criteria", [])]
        self.measures = doc.get("measures", [])
        self.ew = self._effective_weights()

    def binds(self, country, item):
        return not (item["obligation"] in ("mandatory", "optional") and country in self.not_bound)

    def _effective_weights(self):
        """(wᵢ / Σ item weights in its theme) × (w_t / Σ theme weights in its pillar)
        × (w_p / Σ pillar weights)."""
        ew = {}
        sp = sum(w for _, w, _ in self.pillars)
        for _, wp, themes in self.pillars:
            st = sum(w for _, w, _ in themes)
            for _, wt, items in themes:
                si = sum(it["weight"] for it in items)
                for it in items:
                    ew[it["id"]] = it["weight"] / si * wt / st * wp / sp
        return ew


# ---------------------------------------------------------------- survey (SPEC 4)

def read_survey(path, cl, diags):
    """Return the responses [(country, item, status, value, respondent, row)]."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    # The header row is the first row naming at least two of country, item, status.
    for h, row in enumerate(rows):
        fields = {HEADER.get(fold(c)) for c in row}
        if len({"country", "item", "status"} & fields) >= 2:
            break
    else:
        raise SystemExit("no header row")
    col = {}
    for j, c in enumerate(rows[h]):
        if fold(c) in HEADER:
            col.setdefault(HEADER[fold(c)], j)

    def get(row, field):
        j = col.get(field)
        return row[j] if j is not None and j < len(row) else ""

    def diag(sev, code, rownum, field, value):
        diags.append({"severity": sev, "code": code, "message": f"{code}: {value!r}",
                      "file": name, "sheet": "", "cells": [f"{col_letter(col[field])}{rownum}"],
                      "mentions": [value]})

    out = []
    for i in range(h + 1, len(rows)):
        row, rownum = rows[i], i + 1
        if all(c.strip() == "" for c in row):
            continue
        ctext, itext = get(row, "country"), get(row, "item").strip()
        country = COUNTRY.get(fold(ctext))
        if country is None:
            diag("error", "unknown-country", rownum, "country", ctext)
        item = cl.item.get(itext)
        if item is None:
            diag("error", "unknown-item", rownum, "item", itext)
        stext, vtext = get(row, "status"), get(row, "value").strip()
        value = None
        status = STATUS.get(fold(stext))
        if item is not None and item["type"] == "numeric" and vtext != "":
            value = float(vtext)
            if status is None:
                status = "unknown"
        elif status is None:
            diag("error", "bad-status", rownum, "status", stext)
            status = "unknown"  # that datum is treated as unknown
        if country is None or item is None:
            continue
        out.append((country, item["id"], status, value, get(row, "respondent").strip(), rownum))
    return out


def optional_answer(item, status):
    """SPEC 5 "Optional provisions": on an optional item, none means the option is
    not used, which is lawful: not applicable. full / partial mean the option is
    used with its conditions met fully / in part. Numeric items have no none."""
    if item["obligation"] == "optional" and item["type"] != "numeric" and status == "none":
        return "na"
    return status


def merge(cl, responses, diags, name, status_col):
    """Merge the answers of every (country, item): SPEC 4 "Several answers".
    With several respondents, each answer to an optional item is first mapped by
    optional_answer (SPEC 5: "each answer is mapped this way before they are
    merged").

    Returns {(country, item): (kind, x)} where kind is "known" (x = score 0–1 for a
    status item, or the raw value for a numeric item), "na" or "unknown", and the
    (country, item) pairs whose merged status is not pinned by the SPEC (known
    scores from respondents who gave different statuses).
    """
    groups = {}
    for r in responses:
        groups.setdefault((r[0], r[1]), []).append(r)
    merged, mixed = {}, set()
    for key, rs in groups.items():
        item = cl.item[key[1]]
        by_resp = {}
        for r in rs:
            by_resp.setdefault(r[4], []).append(r)
        conflict = False
        answers = []  # one per respondent
        for resp, group in by_resp.items():
            distinct = {(g[2], g[3]) for g in group}
            cells = [f"{status_col}{g[5]}" for g in group]
            code = "conflict" if len(distinct) > 1 else "duplicate" if len(group) > 1 else None
            if code:
                diags.append({"severity": "error" if code == "conflict" else "warning",
                              "code": code, "message": f"{code}: {key[0]} {key[1]} respondent {resp!r}",
                              "file": name, "sheet": "", "cells": cells, "mentions": [key[0], key[1]]})
            conflict = conflict or code == "conflict"
            g = group[0]
            answers.append((g[0], g[1], optional_answer(item, g[2])) + tuple(g[3:]))
        if conflict:
            merged[key] = ("unknown", None)
            continue
        if item["type"] == "numeric":
            known = [a[3] for a in answers if a[3] is not None]
        else:
            known = [SCALE[a[2]] for a in answers if a[2] in SCALE]
            if len({a[2] for a in answers if a[2] in SCALE}) > 1:
                mixed.add(key)
        if known:
            merged[key] = ("known", sum(known) / len(known))
        elif any(a[2] == "na" for a in answers):
            merged[key] = ("na", None)
        else:
            merged[key] = ("unknown", None)
    return merged, mixed


# ---------------------------------------------------------------- scoring (SPEC 5)

def wmean(pairs):
    """Weighted mean of (value, weight) pairs; None when there are none."""
    if not pairs:
        return None
    return sum(v * w for v, w in pairs) / sum(w for _, w in pairs)


def rank_desc(keyed, tie=TIE):
    """[(key, score)] with score None for the unranked → {key: rank or None};
    equal scores (within tie) share the best rank."""
    ranked = sorted([(k, s) for k, s in keyed if s is not None], key=lambda ks: (-ks[1], ks[0]))
    ranks = {k: None for k, s in keyed if s is None}
    for pos, (k, s) in enumerate(ranked):
        best = pos + 1
        for q in range(pos):
            if abs(ranked[q][1] - s) <= tie:
                best = q + 1
                break
        ranks[k] = best
    return ranks


def score(cl, countries, merged):
    """Item scores per (country, item): ("known", s) | ("na", None) | ("unknown", None)."""
    state = {}
    for c in countries:
        for it in cl.items:
            key = (c, it["id"])
            if not cl.binds(c, it):
                state[key] = ("na", None)
            else:
                state[key] = merged.get(key, ("unknown", None))
    for it in cl.items:
        if it["type"] != "numeric":
            continue
        xs = {c: state[(c, it["id"])][1] for c in countries if state[(c, it["id"])][0] == "known"}
        lo, hi = (min(xs.values()), max(xs.values())) if xs else (0, 0)
        for c, x in xs.items():
            if it["normalize"] == "target":
                t = it["target"]
                if it["direction"] == "lower":
                    s = 1.0 if x == 0 else min(t / x, 1.0)
                else:
                    s = min(x / t, 1.0)
            elif hi == lo:
                s = 1.0
            elif it["direction"] == "lower":
                s = (hi - x) / (hi - lo)
            else:
                s = (x - lo) / (hi - lo)
            state[(c, it["id"])] = ("known", s)
    return state


def analyse(cl, countries, state):
    out = []
    for c in countries:
        themes, pillars, pillar_pairs = {}, {}, []
        for pid, wp, ths in cl.pillars:
            theme_pairs = []
            for tid, wt, items in ths:
                pairs = [(state[(c, it["id"])][1], it["weight"]) for it in items
                         if state[(c, it["id"])][0] == "known"]
                ts = wmean(pairs)
                themes[tid] = None if ts is None else 100 * ts
                if ts is not None:
                    theme_pairs.append((ts, wt))
            ps = wmean(theme_pairs)
            pillars[pid] = None if ps is None else 100 * ps
            if ps is not None:
                pillar_pairs.append((ps, wp))
        idx = wmean(pillar_pairs)
        applicable = [it for it in cl.items if state[(c, it["id"])][0] != "na"]
        known = [it for it in applicable if state[(c, it["id"])][0] == "known"]
        out.append({"code": c, "rank": None,
                    "index": None if idx is None else 100 * idx,
                    "coverage": len(known) / len(applicable) if applicable else None,
                    "pillars": pillars, "themes": themes})
    ranks = rank_desc([(r["code"], r["index"]) for r in out])
    for r in out:
        r["rank"] = ranks[r["code"]]
    # Each pillar's own rank: the rank rule of SPEC 5 on the pillar's score
    # (ties share the best rank; no score, no rank).
    for pid, _, _ in cl.pillars:
        pranks = rank_desc([(r["code"], r["pillars"][pid]) for r in out])
        for r in out:
            r.setdefault("pillar_ranks", {})[pid] = pranks[r["code"]]
    out.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["code"]))
    return out


def status_of(s):
    return {1.0: "full", 0.5: "partial", 0.0: "none"}.get(s)


def item_stats(cl, countries, state, mixed):
    out, unpinned = [], {}
    for it in cl.items:
        n = {"full": 0, "partial": 0, "none": 0, "na": 0, "unknown": 0}
        known = []
        split_pinned = it["type"] != "numeric"
        for c in countries:
            kind, s = state[(c, it["id"])]
            if kind == "known":
                known.append(s)
                if (c, it["id"]) in mixed:
                    split_pinned = False
                if status_of(s):
                    n[status_of(s)] += 1
            else:
                n[kind] += 1
        if not split_pinned:
            unpinned[it["id"]] = len(known)
            n["full"] = n["partial"] = n["none"] = None
        out.append({"id": it["id"], "mean": sum(known) / len(known) if known else None,
                    "n_full": n["full"], "n_partial": n["partial"], "n_none": n["none"],
                    "n_na": n["na"], "n_unknown": n["unknown"]})
    return out, unpinned


def find_gaps(cl, countries, state, mixed):
    gaps, unpinned = [], []
    for c in countries:
        for it in cl.items:
            kind, s = state[(c, it["id"])]
            if kind != "known" or s >= 1:
                continue
            g = 1 - s
            st = status_of(s) if it["type"] != "numeric" and (c, it["id"]) not in mixed else None
            if st is None:
                unpinned.append({"country": c, "item": it["id"]})
            gaps.append({"country": c, "item": it["id"], "status": st, "score": s, "gap": g,
                         "severity": 100 * g * cl.ew[it["id"]]})
    return gaps, unpinned


# ---------------------------------------------------------------- measures (SPEC 6)

def measure_criteria(cl, gaps, diags):
    derived = ["gap_points", "countries", "binding_gaps"]
    crit = [(k, "benefit") for k in derived] + list(cl.criteria)
    values = {}
    for m in cl.measures:
        a = set(m["addresses"])
        mg = [g for g in gaps if g["item"] in a]
        values[m["id"]] = {
            "gap_points": sum(g["severity"] for g in mg),
            "countries": float(len({g["country"] for g in mg})),
            # SPEC 6: gaps on mandatory or optional items (an optional item's gap is
            # an option used without its conditions, which binds).
            "binding_gaps": float(sum(1 for g in mg if cl.item[g["item"]]["obligation"] in ("mandatory", "optional"))),
        }
    for cid, direction in cl.criteria:
        given = {m["id"]: float(m["criteria"][cid]) for m in cl.measures
                 if cid in (m.get("criteria") or {})}
        for m in cl.measures:
            if m["id"] in given:
                values[m["id"]][cid] = given[m["id"]]
            else:
                others = [v for k, v in given.items() if k != m["id"]]
                values[m["id"]][cid] = max(others) if direction == "cost" else min(others)
                diags.append({"severity": "warning", "code": "missing-criterion",
                              "message": f"missing-criterion: {m['id']} {cid}", "file": None,
                              "sheet": None, "cells": None, "mentions": [m["id"], cid]})
    return crit, values


def wsm(crit, values, weights=None):
    ids = sorted(values)
    w = weights or {k: 1.0 for k, _ in crit}
    scores = {m: 0.0 for m in ids}
    for k, direction in crit:
        xs = [values[m][k] for m in ids]
        lo, hi = min(xs), max(xs)
        for m in ids:
            x = values[m][k]
            if hi == lo:
                n = 1.0
            elif direction == "cost":
                n = (hi - x) / (hi - lo)
            else:
                n = (x - lo) / (hi - lo)
            scores[m] += w[k] * n
    total = sum(w[k] for k, _ in crit)
    return {m: 100 * s / total for m, s in scores.items()}


def topsis(crit, values, weights=None):
    ids = sorted(values)
    w = weights or {k: 1.0 for k, _ in crit}
    total = sum(w[k] for k, _ in crit)
    v = {m: {} for m in ids}
    for k, _ in crit:
        norm = math.sqrt(sum(values[m][k] ** 2 for m in ids))
        for m in ids:
            v[m][k] = (values[m][k] / norm if norm > 0 else 0.0) * w[k] / total
    ideal, anti = {}, {}
    for k, direction in crit:
        col = [v[m][k] for m in ids]
        ideal[k], anti[k] = (min(col), max(col)) if direction == "cost" else (max(col), min(col))
    scores = {}
    for m in ids:
        dp = math.sqrt(sum((v[m][k] - ideal[k]) ** 2 for k, _ in crit))
        dm = math.sqrt(sum((v[m][k] - anti[k]) ** 2 for k, _ in crit))
        scores[m] = 100 * dm / (dp + dm)
    return scores


def priorities(scores, values):
    ranks = rank_desc(list(scores.items()))
    out = [{"rank": ranks[m], "id": m, "score": scores[m], "criteria": values[m]} for m in scores]
    out.sort(key=lambda p: (p["rank"], p["id"]))
    return out


# ---------------------------------------------------------------- best practices (SPEC 13)

EXEMPLARS = 3  # SPEC 13: "at most 3 (config exemplars: N)"; the peers are "the 3 most similar"


def similarity(cl, countries, state):
    """SPEC 13: sim(c, e) = 1 - mean over the items j known and applicable for
    both of |s(c, j) - s(e, j)|, unweighted; 0 when there is no such item."""
    sim = {}
    for c in countries:
        for e in countries:
            diffs = [abs(state[(c, it["id"])][1] - state[(e, it["id"])][1]) for it in cl.items
                     if state[(c, it["id"])][0] == "known" and state[(e, it["id"])][0] == "known"]
            sim[(c, e)] = 1 - sum(diffs) / len(diffs) if diffs else 0.0
    return sim


def by_similarity(c, others, sim):
    """others in descending similarity to c, similarities within TIE by code."""
    ranks = rank_desc([(e, sim[(c, e)]) for e in others])
    return sorted(others, key=lambda e: (ranks[e], e))


def at_full(state, c, item):
    kind, s = state[(c, item)]
    return kind == "known" and s == 1


def exemplars(gaps, countries, state, sim):
    """SPEC 13: for each gap (c, i) the countries e != c with s(e, i) = 1, most
    similar to c first, ties by code, at most EXEMPLARS."""
    for g in gaps:
        cand = [e for e in countries if e != g["country"] and at_full(state, e, g["item"])]
        g["exemplars"] = by_similarity(g["country"], cand, sim)[:EXEMPLARS]


def peers(countries_out, countries, sim):
    """SPEC 13: the peers of a country are the 3 countries most similar to it,
    in the same order as exemplars."""
    for r in countries_out:
        others = [e for e in countries if e != r["code"]]
        r["peers"] = by_similarity(r["code"], others, sim)[:EXEMPLARS]


def adopters(cl, countries, state):
    """SPEC 13: the assessed countries in which every applicable item the
    measure addresses is known and has s = 1 (at least one applicable), by code."""
    out = {}
    for m in cl.measures:
        out[m["id"]] = []
        for c in countries:
            applicable = [i for i in dict.fromkeys(m["addresses"]) if state[(c, i)][0] != "na"]
            if applicable and all(at_full(state, c, i) for i in applicable):
                out[m["id"]].append(c)
    return out


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checklist", default=os.path.join(HERE, "checklist-synthetic.yaml"))
    ap.add_argument("--survey", default=os.path.join(HERE, "survey-synthetic.csv"))
    ap.add_argument("-o", "--out", help="write the JSON here (default: stdout)")
    args = ap.parse_args()

    cl = Checklist(args.checklist)
    diags = []
    responses = read_survey(args.survey, cl, diags)
    merged, mixed = merge(cl, responses, diags, os.path.basename(args.survey), "C")
    countries = sorted({r[0] for r in responses})
    state = score(cl, countries, merged)
    countries_out = analyse(cl, countries, state)
    items, unpinned_items = item_stats(cl, countries, state, mixed)
    gaps, unpinned_gaps = find_gaps(cl, countries, state, mixed)
    crit, values = measure_criteria(cl, gaps, diags)
    sim = similarity(cl, countries, state)
    exemplars(gaps, countries, state, sim)
    peers(countries_out, countries, sim)
    adopt = adopters(cl, countries, state)
    # SPEC 13: adopters is a derived benefit criterion that a config may select,
    # valued by the number of adopters; here selected alone and next to the
    # default criteria.
    values_adopt = {m: dict(v, adopters=float(len(adopt[m]))) for m, v in values.items()}
    crit_adopt = crit + [("adopters", "benefit")]
    only_adopt = {m: {"adopters": v["adopters"]} for m, v in values_adopt.items()}

    def with_adopters(ps):
        for p in ps:
            p["adopters"] = adopt[p["id"]]
        return ps
    doc = {
        "meta": {"checklist": "verify-synthetic", "synthetic": True,
                 "criteria": [{"id": k, "direction": d, "weight": 1.0} for k, d in crit]},
        "countries": countries_out,
        "items": items,
        "gaps": gaps,
        "priorities": with_adopters(priorities(wsm(crit, values), values)),
        "diagnostics": diags,
        "reference": {
            "note": "Computed by testdata/verify/reference.py, an implementation of SPEC 4-6 and 13 "
                    "written from the SPEC text alone; the data are SYNTHETIC.",
            "priorities_topsis": with_adopters(priorities(topsis(crit, values), values)),
            "similarity": {c: {e: sim[(c, e)] for e in countries} for c in countries},
            "priorities_adopters_only": with_adopters(priorities(wsm([("adopters", "benefit")], only_adopt), only_adopt)),
            "priorities_with_adopters": with_adopters(priorities(wsm(crit_adopt, values_adopt), values_adopt)),
            "best_practices": "SPEC 13 with exemplars: 3: gaps[].exemplars, countries[].peers and "
                              "priorities[].adopters are country codes; similarity is sim(c, e) "
                              "for every pair of assessed countries; priorities_adopters_only "
                              "ranks by wsm on the criterion adopters alone, "
                              "priorities_with_adopters on the default criteria plus adopters.",
            "diagnostics": "diagnostics are those of the CSV survey; the workbook gives the "
                           "same cells on its sheet Survey. A diagnostic matches when its "
                           "severity and code are equal, its cell is one of cells (any cell "
                           "when cells is null: the problem is in the checklist) and its "
                           "message contains every string of mentions.",
            "unpinned": "unpinned_item_counts: items whose split of known answers into "
                        "full/partial/none the SPEC does not define (numeric items, answers "
                        "from respondents who disagree); their n_full, n_partial and n_none "
                        "are null and only their sum, the number of known answers, is given. unpinned_gap_status: gaps whose status the SPEC does "
                        "not define for the same reasons (their status is null).",
            "unpinned_item_counts": unpinned_items,
            "unpinned_gap_status": unpinned_gaps,
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
