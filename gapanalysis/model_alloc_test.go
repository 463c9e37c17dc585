package gapanalysis_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// allocStudy is the demo study with the synthetic expert panel, every expert
// criterion of the checklist and the four derived criteria (adopters among
// them), ranked by method with every uncertain input switched on; prefs gives
// each criterion a PROMETHEE preference function with thresholds.
func allocStudy(t *testing.T, method string, prefs bool, vikorV *float64) *gapanalysis.Result {
	t.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	ds := synth.Generate(cl, synth.DefaultSeed)
	ds.Panel = &gapanalysis.Panel{Ratings: synth.Panel(cl, synth.DefaultSeed), Synthetic: true, Label: "synthetic panel"}

	cfg := gapanalysis.DefaultConfig()
	cfg.Ranking.Method = method
	cfg.Ranking.VikorV = vikorV
	cfg.Uncertainty.Methods = []string{method}
	var ids []gapanalysis.CriterionID
	for _, c := range cl.Criteria {
		ids = append(ids, c.ID)
	}
	ids = append(ids, gapanalysis.CritGapPoints, gapanalysis.CritCountries, gapanalysis.CritBindingGaps, gapanalysis.CritAdopters)
	funcs := []string{"usual", "u-shape", "v-shape", "level", "linear", "gaussian"}
	for i, id := range ids {
		cw := gapanalysis.CriterionWeight{ID: id}
		if prefs {
			cw.Preference, cw.Q, cw.P, cw.S = funcs[i%len(funcs)], 0.5, 2, 1
		}
		cfg.Ranking.Criteria = append(cfg.Ranking.Criteria, cw)
	}
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	require.NoError(t, err)
	return res
}

// TestModelEvalDoesNotAllocateAnyMethod checks that one evaluation of the compiled model
// allocates nothing with any ranking method, so that the Monte Carlo and Sobol
// analyses do not contend for the allocator and scale with the cores.
func TestModelEvalDoesNotAllocateAnyMethod(t *testing.T) {
	zero := 0.0
	tests := []struct {
		name   string
		method string
		prefs  bool
		vikorV *float64
	}{
		{"wsm", "wsm", false, nil},
		{"topsis", "topsis", false, nil},
		{"vikor", "vikor", false, nil},
		{"vikor v=0", "vikor", false, &zero},
		{"promethee2 usual", "promethee2", false, nil},
		{"promethee2 with thresholds", "promethee2", true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := allocStudy(t, tc.method, tc.prefs, tc.vikorV)
			m, err := gapanalysis.NewModel(res)
			require.NoError(t, err)
			require.Contains(t, m.ActiveInputs(), gapanalysis.InputPanel, "the panel input is switched on")
			ws := m.NewWorkspace()
			mr, cr := make([]int, len(m.Measures())), make([]int, len(m.Countries()))
			points := [][]float64{
				{0.3, 0.7, 0.2, 0.4, 0.5, 0.6},
				{0.9, 0.1, 0.8, 0.9, 0.5, 0.05},
				m.Nominal(),
			}
			for _, x := range points {
				allocs := testing.AllocsPerRun(20, func() {
					if err := m.Eval(ws, x, mr, cr); err != nil {
						t.Fatal(err)
					}
				})
				assert.Zero(t, allocs, "allocations per Eval at %v", x)
				for _, r := range mr {
					assert.Positive(t, r, "every measure is ranked")
				}
			}
		})
	}
}
