package gapanalysis

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// nonFiniteSpellings are YAML's spellings of NaN and infinity.
var nonFiniteSpellings = []string{".nan", ".NaN", ".NAN", ".inf", "-.inf", "+.inf", ".Inf", "-.INF", "1e999", "-1e999"}

// FuzzLoadChecklist loads mutated checklists; a checklist that loads has only
// finite numbers and weights ≥ 0, and Analyze then gives no NaN score.
func FuzzLoadChecklist(f *testing.F) {
	f.Add(numbersChecklist)
	for _, bad := range nonFiniteSpellings {
		for _, key := range []string{"weight: 1", "min_max_penalty: 2", "target: 5", "cost: 3"} {
			name := key[:strings.Index(key, ":")]
			f.Add(strings.Replace(numbersChecklist, key, name+": "+bad, 1))
		}
	}
	f.Add(numbersChecklist + "---\nid: y\n")
	f.Fuzz(func(t *testing.T, src string) {
		cl, err := LoadChecklist(strings.NewReader(src), "fuzz.yaml")
		if err != nil {
			if cl != nil {
				t.Fatalf("a checklist with an error: %v", err)
			}
			return
		}
		for _, p := range cl.Pillars {
			checkFuzzWeight(t, "pillar", p.Weight)
			for _, th := range p.Themes {
				checkFuzzWeight(t, "theme", th.Weight)
				for _, it := range th.Items {
					checkFuzzWeight(t, "item", it.Weight)
					if !isFinite(it.MinMaxPenalty) || !isFinite(it.Target) {
						t.Fatalf("item %s: penalty %g, target %g", it.ID, it.MinMaxPenalty, it.Target)
					}
				}
			}
		}
		for _, m := range cl.Measures {
			for k, v := range m.Criteria {
				if !isFinite(v) {
					t.Fatalf("measure %s: %s = %g", m.ID, k, v)
				}
			}
		}
		var ds Dataset
		for _, it := range cl.Items() {
			ds.Responses.Append(
				Response{Country: "AT", Item: it.ID, Status: StatusPartial, Value: 3, HasValue: it.Type == NumericItem},
				Response{Country: "BE", Item: it.ID, Status: StatusFull, Value: 7, HasValue: it.Type == NumericItem})
		}
		res, err := Analyze(cl, &ds, DefaultConfig())
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("Analyze: %v", err)
			}
			return
		}
		checkFuzzResult(t, res)
	})
}

func checkFuzzWeight(t *testing.T, what string, w float64) {
	t.Helper()
	if !isFinite(w) || w < 0 {
		t.Fatalf("%s weight %g loaded", what, w)
	}
}

// checkFuzzResult fails when a score of res is NaN or infinite.
func checkFuzzResult(t *testing.T, res *Result) {
	t.Helper()
	for _, c := range res.Countries {
		for _, s := range append([]Score{c.Index}, mapScores(c.Pillars, c.Themes)...) {
			if s.Known && !isFinite(s.Value) {
				t.Fatalf("country %s: score %g", c.Code, s.Value)
			}
		}
	}
	for _, p := range res.Priorities {
		if !isFinite(p.Score) {
			t.Fatalf("measure %s: score %g", p.ID, p.Score)
		}
	}
}

func mapScores(p map[PillarID]Score, th map[ThemeID]Score) []Score {
	var out []Score
	for _, s := range p {
		out = append(out, s)
	}
	for _, s := range th {
		out = append(out, s)
	}
	return out
}

// FuzzLoadConfig loads mutated study configs; a config that loads has only
// finite numbers, and Analyze with it gives no NaN score.
func FuzzLoadConfig(f *testing.F) {
	base := `scale: {full: 1, partial: 0.5, none: 0}
ranking:
  method: vikor
  vikor_v: 0.5
  criteria:
    - {id: gap_points, weight: 2, preference: linear, q: 1, p: 3}
    - {id: cost, weight: 1}
uncertainty:
  partial: [0.25, 0.75]
  weight_jitter: 0.25
  criteria_jitter: 0.25
`
	f.Add(base)
	for _, bad := range nonFiniteSpellings {
		for _, key := range []string{"partial: 0.5", "vikor_v: 0.5", "weight: 2", "q: 1", "p: 3", "0.75]", "weight_jitter: 0.25", "criteria_jitter: 0.25"} {
			i := strings.IndexAny(key, ":]")
			repl := key[:i] + ": " + bad
			if key[i] == ']' {
				repl = bad + "]"
			}
			f.Add(strings.Replace(base, key, repl, 1))
		}
	}
	f.Add(strings.Replace(base, "method: vikor", "method: promethee2", 1))
	f.Add(base + "---\nmissing: zero\n")
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := LoadConfig(strings.NewReader(src), "fuzz.yaml")
		if err != nil {
			return
		}
		s := cfg.Scale
		nums := []float64{s.Full, s.Partial, s.None, cfg.Uncertainty.WeightJitter, cfg.Uncertainty.CriteriaJitter}
		nums = append(nums, cfg.Uncertainty.Partial...)
		if cfg.Ranking.VikorV != nil {
			nums = append(nums, *cfg.Ranking.VikorV)
		}
		for _, cw := range cfg.Ranking.Criteria {
			nums = append(nums, cw.Q, cw.P, cw.S)
			if cw.Weight != nil {
				nums = append(nums, *cw.Weight)
			}
		}
		for _, v := range nums {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("config loaded with %g: %+v", v, cfg)
			}
		}
		res, err := Analyze(testChecklist(t), testDataset(), cfg)
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("Analyze: %v", err)
			}
			return
		}
		checkFuzzResult(t, res)
	})
}
