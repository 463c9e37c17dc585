package gapanalysis

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSampleInputs checks that sampleInputs draws the numbers of
// sampleStream's Float64, so that the Monte Carlo inputs stay those of
// earlier versions, and that it does not allocate.
func TestSampleInputs(t *testing.T) {
	for _, tc := range []struct {
		seed uint64
		i, n int
	}{{1, 0, 6}, {20260101, 9999, 6}, {0, 3, 1}, {42, 17, 12}} {
		want := make([]float64, tc.n)
		rng := sampleStream(tc.seed, tc.i)
		for d := range want {
			want[d] = rng.Float64()
		}
		got := make([]float64, tc.n)
		sampleInputs(tc.seed, tc.i, got)
		assert.Equal(t, want, got, "seed %d, sample %d", tc.seed, tc.i)
		assert.Zero(t, testing.AllocsPerRun(10, func() { sampleInputs(tc.seed, tc.i, got) }))
	}
}
