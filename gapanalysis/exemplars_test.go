package gapanalysis

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// practiceChecklist is the checklist of the worked example of SPEC 13 in
// docs/methodology.md: three mandatory items, an optional one and a practice
// item, one measure on each group; DK is not bound.
func practiceChecklist(t testing.TB) *Checklist {
	t.Helper()
	src := `
id: practice-test
title: Practice test
version: "1"
instrument: {not_bound: [DK]}
pillars:
  - id: law
    title: Law
    themes:
      - id: t
        title: Theme
        items:
          - {id: X1, title: Item X1, obligation: mandatory}
          - {id: X2, title: Item X2, obligation: mandatory}
          - {id: X3, title: Item X3, obligation: mandatory}
          - {id: O1, title: Item O1, obligation: optional}
          - {id: P1, title: Item P1, obligation: practice}
criteria:
  - {id: feasibility, title: Feasibility, direction: benefit}
measures:
  - {id: MA, title: Measure A, addresses: [X1, X2], criteria: {feasibility: 1}}
  - {id: MB, title: Measure B, addresses: [O1], criteria: {feasibility: 2}}
  - {id: MC, title: Measure C, addresses: [P1], criteria: {feasibility: 3}}
  - {id: MD, title: Measure D, addresses: [X3], criteria: {feasibility: 4}}
`
	cl, err := LoadChecklist(strings.NewReader(src), "practice.yaml")
	require.NoError(t, err)
	return cl
}

// practiceDataset holds the answers of the worked example:
//
//	item  AT       BE          CY    DK               EE
//	X1    full     full        none  full (not bound) partial
//	X2    partial  full        full  —  (not bound)   (no answer)
//	X3    none     none        none  —  (not bound)   none
//	O1    full     none (not   full  —  (not bound)   partial
//	               used)
//	P1    full     partial     full  full             na
func practiceDataset() *Dataset {
	r := func(c CountryCode, i ItemID, s Status) Response {
		x := resp(c, i, s)
		x.Evidence = "Law of " + string(c) + " on " + string(i)
		return x
	}
	return &Dataset{Responses: NewResponses(
		r("AT", "X1", StatusFull), r("AT", "X2", StatusPartial), r("AT", "X3", StatusNone), r("AT", "O1", StatusFull), r("AT", "P1", StatusFull),
		r("BE", "X1", StatusFull), r("BE", "X2", StatusFull), r("BE", "X3", StatusNone), r("BE", "O1", StatusNone), r("BE", "P1", StatusPartial),
		r("CY", "X1", StatusNone), r("CY", "X2", StatusFull), r("CY", "X3", StatusNone), r("CY", "O1", StatusFull), r("CY", "P1", StatusFull),
		r("DK", "X1", StatusFull), r("DK", "P1", StatusFull),
		r("EE", "X1", StatusPartial), r("EE", "X3", StatusNone), r("EE", "O1", StatusPartial), r("EE", "P1", StatusNA),
	)}
}

func practiceStudy(t *testing.T, mod func(*Config)) *Result {
	t.Helper()
	cfg := DefaultConfig()
	if mod != nil {
		mod(&cfg)
	}
	res, err := Analyze(practiceChecklist(t), practiceDataset(), cfg)
	require.NoError(t, err)
	return res
}

// Scores (full 1, partial 0.5, none 0; − not applicable, ? unknown):
//
//	     X1   X2   X3  O1   P1
//	AT   1    .5   0   1    1
//	BE   1    1    0   −    .5
//	CY   0    1    0   1    1
//	DK   −    −    −   −    1
//	EE   .5   ?    0   .5   −
var practiceSims = []struct {
	c, e CountryCode
	sim  float64
}{
	{"AT", "BE", 1 - (0+0.5+0+0.5)/4.0}, // X1 X2 X3 P1
	{"AT", "CY", 1 - (1+0.5+0+0+0)/5.0}, // all five
	{"AT", "DK", 1},                     // P1 only
	{"AT", "EE", 1 - (0.5+0+0.5)/3.0},   // X1 X3 O1
	{"BE", "CY", 1 - (1+0+0+0.5)/4.0},   // X1 X2 X3 P1
	{"BE", "DK", 0.5},                   // P1 only
	{"BE", "EE", 1 - (0.5+0)/2.0},       // X1 X3
	{"CY", "DK", 1},                     // P1 only
	{"CY", "EE", 1 - (0.5+0+0.5)/3.0},   // X1 X3 O1
	{"DK", "EE", 0},                     // nothing in common
	{"AT", "AT", 1},
	{"DK", "DK", 1},
}

func TestSimilarityHandWorked(t *testing.T) {
	for _, rule := range []MissingRule{MissingExclude, MissingZero} {
		res := practiceStudy(t, func(c *Config) { c.Missing = rule })
		for _, tc := range practiceSims {
			got, ok := res.Similarity(tc.c, tc.e)
			require.True(t, ok)
			assert.InDelta(t, tc.sim, got, 1e-12, "sim(%s, %s) under missing: %s", tc.c, tc.e, rule)
			back, _ := res.Similarity(tc.e, tc.c)
			assert.Equal(t, got, back, "symmetric")
		}
	}
	res := practiceStudy(t, nil)
	_, ok := res.Similarity("AT", "FR")
	assert.False(t, ok, "FR was not assessed")
}

func exemplarCodes(ex []Exemplar) []CountryCode {
	var out []CountryCode
	for _, e := range ex {
		out = append(out, e.Country)
	}
	return out
}

func TestExemplarsHandWorked(t *testing.T) {
	res := practiceStudy(t, nil)
	want := map[ciKey][]CountryCode{
		{"AT", "X2"}: {"BE", "CY"}, // 0.75 > 0.7; EE's X2 is unknown, DK not bound
		{"AT", "X3"}: nil,          // nobody is at full on X3
		{"BE", "X3"}: nil,
		{"BE", "P1"}: {"AT", "CY", "DK"}, // 0.75 > 0.625 > 0.5
		{"CY", "X1"}: {"AT", "BE"},       // 0.7 > 0.625; DK answered full but is not bound
		{"CY", "X3"}: nil,
		{"EE", "X1"}: {"BE", "AT"}, // 0.75 > 2/3
		{"EE", "X3"}: nil,
		{"EE", "O1"}: {"AT", "CY"}, // both 2/3: by code; BE does not use the option, DK is not bound
	}
	var got []ciKey
	for _, g := range res.Gaps {
		k := ciKey{g.Country, g.Item}
		got = append(got, k)
		assert.Equal(t, want[k], exemplarCodes(g.Exemplars), "exemplars of %s %s", g.Country, g.Item)
		for _, e := range g.Exemplars {
			assert.Equal(t, "Law of "+string(e.Country)+" on "+string(g.Item), e.Evidence)
			require.Len(t, e.Sources.Slice(), 1)
			assert.Equal(t, string(e.Country)+string(g.Item), e.Sources.At(0).Cell)
			s, _ := res.Similarity(g.Country, e.Country)
			assert.Equal(t, s, e.Similarity)
		}
	}
	assert.ElementsMatch(t, keysOf(want), got, "the gaps of the example")

	// The library call lists every exemplar, for any (country, item).
	assert.Equal(t, []CountryCode{"AT", "CY", "DK"}, exemplarCodes(res.Exemplars("BE", "P1")))
	assert.Equal(t, []CountryCode{"DK", "CY"}, exemplarCodes(res.Exemplars("AT", "P1")), "AT is at full itself: the others at full")
	assert.Equal(t, []CountryCode{"AT", "CY"}, exemplarCodes(res.Exemplars("DK", "P1")), "1 and 1: by code")
	assert.Nil(t, res.Exemplars("FR", "P1"))
	assert.Nil(t, res.Exemplars("AT", "NOPE"))

	// At most N.
	res2 := practiceStudy(t, func(c *Config) { c.Exemplars = 2 })
	for _, g := range res2.Gaps {
		if g.Country == "BE" && g.Item == "P1" {
			assert.Equal(t, []CountryCode{"AT", "CY"}, exemplarCodes(g.Exemplars))
		}
	}
	// 0: none, and no peers.
	res0 := practiceStudy(t, func(c *Config) { c.Exemplars = 0 })
	for _, g := range res0.Gaps {
		assert.Empty(t, g.Exemplars)
	}
	for _, c := range res0.Countries {
		assert.Empty(t, c.Peers)
	}
	assert.Len(t, res0.Exemplars("BE", "P1"), 3, "the library call does not depend on the config")
}

func keysOf[K comparable, V any](m map[K]V) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPeersHandWorked(t *testing.T) {
	res := practiceStudy(t, nil)
	want := map[CountryCode][]CountryCode{
		"AT": {"DK", "BE", "CY"}, // 1, 0.75, 0.7 (EE 2/3 is fourth)
		"BE": {"AT", "EE", "CY"}, // 0.75 and 0.75: by code; then 0.625
		"CY": {"DK", "AT", "EE"}, // 1, 0.7, 2/3
		"DK": {"AT", "CY", "BE"}, // 1 and 1: by code; then 0.5 (EE: 0, nothing in common)
		"EE": {"BE", "AT", "CY"}, // 0.75, then 2/3 and 2/3 by code
	}
	for _, c := range res.Countries {
		var got []CountryCode
		for _, p := range c.Peers {
			got = append(got, p.Country)
			s, _ := res.Similarity(c.Code, p.Country)
			assert.Equal(t, s, p.Similarity)
		}
		assert.Equal(t, want[c.Code], got, "peers of %s", c.Code)
	}
	all := res.Peers("DK")
	require.Len(t, all, 4)
	assert.Equal(t, CountryCode("EE"), all[3].Country)
	assert.Zero(t, all[3].Similarity, "no item in common: similarity 0")
	assert.Nil(t, res.Peers("FR"))
}

func TestAdoptersHandWorked(t *testing.T) {
	for _, rule := range []MissingRule{MissingExclude, MissingZero} {
		res := practiceStudy(t, func(c *Config) { c.Missing = rule })
		got := map[MeasureID][]CountryCode{}
		for _, p := range res.Priorities {
			got[p.ID] = p.Adopters
			assert.NotContains(t, p.Criteria, CritAdopters, "adopters is not a default criterion")
		}
		assert.Equal(t, map[MeasureID][]CountryCode{
			"MA": {"BE"},             // AT partial on X2, CY none on X1, DK nothing applicable, EE X2 unknown
			"MB": {"AT", "CY"},       // BE does not use the option (nothing applicable), EE partial
			"MC": {"AT", "CY", "DK"}, // BE partial, EE na
			"MD": nil,                // nobody at full on X3
		}, got, "missing: %s", rule)
	}
}

func TestAdoptersCriterion(t *testing.T) {
	def := practiceStudy(t, nil)
	for _, c := range def.Criteria {
		assert.NotEqual(t, CritAdopters, c.ID)
	}
	res := practiceStudy(t, func(c *Config) { c.Ranking.Criteria = []CriterionWeight{{ID: "adopters"}} })
	require.Len(t, res.Criteria, 1)
	assert.True(t, res.Criteria[0].Derived)
	assert.Equal(t, Benefit, res.Criteria[0].Direction)
	// Counts 1, 2, 3, 0: WSM min-max over 0..3.
	want := []struct {
		id    MeasureID
		rank  int
		score float64
		count float64
	}{{"MC", 1, 100, 3}, {"MB", 2, 200.0 / 3, 2}, {"MA", 3, 100.0 / 3, 1}, {"MD", 4, 0, 0}}
	require.Len(t, res.Priorities, len(want))
	for k, w := range want {
		p := res.Priorities[k]
		assert.Equal(t, w.id, p.ID)
		assert.Equal(t, w.rank, p.Rank)
		assert.InDelta(t, w.score, p.Score, 1e-9)
		assert.Equal(t, w.count, p.Criteria[CritAdopters])
	}

	// Selecting it with the defaults changes nothing else: the other criteria
	// keep their values.
	res = practiceStudy(t, func(c *Config) {
		c.Ranking.Criteria = []CriterionWeight{{ID: "gap_points"}, {ID: "countries"}, {ID: "binding_gaps"}, {ID: "feasibility"}, {ID: "adopters"}}
	})
	byID := map[MeasureID]Priority{}
	for _, p := range def.Priorities {
		byID[p.ID] = p
	}
	for _, p := range res.Priorities {
		for id, v := range byID[p.ID].Criteria {
			assert.Equal(t, v, p.Criteria[id], "%s %s", p.ID, id)
		}
		assert.Equal(t, byID[p.ID].Adopters, p.Adopters)
		assert.Equal(t, byID[p.ID].Closes, p.Closes)
	}
	assert.Equal(t, def.Gaps, res.Gaps)
	assert.Equal(t, def.Countries, res.Countries)
}

func TestExemplarsConfig(t *testing.T) {
	cfg, err := LoadConfig(strings.NewReader("exemplars: 5\n"), "study.yaml")
	require.NoError(t, err)
	assert.Equal(t, 5, cfg.Exemplars)
	cfg, err = LoadConfig(strings.NewReader("missing: zero\n"), "study.yaml")
	require.NoError(t, err)
	assert.Equal(t, 3, cfg.Exemplars, "default 3")
	cfg, err = LoadConfig(strings.NewReader("exemplars: 0\n"), "study.yaml")
	require.NoError(t, err)
	assert.Equal(t, 0, cfg.Exemplars)

	tests := []struct{ name, src, want string }{
		{"negative", "missing: zero\nexemplars: -1\n", "study.yaml:2: exemplars: -1 is negative"},
		{"not a whole number", "missing: zero\nexemplars: 2.5\n", "study.yaml:2: exemplars: 2.5 is not a whole number"},
		{"text", "exemplars: many\n", "line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "study.yaml")
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrConfigKey)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	bad := DefaultConfig()
	bad.Exemplars = -2
	require.Error(t, bad.Check())
}

func TestOrderTiesWithinTolerance(t *testing.T) {
	p := &practiceIndex{
		countries: []CountryCode{"AT", "BE", "CY", "DE", "EE"},
		sim: [][]float64{
			// AT's similarity to BE and CY differs by less than 1e-9: a tie, by
			// code; to EE by more: an order.
			{1, 0.5 + 5e-10, 0.5, 0.6, 0.5 - 2e-9},
		},
	}
	assert.Equal(t, []int{3, 1, 2, 4}, p.order(0, []int{4, 2, 1, 3}))
	assert.Equal(t, []int{3, 1, 2, 4}, p.order(0, []int{1, 2, 3, 4}))
	assert.Empty(t, p.order(0, nil))
}
