package gapanalysis

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPanelAggregate(t *testing.T) {
	tests := []struct {
		name, agg string
		x         []float64
		want      float64
	}{
		{"median odd", PanelMedian, []float64{3, 1, 2}, 2},
		{"median even: mean of the middle two", PanelMedian, []float64{5, 1, 2, 4}, 3},
		{"median even, middle two differ by one", PanelMedian, []float64{2, 3}, 2.5},
		{"median default", "", []float64{4}, 4},
		{"mean", PanelMean, []float64{1, 2, 4, 5}, 3},
		{"geomean", PanelGeomean, []float64{1, 4}, 2},
		{"geomean of three", PanelGeomean, []float64{1, 3, 9}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := append([]float64(nil), tc.x...)
			got, err := PanelAggregate(tc.agg, x)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 1e-12)
			assert.Equal(t, tc.x, x, "input not modified")
		})
	}
	_, err := PanelAggregate("mode", []float64{1})
	assert.Error(t, err)
}

func TestIQR(t *testing.T) {
	// Type 7 quartiles: h = (n−1)p on the sorted values (0-based).
	tests := []struct {
		x    []float64
		want float64
	}{
		{[]float64{3}, 0},
		{[]float64{1, 2, 3, 4}, 3.25 - 1.75}, // h = 0.75 → 1.75; h = 2.25 → 3.25
		{[]float64{5, 1, 4, 2}, 4.25 - 1.75}, // sorted 1 2 4 5
		{[]float64{4, 5, 5}, 5 - 4.5},        // h = 0.5 → 4.5; h = 1.5 → 5
		{[]float64{2, 2, 2, 2, 2}, 0},
	}
	for _, tc := range tests {
		assert.InDelta(t, tc.want, IQR(tc.x), 1e-12, "%v", tc.x)
	}
}

// testPanel: three experts rate the three measures of testChecklist; nobody
// rates M2 on cost.
func testPanel() *Panel {
	p := &Panel{Label: "panel.csv"}
	add := func(e string, m MeasureID, c CriterionID, v float64) {
		p.Ratings = append(p.Ratings, PanelRating{Expert: e, Measure: m, Criterion: c, Value: v, Source: Source{File: "panel.csv", Cell: "D" + e}})
	}
	for _, r := range []struct {
		e                  string
		f1, f2, f3, c1, c3 float64
	}{
		{"e1", 5, 3, 1, 2, 1},
		{"e2", 4, 3, 2, 3, 1},
		{"e3", 5, 2, 1, 2, 2},
	} {
		add(r.e, "M1", "feasibility", r.f1)
		add(r.e, "M2", "feasibility", r.f2)
		add(r.e, "M3", "feasibility", r.f3)
		add(r.e, "M1", "cost", r.c1)
		add(r.e, "M3", "cost", r.c3)
	}
	return p
}

func priority(t *testing.T, res *Result, id MeasureID) Priority {
	t.Helper()
	for _, p := range res.Priorities {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("measure %s not ranked", id)
	return Priority{}
}

func TestAnalyzeWithPanel(t *testing.T) {
	ds := testDataset()
	ds.Panel = testPanel()
	res, err := Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	require.NotNil(t, res.Panel)
	rep := res.Panel
	assert.Equal(t, 3, rep.Experts)
	assert.Equal(t, []string{"e1", "e2", "e3"}, rep.ExpertIDs)
	assert.Equal(t, "panel of 3 experts (median)", res.Meta.ExpertValues)

	type vk struct {
		m MeasureID
		c CriterionID
	}
	got := map[vk]PanelValue{}
	for _, v := range rep.Values {
		got[vk{v.Measure, v.Criterion}] = v
	}
	require.Len(t, got, 5, "M2 × cost is not rated")
	// Medians of the three ratings, IQR of type 7 quartiles.
	assert.Equal(t, PanelValue{Measure: "M1", Criterion: "feasibility", Value: 5, IQR: 0.5, N: 3,
		Ratings: map[string]float64{"e1": 5, "e2": 4, "e3": 5}}, got[vk{"M1", "feasibility"}])
	assert.Equal(t, 3.0, got[vk{"M2", "feasibility"}].Value)
	assert.Equal(t, 1.0, got[vk{"M3", "feasibility"}].Value)
	assert.Equal(t, 2.0, got[vk{"M1", "cost"}].Value)
	assert.Equal(t, 1.0, got[vk{"M3", "cost"}].Value)

	// The panel values replace the checklist's (M1 feasibility 4 → 5; M2's
	// missing cost: the worst of the others, the highest cost, 2).
	assert.Equal(t, 5.0, priority(t, res, "M1").Criteria["feasibility"])
	assert.Equal(t, 3.0, priority(t, res, "M2").Criteria["feasibility"])
	assert.Equal(t, 2.0, priority(t, res, "M2").Criteria["cost"])
	assert.Equal(t, []CriterionID{"cost"}, priority(t, res, "M2").Filled)
	var missing []Diagnostic
	for _, d := range res.Diagnostics {
		if d.Code == CodePanelMissing {
			missing = append(missing, d)
		}
	}
	require.Len(t, missing, 1)
	assert.Equal(t, SevWarning, missing[0].Severity)
	assert.Contains(t, missing[0].Message, "M2")
	assert.Contains(t, missing[0].Message, "cost")
	assert.True(t, errors.Is(missing[0], ErrPanelMissing))

	// Kendall's W. Feasibility: every expert ranks M1 > M2 > M3 (e2 without
	// ties, e1 and e3 too), so W = 1, χ² = m(n−1)W = 3·2 = 6, p = exp(−6/2)
	// (χ² with 2 degrees of freedom).
	f := rep.KendallW["feasibility"]
	assert.Equal(t, 3, f.NMeasures)
	assert.InDelta(t, 1, f.W, 1e-12)
	assert.InDelta(t, 6, f.Chi2, 1e-12)
	assert.InDelta(t, math.Exp(-3), f.P, 1e-9)
	// Cost over M1 and M3 (M2 is not rated by every expert): rank sums 5.5 and
	// 3.5 (e3 ties them, 1.5 each), mean 4.5, S = 2; ties T = 2³ − 2 = 6;
	// W = 12·2 / (3²·(2³ − 2) − 3·6) = 24/36; χ² = 3·1·W = 2, p = P(χ²₁ > 2).
	c := rep.KendallW["cost"]
	assert.Equal(t, 2, c.NMeasures)
	assert.InDelta(t, 2.0/3, c.W, 1e-12)
	assert.InDelta(t, 2, c.Chi2, 1e-12)
	assert.InDelta(t, math.Erfc(1), c.P, 1e-9) // P(χ²₁ > 2) = erfc(√(2/2))

	// Mean aggregate.
	cfg := DefaultConfig()
	cfg.Panel.Aggregate = PanelMean
	res, err = Analyze(testChecklist(t), ds, cfg)
	require.NoError(t, err)
	assert.InDelta(t, 14.0/3, priority(t, res, "M1").Criteria["feasibility"], 1e-12)
	assert.Equal(t, "panel of 3 experts (mean)", res.Meta.ExpertValues)
}

func TestAnalyzePanelKeepsCriteriaItDoesNotRate(t *testing.T) {
	ds := testDataset()
	p := testPanel()
	var only []PanelRating
	for _, r := range p.Ratings {
		if r.Criterion == "feasibility" {
			only = append(only, r)
		}
	}
	p.Ratings = only
	ds.Panel = p
	res, err := Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, 5.0, priority(t, res, "M1").Criteria["feasibility"], "from the panel")
	assert.Equal(t, 2.0, priority(t, res, "M1").Criteria["cost"], "the checklist's value")
	assert.Equal(t, 4.0, priority(t, res, "M2").Criteria["cost"], "the checklist's value")

	// Without a panel: the checklist's values, and no panel report.
	res, err = Analyze(testChecklist(t), testDataset(), DefaultConfig())
	require.NoError(t, err)
	assert.Nil(t, res.Panel)
	assert.Equal(t, 4.0, priority(t, res, "M1").Criteria["feasibility"])
	assert.Equal(t, "checklist's illustrative values", res.Meta.ExpertValues)
}

func weightsConfig(t *testing.T, yaml string) Config {
	t.Helper()
	cfg, err := LoadConfig(strings.NewReader(yaml), "study.yaml")
	require.NoError(t, err)
	return cfg
}

const threeCriteria = `ranking:
  criteria: [{id: gap_points}, {id: feasibility}, {id: cost, direction: cost}]
`

func TestAHPWeightsFromConfig(t *testing.T) {
	// A consistent matrix: a_ij = w_i / w_j with w = (4, 2, 1)/7.
	cfg := weightsConfig(t, threeCriteria+`  weights:
    method: ahp
    pairwise:
      - [gap_points, feasibility, 2]
      - [gap_points, cost, 4]
      - [cost, feasibility, 1/2]
`)
	res, err := Analyze(testChecklist(t), testDataset(), cfg)
	require.NoError(t, err)
	want := map[CriterionID]float64{"gap_points": 4.0 / 7, "feasibility": 2.0 / 7, "cost": 1.0 / 7}
	for id, w := range want {
		assert.InDelta(t, w, res.Meta.CriteriaWeights[id], 1e-9, id)
	}
	for _, c := range res.Criteria {
		assert.InDelta(t, want[c.ID], c.Weight, 1e-9, c.ID)
	}
	require.NotNil(t, res.Meta.AHP)
	assert.InDelta(t, 3, res.Meta.AHP.LambdaMax, 1e-9)
	assert.InDelta(t, 0, res.Meta.AHP.CR, 1e-9)
	assert.Equal(t, WeightsAHP, res.Meta.WeightsMethod)
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, CodeInconsistentJudgements, d.Code)
	}
}

func TestAHPInconsistentWarning(t *testing.T) {
	// a12 = 2, a23 = 2 but a13 = 1 (4 would be consistent). For a 3×3
	// reciprocal matrix the principal eigenvector is the row geometric mean:
	// w ∝ (2^(1/3), 1, 2^(−1/3)); λmax = 1 + (a13/(a12·a23))^(1/3) +
	// (a12·a23/a13)^(1/3) = 1 + 4^(−1/3) + 4^(1/3); CI = (λmax − 3)/2, CR =
	// CI/0.58 ≈ 0.187 > 0.1: a warning. (For three criteria every judgement
	// is equally inconsistent; TestAHPWorstJudgement names one.)
	cfg := weightsConfig(t, threeCriteria+`  weights:
    method: ahp
    pairwise: [[gap_points, feasibility, 2], [feasibility, cost, 2], [gap_points, cost, 1]]
`)
	res, err := Analyze(testChecklist(t), testDataset(), cfg)
	require.NoError(t, err)
	g := math.Cbrt(2)
	sum := g + 1 + 1/g
	assert.InDelta(t, g/sum, res.Meta.CriteriaWeights["gap_points"], 1e-9)
	assert.InDelta(t, 1/sum, res.Meta.CriteriaWeights["feasibility"], 1e-9)
	lambda := 1 + math.Cbrt(0.25) + math.Cbrt(4)
	require.NotNil(t, res.Meta.AHP)
	assert.InDelta(t, lambda, res.Meta.AHP.LambdaMax, 1e-9)
	assert.InDelta(t, (lambda-3)/2, res.Meta.AHP.CI, 1e-9)
	assert.InDelta(t, (lambda-3)/2/0.58, res.Meta.AHP.CR, 1e-9)
	var warn []Diagnostic
	for _, d := range res.Diagnostics {
		if d.Code == CodeInconsistentJudgements {
			warn = append(warn, d)
		}
	}
	require.Len(t, warn, 1)
	assert.Equal(t, SevWarning, warn[0].Severity)
	assert.Contains(t, warn[0].Message, "consistency ratio 0.187 > 0.1")
	assert.Equal(t, "study.yaml", warn[0].File)
}

func TestAHPWorstJudgement(t *testing.T) {
	// Four criteria judged consistently with w ∝ (8, 4, 2, 1), except
	// gap_points against cost: 1 instead of 8. That judgement is the most
	// inconsistent one, the pair with the largest |ln(a_ab·w_b/w_a)|.
	cfg := weightsConfig(t, `ranking:
  criteria: [{id: gap_points}, {id: countries}, {id: feasibility}, {id: cost, direction: cost}]
  weights:
    method: ahp
    pairwise:
      - [gap_points, countries, 2]
      - [gap_points, feasibility, 4]
      - [gap_points, cost, 1]
      - [countries, feasibility, 2]
      - [countries, cost, 4]
      - [feasibility, cost, 2]
`)
	res, err := Analyze(testChecklist(t), testDataset(), cfg)
	require.NoError(t, err)
	ahp := res.Meta.AHP
	require.NotNil(t, ahp)
	assert.Equal(t, CriterionID("gap_points"), ahp.WorstA)
	assert.Equal(t, CriterionID("cost"), ahp.WorstB)
	assert.InDelta(t, (ahp.LambdaMax-4)/3, ahp.CI, 1e-12)
	assert.InDelta(t, ahp.CI/0.90, ahp.CR, 1e-12, "Saaty's RI for n = 4")
	assert.Greater(t, ahp.CR, 0.1)
	var warn *Diagnostic
	for i, d := range res.Diagnostics {
		if d.Code == CodeInconsistentJudgements {
			warn = &res.Diagnostics[i]
		}
	}
	require.NotNil(t, warn)
	assert.Contains(t, warn.Message, "gap_points against cost (given 1,")
}

func TestAHPExpertsCombined(t *testing.T) {
	// Two experts, each inconsistent; the element-wise geometric means are
	// a12 = √(2·8) = 4, a13 = √(8·2) = 4, a23 = √(½·2) = 1: a consistent
	// matrix with w ∝ (4, 1, 1).
	cfg := weightsConfig(t, threeCriteria+`  weights:
    method: ahp
    experts:
      - [[gap_points, feasibility, 2], [gap_points, cost, 8], [feasibility, cost, 1/2]]
      - [[gap_points, feasibility, 8], [gap_points, cost, 2], [feasibility, cost, 2]]
`)
	res, err := Analyze(testChecklist(t), testDataset(), cfg)
	require.NoError(t, err)
	assert.InDelta(t, 4.0/6, res.Meta.CriteriaWeights["gap_points"], 1e-9)
	assert.InDelta(t, 1.0/6, res.Meta.CriteriaWeights["feasibility"], 1e-9)
	assert.InDelta(t, 1.0/6, res.Meta.CriteriaWeights["cost"], 1e-9)
	assert.Equal(t, 2, res.Meta.AHP.Experts)
	assert.InDelta(t, 0, res.Meta.AHP.CR, 1e-9)
}

func TestEntropyWeightsFromConfig(t *testing.T) {
	cfg := weightsConfig(t, `ranking:
  criteria: [{id: feasibility}, {id: cost, direction: cost}]
  weights: {method: entropy}
`)
	res, err := Analyze(testChecklist(t), testDataset(), cfg)
	require.NoError(t, err)
	// feasibility: M1 4, M2 missing → the worst of the others, 2, M3 2; cost
	// (not flipped): 2, 4, 1.
	e := func(x ...float64) float64 {
		var s, h float64
		for _, v := range x {
			s += v
		}
		for _, v := range x {
			h -= v / s * math.Log(v/s)
		}
		return h / math.Log(float64(len(x)))
	}
	df, dc := 1-e(4, 2, 2), 1-e(2, 4, 1)
	assert.InDelta(t, df/(df+dc), res.Meta.CriteriaWeights["feasibility"], 1e-9)
	assert.InDelta(t, dc/(df+dc), res.Meta.CriteriaWeights["cost"], 1e-9)
	assert.Nil(t, res.Meta.AHP)
	assert.Equal(t, WeightsEntropy, res.Meta.WeightsMethod)
}

func TestCriteriaWeightsAlwaysInMeta(t *testing.T) {
	res, err := Analyze(testChecklist(t), testDataset(), DefaultConfig())
	require.NoError(t, err)
	require.Len(t, res.Meta.CriteriaWeights, 5)
	var sum float64
	for _, w := range res.Meta.CriteriaWeights {
		assert.InDelta(t, 0.2, w, 1e-12)
		sum += w
	}
	assert.InDelta(t, 1, sum, 1e-12)
	assert.Equal(t, WeightsGiven, res.Meta.WeightsMethod)
}

func TestWeightsConfigErrors(t *testing.T) {
	head := threeCriteria + "  weights:\n    method: ahp\n    pairwise:\n"
	load := []struct{ name, src, want string }{
		{"outside the scale", head + "      - [gap_points, feasibility, 10]\n", "study.yaml:6: ranking.weights: judgement [gap_points, feasibility, 10]: the value is outside Saaty's scale 1/9–9"},
		{"NaN", head + "      - [gap_points, feasibility, .nan]\n", "study.yaml:6: ranking.weights: judgement [gap_points, feasibility, NaN]: the value is not a finite number"},
		{"not a number", head + "      - [gap_points, feasibility, two]\n", "judgement value \"two\""},
		{"itself", head + "      - [cost, cost, 1]\n", "study.yaml:6: ranking.weights: judgement [cost, cost, …] compares a criterion with itself"},
		{"bad method", threeCriteria + "  weights: {method: delphi}\n", "study.yaml:3: ranking.weights: method \"delphi\" is not ahp or entropy"},
		{"no judgements", threeCriteria + "  weights: {method: ahp}\n", "method ahp needs pairwise"},
		{"weight given twice", "ranking:\n  criteria: [{id: cost, weight: 2}]\n  weights: {method: entropy}\n", "study.yaml:2: ranking.criteria[0].weight"},
		{"bad aggregate", "panel: {aggregate: mode}\n", "study.yaml:1: panel.aggregate: \"mode\" is not median, mean or geomean"},
	}
	for _, tc := range load {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadConfig(strings.NewReader(tc.src), "study.yaml")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.ErrorIs(t, err, ErrConfigKey)
		})
	}
	analyze := []struct{ name, src, want string }{
		{"unknown criterion", head + "      - [gap_points, feasability, 2]\n      - [gap_points, cost, 2]\n      - [feasibility, cost, 2]\n",
			"study.yaml:6: ranking.weights: unknown criterion \"feasability\" — did you mean feasibility?"},
		{"repeated pair", head + "      - [gap_points, feasibility, 2]\n      - [feasibility, gap_points, 1/2]\n      - [gap_points, cost, 2]\n      - [feasibility, cost, 2]\n",
			"study.yaml:7: ranking.weights: the pair feasibility, gap_points is judged twice (first on line 6)"},
		{"missing pair", head + "      - [gap_points, feasibility, 2]\n      - [gap_points, cost, 2]\n",
			"1 of the 3 pairs of the ranking criteria are not judged: [feasibility, cost]"},
	}
	for _, tc := range analyze {
		t.Run(tc.name, func(t *testing.T) {
			cfg := weightsConfig(t, tc.src)
			_, err := Analyze(testChecklist(t), testDataset(), cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.ErrorIs(t, err, ErrConfig)
		})
	}
}

func TestPanelUncertainty(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Uncertainty.Samples = 200
	cfg.Uncertainty.Sobol = 64
	cfg.Uncertainty.Bootstrap = 50
	run := func(cfg Config, workers int) *Result {
		ds := testDataset()
		ds.Panel = testPanel()
		res, err := Analyze(testChecklist(t), ds, cfg)
		require.NoError(t, err)
		opts := UncertaintyOptions{Workers: workers}
		require.NoError(t, MonteCarlo(context.Background(), res, opts))
		require.NoError(t, Sensitivity(context.Background(), res, opts))
		return res
	}
	a := run(cfg, 1)
	assert.Contains(t, a.Uncertainty.Inputs, InputPanel)
	assert.Contains(t, a.Uncertainty.Sobol.Inputs, InputPanel)
	prev := runtime.GOMAXPROCS(1)
	b := run(cfg, 0)
	runtime.GOMAXPROCS(prev)
	assert.Equal(t, a.Uncertainty, b.Uncertainty, "same numbers whatever the number of workers and CPUs")

	// Only the panel varies: the ranks move only by the experts' disagreement.
	only := cfg
	only.Uncertainty.Partial = []float64{0.5, 0.5}
	only.Uncertainty.WeightJitter, only.Uncertainty.CriteriaJitter = 0, 0
	only.Uncertainty.MissingRules = []MissingRule{MissingExclude}
	only.Uncertainty.Methods = []string{"wsm"}
	c := run(only, 2)
	assert.Equal(t, []string{InputPanel}, c.Uncertainty.Inputs)

	off := only
	loaded, err := LoadConfig(strings.NewReader("uncertainty:\n  panel: false\n"), "study.yaml")
	require.NoError(t, err)
	off.Uncertainty.Panel = loaded.Uncertainty.Panel
	require.NotNil(t, off.Uncertainty.Panel)
	d := run(off, 2)
	assert.Empty(t, d.Uncertainty.Inputs, "uncertainty.panel: false switches it off")
	for _, p := range d.Priorities {
		assert.Equal(t, float64(p.Rank), p.Uncertainty.Median, "nothing varies: every sample gives the nominal rank")
	}
}

func TestModelPanelDraw(t *testing.T) {
	// Each draw takes one of the experts' ratings: a measure's value in a
	// sample is always one that some expert gave.
	ds := testDataset()
	ds.Panel = testPanel()
	res, err := Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	m, err := NewModel(res)
	require.NoError(t, err)
	ws := m.NewWorkspace()
	mr, cr := make([]int, len(m.Measures())), make([]int, len(m.Countries()))
	seen := map[float64]bool{}
	for i := range 200 {
		x := m.Nominal()
		x[5] = float64(i) / 200
		require.NoError(t, m.Eval(ws, x, mr, cr))
		// M1 is measure 0, feasibility criterion 3 (after the derived ones).
		v := ws.x.At(0, 3)
		assert.Contains(t, []float64{5, 4}, v)
		seen[v] = true
	}
	assert.Len(t, seen, 2, "both ratings are drawn")
	allocs := testing.AllocsPerRun(20, func() {
		x := m.Nominal()
		_ = m.Eval(ws, x, mr, cr)
	})
	assert.LessOrEqual(t, allocs, 1.0, "only Nominal's vector")
}

func TestSyntheticPanelMarksResult(t *testing.T) {
	ds := testDataset()
	ds.Panel = testPanel()
	ds.Panel.Synthetic = true
	res, err := Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	assert.True(t, res.Meta.Synthetic, "a synthetic panel makes the outputs say synthetic")
	assert.False(t, ds.Synthetic, "the dataset is not modified")

	// A panel without a usable rating keeps the checklist's values and its
	// diagnostics.
	ds = testDataset()
	ds.Panel = &Panel{Diagnostics: []Diagnostic{NewDiagnostic(SevError, CodeBadValue, "bad")}}
	res, err = Analyze(testChecklist(t), ds, DefaultConfig())
	require.NoError(t, err)
	assert.Nil(t, res.Panel)
	assert.Equal(t, 4.0, priority(t, res, "M1").Criteria["feasibility"])
	found := false
	for _, d := range res.Diagnostics {
		found = found || d.Message == "bad"
	}
	assert.True(t, found, "the panel's diagnostics are in the result")
}
