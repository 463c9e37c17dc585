package synth_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// itemScore is the item score of SPEC 5 of a first respondent's answer with the
// default scale: na is true for an item that does not bind the country, an
// answer "na" and an optional item answered none (option not used); known is
// false for a pair with no row or an unknown answer.
func itemScore(cl *gapanalysis.Checklist, c gapanalysis.CountryCode, it *gapanalysis.Item, r gapanalysis.Response, answered bool) (s float64, na, known bool) {
	switch {
	case !cl.Binds(c, it):
		return 0, true, false
	case !answered:
		return 0, false, false
	case r.Status == gapanalysis.StatusNA || it.Obligation == gapanalysis.Optional && r.Status == gapanalysis.StatusNone:
		return 0, true, false
	}
	s, known = score(r.Status)
	return s, false, known
}

// countTransitions counts the transitions of SPEC 12's table, first matching
// row first, between the first respondents' answers of two waves (status items
// only).
func countTransitions(cl *gapanalysis.Checklist, old, cur *gapanalysis.Dataset) map[string]int {
	o, n := first(old), first(cur)
	out := map[string]int{}
	for _, c := range gapanalysis.EU27() {
		for _, it := range cl.Items() {
			if it.Type == gapanalysis.NumericItem {
				continue
			}
			ro, okO := o[c][it.ID]
			rn, okN := n[c][it.ID]
			so, naO, knownO := itemScore(cl, c, it, ro, okO)
			sn, naN, knownN := itemScore(cl, c, it, rn, okN)
			var tr string
			switch {
			case naO || naN:
				tr = "not-applicable"
			case knownO && so < 1 && knownN && sn == 1:
				tr = "closed"
			case knownO && so < 1 && knownN && sn > so:
				tr = "improved"
			case knownO && so < 1 && knownN && sn == so:
				tr = "remaining"
			case knownO && so < 1 && knownN:
				tr = "worsened"
			case knownO && knownN && sn < 1:
				tr = "new-gap"
			case knownO && knownN:
				tr = "kept"
			case knownN:
				tr = "now-known"
			case knownO:
				tr = "now-unknown"
			default:
				tr = "unknown"
			}
			out[tr]++
		}
	}
	return out
}

func TestGenerateBaselineDeterministic(t *testing.T) {
	cl := testChecklist(t)
	for _, seed := range testSeeds {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			a, b := synth.GenerateBaseline(cl, seed), synth.GenerateBaseline(cl, seed)
			assert.Equal(t, a, b, "same seed, same dataset")
			assert.NotEqual(t, a.Responses.Slice(), synth.GenerateBaseline(cl, seed+1).Responses.Slice(), "another seed, another dataset")
			assert.NotEqual(t, a.Responses.Slice(), synth.Generate(cl, seed).Responses.Slice(), "the earlier wave is not the current one")
			assert.Equal(t, writeXLSX(t, a), writeXLSX(t, b), "same seed, same bytes")
		})
	}
}

func TestGenerateBaselineLabels(t *testing.T) {
	cl := testChecklist(t)
	ds := synth.GenerateBaseline(cl, 42)
	assert.True(t, ds.Synthetic)
	assert.Equal(t, "synthetic-eu27-baseline.xlsx", ds.Label)
	assert.Equal(t, uint64(42), ds.Seed)
	assert.Empty(t, ds.Diagnostics)
	assert.Equal(t, gapanalysis.EU27(), ds.Countries(), "the same 27 Member States")
	for i, r := range ds.Responses.All() {
		want := gapanalysis.Source{File: synth.BaselineName, Sheet: "Survey", Cell: fmt.Sprintf("C%d", 4+i)}
		require.Equal(t, want, r.Source, "response %d", i)
		require.Equal(t, "Rapporteur "+string(r.Country), r.Respondent, "one respondent per country in the earlier wave")
		if r.Evidence != "" {
			assert.Contains(t, r.Evidence, "(synthetic)")
		}
	}
	assert.Empty(t, synth.GenerateBaseline(nil, 1).Responses.Slice())

	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, ds)))
	require.NoError(t, err)
	defer f.Close()
	title, err := f.GetCellValue("Survey", "A1")
	require.NoError(t, err)
	assert.Equal(t, "SYNTHETIC survey, earlier wave (baseline) — generated test data, not an assessment of any real Member State (seed 42)", title)
	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "Synthetic EU-27 survey, earlier wave", props.Title)
}

// TestGenerateBaselineNotBound: a country the instrument does not bind answers
// "na" on binding items in the earlier wave too.
func TestGenerateBaselineNotBound(t *testing.T) {
	cl := testChecklist(t)
	dk := first(synth.GenerateBaseline(cl, 3))["DK"]
	for _, it := range cl.Items() {
		if it.Obligation == gapanalysis.Practice {
			continue
		}
		require.Contains(t, dk, it.ID)
		assert.Equal(t, gapanalysis.StatusNA, dk[it.ID].Status, it.ID)
	}
}

// TestBaselineProgress checks the mix of transitions between the earlier and the
// current wave, counted answer by answer: most gaps of the earlier wave remain,
// more were closed or narrowed than opened or widened, and some answers unknown
// then are known now.
func TestBaselineProgress(t *testing.T) {
	builtin, err := gapanalysis.Builtin()
	require.NoError(t, err)
	small := testChecklist(t)
	tests := []struct {
		name string
		cl   *gapanalysis.Checklist
		seed uint64
	}{
		{"small/1", small, 1}, {"small/7", small, 7}, {"small/2026", small, 2026},
		{"builtin/7", builtin, 7}, {"builtin/2026", builtin, synth.DefaultSeed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := countTransitions(tc.cl, synth.GenerateBaseline(tc.cl, tc.seed), synth.Generate(tc.cl, tc.seed))
			t.Logf("transitions: %v", n)
			oldGaps := n["closed"] + n["improved"] + n["remaining"] + n["worsened"]
			assert.Greater(t, n["remaining"], oldGaps/2, "most gaps remain")
			assert.Positive(t, n["closed"], "some gaps were closed")
			assert.Greater(t, n["closed"]+n["improved"], n["worsened"]+n["new-gap"], "more progress than backsliding")
			assert.Greater(t, n["kept"], n["new-gap"]*10, "few new gaps")
			assert.Positive(t, n["now-known"])
			assert.Positive(t, n["now-unknown"])
			assert.Positive(t, n["not-applicable"])
		})
	}
	// The embedded demo waves show every transition.
	n := countTransitions(builtin, synth.GenerateBaseline(builtin, synth.DefaultSeed), synth.Generate(builtin, synth.DefaultSeed))
	for _, tr := range gapanalysis.AllTransitions() {
		assert.Positive(t, n[string(tr)], "demo waves: some %s", tr)
	}
}

// TestBaselineCountries compares the indexes of the two demo waves, each scored
// by Analyze: most countries improved, a few did not.
func TestBaselineCountries(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	old, err := gapanalysis.Analyze(cl, synth.GenerateBaseline(cl, synth.DefaultSeed), gapanalysis.DefaultConfig())
	require.NoError(t, err)
	cur, err := gapanalysis.Analyze(cl, synth.Generate(cl, synth.DefaultSeed), gapanalysis.DefaultConfig())
	require.NoError(t, err)
	before := map[gapanalysis.CountryCode]float64{}
	for _, c := range old.Countries {
		require.True(t, c.Index.Known, c.Code)
		before[c.Code] = c.Index.Value
	}
	var up, down int
	for _, c := range cur.Countries {
		require.Contains(t, before, c.Code)
		switch d := c.Index.Value - before[c.Code]; {
		case d > 0:
			up++
		case d < 0:
			down++
		}
	}
	assert.Len(t, old.Countries, 27)
	assert.Greater(t, up, 27*2/3, "most countries improved")
	assert.Positive(t, down, "a few countries lost ground")
}
