package gapanalysis

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// optionalDataset answers the optional item C of testChecklist in every way SPEC 5
// distinguishes. Every country answers A full, so that it has an index.
//
//	AT  C full                        option used, conditions met: 1
//	BE  C partial                     used, conditions partly met: 0.5, a gap
//	CY  C none                        option not used: na
//	FR  x none, y full                x's none becomes na before the merge: 1
//	LU  x none, y partial             0.5, a gap
//	MT  x none, y none                every answer na: option not used
//	NL  x none, y na                  na (not used, says x)
//	PL  x na                          na, but not "option not used"
//	SE  x none, x full                one respondent, two answers: conflict, unknown
//	DK  C none                        not bound: na, not "option not used"
func optionalDataset() *Dataset {
	by := func(r Response, who string) Response { r.Respondent = who; return r }
	ds := &Dataset{}
	for _, c := range []CountryCode{"AT", "BE", "CY", "FR", "LU", "MT", "NL", "PL", "SE", "DK"} {
		ds.Responses.Append(resp(c, "A", StatusFull))
	}
	ds.Responses.Append(
		resp("AT", "C", StatusFull),
		resp("BE", "C", StatusPartial),
		resp("CY", "C", StatusNone),
		by(resp("FR", "C", StatusNone), "x"), by(resp("FR", "C", StatusFull), "y"),
		by(resp("LU", "C", StatusNone), "x"), by(resp("LU", "C", StatusPartial), "y"),
		by(resp("MT", "C", StatusNone), "x"), by(resp("MT", "C", StatusNone), "y"),
		by(resp("NL", "C", StatusNone), "x"), by(resp("NL", "C", StatusNA), "y"),
		by(resp("PL", "C", StatusNA), "x"),
		by(resp("SE", "C", StatusNone), "x"), by(resp("SE", "C", StatusFull), "x"),
		resp("DK", "C", StatusNone),
	)
	return ds
}

func assessment(t *testing.T, res *Result, c CountryCode, i ItemID) Assessment {
	t.Helper()
	for _, a := range res.Assessments {
		if a.Country == c && a.Item == i {
			return a
		}
	}
	t.Fatalf("no assessment %s/%s", c, i)
	return Assessment{}
}

func TestAnalyzeOptionalProvisions(t *testing.T) {
	cl := testChecklist(t)
	res, err := Analyze(cl, optionalDataset(), DefaultConfig())
	require.NoError(t, err)

	tests := []struct {
		country    CountryCode
		applicable bool
		status     Status
		score      Score
		notUsed    bool
		// offences theme: A (w 1, full) and C (w 2); B is unknown.
		offences Score
		coverage float64 // known ÷ applicable items (DK: only F and G apply)
	}{
		{"AT", true, StatusFull, Known(1), false, Known(100), 2.0 / 7},
		{"BE", true, StatusPartial, Known(0.5), false, Known(100 * (1 + 2*0.5) / 3), 2.0 / 7},
		{"CY", false, StatusNA, Score{}, true, Known(100), 1.0 / 6},
		{"FR", true, StatusFull, Known(1), false, Known(100), 2.0 / 7},
		{"LU", true, StatusPartial, Known(0.5), false, Known(100 * 2.0 / 3), 2.0 / 7},
		{"MT", false, StatusNA, Score{}, true, Known(100), 1.0 / 6},
		{"NL", false, StatusNA, Score{}, true, Known(100), 1.0 / 6},
		{"PL", false, StatusNA, Score{}, false, Known(100), 1.0 / 6},
		{"SE", true, StatusUnknown, Score{}, false, Known(100), 1.0 / 7},
		{"DK", false, StatusNA, Score{}, false, Score{}, 0},
	}
	for _, tc := range tests {
		t.Run(string(tc.country), func(t *testing.T) {
			a := assessment(t, res, tc.country, "C")
			assert.Equal(t, tc.applicable, a.Applicable, "applicable")
			assert.Equal(t, tc.status, a.Status, "status")
			assert.Equal(t, tc.score, a.Score, "score")
			assert.Equal(t, tc.notUsed, a.OptionNotUsed, "option not used")
			cr := country(t, res, tc.country)
			assert.Equal(t, tc.offences.Known, cr.Themes["offences"].Known)
			assert.InDelta(t, tc.offences.Value, cr.Themes["offences"].Value, 1e-9, "offences")
			assert.InDelta(t, tc.coverage, cr.Coverage, 1e-12, "coverage")
		})
	}
	// FR and LU: only the respondent who says the option is used is merged, and
	// the disagreement is an info diagnostic at the cell of the none.
	assert.Equal(t, 1, assessment(t, res, "FR", "C").Respondents)
	assert.Equal(t, 1, assessment(t, res, "LU", "C").Respondents)
	var infos []string
	for _, d := range res.Diagnostics {
		if d.Code == CodeOptionDisagreement {
			assert.Equal(t, SevInfo, d.Severity)
			assert.ErrorIs(t, d, ErrOptionDisagreement)
			assert.Contains(t, d.Message, "not used according to x (none at s.xlsx!S!"+string(d.Cell[:2])+"C)")
			infos = append(infos, d.Cell)
		}
	}
	assert.Equal(t, []string{"FRC", "LUC"}, infos, "one each for FR and LU; none for MT, where all agree")

	var stats ItemStats
	for _, s := range res.Items {
		if s.ID == "C" {
			stats = s
		}
	}
	// Known: AT 1, BE 0.5, FR 1, LU 0.5 → mean 0.75; na: CY, MT, NL, PL, DK.
	assert.Equal(t, ItemStats{ID: "C", NFull: 2, NPartial: 2, NNA: 5, NUnknown: 1, Mean: Known(0.75), Gaps: 2}, stats)

	// Gaps on C: BE and LU only, 100 × 0.5 × 0.125 = 6.25 each.
	var gaps []string
	for _, g := range res.Gaps {
		if g.Item == "C" {
			gaps = append(gaps, string(g.Country))
			assert.InDelta(t, 6.25, g.Severity, 1e-9)
		}
	}
	assert.Equal(t, []string{"BE", "LU"}, gaps)

	// M3 addresses C and G: the two partial answers are binding gaps (SPEC 6).
	for _, p := range res.Priorities {
		if p.ID == "M3" {
			assert.InDelta(t, 2, p.Criteria[CritBindingGaps], 1e-12)
			assert.InDelta(t, 12.5, p.Criteria[CritGapPoints], 1e-9)
			assert.InDelta(t, 2, p.Criteria[CritCountries], 1e-12)
		}
	}
}

// TestModelMatchesAnalyzeOptional checks that the compiled model scores
// countries and derives the criteria of the measures exactly as Analyze does
// when optional items are used, not used and used in part, with several
// respondents, at several values of partial and both missing-data rules.
func TestModelMatchesAnalyzeOptional(t *testing.T) {
	cl := testChecklist(t)
	ds := optionalDataset()
	ds.Responses.Append(testDataset().Responses.Slice()...)
	base := DefaultConfig()
	base.Uncertainty.Partial = []float64{0, 1}
	base.Uncertainty.WeightJitter = 0
	base.Uncertainty.CriteriaJitter = 0
	base.Uncertainty.MissingRules = []MissingRule{MissingExclude, MissingZero}
	base.Uncertainty.Methods = []string{"wsm"}
	res, err := Analyze(cl, ds, base)
	require.NoError(t, err)
	m, err := NewModel(res)
	require.NoError(t, err)
	ws := m.NewWorkspace()
	for _, tc := range []struct {
		partial float64
		rule    MissingRule
		ruleX   float64
	}{{0.5, MissingExclude, 0.1}, {0.25, MissingExclude, 0.1}, {0.75, MissingZero, 0.9}} {
		cfg := base
		cfg.Scale.Partial = tc.partial
		cfg.Missing = tc.rule
		want, err := Analyze(cl, ds, cfg)
		require.NoError(t, err)
		mr, cr := make([]int, len(m.Measures())), make([]int, len(m.Countries()))
		require.NoError(t, m.Eval(ws, []float64{tc.partial, 0, 0, tc.ruleX, 0, 0}, mr, cr))
		for ci, c := range m.Countries() {
			wc := country(t, want, c)
			if wc.Index.Known {
				assert.InDelta(t, wc.Index.Value, ws.index[ci], 1e-9, "%s index %+v", c, tc)
			} else {
				assert.True(t, math.IsNaN(ws.index[ci]), "%s has no index %+v", c, tc)
			}
			assert.Equal(t, wc.Rank, cr[ci], "%s rank %+v", c, tc)
		}
		byID := map[MeasureID]Priority{}
		for _, p := range want.Priorities {
			byID[p.ID] = p
		}
		for j, id := range m.Measures() {
			for k, c := range res.Criteria {
				assert.InDelta(t, byID[id].Criteria[c.ID], ws.x.At(j, k), 1e-9, "%s %s %+v", id, c.ID, tc)
			}
			assert.Equal(t, byID[id].Rank, mr[j], "%s rank %+v", id, tc)
		}
	}
}
