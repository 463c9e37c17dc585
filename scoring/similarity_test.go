package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSimilarity(t *testing.T) {
	tests := []struct {
		name  string
		a, b  []float64
		want  float64
		wantN int
	}{
		{"identical", []float64{1, 0.5, 0}, []float64{1, 0.5, 0}, 1, 3},
		{"opposite", []float64{1, 0}, []float64{0, 1}, 0, 2},
		// |1−1| + |0.5−1| + |0−0| + |1−0.5| = 1 over 4 positions: 1 − 1/4.
		{"mixed", []float64{1, 0.5, 0, 1}, []float64{1, 1, 0, 0.5}, 0.75, 4},
		// Only positions 0 and 3 are known in both: (0 + 0.5)/2.
		{"missing left out", []float64{1, nan, 0, 1}, []float64{1, 1, nan, 0.5}, 0.75, 2},
		{"nothing in common", []float64{1, nan}, []float64{nan, 0}, 0, 0},
		{"empty", nil, nil, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, n, err := Similarity(tc.a, tc.b)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 1e-12)
			assert.Equal(t, tc.wantN, n)
			back, nBack, err := Similarity(tc.b, tc.a)
			require.NoError(t, err)
			assert.Equal(t, got, back, "symmetric")
			assert.Equal(t, n, nBack)
		})
	}
	assert.PanicsWithValue(t, "scoring: Similarity: len(a) != len(b)", func() { _, _, _ = Similarity([]float64{1}, nil) })
}

func TestSimilarityBadValues(t *testing.T) {
	tests := []struct {
		name     string
		a, b     []float64
		sentinel error
		msg      string
	}{
		{"+Inf", []float64{math.Inf(1), 0}, []float64{1, 0}, ErrNonFinite, "a[0]"},
		{"-Inf in b", []float64{1, 0}, []float64{1, math.Inf(-1)}, ErrNonFinite, "b[1]"},
		{"above 1", []float64{1, 1.5}, []float64{1, 0}, ErrUnitRange, "a[1] = 1.5"},
		{"negative", []float64{1, 0}, []float64{-0.1, 0}, ErrUnitRange, "b[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sim, n, err := Similarity(tc.a, tc.b)
			require.ErrorIs(t, err, tc.sentinel)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Zero(t, sim)
			assert.Zero(t, n)
		})
	}
}

func TestSimilarityMatrix(t *testing.T) {
	// Three profiles over four positions; the third knows only position 3.
	p := [][]float64{
		{1, 0.5, 0, 1},
		{1, 1, 0, 0.5},
		{nan, nan, nan, 1},
		{nan, nan, nan, nan},
	}
	sim, n, err := SimilarityMatrix(p)
	require.NoError(t, err)
	want := [][]float64{
		{1, 0.75, 1, 0},
		{0.75, 1, 0.5, 0},
		{1, 0.5, 1, 0},
		{0, 0, 0, 0},
	}
	wantN := [][]int{
		{4, 4, 1, 0},
		{4, 4, 1, 0},
		{1, 1, 1, 0},
		{0, 0, 0, 0},
	}
	for r := range want {
		assert.InDeltaSlice(t, want[r], sim[r], 1e-12, "row %d", r)
	}
	assert.Equal(t, wantN, n)

	_, _, err = SimilarityMatrix([][]float64{{0, 1}, {math.NaN(), 2}})
	require.ErrorIs(t, err, ErrUnitRange)
	assert.Contains(t, err.Error(), "profiles[1][1]")
	_, _, err = SimilarityMatrix([][]float64{{math.Inf(1)}})
	require.ErrorIs(t, err, ErrNonFinite)
	assert.Panics(t, func() { _, _, _ = SimilarityMatrix([][]float64{{1}, {1, 0}}) })

	sim, n, err = SimilarityMatrix(nil)
	require.NoError(t, err)
	assert.Empty(t, sim)
	assert.Empty(t, n)
}
