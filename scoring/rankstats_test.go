package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// must returns v and panics on err: for values the test knows are valid.
func must(v float64, err error) float64 {
	if err != nil {
		panic(err)
	}
	return v
}

func TestMidRanks(t *testing.T) {
	tests := []struct {
		name string
		x    []float64
		want []float64
	}{
		{"distinct", []float64{30, 10, 20}, []float64{3, 1, 2}},
		{"pair tied", []float64{1, 2, 2, 4}, []float64{1, 2.5, 2.5, 4}},
		{"three tied", []float64{5, 5, 1, 5}, []float64{3, 3, 1, 3}},
		{"all tied", []float64{7, 7}, []float64{1.5, 1.5}},
		{"empty", []float64{}, []float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MidRanks(nil, tc.x)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Panics(t, func() { _, _ = MidRanks(make([]float64, 1), []float64{1, 2}) })
}

func TestRankCorrelations(t *testing.T) {
	tests := []struct {
		name             string
		x, y             []float64
		spearman, kendal float64
	}{
		// d = (−1, 1, −1, 1, 0), Σd² = 4: ρ = 1 − 6·4/(5·24) = 0.8.
		// Pairs (1,2) and (3,4) discordant, 8 concordant: τ = (8 − 2)/10 = 0.6.
		{"two swaps", []float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5}, 0.8, 0.6},
		// Mid-ranks r = (1, 2.5, 2.5, 4), s = (1, 3, 2, 4), mean 2.5:
		// Σ(r−r̄)(s−s̄) = 2.25 + 0 + 0 + 2.25 = 4.5, Σ(r−r̄)² = 4.5, Σ(s−s̄)² = 5,
		// ρ = 4.5/√22.5 = 3/√10. Pairs: 5 concordant, 1 tied in x only:
		// τ_b = 5/√((6−1)(6−0)) = 5/√30.
		{"tie in x", []float64{1, 2, 2, 4}, []float64{1, 3, 2, 4}, 3 / math.Sqrt(10), 5 / math.Sqrt(30)},
		// r = (1.5, 1.5, 3, 4), s = (3, 1.5, 1.5, 4): Σ(r−r̄)(s−s̄) = −0.5 + 1 − 0.5 +
		// 2.25 = 2.25, both sums of squares 4.5: ρ = 0.5. Pairs: (1,2) tied in x,
		// (2,3) tied in y, (1,3) discordant, three concordant:
		// τ_b = (3 − 1)/√((6−1)(6−1)) = 0.4.
		{"ties in both", []float64{1, 1, 2, 3}, []float64{2, 1, 1, 3}, 0.5, 0.4},
		{"identical", []float64{3, 1, 2}, []float64{3, 1, 2}, 1, 1},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1, -1},
		{"only order matters", []float64{0.1, 0.5, 0.7}, []float64{10, 200, 3000}, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.spearman, must(Spearman(tc.x, tc.y)), 1e-12, "Spearman")
			assert.InDelta(t, tc.kendal, must(KendallTauB(tc.x, tc.y)), 1e-12, "KendallTauB")
			assert.InDelta(t, tc.spearman, must(Spearman(tc.y, tc.x)), 1e-12, "Spearman is symmetric")
			assert.InDelta(t, tc.kendal, must(KendallTauB(tc.y, tc.x)), 1e-12, "KendallTauB is symmetric")
		})
	}
}

func TestRankCorrelationsUndefined(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, y []float64
	}{
		{"constant x", []float64{1, 1, 1}, []float64{1, 2, 3}},
		{"constant y", []float64{1, 2, 3}, []float64{2, 2, 2}},
		{"one value", []float64{1}, []float64{1}},
		{"empty", nil, nil},
	} {
		assert.True(t, math.IsNaN(must(Spearman(tc.x, tc.y))), "Spearman, %s", tc.name)
		assert.True(t, math.IsNaN(must(KendallTauB(tc.x, tc.y))), "KendallTauB, %s", tc.name)
	}
	assert.PanicsWithValue(t, "scoring: Spearman: len(x) != len(y)", func() { _, _ = Spearman([]float64{1}, []float64{1, 2}) })
	assert.PanicsWithValue(t, "scoring: KendallTauB: len(x) != len(y)", func() { _, _ = KendallTauB([]float64{1}, nil) })
}

func TestWSCoefficient(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"identical", []float64{1, 2, 3, 4, 5}, []float64{1, 2, 3, 4, 5}, 1},
		// Only i = 1, 2 differ: 2^−1·1/max(0, 4) + 2^−2·1/max(1, 3) = 1/8 + 1/12.
		{"first two swapped", []float64{1, 2, 3, 4, 5}, []float64{2, 1, 3, 4, 5}, 1 - 1.0/8 - 1.0/12},
		// i = 4, 5: 2^−4·1/max(3, 1) + 2^−5·1/max(4, 0) = 1/48 + 1/128.
		{"last two swapped", []float64{1, 2, 3, 4, 5}, []float64{1, 2, 3, 5, 4}, 1 - 1.0/48 - 1.0/128},
		// Terms 1/8 + 1/12 + 2^−3/2 + 1/48 + 0 = 0.125 + 0.083333 + 0.0625 + 0.0208333.
		{"two swaps", []float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5}, 1 - 0.125 - 1.0/12 - 0.0625 - 1.0/48},
		// Reversed, N = 3: 2^−1·2/2 + 0 + 2^−3·2/2 = 0.5 + 0.125.
		{"reversed", []float64{1, 2, 3}, []float64{3, 2, 1}, 0.375},
		// Mid-ranks in the reference: x = 2.5 has max(1.5, 1.5) = 1.5, so each of
		// the middle terms is 2^−2.5·0.5/1.5.
		{"tied reference", []float64{1, 2.5, 2.5, 4}, []float64{1, 3, 2, 4}, 1 - 2*math.Exp2(-2.5)*0.5/1.5},
		{"one item", []float64{1}, []float64{1}, 1},
		{"empty", nil, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, must(WSCoefficient(tc.x, tc.y)), 1e-12)
		})
	}
	// Asymmetric: the reference ranking sets the weights. With x = (1, 2, 3) and
	// y = (3, 1, 2): WS(x, y) = 1 − (2^−1·2/2 + 2^−2·1/1 + 2^−3·1/2) = 0.1875 and
	// WS(y, x) = 1 − (2^−3·2/2 + 2^−1·1/2 + 2^−2·1/1) = 0.375.
	x, y := []float64{1, 2, 3}, []float64{3, 1, 2}
	assert.InDelta(t, 0.1875, must(WSCoefficient(x, y)), 1e-12)
	assert.InDelta(t, 0.375, must(WSCoefficient(y, x)), 1e-12)
	assert.PanicsWithValue(t, "scoring: WSCoefficient: len(x) != len(y)", func() { _, _ = WSCoefficient(x, nil) })
}
