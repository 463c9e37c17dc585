#!/usr/bin/python3
"""Independent reference implementation of SPEC 14 "Expert panel and agreement"
(panel values, IQR, Kendall's W, weights from judgements: AHP and entropy;
agreement between respondents without the bootstrap intervals), written from the
SPEC text and, where SPEC 14 is silent, from the choices documented in
docs/methodology.md (sections 11 and 12, "Agreement statistics"), cited below.

It reads the SYNTHETIC checklist (checklist-synthetic.yaml), panel
(panel-verify-synthetic.csv) and survey (survey-agreement-verify-synthetic.csv),
written by gen_verify_panel.py, and for each study config
(config-panel-*-verify-synthetic.yaml) computes what "gapstudy run --panel …
--config …" must write in its JSON:

    /usr/bin/python3 reference_panel.py [-o expected-panel-synthetic.json]

Standard library and python3-yaml only (no scipy on this machine: the χ²
survival function is the regularised upper incomplete gamma function, by its
series and continued fraction, Numerical Recipes §6.2). The derived criteria of
SPEC 6 and the wsm ranking come from reference.py; the units and statistics of
the agreement between respondents from reference_agreement.py.
"""

import argparse
import csv
import json
import math
import os
import sys

import yaml

import reference
import reference_agreement

HERE = os.path.dirname(os.path.abspath(__file__))

CONFIGS = {
    "ahp": "config-panel-ahp-verify-synthetic.yaml",
    "ahp_inconsistent": "config-panel-ahp-inconsistent-verify-synthetic.yaml",
    "ahp_experts": "config-panel-ahp-experts-verify-synthetic.yaml",
    "entropy": "config-panel-entropy-verify-synthetic.yaml",
}

# Saaty's random index, SPEC 14: n = 3…10.
RI = {3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}


# ---------------------------------------------------------------- χ² survival

def gammq(a, x):
    """Q(a, x) = Γ(a, x)/Γ(a): the regularised upper incomplete gamma function."""
    if x <= 0:
        return 1.0
    lg = math.lgamma(a)
    if x < a + 1:  # series for P(a, x)
        ap, s, d = a, 1.0 / a, 1.0 / a
        for _ in range(10000):
            ap += 1
            d *= x / ap
            s += d
            if abs(d) < abs(s) * 1e-17:
                break
        return 1.0 - s * math.exp(-x + a * math.log(x) - lg)
    # continued fraction for Q(a, x) (modified Lentz)
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-17:
            break
    return math.exp(-x + a * math.log(x) - lg) * h


def chi2_sf(x, df):
    return gammq(df / 2, x / 2)


# ---------------------------------------------------------------- panel

def read_panel(path):
    """Long table (expert, measure, criterion, value) → {(measure, criterion): {expert: value}}."""
    ratings, experts = {}, []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            e = row["expert"].strip()
            if e not in experts:
                experts.append(e)
            ratings.setdefault((row["measure"].strip(), row["criterion"].strip()), {})[e] = float(row["value"])
    return ratings, experts


def median(xs):
    """SPEC 14: the median; for an even count the mean of the middle two."""
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def aggregate(xs, how):
    if how == "median":
        return median(xs)
    if how == "mean":
        return sum(xs) / len(xs)
    if how == "geomean":
        return math.exp(sum(math.log(x) for x in xs) / len(xs))
    raise ValueError(how)


def quantile7(xs, p):
    """docs/methodology.md section 12 (SPEC 14 names no quartile method):
    Hyndman and Fan's type 7, h = (n − 1)p, 0-based, linear interpolation."""
    s = sorted(xs)
    h = (len(s) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (h - lo) * (s[hi] - s[lo])


def iqr(xs):
    return quantile7(xs, 0.75) - quantile7(xs, 0.25)


def midranks(values):
    """Mid-ranks of a list (ties share the mean of their positions), 1-based."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def kendall_w(table):
    """table: one list of n ratings per rater (m raters). Kendall and Babington
    Smith (1939), tie-corrected: W = 12 S / (m²(n³ − n) − m Σ T_i),
    T_i = Σ (t³ − t) over rater i's ties; χ² = m(n − 1)W, n − 1 degrees of
    freedom. None when undefined (docs/methodology.md section 12: fewer than two
    raters or objects, or no variation)."""
    m, n = len(table), len(table[0]) if table else 0
    if m < 2 or n < 2:
        return None
    ranks = [midranks(r) for r in table]
    rsum = [sum(r[j] for r in ranks) for j in range(n)]
    s = sum((x - m * (n + 1) / 2) ** 2 for x in rsum)
    t = 0.0
    for r in table:
        for v in set(r):
            c = r.count(v)
            t += c ** 3 - c
    den = m * m * (n ** 3 - n) - m * t
    if den <= 0:
        return None
    w = 12 * s / den
    chi2 = m * (n - 1) * w
    return {"w": w, "chi2": chi2, "p": chi2_sf(chi2, n - 1), "n_measures": n}


def panel_block(cl, ratings, experts, how):
    """SPEC 14 panel values per (measure, criterion) rated by at least one
    expert, with IQR, count and ratings; Kendall's W per criterion over the
    measures rated by every expert."""
    values = []
    measures = [m["id"] for m in cl.measures]
    for m in measures:
        for cid, _ in cl.criteria:
            r = ratings.get((m, cid))
            if not r:
                continue
            xs = list(r.values())
            values.append({"measure": m, "criterion": cid, "value": aggregate(xs, how),
                           "iqr": iqr(xs), "n": len(xs), "ratings": dict(r)})
    kw = {}
    for cid, _ in cl.criteria:
        common = [m for m in measures if len(ratings.get((m, cid), {})) == len(experts)]
        table = [[ratings[(m, cid)][e] for m in common] for e in experts]
        w = kendall_w(table)
        if w is not None:
            kw[cid] = w
    return {"experts": len(experts), "aggregate": how, "values": values, "kendall_w": kw}


def expert_values(cl, panel, diags):
    """The panel value replaces the checklist's value (SPEC 14); a measure nobody
    rated on a criterion the panel rates gets SPEC 6's rule for a missing value:
    the worst value of the other measures (highest for cost, lowest otherwise;
    docs/methodology.md section 12: the worst *panel* value)."""
    got = {(v["measure"], v["criterion"]): v["value"] for v in panel["values"]}
    out = {m["id"]: {} for m in cl.measures}
    for cid, direction in cl.criteria:
        col = {m: x for (m, c), x in got.items() if c == cid}
        if not col:
            continue
        for m in out:
            if m in col:
                out[m][cid] = col[m]
            else:
                out[m][cid] = max(col.values()) if direction == "cost" else min(col.values())
                diags.append({"code": "panel-missing", "measure": m, "criterion": cid})
    return out


# ---------------------------------------------------------------- weights

def ahp_matrix(crit, judgements):
    """Reciprocal matrix from [a, b, value]: a_ab = value, a_ba = 1/value."""
    idx = {k: i for i, k in enumerate(crit)}
    n = len(crit)
    a = [[1.0] * n for _ in range(n)]
    for x, y, v in judgements:
        v = frac(v)
        a[idx[x]][idx[y]] = v
        a[idx[y]][idx[x]] = 1 / v
    return a


def frac(v):
    if isinstance(v, str) and "/" in v:
        p, q = v.split("/")
        return float(p) / float(q)
    return float(v)


def ahp(crit, a):
    """Principal right eigenvector by power iteration, normalised to sum 1;
    λmax = mean over i of (A w)_i / w_i at convergence; CI = (λmax − n)/(n − 1),
    CR = CI/RI; the worst pair: largest |ln(a_ab w_b / w_a)|."""
    n = len(a)
    w = [1.0 / n] * n
    for _ in range(100000):
        aw = [sum(a[i][j] * w[j] for j in range(n)) for i in range(n)]
        s = sum(aw)
        nw = [x / s for x in aw]
        done = max(abs(nw[i] - w[i]) for i in range(n)) < 1e-16
        w = nw
        if done:
            break
    aw = [sum(a[i][j] * w[j] for j in range(n)) for i in range(n)]
    lam = sum(aw[i] / w[i] for i in range(n)) / n
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    cr = ci / RI[n] if n >= 3 else 0.0
    worst, worst_v = None, -1
    for i in range(n):
        for j in range(i + 1, n):
            e = abs(math.log(a[i][j] * w[j] / w[i]))
            if e > worst_v:
                worst, worst_v = (crit[i], crit[j]), e
    second = sorted((abs(math.log(a[i][j] * w[j] / w[i])) for i in range(n) for j in range(i + 1, n)),
                    reverse=True)[1]
    return {"weights": dict(zip(crit, w)), "lambda_max": lam, "ci": ci, "cr": cr,
            "worst_pair": list(worst), "worst_margin": worst_v - second}


def geomean_matrix(mats):
    n = len(mats[0])
    return [[math.exp(sum(math.log(m[i][j]) for m in mats) / len(mats)) for j in range(n)] for i in range(n)]


def entropy_weights(crit, values):
    """SPEC 14: w_k ∝ 1 − E_k, E_k = −(1/ln n) Σ_j p_jk ln p_jk, p_jk = x_jk/Σ_j x_jk,
    over the raw values (cost not flipped; 0·ln 0 = 0; a column of zeros or
    of equal values has E = 1, docs/methodology.md "Agreement statistics")."""
    ms = sorted(values)
    n = len(ms)
    d = {}
    for k in crit:
        xs = [values[m][k] for m in ms]
        s = sum(xs)
        if s == 0:
            d[k] = 0.0
            continue
        e = -sum((x / s) * math.log(x / s) for x in xs if x > 0) / math.log(n)
        d[k] = 1 - e
    tot = sum(d.values())
    return {k: d[k] / tot for k in crit}


# ---------------------------------------------------------------- self-checks

def alpha_from_counts(units):
    """Krippendorff's ordinal α a second way, from the category counts n_uk of
    each unit (docs/methodology.md section 11: o_ck = Σ_u n_uc(n_uk − [c = k])
    /(m_u − 1)), to check reference_agreement's enumeration of pairs."""
    cats = reference_agreement.ORDER
    o = {(c, k): 0.0 for c in cats for k in cats}
    for a in units:
        m = len(a)
        for c in cats:
            for k in cats:
                o[(c, k)] += a.count(c) * (a.count(k) - (c == k)) / (m - 1)
    nc = {c: sum(o[(c, k)] for k in cats) for c in cats}
    n = sum(nc.values())
    num = den = 0.0
    for i, c in enumerate(cats):
        for j in range(i + 1, len(cats)):
            k = cats[j]
            d2 = (sum(nc[g] for g in cats[i:j + 1]) - (nc[c] + nc[k]) / 2) ** 2
            num += o[(c, k)] * d2
            den += nc[c] * nc[k] * d2
    return None if den == 0 else 1 - (n - 1) * num / den


def self_check(units):
    """Invariants the implementations above must meet; stop on a failure."""
    for scope in [list(units.values())] + [[a for (c, _), a in units.items() if c == cc]
                                             for cc in {c for c, _ in units}]:
        a1, a2 = reference_agreement.alpha_ordinal(scope), alpha_from_counts(scope)
        assert (a1 is None) == (a2 is None) and (a1 is None or abs(a1 - a2) < 1e-12), (a1, a2)
    # A consistent matrix: CR 0 and its weights recovered.
    w = [0.4, 0.3, 0.2, 0.1]
    res = ahp(list("abcd"), [[wi / wj for wj in w] for wi in w])
    assert abs(res["cr"]) < 1e-12 and all(abs(res["weights"][k] - x) < 1e-12 for k, x in zip("abcd", w))
    # Saaty (2008), Int. J. Services Sciences 1(1), Table 2, relative consumption
    # of drinks: eigenvector 0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327; CR 0.022.
    drinks = [[1, 9, 5, 2, 1, 1, 1 / 2], [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
              [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9], [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
              [1, 9, 4, 2, 1, 2, 1 / 2], [1, 9, 3, 1, 1 / 2, 1, 1 / 3], [2, 9, 9, 3, 2, 3, 1]]
    res = ahp(list("abcdefg"), drinks)
    assert abs(res["cr"] - 0.022) < 5e-4, res["cr"]
    for k, x in zip("abcdefg", [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]):
        assert abs(res["weights"][k] - x) < 6e-4, (k, res["weights"][k])
    # χ²: the 95% point of 1 degree of freedom; Kendall's W of identical orders is 1.
    assert abs(chi2_sf(3.841458820694124, 1) - 0.05) < 1e-12
    assert abs(kendall_w([[1, 2, 3, 4], [2, 3, 5, 7], [1, 2, 3, 4]])["w"] - 1) < 1e-12
    assert median([2, 3]) == 2.5 and iqr([4, 5, 5]) == 0.5 and iqr([3]) == 0


# ---------------------------------------------------------------- main

def run_config(cl, crit, derived, ratings, experts, cfg):
    how = (cfg.get("panel") or {}).get("aggregate", "median")
    panel = panel_block(cl, ratings, experts, how)
    diags = []
    ev = expert_values(cl, panel, diags)
    values = {m: dict(derived[m], **ev[m]) for m in derived}
    names = [k for k, _ in crit]
    wcfg = cfg["ranking"]["weights"]
    meta = {}
    if wcfg["method"] == "ahp":
        if "experts" in wcfg:
            a = geomean_matrix([ahp_matrix(names, j) for j in wcfg["experts"]])
            n_exp = len(wcfg["experts"])
        else:
            a = ahp_matrix(names, wcfg["pairwise"])
            n_exp = 1
        res = ahp(names, a)
        weights = res["weights"]
        meta["ahp"] = {"lambda_max": res["lambda_max"], "ci": res["ci"], "cr": res["cr"],
                       "experts": n_exp, "worst_pair": res["worst_pair"]}
        meta["ahp_worst_margin"] = res["worst_margin"]
        if res["cr"] > 0.1:
            diags.append({"code": "inconsistent-judgements", "severity": "warning",
                          "pair": res["worst_pair"]})
    else:
        weights = entropy_weights(names, values)
    meta["criteria_weights"] = weights
    scores = reference.wsm(crit, values, weights)
    pr = reference.priorities(scores, values)
    return {"meta": meta, "panel": panel, "priorities": pr, "diagnostics": diags}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", help="write the JSON here (default: stdout)")
    args = ap.parse_args()

    cl = reference.Checklist(os.path.join(HERE, "checklist-synthetic.yaml"))
    survey = os.path.join(HERE, "survey-agreement-verify-synthetic.csv")
    sdiags = []
    responses = reference.read_survey(survey, cl, sdiags)
    merged, mixed = reference.merge(cl, responses, sdiags, os.path.basename(survey), "C")
    countries = sorted({r[0] for r in responses})
    state = reference.score(cl, countries, merged)
    gaps, _ = reference.find_gaps(cl, countries, state, mixed)
    crit, values = reference.measure_criteria(cl, gaps, [])
    derived = {m: {k: v[k] for k in ("gap_points", "countries", "binding_gaps")} for m, v in values.items()}

    units, reconcile = reference_agreement.units_of(cl, responses)
    self_check(units)
    ucountries = sorted({c for c, _ in units})
    agreement = {
        "overall": reference_agreement.stats(list(units.values())),
        "countries": {c: reference_agreement.stats([a for (cc, _), a in units.items() if cc == c])
                      for c in ucountries},
    }
    ratings, experts = read_panel(os.path.join(HERE, "panel-verify-synthetic.csv"))
    runs = {}
    for name, path in CONFIGS.items():
        with open(os.path.join(HERE, path), encoding="utf-8") as f:
            cfg = yaml.safe_load(f)
        runs[name] = dict(run_config(cl, crit, derived, ratings, experts, cfg), config=path)
    doc = {
        "agreement": agreement,
        "reconcile": sorted(reconcile, key=lambda r: (r["country"], r["item"])),
        "runs": runs,
        "reference": {
            "note": "Computed by testdata/verify/reference_panel.py from the SPEC 14 text and the "
                    "choices of docs/methodology.md; the panel, survey and judgements are SYNTHETIC. "
                    "Not computed: the bootstrap intervals (_lo, _hi) and the Monte Carlo "
                    "percentiles, which depend on the random streams.",
            "survey_diagnostics": sdiags,
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
