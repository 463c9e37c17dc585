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

// BenchmarkAddPractices is the exemplar search alone, as Analyze runs it with
// exemplars: 3 on the same study: the similarity of the 27 countries over 139
// items, the exemplars of every gap and the peers of every country. Divided by
// BenchmarkAnalyzeExemplars/exemplars=0 it gives the share it adds to Analyze
// on a machine too busy for the difference of two whole runs to be measured.
func BenchmarkAddPractices(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	res, err := gapanalysis.Analyze(cl, synth.Generate(cl, synth.DefaultSeed), gapanalysis.DefaultConfig())
	require.NoError(b, err)
	gaps, withExemplars := len(res.Gaps), 0
	for _, g := range res.Gaps {
		if len(g.Exemplars) > 0 {
			withExemplars++
		}
	}
	b.ReportMetric(float64(gaps), "gaps")
	b.ReportMetric(float64(withExemplars), "gaps_with_exemplars")
	b.ReportAllocs()
	for b.Loop() {
		if err := gapanalysis.AddPractices(res); err != nil {
			b.Fatal(err)
		}
	}
}
