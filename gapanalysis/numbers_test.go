package gapanalysis

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/scoring"
)

// numbersChecklist is a valid checklist in which one line is replaced by a
// test case. Lines: 3 pillar, 4 its weight, 7 theme weight, 9 item A, 10 item
// B, 11 item N (numeric, target), 16 measure M's criteria.
const numbersChecklist = `id: x
pillars:
  - id: p
    weight: 1
    themes:
      - id: t
        weight: 1
        items:
          - {id: A, obligation: mandatory, weight: 1}
          - {id: B, obligation: mandatory, min_max_penalty: 2}
          - {id: N, obligation: practice, type: numeric, normalize: target, target: 5}
criteria:
  - {id: cost, direction: cost}
measures:
  - id: M
    addresses: [A]
    criteria: {cost: 3}
`

func withLine(t *testing.T, src string, line int, text string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	require.Less(t, line-1, len(lines))
	lines[line-1] = text
	return strings.Join(lines, "\n")
}

// Each of these was accepted before and made every score NaN, or left every
// index empty without a word.
func TestLoadChecklistNumbers(t *testing.T) {
	tests := []struct {
		name     string
		line     int
		text     string
		sentinel error
		want     string // in the message, with "c.yaml:line N"
	}{
		{"item weight .nan", 9, "          - {id: A, obligation: mandatory, weight: .nan}", ErrNonFinite, "item A: weight is NaN"},
		{"item weight .inf", 9, "          - {id: A, obligation: mandatory, weight: .inf}", ErrNonFinite, "item A: weight is +Inf"},
		{"item weight -.inf", 9, "          - {id: A, obligation: mandatory, weight: -.inf}", ErrNonFinite, "item A: weight is -Inf"},
		{"item weight .NaN spelling", 9, "          - {id: A, obligation: mandatory, weight: .NaN}", ErrNonFinite, "item A: weight is NaN"},
		{"theme weight .nan", 7, "        weight: .nan", ErrNonFinite, "theme t: weight is NaN"},
		{"theme weight negative", 7, "        weight: -2", ErrNegativeWeight, "theme t: negative weight -2"},
		{"pillar weight .inf", 4, "    weight: .inf", ErrNonFinite, "pillar p: weight is +Inf"},
		{"pillar weight negative", 4, "    weight: -1", ErrNegativeWeight, "pillar p: negative weight -1"},
		{"penalty .nan", 10, "          - {id: B, obligation: mandatory, min_max_penalty: .nan}", ErrNonFinite, "item B: min_max_penalty is NaN"},
		{"penalty negative", 10, "          - {id: B, obligation: mandatory, min_max_penalty: -1}", ErrBadField, "item B: min_max_penalty -1 is negative"},
		{"second penalty .inf", 10, "          - {id: B, obligation: mandatory, min_max_penalty: 2, min_max_penalty_above_consent: .inf}", ErrNonFinite, "item B: min_max_penalty_above_consent is +Inf"},
		{"second penalty negative", 10, "          - {id: B, obligation: mandatory, min_max_penalty: 2, min_max_penalty_above_consent: -0.5}", ErrBadField, "item B: min_max_penalty_above_consent -0.5 is negative"},
		{"target .inf", 11, "          - {id: N, obligation: practice, type: numeric, normalize: target, target: .inf}", ErrNonFinite, "item N: target is +Inf"},
		{"target .nan", 11, "          - {id: N, obligation: practice, type: numeric, normalize: target, target: .nan}", ErrNonFinite, "item N: target is NaN"},
		{"criteria value .nan", 17, "    criteria: {cost: .nan}", ErrNonFinite, "measure M: criteria.cost is NaN"},
		{"criteria value -.inf", 17, "    criteria: {cost: -.inf}", ErrNonFinite, "measure M: criteria.cost is -Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := withLine(t, numbersChecklist, tc.line, tc.text)
			_, err := LoadChecklist(strings.NewReader(src), "c.yaml")
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			line := tc.line
			assert.Contains(t, err.Error(), fmt.Sprintf("c.yaml:line %d: %s", line, tc.want))
			var ce *ChecklistError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, line, ce.Line)
			if tc.sentinel == ErrNonFinite {
				assert.ErrorIs(t, err, scoring.ErrNonFinite, "one sentinel for NaN in both packages")
			}
		})
	}
	_, err := LoadChecklist(strings.NewReader(numbersChecklist), "c.yaml")
	require.NoError(t, err, "the base checklist is valid")
}

func TestLoadChecklistZeroWeightLevels(t *testing.T) {
	src := `id: x
pillars:
  - id: p
    weight: 0
    themes:
      - id: t
        weight: 0
        items:
          - {id: A, obligation: mandatory}
  - id: q
    weight: 0
    themes:
      - id: u
        items:
          - {id: B, obligation: mandatory, weight: 0}
          - {id: C, obligation: mandatory, weight: 1}
      - id: v
        items:
          - {id: D, obligation: mandatory, weight: 0}
          - {id: E, obligation: mandatory, weight: 0}
`
	_, err := LoadChecklist(strings.NewReader(src), "c.yaml")
	require.ErrorIs(t, err, ErrZeroWeights)
	msg := err.Error()
	assert.Contains(t, msg, "c.yaml:line 5: pillar p: every theme weight is 0")
	assert.Contains(t, msg, "c.yaml:line 18: theme v: every item weight is 0")
	assert.Contains(t, msg, "c.yaml:line 4: every pillar weight is 0", "at the first pillar's weight")
	assert.NotContains(t, msg, "theme u", "one zero weight among others is allowed")
	assert.Equal(t, 3, strings.Count(msg, "weight is 0"))
}

func TestLoadChecklistItemIDsByCase(t *testing.T) {
	src := `id: x
pillars:
  - id: p
    themes:
      - id: t
        items:
          - {id: D-3.4, obligation: mandatory}
          - {id: D-3.5, obligation: mandatory}
          - {id: "d-3.4 ", obligation: mandatory}
          - {id: "D - 3.5", obligation: mandatory}
`
	_, err := LoadChecklist(strings.NewReader(src), "c.yaml")
	require.ErrorIs(t, err, ErrDuplicateID)
	assert.Contains(t, err.Error(), `c.yaml:line 9: item id "d-3.4 " differs from item id "D-3.4" at line 7 only by case or spaces`)
	assert.Contains(t, err.Error(), `c.yaml:line 10: item id "D - 3.5" differs from item id "D-3.5" at line 8`)

	// Built in code, Validate finds the same.
	cl := &Checklist{ID: "x", Pillars: []*Pillar{{ID: "p", Weight: 1, Themes: []*Theme{{ID: "t", Weight: 1, Items: []*Item{
		{ID: "BP-A", Obligation: Practice, Weight: 1}, {ID: "bp-a", Obligation: Practice, Weight: 1},
	}}}}}}
	assert.ErrorIs(t, cl.Validate(), ErrDuplicateID)
}

func TestLoadSecondDocument(t *testing.T) {
	valid := "id: x\npillars:\n  - id: p\n    themes:\n      - id: t\n        items:\n          - {id: A, obligation: mandatory}\n"
	for _, tc := range []struct {
		name, tail string
		line       int
	}{
		{"a second checklist", "---\nid: y\n", 8},
		{"a stray document", "---\n- 1\n", 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadChecklist(strings.NewReader(valid+tc.tail), "c.yaml")
			require.ErrorIs(t, err, ErrSecondDocument)
			assert.Contains(t, err.Error(), fmt.Sprintf("c.yaml:line %d: a second YAML document", tc.line))

			_, err = LoadConfig(strings.NewReader("missing: zero\n"+tc.tail), "study.yaml")
			require.ErrorIs(t, err, ErrSecondDocument)
			assert.ErrorIs(t, err, ErrConfigKey)
			assert.Contains(t, err.Error(), fmt.Sprintf("study.yaml:%d: a second YAML document", tc.line-6))
		})
	}
	// Markers around the only document are fine, and so are empty documents.
	for _, tc := range []struct{ head, tail string }{
		{"---\n", "...\n"},
		{"", "---\n"},
		{"", "---\n# only a comment\n---\n"},
	} {
		_, err := LoadChecklist(strings.NewReader(tc.head+valid+tc.tail), "c.yaml")
		assert.NoError(t, err, "%q … %q", tc.head, tc.tail)
		_, err = LoadConfig(strings.NewReader(tc.head+"missing: zero\n"+tc.tail), "study.yaml")
		assert.NoError(t, err, "%q … %q", tc.head, tc.tail)
	}
	// Text after the first document that does not parse is reported too.
	_, err := LoadConfig(strings.NewReader("missing: zero\n---\n:\n  - [\n"), "study.yaml")
	require.ErrorIs(t, err, ErrSecondDocument)
	assert.ErrorContains(t, err, "after the first YAML document, more text follows")
}

// Each of these was accepted before; every score became NaN with exit 0.
func TestLoadConfigNumbers(t *testing.T) {
	tests := []struct {
		name, src string
		sentinel  error
		want      string
	}{
		{"scale .nan", "scale:\n  partial: .nan\n", ErrNonFinite, "study.yaml:2: scale.partial: NaN is not a finite number"},
		{"scale .inf", "scale: {full: .inf}\n", ErrNonFinite, "study.yaml:1: scale.full: +Inf is not a finite number"},
		{"vikor_v .nan", "ranking:\n  vikor_v: .nan\n", ErrNonFinite, "study.yaml:2: ranking.vikor_v: NaN is not a finite number"},
		{"criterion weight .inf", "ranking:\n  criteria:\n    - {id: cost}\n    - id: gap_points\n      weight: .inf\n", ErrNonFinite, "study.yaml:5: ranking.criteria[1].weight: gap_points: weight +Inf is not a finite number"},
		{"criterion weight negative", "ranking:\n  criteria:\n    - {id: cost, weight: -1}\n", scoring.ErrWeights, "study.yaml:3: ranking.criteria[0].weight: cost: negative weight -1"},
		{"criterion weights all zero", "ranking:\n  criteria:\n    - {id: cost, weight: 0}\n    - {id: gap_points, weight: 0}\n", scoring.ErrWeights, "study.yaml:2: ranking.criteria: every criterion weight is 0"},
		{"threshold q .nan", "ranking:\n  criteria:\n    - {id: cost, preference: linear, q: .nan, p: 2}\n", ErrNonFinite, "study.yaml:3: ranking.criteria[0].q: cost: threshold q = NaN"},
		{"threshold p -.inf", "ranking:\n  criteria:\n    - id: cost\n      preference: v-shape\n      p: -.inf\n", ErrNonFinite, "study.yaml:5: ranking.criteria[0].p: cost: threshold p = -Inf"},
		{"partial range .inf", "uncertainty:\n  partial: [0.25, .inf]\n", ErrNonFinite, "study.yaml:2: uncertainty.partial[1]: +Inf is not a finite number"},
		{"weight jitter .nan", "uncertainty:\n  weight_jitter: .nan\n", ErrNonFinite, "study.yaml:2: uncertainty.weight_jitter: NaN"},
		{"criteria jitter -.inf", "uncertainty:\n  criteria_jitter: -.inf\n", ErrNonFinite, "study.yaml:2: uncertainty.criteria_jitter: -Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "study.yaml")
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.ErrorIs(t, err, ErrConfigKey)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, 1, len(strings.Split(err.Error(), "\n")), "one error per bad value: %v", err)
		})
	}
	_, err := LoadConfig(strings.NewReader("uncertainty:\n  samples: .nan\n"), "study.yaml")
	assert.Error(t, err, "a NaN sample count does not decode")
}

// testDataset's E values are AT 10, BE 30 (DK is not bound).
func datasetWithE(v float64) *Dataset {
	ds := testDataset()
	for i, r := range ds.Responses.All() {
		if r.Country == "AT" && r.Item == "E" {
			{
				edited := ds.Responses.At(i)
				edited.Value = v
				ds.Responses.Set(i, edited)
			}
		}
	}
	return ds
}

// Before, a NaN value scored as a known 0 and +Inf gave BE's finite value a
// min-max score of 0 instead of 1.
func TestAnalyzeNonFiniteResponse(t *testing.T) {
	cl := testChecklist(t)
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			ds := datasetWithE(v)
			res, err := Analyze(cl, ds, DefaultConfig())
			require.NoError(t, err)

			var found []Diagnostic
			for _, d := range res.Diagnostics {
				if errors.Is(d, ErrNonFinite) {
					found = append(found, d)
				}
			}
			require.Len(t, found, 1)
			d := found[0]
			assert.Equal(t, SevError, d.Severity)
			assert.Equal(t, CodeBadValue, d.Code)
			assert.ErrorIs(t, d, ErrBadValue)
			assert.Equal(t, Source{File: "s.xlsx", Sheet: "S", Cell: "ATE"}, d.Position())
			assert.Contains(t, d.Message, "item E for AT")

			at := assessment(t, res, "AT", "E")
			assert.False(t, at.Score.Known, "the datum is unknown")
			assert.False(t, at.HasValue)
			// BE's 30 is the only value left: min = max, so it scores 1.
			be := assessment(t, res, "BE", "E")
			require.True(t, be.Score.Known)
			assert.Equal(t, 1.0, be.Score.Value)
			// AT's victims theme: D full (1), E unknown → 100.
			assert.Equal(t, Known(100), country(t, res, "AT").Themes["victims"])

			// The caller's dataset is not modified.
			for _, r := range ds.Responses.All() {
				if r.Country == "AT" && r.Item == "E" {
					assert.True(t, r.HasValue)
				}
			}
			assert.Empty(t, ds.Diagnostics)
		})
	}
}

// codeChecklist is testChecklist's hierarchy built in Go, without Validate.
func codeChecklist() *Checklist {
	return &Checklist{ID: "code", Pillars: []*Pillar{
		{ID: "compliance", Weight: 1, Themes: []*Theme{
			{ID: "offences", Weight: 1, Items: []*Item{
				{ID: "A", Obligation: Mandatory, Weight: 1}, {ID: "B", Obligation: Mandatory, Weight: 1},
				{ID: "C", Obligation: Optional, Weight: 2},
			}},
			{ID: "victims", Weight: 1, Items: []*Item{
				{ID: "D", Obligation: Mandatory, Weight: 1},
				{ID: "E", Obligation: Mandatory, Weight: 1, Type: NumericItem, Direction: Higher, Normalize: MinMax},
			}},
		}},
		{ID: "practice", Weight: 1, Themes: []*Theme{
			{ID: "bp", Weight: 1, Items: []*Item{{ID: "F", Obligation: Practice, Weight: 1}, {ID: "G", Obligation: Practice, Weight: 1}}},
		}},
	}, Criteria: []Criterion{{ID: "cost", Direction: Cost}}, Measures: []*Measure{
		{ID: "M1", Addresses: []ItemID{"A", "B"}, Criteria: map[CriterionID]float64{"cost": 2}},
		{ID: "M2", Addresses: []ItemID{"D", "F"}, Criteria: map[CriterionID]float64{"cost": 4}},
	}}
}

func TestAnalyzeChecklistNumbersFromCode(t *testing.T) {
	tests := []struct {
		name   string
		modify func(cl *Checklist)
		want   []error
	}{
		{"NaN item weight", func(cl *Checklist) { cl.Pillars[0].Themes[0].Items[0].Weight = math.NaN() }, []error{ErrNonFinite}},
		{"infinite theme weight", func(cl *Checklist) { cl.Pillars[1].Themes[0].Weight = math.Inf(1) }, []error{ErrNonFinite}},
		{"negative pillar weight", func(cl *Checklist) { cl.Pillars[1].Weight = -1 }, []error{ErrNegativeWeight}},
		{"NaN criterion value", func(cl *Checklist) { cl.Measures[0].Criteria["cost"] = math.NaN() }, []error{ErrNonFinite}},
		{"weights left at 0", func(cl *Checklist) {
			for _, it := range cl.Pillars[1].Themes[0].Items {
				it.Weight = 0
			}
		}, []error{ErrZeroWeights}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cl := codeChecklist()
			tc.modify(cl)
			res, err := Analyze(cl, testDataset(), DefaultConfig())
			require.Error(t, err)
			assert.Nil(t, res)
			assert.ErrorIs(t, err, ErrConfig)
			for _, w := range tc.want {
				assert.ErrorIs(t, err, w)
			}
		})
	}
	t.Run("NaN in a config built in code", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Scale.Partial = math.NaN()
		_, err := Analyze(codeChecklist(), testDataset(), cfg)
		assert.ErrorIs(t, err, ErrConfig)
		assert.ErrorIs(t, err, ErrNonFinite)
	})
	t.Run("VIKOR v = 0 from code", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Ranking.Method = "vikor"
		cfg.Ranking.VikorV = new(0.0)
		_, err := Analyze(codeChecklist(), testDataset(), cfg)
		assert.NoError(t, err)
	})
}

// Analyze on a checklist built in code without Validate used to race in
// ensureIndex (go test -race).
func TestAnalyzeConcurrentOnCodeChecklist(t *testing.T) {
	cl := codeChecklist()
	ds := testDataset()
	want, err := Analyze(codeChecklist(), ds, DefaultConfig())
	require.NoError(t, err)
	const n = 8
	results := make([]*Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			results[i], errs[i] = Analyze(cl, ds, DefaultConfig())
			_ = cl.Item("A")
			_ = cl.EffectiveWeight("E")
		})
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, want.Countries, results[i].Countries)
	}
}
