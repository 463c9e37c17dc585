package gapanalysis_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// TestExemplarsInvariants checks SPEC 13 on the synthetic EU-27 study: every
// exemplar of a gap is another country, at full on the item (so the item is
// applicable and known for it), listed in non-increasing similarity with ties
// by code, at most Config.Exemplars of them, the first of Result.Exemplars.
func TestExemplarsInvariants(t *testing.T) {
	cfg := gapanalysis.DefaultConfig()
	res := syntheticStudy(t, cfg)
	type key struct {
		c gapanalysis.CountryCode
		i gapanalysis.ItemID
	}
	as := map[key]gapanalysis.Assessment{}
	for _, a := range res.Assessments {
		as[key{a.Country, a.Item}] = a
	}
	withExemplars := 0
	for _, g := range res.Gaps {
		require.LessOrEqual(t, len(g.Exemplars), cfg.Exemplars)
		all := res.Exemplars(g.Country, g.Item)
		assert.Equal(t, all[:len(g.Exemplars)], g.Exemplars)
		if len(all) >= cfg.Exemplars {
			assert.Len(t, g.Exemplars, cfg.Exemplars)
		}
		if len(g.Exemplars) > 0 {
			withExemplars++
		}
		for k, e := range all {
			a := as[key{e.Country, g.Item}]
			assert.NotEqual(t, g.Country, e.Country)
			assert.True(t, a.Applicable, "%s is not applicable for %s", g.Item, e.Country)
			assert.NotEqual(t, gapanalysis.StatusUnknown, a.Status)
			assert.False(t, a.OptionNotUsed)
			assert.GreaterOrEqual(t, a.Score.Value, 1.0)
			assert.Equal(t, a.Evidence, e.Evidence)
			if k > 0 {
				prev := all[k-1]
				if prev.Similarity-e.Similarity <= gapanalysis.SimilarityTol {
					assert.Less(t, prev.Country, e.Country, "tie by code")
				} else {
					assert.Greater(t, prev.Similarity, e.Similarity)
				}
			}
		}
		// Every other country at full on the item is listed.
		n := 0
		for _, c := range res.Countries {
			a := as[key{c.Code, g.Item}]
			if c.Code != g.Country && a.Applicable && a.Status != gapanalysis.StatusUnknown && a.Score.Value >= 1 {
				n++
			}
		}
		assert.Len(t, all, n)
	}
	assert.Positive(t, withExemplars, "the synthetic survey has exemplars")
	for _, c := range res.Countries {
		require.Len(t, c.Peers, cfg.Exemplars)
		for _, p := range c.Peers {
			assert.NotEqual(t, c.Code, p.Country)
			back, ok := res.Similarity(p.Country, c.Code)
			require.True(t, ok)
			assert.Equal(t, p.Similarity, back)
			assert.True(t, p.Similarity >= 0 && p.Similarity <= 1)
		}
	}
}

// TestModelMatchesAnalyzeAdopters is TestModelMatchesAnalyze with the
// criterion adopters selected: the model recomputes the adopters under each
// draw and reproduces the ranks of Analyze run with the same parameters.
func TestModelMatchesAnalyzeAdopters(t *testing.T) {
	base := gapanalysis.DefaultConfig()
	base.Uncertainty.Partial = []float64{0, 1}
	base.Uncertainty.WeightJitter = 0
	base.Uncertainty.CriteriaJitter = 0
	base.Uncertainty.MissingRules = []gapanalysis.MissingRule{gapanalysis.MissingExclude, gapanalysis.MissingZero}
	base.Uncertainty.Methods = []string{"wsm", "topsis"}
	base.Ranking.Criteria = []gapanalysis.CriterionWeight{{ID: "adopters"}, {ID: "gap_points"}}
	res := syntheticStudy(t, base)
	counts := map[float64]bool{}
	for _, p := range res.Priorities {
		assert.Equal(t, float64(len(p.Adopters)), p.Criteria[gapanalysis.CritAdopters])
		counts[p.Criteria[gapanalysis.CritAdopters]] = true
	}
	require.Greater(t, len(counts), 1, "the adopters differ between measures, so they move the ranks")
	m, err := gapanalysis.NewModel(res)
	require.NoError(t, err)
	ws := m.NewWorkspace()
	tests := []struct {
		partial float64
		rule    gapanalysis.MissingRule
		ruleX   float64
		method  string
		methodX float64
	}{
		{0.5, gapanalysis.MissingExclude, 0.1, "wsm", 0.1},
		{0.25, gapanalysis.MissingZero, 0.9, "wsm", 0.1},
		{0.75, gapanalysis.MissingZero, 0.9, "topsis", 0.9},
		{0.999, gapanalysis.MissingExclude, 0.1, "topsis", 0.9},
	}
	for _, tc := range tests {
		cfg := base
		cfg.Scale.Partial = tc.partial
		cfg.Missing = tc.rule
		cfg.Ranking.Method = tc.method
		want, err := gapanalysis.Analyze(res.Checklist, res.Dataset, cfg)
		require.NoError(t, err)
		nominal := map[gapanalysis.MeasureID][]gapanalysis.CountryCode{}
		for _, p := range res.Priorities {
			nominal[p.ID] = p.Adopters
		}
		for _, p := range want.Priorities {
			assert.Equal(t, nominal[p.ID], p.Adopters, "adopters do not depend on partial or the missing rule")
		}
		wantM, wantC := ranksOf(want, m)
		gotM, gotC := make([]int, len(wantM)), make([]int, len(wantC))
		require.NoError(t, m.Eval(ws, []float64{tc.partial, 0, 0, tc.ruleX, tc.methodX, 0}, gotM, gotC))
		assert.Equal(t, wantC, gotC, "countries %+v", tc)
		assert.Equal(t, wantM, gotM, "measures %+v", tc)
	}
}
