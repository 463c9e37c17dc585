package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSobolSeqFirstPoints(t *testing.T) {
	// The first eight points of dimensions 1–4, worked by hand from the direction
	// numbers in Gray-code order, x_n = x_{n−1} ⊕ v_{c(n−1)} with c = 0, 1, 0, 2,
	// 0, 1, 0: dimension 1 has v = 1/2, 1/4, 1/8; dimension 2 (x + 1, m = 1)
	// v_k = v_{k−1} ⊕ v_{k−1}/2, so v = 1/2, 3/4, 5/8; dimension 3 (x² + x + 1,
	// m = 1, 3) v_3 = v_2 ⊕ v_1 ⊕ v_1/4 = 3/8; dimension 4 (m = 1, 3, 1) v = 1/2,
	// 3/4, 1/8. These are also the points of Joe and Kuo's sobol.cc and of
	// scipy.stats.qmc.Sobol(4, scramble=False).random(8).
	want := [][]float64{
		{0, 0, 0, 0},
		{0.5, 0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25, 0.25},
		{0.25, 0.75, 0.75, 0.75},
		{0.375, 0.375, 0.625, 0.875},
		{0.875, 0.875, 0.125, 0.375},
		{0.625, 0.125, 0.875, 0.625},
		{0.125, 0.625, 0.375, 0.125},
	}
	s, err := NewSobolSeq(4)
	require.NoError(t, err)
	assert.Equal(t, 4, s.Dim())
	for n, w := range want {
		assert.Equal(t, uint64(n), s.Index())
		assert.Equal(t, w, s.Next(nil), "point %d", n)
	}
}

func TestSobolSeqKnownValues(t *testing.T) {
	// Coordinates of the 40-dimensional sequence (dimensions 5, 11, 21 and 40,
	// points 8–15) and of the 1024-dimensional one (points 1000, 65535 and
	// 123456), as scipy 1.10 computes them with the same direction numbers
	// (scipy.stats.qmc.Sobol(d, scramble=False), fast_forward(n), random(1)).
	// scipy keeps 30 bits per coordinate, so ours are truncated to 30 bits.
	trunc30 := func(x float64) float64 { return math.Floor(x*(1<<30)) / (1 << 30) }

	s, err := NewSobolSeq(40)
	require.NoError(t, err)
	want40 := [][4]float64{
		{0.5625, 0.6875, 0.1875, 0.5625},
		{0.0625, 0.1875, 0.6875, 0.0625},
		{0.3125, 0.4375, 0.4375, 0.8125},
		{0.8125, 0.9375, 0.9375, 0.3125},
		{0.9375, 0.3125, 0.0625, 0.4375},
		{0.4375, 0.8125, 0.5625, 0.9375},
		{0.1875, 0.5625, 0.3125, 0.1875},
		{0.6875, 0.0625, 0.8125, 0.6875},
	}
	pt := make([]float64, 40)
	for n := 0; n < 8; n++ {
		s.Next(pt)
	}
	for n, w := range want40 {
		s.Next(pt)
		assert.Equal(t, w, [4]float64{pt[4], pt[10], pt[20], pt[39]}, "point %d", n+8)
	}

	tests := []struct {
		n    uint64
		sum  float64    // Σ of the 1024 coordinates
		some [8]float64 // dimensions 1, 2, 3, 10, 100, 512, 1023, 1024
	}{
		{1000, 498.896484375, [8]float64{0.2197265625, 0.0966796875, 0.5185546875, 0.0693359375, 0.1865234375, 0.3955078125, 0.1376953125, 0.7138671875}},
		{65535, 517.9353942871094, [8]float64{1.52587890625e-05, 0.9999847412109375, 0.5637969970703125, 0.1638946533203125, 0.4727630615234375, 0.2133941650390625, 0.1064300537109375, 0.4597015380859375}},
		{123456, 506.0807800292969, [8]float64{0.02649688720703125, 0.18274688720703125, 0.30725860595703125, 0.24906158447265625, 0.9257736206054688, 0.9974441528320312, 0.08200836181640625, 0.44696807861328125}},
	}
	s, err = NewSobolSeq(MaxSobolDim)
	require.NoError(t, err)
	pt = make([]float64, MaxSobolDim)
	for _, tc := range tests {
		for s.Index() <= tc.n {
			s.Next(pt)
		}
		var sum float64
		for _, x := range pt {
			sum += trunc30(x)
		}
		assert.Equal(t, tc.sum, sum, "point %d: sum of coordinates", tc.n)
		var got [8]float64
		for i, d := range []int{1, 2, 3, 10, 100, 512, 1023, 1024} {
			got[i] = trunc30(pt[d-1])
		}
		assert.Equal(t, tc.some, got, "point %d", tc.n)
	}
}

func TestSobolSeqStratified(t *testing.T) {
	// In every dimension, the first 2^m points fall one in each interval
	// [k/2^m, (k+1)/2^m): a property of any valid set of direction numbers,
	// checked here for all 1024 dimensions and m = 8.
	const m = 8
	s, err := NewSobolSeq(MaxSobolDim)
	require.NoError(t, err)
	seen := make([][]bool, MaxSobolDim)
	for d := range seen {
		seen[d] = make([]bool, 1<<m)
	}
	pt := make([]float64, MaxSobolDim)
	for n := 0; n < 1<<m; n++ {
		s.Next(pt)
		for d, x := range pt {
			require.True(t, x >= 0 && x < 1)
			cell := int(x * (1 << m))
			require.False(t, seen[d][cell], "dimension %d: two of the first %d points in cell %d", d+1, 1<<m, cell)
			seen[d][cell] = true
		}
	}
}

func TestSobolSeqErrors(t *testing.T) {
	_, err := NewSobolSeq(MaxSobolDim + 1)
	assert.ErrorIs(t, err, ErrSobolDim)
	assert.PanicsWithValue(t, "scoring: NewSobolSeq: dim < 1", func() { _, _ = NewSobolSeq(0) })
	s, err := NewSobolSeq(2)
	require.NoError(t, err)
	assert.PanicsWithValue(t, "scoring: SobolSeq.Next: len(dst) != Dim()", func() { s.Next(make([]float64, 3)) })
}
