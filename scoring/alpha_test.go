package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// krippendorff2011 is the reliability data matrix of K. Krippendorff,
// "Computing Krippendorff's Alpha-Reliability" (University of Pennsylvania,
// 2011), section C: four observers A–D code twelve units, with missing values
// (the dots of the paper are absent here), unit by unit:
//
//	A: 1 2 3 3 2 1 4 1 2 . . .
//	B: 1 2 3 3 2 2 4 1 2 5 . 3
//	C: . 3 3 3 2 3 4 2 2 5 1 .
//	D: 1 2 3 3 2 4 4 1 2 5 1 .
//
// Unit 12 has a single value and is not pairable. The paper gives α = 0.743
// (nominal), 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio); Gwet's irrCAC
// (krippen.alpha.raw(cac.raw4raters), the same data) gives 0.74342 nominal.
var krippendorff2011 = [][]float64{
	{1, 1, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
	{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {5, 5, 5}, {1, 1}, {3},
}

func TestKrippendorffAlphaPublished(t *testing.T) {
	tests := []struct {
		metric AlphaMetric
		want   float64
	}{
		{NominalMetric, 0.743},
		{OrdinalMetric, 0.815},
		{IntervalMetric, 0.849},
		{RatioMetric, 0.797},
	}
	for _, tc := range tests {
		t.Run(tc.metric.String(), func(t *testing.T) {
			got, err := KrippendorffAlpha(krippendorff2011, tc.metric)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 5e-4)
		})
	}
	t.Run("irrCAC nominal", func(t *testing.T) {
		got, err := KrippendorffAlpha(krippendorff2011, NominalMetric)
		require.NoError(t, err)
		assert.InDelta(t, 0.74342, got, 5e-6)
	})
	t.Run("irrCAC distrib.6raters", func(t *testing.T) {
		// Gwet's irrCAC package (README): krippen.alpha.dist(distrib.6raters)
		// = 0.4204384 (the first 15 patients of Fleiss 1971, nominal).
		units := make([][]float64, 15)
		for i, row := range fleiss1971[:15] {
			for j, c := range row {
				for range c {
					units[i] = append(units[i], float64(j))
				}
			}
		}
		got, err := KrippendorffAlpha(units, NominalMetric)
		require.NoError(t, err)
		assert.InDelta(t, 0.4204384, got, 5e-8)
	})
}

func TestKrippendorffAlphaInvariants(t *testing.T) {
	// Perfect agreement with variation between units, unpairable units and a
	// varying number of coders: α = 1 under every metric.
	perfect := [][]float64{{1, 1, 1}, {2, 2}, {3, 3, 3, 3}, {2, 2, 2}, {7}, {}}
	// The ordinal metric depends on the order of the values only: relabelling
	// the Krippendorff data by a monotone map leaves α unchanged.
	relabelled := make([][]float64, len(krippendorff2011))
	for u, unit := range krippendorff2011 {
		for _, v := range unit {
			relabelled[u] = append(relabelled[u], v*v*10-3)
		}
	}
	ordinal := must(KrippendorffAlpha(krippendorff2011, OrdinalMetric))
	for _, m := range []AlphaMetric{NominalMetric, OrdinalMetric, IntervalMetric, RatioMetric} {
		t.Run(m.String(), func(t *testing.T) {
			got, err := KrippendorffAlpha(perfect, m)
			require.NoError(t, err)
			assert.InDelta(t, 1, got, 1e-12)
		})
	}
	got, err := KrippendorffAlpha(relabelled, OrdinalMetric)
	require.NoError(t, err)
	assert.InDelta(t, ordinal, got, 1e-12)
	// Two coders, two units, completely crossed: o_12 = o_21 = 2, n_1 = n_2 = 2,
	// n = 4; nominal α = 1 − 3·4/(2·2·2) = −0.5.
	got, err = KrippendorffAlpha([][]float64{{1, 2}, {2, 1}}, NominalMetric)
	require.NoError(t, err)
	assert.InDelta(t, -0.5, got, 1e-12)
}

func TestKrippendorffAlphaErrors(t *testing.T) {
	tests := []struct {
		name   string
		units  [][]float64
		metric AlphaMetric
		want   error
	}{
		{"empty", nil, NominalMetric, ErrUndefined},
		{"no pairable unit", [][]float64{{1}, {2}, {}}, OrdinalMetric, ErrUndefined},
		{"no variation", [][]float64{{2, 2}, {2, 2, 2}, {5}}, IntervalMetric, ErrUndefined},
		{"NaN", [][]float64{{1, math.NaN()}, {2, 2}}, NominalMetric, ErrNonFinite},
		{"Inf", [][]float64{{1, 2}, {math.Inf(1)}}, NominalMetric, ErrNonFinite},
		{"negative ratio", [][]float64{{1, -2}, {2, 2}}, RatioMetric, ErrRating},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := KrippendorffAlpha(tc.units, tc.metric)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
		})
	}
	assert.Panics(t, func() { _, _ = KrippendorffAlpha(krippendorff2011, AlphaMetric(9)) })
}
