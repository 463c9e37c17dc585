package gapanalysis_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// BenchmarkCompareUncertainty is the paired Monte Carlo analysis of the index
// deltas of two synthetic EU-27 waves (the demo survey and one made with
// another seed), 1000 samples.
func BenchmarkCompareUncertainty(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	cfg := gapanalysis.DefaultConfig()
	old, err := gapanalysis.Analyze(cl, synth.Generate(cl, synth.DefaultSeed+1), cfg)
	require.NoError(b, err)
	cur, err := gapanalysis.Analyze(cl, synth.Generate(cl, synth.DefaultSeed), cfg)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		cmp, err := gapanalysis.Compare(old, cur)
		if err != nil {
			b.Fatal(err)
		}
		if err := gapanalysis.CompareUncertainty(context.Background(), cmp, old, cur, gapanalysis.UncertaintyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
