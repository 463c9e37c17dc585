package gapanalysis_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// benchStudy is the demo study: the built-in checklist and the synthetic EU-27
// survey (27 countries × 139 items, 28 measures).
func benchStudy(b *testing.B, cfg gapanalysis.Config) *gapanalysis.Result {
	b.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	res, err := gapanalysis.Analyze(cl, synth.Generate(cl, synth.DefaultSeed), cfg)
	require.NoError(b, err)
	return res
}

// BenchmarkAnalyze is the whole pipeline once: merge, score, gaps, ranking.
func BenchmarkAnalyze(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	ds := synth.Generate(cl, synth.DefaultSeed)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModelEval is one evaluation of the compiled model: score 27 countries
// on every item, derive the criteria and rank all measures, with every uncertain
// input switched on. It must not allocate.
func BenchmarkModelEval(b *testing.B) {
	for _, method := range []string{"wsm", "topsis", "promethee2", "vikor"} {
		b.Run(method, func(b *testing.B) {
			cfg := gapanalysis.DefaultConfig()
			cfg.Uncertainty.Methods = []string{method}
			res := benchStudy(b, cfg)
			m, err := gapanalysis.NewModel(res)
			require.NoError(b, err)
			ws := m.NewWorkspace()
			mr, cr := make([]int, len(m.Measures())), make([]int, len(m.Countries()))
			x := []float64{0.3, 0.7, 0.2, 0.4, 0.5, 0.6}
			b.ReportAllocs()
			for b.Loop() {
				if err := m.Eval(ws, x, mr, cr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMonteCarlo10k is the Monte Carlo analysis with 10,000 samples.
func BenchmarkMonteCarlo10k(b *testing.B) {
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 10000
	res := benchStudy(b, cfg)
	b.ReportAllocs()
	for b.Loop() {
		if err := gapanalysis.MonteCarlo(context.Background(), res, gapanalysis.UncertaintyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSobol2048 is the Sobol analysis with 2,048 base samples (5 inputs:
// 14,336 model evaluations) and 1,000 bootstrap resamples.
func BenchmarkSobol2048(b *testing.B) {
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 1
	cfg.Uncertainty.Sobol = 2048
	res := benchStudy(b, cfg)
	b.ReportAllocs()
	for b.Loop() {
		if err := gapanalysis.Sensitivity(context.Background(), res, gapanalysis.UncertaintyOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeExport analyses SYNTHETIC survey-tool exports of 10,000,
// 30,000 and 100,000 respondents × 60 questions (0.54, 1.6 and 5.4 million
// responses): merging, agreement with its bootstrap, scores, gaps, exemplars
// and ranking. Building the dataset is not timed.
func BenchmarkAnalyzeExport(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	for _, n := range []int{10_000, 30_000, 100_000} {
		b.Run(fmt.Sprintf("respondents=%d", n), func(b *testing.B) {
			ds := synth.Export(cl, n, 60, 2026)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(ds.Responses.Len())*float64(b.N)/b.Elapsed().Seconds(), "responses/s")
		})
	}
}

// BenchmarkResponsesAppend keeps 1.6 million responses of a SYNTHETIC export
// in a Dataset, as the importers do.
func BenchmarkResponsesAppend(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	require.NoError(b, err)
	rs := synth.Export(cl, 30_000, 60, 2026).Responses.Slice()
	b.ReportAllocs()
	for b.Loop() {
		var ds gapanalysis.Dataset
		ds.Responses.Append(rs...)
	}
	b.ReportMetric(float64(len(rs))*float64(b.N)/b.Elapsed().Seconds(), "responses/s")
}
