package gapanalysis_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

func syntheticStudy(t testing.TB, cfg gapanalysis.Config) *gapanalysis.Result {
	t.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	ds := synth.Generate(cl, synth.DefaultSeed)
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	require.NoError(t, err)
	return res
}

func ranksOf(res *gapanalysis.Result, m *gapanalysis.Model) (measures, countries []int) {
	byM := map[gapanalysis.MeasureID]int{}
	for _, p := range res.Priorities {
		byM[p.ID] = p.Rank
	}
	byC := map[gapanalysis.CountryCode]int{}
	for _, c := range res.Countries {
		byC[c.Code] = c.Rank
	}
	for _, id := range m.Measures() {
		measures = append(measures, byM[id])
	}
	for _, c := range m.Countries() {
		countries = append(countries, byC[c])
	}
	return measures, countries
}

// TestModelMatchesAnalyze evaluates the compiled model at fixed parameters and
// compares its ranks with a full Analyze run under the same parameters.
func TestModelMatchesAnalyze(t *testing.T) {
	base := gapanalysis.DefaultConfig()
	base.Uncertainty.Partial = []float64{0, 1}
	base.Uncertainty.WeightJitter = 0
	base.Uncertainty.CriteriaJitter = 0
	base.Uncertainty.MissingRules = []gapanalysis.MissingRule{gapanalysis.MissingExclude, gapanalysis.MissingZero}
	base.Uncertainty.Methods = []string{"wsm", "topsis", "promethee2"}
	res := syntheticStudy(t, base)
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
		{0.25, gapanalysis.MissingExclude, 0.1, "wsm", 0.1},
		{0.75, gapanalysis.MissingZero, 0.9, "wsm", 0.1},
		{0.5, gapanalysis.MissingExclude, 0.1, "topsis", 0.5},
		{0.3, gapanalysis.MissingZero, 0.9, "promethee2", 0.9},
	}
	for _, tc := range tests {
		cfg := base
		cfg.Scale.Partial = tc.partial
		cfg.Missing = tc.rule
		cfg.Ranking.Method = tc.method
		want, err := gapanalysis.Analyze(res.Checklist, res.Dataset, cfg)
		require.NoError(t, err)
		wantM, wantC := ranksOf(want, m)
		gotM, gotC := make([]int, len(wantM)), make([]int, len(wantC))
		require.NoError(t, m.Eval(ws, []float64{tc.partial, 0, 0, tc.ruleX, tc.methodX, 0}, gotM, gotC))
		assert.Equal(t, wantC, gotC, "countries %+v", tc)
		assert.Equal(t, wantM, gotM, "measures %+v", tc)
	}
}

func TestMonteCarloZeroWidthReproducesNominal(t *testing.T) {
	for _, method := range []string{"wsm", "topsis", "promethee2"} {
		t.Run(method, func(t *testing.T) {
			cfg := gapanalysis.DefaultConfig()
			cfg.Ranking.Method = method
			cfg.Uncertainty.Samples = 50
			cfg.Uncertainty.Partial = []float64{0.5, 0.5}
			cfg.Uncertainty.WeightJitter = 0
			cfg.Uncertainty.CriteriaJitter = 0
			cfg.Uncertainty.MissingRules = []gapanalysis.MissingRule{gapanalysis.MissingExclude}
			cfg.Uncertainty.Methods = []string{method}
			res := syntheticStudy(t, cfg)
			require.NoError(t, gapanalysis.MonteCarlo(context.Background(), res, gapanalysis.UncertaintyOptions{}))
			for _, p := range res.Priorities {
				u := p.Uncertainty
				require.NotNil(t, u)
				assert.Equal(t, gapanalysis.RankUncertainty{Nominal: p.Rank, Median: float64(p.Rank), P05: float64(p.Rank), P95: float64(p.Rank),
					PTopK: b2f(p.Rank <= cfg.Ranking.TopK)}, *u, p.ID)
			}
			for _, c := range res.Countries {
				u := res.Uncertainty.Countries[c.Code]
				assert.Equal(t, float64(c.Rank), u.Median, c.Code)
				assert.Equal(t, float64(c.Rank), u.P05, c.Code)
				assert.Equal(t, float64(c.Rank), u.P95, c.Code)
			}
			assert.Empty(t, res.Uncertainty.Inputs)
		})
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestMonteCarloDeterministic(t *testing.T) {
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 300
	cfg.Uncertainty.Seed = 7
	run := func(workers, procs int) *gapanalysis.Uncertainty {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		res := syntheticStudy(t, cfg)
		require.NoError(t, gapanalysis.MonteCarlo(context.Background(), res, gapanalysis.UncertaintyOptions{Workers: workers}))
		return res.Uncertainty
	}
	a := run(1, 1)
	b := run(0, 2)
	c := run(3, 2)
	assert.Equal(t, a, b)
	assert.Equal(t, a, c)
	assert.Equal(t, []string{"partial", "checklist_weights", "criteria_weights", "missing_rule", "method"}, a.Inputs)

	// Some measure's rank must actually move under these ranges.
	moved := false
	for _, u := range a.Measures {
		if u.P95 > u.P05 {
			moved = true
		}
		assert.LessOrEqual(t, u.P05, u.Median)
		assert.LessOrEqual(t, u.Median, u.P95)
		assert.True(t, u.PTopK >= 0 && u.PTopK <= 1)
	}
	assert.True(t, moved)

	cfg.Uncertainty.Seed = 8
	d := run(0, 2)
	assert.NotEqual(t, a.Measures, d.Measures, "another seed gives other samples")
}

func TestSensitivity(t *testing.T) {
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 100
	cfg.Uncertainty.Sobol = 256
	cfg.Uncertainty.Bootstrap = 200
	run := func(workers int) *gapanalysis.SobolReport {
		res := syntheticStudy(t, cfg)
		require.NoError(t, gapanalysis.Sensitivity(context.Background(), res, gapanalysis.UncertaintyOptions{Workers: workers}))
		return res.Uncertainty.Sobol
	}
	a := run(1)
	require.NotNil(t, a)
	assert.Equal(t, 256*(5+2), a.Evaluations)
	assert.Equal(t, gapanalysis.ModelInputs[:5], a.Inputs, "without a panel, every input but panel")
	assert.Equal(t, gapanalysis.OutputMeanShift, a.Outputs[len(a.Outputs)-1].Name)
	for _, o := range a.Outputs {
		require.Len(t, o.First, 5)
		for i := range o.First {
			// Jansen's estimators are unbiased, not bounded: allow sampling noise.
			assert.True(t, o.Total[i] > -0.1 && o.Total[i] < 1.5, "%s %s total %g", o.Name, a.Inputs[i], o.Total[i])
			if o.Variance > 0 {
				assert.LessOrEqual(t, o.FirstLo[i], o.FirstHi[i])
			}
		}
	}
	assert.Equal(t, a, run(2), "same numbers whatever the number of workers")

	// With one input switched on, only that input is analysed.
	cfg.Uncertainty.WeightJitter = 0
	cfg.Uncertainty.CriteriaJitter = 0
	cfg.Uncertainty.MissingRules = []gapanalysis.MissingRule{gapanalysis.MissingExclude}
	cfg.Uncertainty.Methods = []string{"wsm"}
	b := run(0)
	assert.Equal(t, []string{gapanalysis.InputPartial}, b.Inputs)
	// With a single input, AB₁ = B, so Jansen's first-order estimate is exactly
	// (V − 0)/V = 1 for every output that varies.
	varied := 0
	for _, o := range b.Outputs {
		if o.Variance > 1e-9 {
			varied++
			assert.InDelta(t, 1, o.First[0], 1e-9, o.Name)
		}
	}
	assert.Positive(t, varied, "the value of partial moves some rank")
}

func TestCompareMethods(t *testing.T) {
	res := syntheticStudy(t, gapanalysis.DefaultConfig())
	ag, err := gapanalysis.CompareMethods(res)
	require.NoError(t, err)
	require.Len(t, ag, 6, "four methods, six pairs")
	for _, a := range ag {
		assert.True(t, a.Spearman >= -1 && a.Spearman <= 1)
		assert.True(t, a.Kendall >= -1 && a.Kendall <= 1)
		assert.True(t, a.WS >= 0 && a.WS <= 1)
	}
	assert.Equal(t, "wsm", ag[0].A)
	assert.Equal(t, "topsis", ag[0].B)
	assert.Equal(t, ag, res.Uncertainty.Agreement)
}

func TestModelEvalDoesNotAllocate(t *testing.T) {
	res := syntheticStudy(t, gapanalysis.DefaultConfig())
	m, err := gapanalysis.NewModel(res)
	require.NoError(t, err)
	ws := m.NewWorkspace()
	mr, cr := make([]int, len(m.Measures())), make([]int, len(m.Countries()))
	x := []float64{0.3, 0.7, 0.2, 0.4, 0.1, 0.6} // wsm
	allocs := testing.AllocsPerRun(50, func() {
		if err := m.Eval(ws, x, mr, cr); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("allocations per evaluation: %g", allocs)
	assert.Zero(t, allocs)
}
