package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// anxiety is the dataset anxiety of the R package irr (Gamer, Lemon, Fellows
// and Singh): 20 subjects rated by 3 raters on an anxiety scale 1–6, one row
// per subject (as in pyirr's copy, pyirr/data/anxiety.csv).
var anxiety = [][3]float64{
	{3, 3, 2}, {3, 6, 1}, {3, 4, 4}, {4, 6, 4}, {5, 2, 3}, {5, 4, 2}, {2, 2, 1}, {3, 4, 6}, {5, 3, 1}, {2, 3, 1},
	{2, 2, 1}, {6, 3, 2}, {1, 3, 3}, {5, 3, 3}, {2, 2, 1}, {2, 2, 1}, {1, 1, 3}, {2, 3, 3}, {4, 3, 2}, {3, 4, 2},
}

func TestKendallWPublished(t *testing.T) {
	// irr's documented example kendall(anxiety, TRUE), the tie-corrected W
	// (the values asserted by pyirr's tests/test_kendall.py, which reproduces
	// irr): Wt = 0.54, χ²(19) = 30.8, p = 0.0429. The scale values tie a lot.
	scores := make([][]float64, 3)
	for _, row := range anxiety {
		for r, v := range row {
			scores[r] = append(scores[r], v)
		}
	}
	got, err := KendallW(scores)
	require.NoError(t, err)
	assert.InDelta(t, 0.54, got.W, 0.005)
	assert.InDelta(t, 30.8, got.Chi2, 0.05)
	assert.Equal(t, 19, got.DF)
	assert.InDelta(t, 0.0429, got.P, 0.00005)
}

// The examples below are worked out by hand, and their p-values use the
// closed forms of the χ² upper tail for 2 and 3 degrees of freedom instead of
// the distribution code under test:
//
//	df = 2: P = exp(−x/2);  df = 3: P = erfc(sqrt(x/2)) + sqrt(2x/π)·exp(−x/2).

func TestKendallWTies(t *testing.T) {
	// Three raters, four objects, with ties:
	//   rater 1: 10 20 30 40 → ranks 1 2 3 4,          T = 0
	//   rater 2:  1  2  2  3 → ranks 1 2.5 2.5 4,      T = 2³ − 2 = 6
	//   rater 3:  5  5  5  9 → ranks 2 2 2 4,          T = 3³ − 3 = 24
	// R = (4, 6.5, 7.5, 12), mean m(n+1)/2 = 7.5, S = 12.25 + 1 + 0 + 20.25 = 33.5,
	// W = 12·33.5/(9·60 − 3·30) = 402/450, χ² = 3·3·W = 8.04, df = 3.
	got, err := KendallW([][]float64{{10, 20, 30, 40}, {1, 2, 2, 3}, {5, 5, 5, 9}})
	require.NoError(t, err)
	assert.InDelta(t, 402.0/450, got.W, 1e-12)
	assert.InDelta(t, 8.04, got.Chi2, 1e-12)
	assert.Equal(t, 3, got.DF)
	assert.Equal(t, 3, got.Raters)
	assert.Equal(t, 4, got.Objects)
	x := 8.04
	wantP := math.Erfc(math.Sqrt(x/2)) + math.Sqrt(2*x/math.Pi)*math.Exp(-x/2)
	assert.InDelta(t, wantP, got.P, 1e-10)
	// Without the tie correction W would be 402/540: the correction matters.
	assert.Greater(t, math.Abs(got.W-402.0/540), 0.1)
}

func TestKendallWNoTies(t *testing.T) {
	// Four raters rank three objects:
	//   (1 2 3), (1 3 2), (2 1 3), (1 2 3) → R = (5, 8, 11), mean 8, S = 18,
	// W = 12·18/(16·24) = 0.5625, χ² = 4·2·W = 4.5, df = 2, P = exp(−2.25).
	got, err := KendallW([][]float64{{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {1, 2, 3}})
	require.NoError(t, err)
	assert.InDelta(t, 0.5625, got.W, 1e-12)
	assert.InDelta(t, 4.5, got.Chi2, 1e-12)
	assert.InDelta(t, math.Exp(-2.25), got.P, 1e-10)
}

func TestKendallWInvariants(t *testing.T) {
	tests := []struct {
		name   string
		scores [][]float64
	}{
		{"identical rankings", [][]float64{{3, 1, 2, 5}, {30, 10, 20, 50}, {0.3, 0.1, 0.2, 0.5}}},
		{"identical rankings with ties", [][]float64{{1, 1, 2, 5}, {4, 4, 5, 6}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := KendallW(tc.scores)
			require.NoError(t, err)
			assert.InDelta(t, 1, got.W, 1e-12)
		})
	}
	// Two raters in exactly opposite order: R_j = n + 1 for all j, S = 0, W = 0, P = 1.
	got, err := KendallW([][]float64{{1, 2, 3, 4}, {4, 3, 2, 1}})
	require.NoError(t, err)
	assert.InDelta(t, 0, got.W, 1e-12)
	assert.InDelta(t, 1, got.P, 1e-12)
}

func TestKendallWErrors(t *testing.T) {
	tests := []struct {
		name   string
		scores [][]float64
		want   error
	}{
		{"no raters", nil, ErrUndefined},
		{"one rater", [][]float64{{1, 2, 3}}, ErrUndefined},
		{"one object", [][]float64{{1}, {2}}, ErrUndefined},
		{"all tied", [][]float64{{2, 2, 2}, {5, 5, 5}}, ErrUndefined},
		{"NaN", [][]float64{{1, math.NaN(), 3}, {1, 2, 3}}, ErrNonFinite},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := KendallW(tc.scores)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
		})
	}
	assert.Panics(t, func() { _, _ = KendallW([][]float64{{1, 2}, {1, 2, 3}}) })
}
