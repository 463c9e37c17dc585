package gapanalysis_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// BenchmarkAnalyzeExemplars is BenchmarkAnalyze without the exemplar search
// (exemplars: 0: no similarity matrix, no exemplars, no peers) and with the
// default (exemplars: 3) on the synthetic EU-27 survey and the built-in
// checklist: the difference is the cost of SPEC 13 (docs/performance.md).
func BenchmarkAnalyzeExemplars(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	ds := synth.Generate(cl, synth.DefaultSeed)
	for _, n := range []int{0, 3} {
		b.Run(fmt.Sprintf("exemplars=%d", n), func(b *testing.B) {
			cfg := gapanalysis.DefaultConfig()
			cfg.Exemplars = n
			b.ReportAllocs()
			for b.Loop() {
				if _, err := gapanalysis.Analyze(cl, ds, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
