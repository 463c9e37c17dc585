package gapanalysis

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testChecklist is a small checklist whose results are worked out by hand below.
//
//	compliance (w1)
//	  offences (w1): A (w1, mandatory), B (w1, mandatory), C (w2, optional)
//	  victims  (w1): D (w1, mandatory), E (w1, mandatory, numeric minmax higher)
//	practice (w1)
//	  bp (w1): F (practice), G (practice)
//
// Effective weights: A, B 1/4·1/2·1/2 = 0.0625; C 0.125; D, E 0.125; F, G 0.25.
func testChecklist(t testing.TB) *Checklist {
	t.Helper()
	src := `
id: test
title: Test checklist
version: "1"
instrument: {not_bound: [DK]}
pillars:
  - id: compliance
    title: Compliance
    themes:
      - id: offences
        title: Offences
        items:
          - {id: A, title: Item A, obligation: mandatory}
          - {id: B, title: Item B, obligation: mandatory}
          - {id: C, title: Item C, obligation: optional, weight: 2}
      - id: victims
        title: Victims
        items:
          - {id: D, title: Item D, obligation: mandatory}
          - {id: E, title: Item E, obligation: mandatory, type: numeric, direction: higher, normalize: minmax}
  - id: practice
    title: Practice
    themes:
      - id: bp
        title: Best practice
        items:
          - {id: F, title: Item F, obligation: practice}
          - {id: G, title: Item G, obligation: practice}
criteria:
  - {id: feasibility, title: Feasibility, direction: benefit}
  - {id: cost, title: Cost, direction: cost}
measures:
  - {id: M1, title: Measure 1, addresses: [A, B], criteria: {feasibility: 4, cost: 2}}
  - {id: M2, title: Measure 2, addresses: [D, F], criteria: {cost: 4}}
  - {id: M3, title: Measure 3, addresses: [C, G], criteria: {feasibility: 2, cost: 1}}
`
	cl, err := LoadChecklist(strings.NewReader(src), "test.yaml")
	require.NoError(t, err)
	return cl
}

func resp(c CountryCode, i ItemID, s Status) Response {
	return Response{Country: c, Item: i, Status: s, Source: Source{File: "s.xlsx", Sheet: "S", Cell: string(c) + string(i)}}
}

func num(c CountryCode, i ItemID, v float64) Response {
	return Response{Country: c, Item: i, Value: v, HasValue: true, Source: Source{File: "s.xlsx", Sheet: "S", Cell: string(c) + string(i)}}
}

func testDataset() *Dataset {
	return &Dataset{Responses: NewResponses(
		resp("AT", "A", StatusFull), resp("AT", "B", StatusPartial), resp("AT", "C", StatusNone),
		resp("AT", "D", StatusFull), num("AT", "E", 10), resp("AT", "F", StatusPartial),
		// AT has no row for G: unknown.
		resp("BE", "A", StatusNone), resp("BE", "B", StatusFull), resp("BE", "C", StatusNA),
		resp("BE", "D", StatusPartial), num("BE", "E", 30), resp("BE", "F", StatusFull), resp("BE", "G", StatusFull),
		// DK is not bound: A, D and E count as na whatever the answer.
		resp("DK", "A", StatusFull), resp("DK", "D", StatusNone), num("DK", "E", 20),
		resp("DK", "F", StatusNone), resp("DK", "G", StatusPartial),
	)}
}

func country(t *testing.T, res *Result, c CountryCode) CountryResult {
	t.Helper()
	for _, cr := range res.Countries {
		if cr.Code == c {
			return cr
		}
	}
	t.Fatalf("country %s not in result", c)
	return CountryResult{}
}

func TestAnalyzeHandWorked(t *testing.T) {
	cl := testChecklist(t)
	res, err := Analyze(cl, testDataset(), DefaultConfig())
	require.NoError(t, err)

	tests := []struct {
		code     CountryCode
		rank     int
		index    float64
		coverage float64
		pillars  map[PillarID]Score
		themes   map[ThemeID]Score
	}{
		// AT: C is optional and answered none, "option not used": not applicable.
		// Offences (1+0.5)/2 = 0.75; victims (1+0)/2 = 0.5 (E is the minimum of 10,
		// 30); compliance 0.625; practice F 0.5, G unknown → 0.5; index
		// (0.625+0.5)/2 = 0.5625. Coverage 5 known of 6 applicable (C left out).
		{"AT", 2, 56.25, 5.0 / 6, map[PillarID]Score{"compliance": Known(62.5), "practice": Known(50)},
			map[ThemeID]Score{"offences": Known(75), "victims": Known(50), "bp": Known(50)}},
		// BE: offences (0+1)/2 (C is na); victims (0.5+1)/2; compliance 0.625;
		// practice 1; index 0.8125.
		{"BE", 1, 81.25, 1, map[PillarID]Score{"compliance": Known(62.5), "practice": Known(100)},
			map[ThemeID]Score{"offences": Known(50), "victims": Known(75), "bp": Known(100)}},
		// DK: compliance not applicable at all (missing), practice (0+0.5)/2 → 25.
		{"DK", 3, 25, 1, map[PillarID]Score{"compliance": {}, "practice": Known(25)},
			map[ThemeID]Score{"offences": {}, "victims": {}, "bp": Known(25)}},
	}
	for _, tc := range tests {
		t.Run(string(tc.code), func(t *testing.T) {
			cr := country(t, res, tc.code)
			assert.Equal(t, tc.rank, cr.Rank)
			require.True(t, cr.Index.Known)
			assert.InDelta(t, tc.index, cr.Index.Value, 1e-9)
			assert.InDelta(t, tc.coverage, cr.Coverage, 1e-12)
			for id, want := range tc.pillars {
				assert.Equal(t, want.Known, cr.Pillars[id].Known, "pillar %s", id)
				assert.InDelta(t, want.Value, cr.Pillars[id].Value, 1e-9, "pillar %s", id)
			}
			for id, want := range tc.themes {
				assert.Equal(t, want.Known, cr.Themes[id].Known, "theme %s", id)
				assert.InDelta(t, want.Value, cr.Themes[id].Value, 1e-9, "theme %s", id)
			}
		})
	}
	at := country(t, res, "AT")
	assert.Equal(t, 3, at.Gaps, "the option AT does not use is not a gap")
	assert.InDelta(t, 3.125+12.5+12.5, at.GapPoints, 1e-9)
	assert.Equal(t, 1, at.NNA, "option not used counts as na")
	assert.Equal(t, 1, at.NNone, "E only: the minimum of a min-max numeric item")
	assert.Equal(t, []CountryCode{"BE", "AT", "DK"}, []CountryCode{res.Countries[0].Code, res.Countries[1].Code, res.Countries[2].Code})

	// Gaps: severity = 100 × gap × effective weight.
	type g struct {
		c   CountryCode
		i   ItemID
		sev float64
	}
	var got []g
	for _, x := range res.Gaps {
		got = append(got, g{x.Country, x.Item, x.Severity})
	}
	assert.ElementsMatch(t, []g{
		{"AT", "B", 3.125}, {"AT", "E", 12.5}, {"AT", "F", 12.5},
		{"BE", "A", 6.25}, {"BE", "D", 6.25},
		{"DK", "F", 25}, {"DK", "G", 12.5},
	}, roundGaps(got, func(x g) g { x.sev = round9(x.sev); return x }))

	// Item statistics: A is full for AT, none for BE and na for DK.
	stats := map[ItemID]ItemStats{}
	for _, s := range res.Items {
		stats[s.ID] = s
	}
	assert.Equal(t, ItemStats{ID: "A", NFull: 1, NNone: 1, NNA: 1, Mean: Known(0.5), Gaps: 1}, stats["A"])
	assert.Equal(t, ItemStats{ID: "G", NFull: 1, NPartial: 1, NUnknown: 1, Mean: Known(0.75), Gaps: 1}, stats["G"])
	// C: AT does not use the option (none), BE answered na, DK is not bound.
	assert.Equal(t, ItemStats{ID: "C", NNA: 3}, stats["C"])
}

// TestAnalyzePillarRanks checks the ranks on each pillar and the rank note of a
// country the instrument does not bind, on the hand-worked study above:
// compliance AT 62.5, BE 62.5 (a tie: both 1), DK no score (no rank); practice
// BE 100, AT 50, DK 25.
func TestAnalyzePillarRanks(t *testing.T) {
	res, err := Analyze(testChecklist(t), testDataset(), DefaultConfig())
	require.NoError(t, err)
	tests := []struct {
		code  CountryCode
		ranks map[PillarID]int
		note  string
	}{
		{"AT", map[PillarID]int{"compliance": 1, "practice": 2}, ""},
		{"BE", map[PillarID]int{"compliance": 1, "practice": 1}, ""},
		{"DK", map[PillarID]int{"compliance": 0, "practice": 3}, RankNoteNotBound},
	}
	for _, tc := range tests {
		t.Run(string(tc.code), func(t *testing.T) {
			cr := country(t, res, tc.code)
			assert.Equal(t, tc.ranks, cr.PillarRanks)
			assert.Equal(t, tc.note, cr.RankNote)
		})
	}
	assert.Equal(t, "not bound by the instrument: ranked on practice items only", RankNoteNotBound)
}

func round9(x float64) float64 { return float64(int64(x*1e9+0.5)) / 1e9 }

func roundGaps[T any](xs []T, f func(T) T) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func TestAnalyzePrioritiesHandWorked(t *testing.T) {
	cl := testChecklist(t)
	res, err := Analyze(cl, testDataset(), DefaultConfig())
	require.NoError(t, err)
	// Derived criteria:
	//   M1 [A,B]: AT-B 3.125 + BE-A 6.25 = 9.375; 2 countries; 2 binding gaps.
	//   M2 [D,F]: BE-D 6.25 + AT-F 12.5 + DK-F 25 = 43.75; 3 countries; 1 binding (D).
	//   M3 [C,G]: DK-G 12.5 (AT does not use the option C) = 12.5; 1 country;
	//   0 binding (G is practice).
	// Expert: feasibility 4, (missing → worst of others = 2), 2; cost 2, 4, 1.
	// Min-max: gap_points 0, 1, 3.125/34.375 = 1/11; countries .5, 1, 0; binding
	// 1, .5, 0; feasibility 1, 0, 0; cost (cost) 2/3, 0, 1.
	// WSM: M1 100·(.5+1+1+2/3)/5 = 63.33; M2 100·2.5/5 = 50; M3 100·(1/11+1)/5 = 21.82.
	want := []struct {
		id    MeasureID
		rank  int
		score float64
		crit  map[CriterionID]float64
	}{
		{"M1", 1, 100 * (2.5 + 2.0/3) / 5, map[CriterionID]float64{"gap_points": 9.375, "countries": 2, "binding_gaps": 2, "feasibility": 4, "cost": 2}},
		{"M2", 2, 50, map[CriterionID]float64{"gap_points": 43.75, "countries": 3, "binding_gaps": 1, "feasibility": 2, "cost": 4}},
		{"M3", 3, 100 * (1.0/11 + 1) / 5, map[CriterionID]float64{"gap_points": 12.5, "countries": 1, "binding_gaps": 0, "feasibility": 2, "cost": 1}},
	}
	require.Len(t, res.Priorities, 3)
	for i, w := range want {
		p := res.Priorities[i]
		assert.Equal(t, w.id, p.ID)
		assert.Equal(t, w.rank, p.Rank)
		assert.InDelta(t, w.score, p.Score, 1e-9)
		for k, v := range w.crit {
			assert.InDelta(t, v, p.Criteria[k], 1e-9, "%s %s", w.id, k)
		}
		var sum float64
		for _, c := range p.Contributions {
			sum += c
		}
		assert.InDelta(t, p.Score, sum, 1e-9, "wsm contributions add up to the score")
	}
	assert.Equal(t, []CriterionID{"feasibility"}, res.Priorities[1].Filled)
	var warned bool
	for _, d := range res.Diagnostics {
		if d.Code == CodeMissingCriterion && strings.Contains(d.Message, "M2") {
			warned = true
			assert.Equal(t, SevWarning, d.Severity)
			assert.Equal(t, "test.yaml", d.File, "the checklist the measure is in")
			assert.Equal(t, 34, d.Row, "the measure's line in the YAML above")
		}
	}
	assert.True(t, warned, "a missing criterion value is a warning")
	assert.Equal(t, []CountryCode{"AT", "BE", "DK"}, res.Priorities[1].GapCountries)
	assert.Equal(t, []GapRef{{"AT", "F", 12.5}, {"BE", "D", 6.25}, {"DK", "F", 25}}, res.Priorities[1].Closes)
}

func TestAnalyzeConfiguredCriteria(t *testing.T) {
	cl := testChecklist(t)
	cfg := DefaultConfig()
	two := 2.0
	cfg.Ranking.Criteria = []CriterionWeight{{ID: "gap_points", Weight: &two}, {ID: "cost"}}
	res, err := Analyze(cl, testDataset(), cfg)
	require.NoError(t, err)
	// gap_points n = 0, 1, 1/11 (w 2); cost n = 2/3, 0, 1 (w 1).
	// M1 100·(2/3)/3 = 22.22; M2 100·2/3 = 66.67; M3 100·(2/11+1)/3 = 39.39.
	scores := map[MeasureID]float64{}
	for _, p := range res.Priorities {
		scores[p.ID] = p.Score
	}
	assert.InDelta(t, 100*(2.0/3)/3, scores["M1"], 1e-9)
	assert.InDelta(t, 200.0/3, scores["M2"], 1e-9)
	assert.InDelta(t, 100*(2.0/11+1)/3, scores["M3"], 1e-9)
	assert.Equal(t, MeasureID("M2"), res.Priorities[0].ID)

	cfg.Ranking.Criteria = []CriterionWeight{{ID: "gap_pionts"}}
	_, err = Analyze(cl, testDataset(), cfg)
	require.ErrorIs(t, err, ErrConfig)
	assert.Contains(t, err.Error(), "did you mean gap_points")
}

func TestAnalyzeMissingZero(t *testing.T) {
	cl := testChecklist(t)
	cfg := DefaultConfig()
	cfg.Missing = MissingZero
	res, err := Analyze(cl, testDataset(), cfg)
	require.NoError(t, err)
	// AT's unknown G now scores 0: practice (0.5+0)/2 = 0.25; index (0.625+0.25)/2.
	at := country(t, res, "AT")
	assert.InDelta(t, 100*(0.625+0.25)/2, at.Index.Value, 1e-9)
	assert.InDelta(t, 5.0/6, at.Coverage, 1e-12, "coverage counts answers, not the rule")
}

func TestAnalyzeSeveralAnswers(t *testing.T) {
	cl := testChecklist(t)
	withResp := func(r Response, who string, cell string) Response {
		r.Respondent = who
		r.Source.Cell = cell
		return r
	}
	tests := []struct {
		name      string
		responses []Response
		status    Status
		score     Score
		codes     []Code
		cells     []string
	}{
		{"different respondents: mean", []Response{
			withResp(resp("AT", "A", StatusFull), "x", "C2"), withResp(resp("AT", "A", StatusNone), "y", "C3"),
			withResp(resp("AT", "A", StatusPartial), "z", "C4")},
			StatusPartial, Known(0.5), nil, nil},
		{"same respondent, same answer: duplicate warning, counted once", []Response{
			withResp(resp("AT", "A", StatusPartial), "x", "C2"), withResp(resp("AT", "A", StatusPartial), "x", "C3")},
			StatusPartial, Known(0.5), []Code{CodeDuplicate}, []string{"C3"}},
		{"same respondent, different answers: conflict, unknown", []Response{
			withResp(resp("AT", "A", StatusFull), "x", "C2"), withResp(resp("AT", "A", StatusNone), "x", "C3")},
			StatusUnknown, Score{}, []Code{CodeConflict}, []string{"C3"}},
		{"no respondent named, different answers: conflict", []Response{
			resp("AT", "A", StatusFull), withResp(resp("AT", "A", StatusPartial), "", "C9")},
			StatusUnknown, Score{}, []Code{CodeConflict}, []string{"C9"}},
		{"an unknown answer does not conflict", []Response{
			withResp(resp("AT", "A", StatusFull), "x", "C2"), withResp(resp("AT", "A", StatusUnknown), "x", "C3")},
			StatusFull, Known(1), nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Analyze(cl, &Dataset{Responses: NewResponses(tc.responses...)}, DefaultConfig())
			require.NoError(t, err)
			a := res.Assessments[0]
			require.Equal(t, ItemID("A"), a.Item)
			assert.Equal(t, tc.status, a.Status)
			assert.Equal(t, tc.score, a.Score)
			var codes []Code
			var cells []string
			for _, d := range res.Diagnostics {
				if d.Code == CodeMissingCriterion {
					continue
				}
				codes = append(codes, d.Code)
				cells = append(cells, d.Cell)
			}
			assert.Equal(t, tc.codes, codes)
			assert.Equal(t, tc.cells, cells)
		})
	}
}

func TestAnalyzeShuffleInvariant(t *testing.T) {
	cl := testChecklist(t)
	base, err := Analyze(cl, testDataset(), DefaultConfig())
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		ds := testDataset()
		rs := ds.Responses.Slice()
		rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		ds.Responses = NewResponses(rs...)
		res, err := Analyze(cl, ds, DefaultConfig())
		require.NoError(t, err)
		assert.Equal(t, base.Countries, res.Countries)
		assert.Equal(t, base.Priorities, res.Priorities)
		assert.Equal(t, plainGaps(base.Gaps), plainGaps(res.Gaps))
		assert.Equal(t, base.Items, res.Items)
	}
}

func TestAnalyzeWeightScaleInvariant(t *testing.T) {
	cl := testChecklist(t)
	base, err := Analyze(cl, testDataset(), DefaultConfig())
	require.NoError(t, err)
	scaled := testChecklist(t)
	for _, p := range scaled.Pillars {
		p.Weight *= 7
		for _, th := range p.Themes {
			th.Weight *= 3
			for _, it := range th.Items {
				it.Weight *= 5
			}
		}
	}
	res, err := Analyze(scaled, testDataset(), DefaultConfig())
	require.NoError(t, err)
	for i := range base.Countries {
		assert.InDelta(t, base.Countries[i].Index.Value, res.Countries[i].Index.Value, 1e-9)
	}
	for i := range base.Gaps {
		assert.InDelta(t, base.Gaps[i].Severity, res.Gaps[i].Severity, 1e-9)
	}
}

// TestAnalyzeBetterAnswerNeverLowers improves one answer at a time (none → partial
// → full) and checks that no theme, pillar or index score of that country drops.
// On an optional item none means "option not used", which is not a worse answer
// than partial (option used, conditions partly met), so it is left out.
func TestAnalyzeBetterAnswerNeverLowers(t *testing.T) {
	cl := testChecklist(t)
	base := testDataset()
	for i, r := range base.Responses.All() {
		if r.HasValue || r.Status == StatusFull || r.Status == StatusNA || r.Status == StatusUnknown {
			continue
		}
		if r.Status == StatusNone && cl.Item(r.Item).Obligation == Optional {
			continue
		}
		better := testDataset()
		{
			edited := better.Responses.At(i)
			edited.Status = StatusFull
			better.Responses.Set(i, edited)
		}
		if r.Status == StatusNone {
			{
				edited := better.Responses.At(i)
				edited.Status = StatusPartial
				better.Responses.Set(i, edited)
			}
		}
		before, err := Analyze(cl, base, DefaultConfig())
		require.NoError(t, err)
		after, err := Analyze(cl, better, DefaultConfig())
		require.NoError(t, err)
		b, a := country(t, before, r.Country), country(t, after, r.Country)
		assert.GreaterOrEqual(t, a.Index.Value, b.Index.Value-1e-12, "%s %s index", r.Country, r.Item)
		for id, s := range b.Pillars {
			assert.GreaterOrEqual(t, a.Pillars[id].Value, s.Value-1e-12)
		}
		for id, s := range b.Themes {
			assert.GreaterOrEqual(t, a.Themes[id].Value, s.Value-1e-12)
		}
	}
}

func TestAnalyzeTies(t *testing.T) {
	cl := testChecklist(t)
	ds := &Dataset{Responses: NewResponses(
		resp("AT", "A", StatusFull), resp("BE", "A", StatusFull), resp("CY", "A", StatusNone), resp("FR", "A", StatusUnknown),
	)}
	res, err := Analyze(cl, ds, DefaultConfig())
	require.NoError(t, err)
	got := map[CountryCode]int{}
	for _, c := range res.Countries {
		got[c.Code] = c.Rank
	}
	assert.Equal(t, map[CountryCode]int{"AT": 1, "BE": 1, "CY": 3, "FR": 0}, got)
	assert.Equal(t, CountryCode("FR"), res.Countries[3].Code, "unranked countries come last")
	assert.False(t, res.Countries[3].Index.Known)
}

func TestLoadChecklistErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		sentinel error
		line     string
	}{
		{"duplicate item", `id: x
pillars:
  - id: p
    themes:
      - id: t
        items:
          - {id: A, obligation: mandatory}
          - {id: A, obligation: mandatory}
`, ErrDuplicateID, "line 8"},
		{"unknown obligation", `id: x
pillars:
  - id: p
    themes:
      - id: t
        items:
          - {id: A, obligation: mandatoy}
`, ErrBadObligation, "line 7"},
		{"negative weight", `id: x
pillars:
  - id: p
    themes:
      - id: t
        items:
          - {id: A, obligation: mandatory, weight: -1}
`, ErrNegativeWeight, "line 7"},
		{"unknown address", `id: x
pillars:
  - id: p
    themes:
      - id: t
        items:
          - {id: D-3.4, obligation: mandatory}
measures:
  - id: M
    addresses: [D-3.44]
`, ErrUnknownAddress, "line 9"},
		{"unknown key", `id: x
pillars:
  - id: p
    colour: red
`, ErrChecklistSyntax, "line 4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadChecklist(strings.NewReader(tc.src), "c.yaml")
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.Contains(t, err.Error(), tc.line)
		})
	}
	_, err := LoadChecklist(strings.NewReader("id: x\npillars:\n  - id: p\n    themes:\n      - id: t\n        items:\n          - {id: D-3.4, obligation: mandatory}\nmeasures:\n  - {id: M, addresses: [D-3.44]}\n"), "c.yaml")
	assert.Contains(t, err.Error(), "did you mean D-3.4?")
}

func TestLoadConfig(t *testing.T) {
	cfg, err := LoadConfig(strings.NewReader("missing: zero\nranking:\n  method: topsis\n  top_k: 3\n"), "study.yaml")
	require.NoError(t, err)
	assert.Equal(t, MissingZero, cfg.Missing)
	assert.Equal(t, "topsis", cfg.Ranking.Method)
	assert.Equal(t, 3, cfg.Ranking.TopK)
	assert.Equal(t, 0.5, cfg.Scale.Partial, "defaults kept")

	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "ranking:\n  methd: wsm\n", "line 2"},
		{"bad method", "ranking:\n  method: electre\n", "study.yaml:2: ranking.method"},
		{"bad missing", "scale: {full: 1}\nmissing: mean\n", "study.yaml:2: missing"},
		{"bad vocabulary key", "vocabulary:\n  ful: [si]\n", "vocabulary"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "study.yaml")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestAnalyzePrometheeAndVikorSettings(t *testing.T) {
	cl := testChecklist(t)
	src := `
ranking:
  method: promethee2
  criteria:
    - {id: gap_points, preference: linear, q: 5, p: 20}
    - {id: cost, direction: cost, preference: v-shape, p: 2}
`
	cfg, err := LoadConfig(strings.NewReader(src), "study.yaml")
	require.NoError(t, err)
	res, err := Analyze(cl, testDataset(), cfg)
	require.NoError(t, err)
	// gap_points 9.375, 43.75, 12.5 (linear, q 5, p 20); cost 2, 4, 1 (cost, v-shape p 2).
	// Preference degrees on gap_points: d(M2,M1) = 34.375 → 1; d(M2,M3) = 31.25 →
	// 1; d(M3,M1) = 3.125 ≤ q → 0.
	// On cost (smaller better): M3 over M1 by 1 → 0.5; M3 over M2 by 3 → 1; M1 over
	// M2 by 2 → 1. Weights ½ each, n−1 = 2:
	// π(a,b) = ½·P_gap(a,b) + ½·P_cost(a,b); φ(a) = Σ_b (π(a,b) − π(b,a)) / 2.
	pi := func(gp, cost float64) float64 { return 0.5*gp + 0.5*cost }
	p12, p21 := pi(0, 1), pi(1, 0)
	p13, p31 := pi(0, 0), pi(0, 0.5)
	p23, p32 := pi(1, 0), pi(0, 1)
	want := map[MeasureID]float64{
		"M1": (p12 - p21 + p13 - p31) / 2,
		"M2": (p21 - p12 + p23 - p32) / 2,
		"M3": (p31 - p13 + p32 - p23) / 2,
	}
	for _, p := range res.Priorities {
		assert.InDelta(t, want[p.ID], p.Score, 1e-9, p.ID)
	}

	// VIKOR's v changes the compromise: v = 1 ranks by group utility only.
	one := 1.0
	cfg = DefaultConfig()
	cfg.Ranking.Method = "vikor"
	cfg.Ranking.VikorV = &one
	byS, err := Analyze(cl, testDataset(), cfg)
	require.NoError(t, err)
	wsm, err := Analyze(cl, testDataset(), DefaultConfig())
	require.NoError(t, err)
	for i := range byS.Priorities {
		// With v = 1, Q is the min-max normalised S, and 1 − S/Σw is the wsm score
		// / 100: the rankings agree.
		assert.Equal(t, wsm.Priorities[i].ID, byS.Priorities[i].ID)
	}

	_, err = LoadConfig(strings.NewReader("ranking:\n  criteria:\n    - {id: cost, preference: sigmoid}\n"), "s.yaml")
	assert.ErrorContains(t, err, "ranking.criteria")
	_, err = LoadConfig(strings.NewReader("ranking:\n  vikor_v: 2\n"), "s.yaml")
	assert.ErrorContains(t, err, "s.yaml:2: ranking.vikor_v")
}
