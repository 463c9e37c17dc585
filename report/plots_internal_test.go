package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// plotResult returns a result with the rank distribution of two measures and
// Sobol indices of two inputs on the mean absolute rank shift.
func plotResult(synthetic bool) *gapanalysis.Result {
	return &gapanalysis.Result{
		Meta: gapanalysis.Meta{Synthetic: synthetic},
		Priorities: []gapanalysis.Priority{
			{Rank: 1, ID: "M-A", Uncertainty: &gapanalysis.RankUncertainty{Nominal: 1, Median: 1, P05: 1, P95: 2, PTopK: 1}},
			{Rank: 2, ID: "M-B", Uncertainty: &gapanalysis.RankUncertainty{Nominal: 2, Median: 2, P05: 1, P95: 2, PTopK: 1}},
		},
		Uncertainty: &gapanalysis.Uncertainty{
			Samples: 300, TopK: 1,
			Sobol: &gapanalysis.SobolReport{
				N: 128, Sequence: "sobol", Confidence: 0.9, Inputs: []string{"partial", "method"},
				Outputs: []gapanalysis.SobolOutput{{Name: gapanalysis.OutputMeanShift, Variance: 0.5,
					First: []float64{0.25, 0.5}, Total: []float64{0.5, 0.75}}},
			},
		},
	}
}

// TestPlotTitles checks the titles and legends of the plots: "SYNTHETIC DATA"
// exactly when the data are synthetic, and the numbers of the analysis.
func TestPlotTitles(t *testing.T) {
	for _, synth := range []bool{false, true} {
		res := plotResult(synth)
		rank := rankIntervalFigure(res, rankRows(res))
		out := meanShiftOutput(res)
		require.NotNil(t, out)
		sobol := sobolFigure(res, out)
		for _, fig := range []figure{rank, sobol} {
			assert.Equal(t, synth, len(fig.title) > 15 && fig.title[:15] == "SYNTHETIC DATA ", fig.title)
			assert.NotEmpty(t, fig.legend)
			assert.NotEmpty(t, fig.plot.X.Label.Text)
		}
		assert.Contains(t, rank.subtitle, "300 samples")
		assert.Equal(t, "top 1 (ranks 1–1)", rank.legend[3].label)
		assert.Contains(t, sobol.subtitle, "N = 128")
		assert.Contains(t, sobol.subtitle, "Sobol' sequence")
		assert.Contains(t, sobol.subtitle, "90% bootstrap intervals")
		assert.Equal(t, "Sobol index", sobol.plot.Y.Label.Text)
	}
}

func TestDecimalTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{-0.1, 1.05, []string{"0.00", "0.25", "0.50", "0.75", "1.00"}},
		{0, 0.1, []string{"0.00", "0.02", "0.04", "0.06", "0.08", "0.10"}},
		{0, 12, []string{"0.0", "2.5", "5.0", "7.5", "10.0"}},
		{1, 1, nil},
	}
	for _, tc := range tests {
		var got []string
		for _, tk := range decimalTicks(tc.lo, tc.hi) {
			got = append(got, tk.Label)
		}
		assert.Equal(t, tc.want, got, "%g–%g", tc.lo, tc.hi)
	}
}

func TestRankTicks(t *testing.T) {
	var labels, all []string
	for _, tk := range (rankTicks{step: 5}).Ticks(0.5, 11.5) {
		all = append(all, tk.Label)
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	assert.Len(t, all, 11, "a tick at every rank 1…11")
	assert.Equal(t, []string{"1", "5", "10"}, labels)
}
