package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// No published example of the tie-corrected W with its p-value was at hand in
// a form we could check, so the examples below are worked out by hand, and
// the p-values use the closed forms of the χ² upper tail for 2 and 3 degrees
// of freedom instead of the distribution code under test:
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
