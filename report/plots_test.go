package report_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

type plotFunc func(*gapanalysis.Result, vg.Length, vg.Length) ([]byte, error)

// decodePNG decodes a whole PNG image and returns its size in pixels.
func decodePNG(t *testing.T, data []byte) (w, h int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	b := img.Bounds()
	return b.Dx(), b.Dy()
}

// TestPlotPNG checks that the plots are valid PNG images of the requested size
// (PlotDPI = 192 pixels per inch) and the same bytes on every call.
func TestPlotPNG(t *testing.T) {
	tests := []struct {
		name          string
		plot          plotFunc
		width, height vg.Length
		wantW, wantH  int
	}{
		{"rank intervals 4×3 in", report.RankIntervalPNG, 4 * vg.Inch, 3 * vg.Inch, 768, 576},
		{"rank intervals default size", report.RankIntervalPNG, 0, 0, 1536, 576},  // 8 in; 3 measures: the minimum 3 in
		{"rank intervals 300×200 pt", report.RankIntervalPNG, 300, 200, 800, 533}, // 300·192/72, 200·192/72 = 533.3
		{"sobol 5×2.5 in", report.SobolPNG, 5 * vg.Inch, 2.5 * vg.Inch, 960, 480},
		{"sobol default size", report.SobolPNG, 0, 0, 1536, 864}, // 8 × 4.5 in
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := tc.plot(syntheticResult(), tc.width, tc.height)
			require.NoError(t, err)
			w, h := decodePNG(t, a)
			assert.Equal(t, tc.wantW, w, "width")
			assert.Equal(t, tc.wantH, h, "height")
			b, err := tc.plot(syntheticResult(), tc.width, tc.height)
			require.NoError(t, err)
			assert.True(t, bytes.Equal(a, b), "two renderings of the same result differ")
		})
	}
}

// TestPlotPNGConcurrent draws plots from several goroutines at once (run with
// -race): the results are the same as drawn alone.
func TestPlotPNGConcurrent(t *testing.T) {
	res := syntheticResult()
	want, err := report.RankIntervalPNG(res, 3*vg.Inch, 2*vg.Inch)
	require.NoError(t, err)
	got := make([][]byte, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				got[i], _ = report.RankIntervalPNG(res, 3*vg.Inch, 2*vg.Inch)
			} else {
				got[i], _ = report.SobolPNG(res, 3*vg.Inch, 2*vg.Inch)
			}
		}()
	}
	wg.Wait()
	for i := 0; i < len(got); i += 2 {
		assert.True(t, bytes.Equal(want, got[i]), "goroutine %d", i)
	}
	for i := 1; i < len(got); i += 2 {
		assert.NotEmpty(t, got[i], "goroutine %d", i)
	}
}

// TestPlotPNGContent checks that a plot changes with the numbers it draws.
func TestPlotPNGContent(t *testing.T) {
	base, err := report.SobolPNG(syntheticResult(), 4*vg.Inch, 3*vg.Inch)
	require.NoError(t, err)
	res := syntheticResult()
	res.Uncertainty.Sobol.Outputs[3].Total[1] = 0.5
	changed, err := report.SobolPNG(res, 4*vg.Inch, 3*vg.Inch)
	require.NoError(t, err)
	assert.False(t, bytes.Equal(base, changed), "another total index, another image")

	base, err = report.RankIntervalPNG(syntheticResult(), 4*vg.Inch, 3*vg.Inch)
	require.NoError(t, err)
	res = syntheticResult()
	res.Priorities[2].Uncertainty.P05 = 1
	changed, err = report.RankIntervalPNG(res, 4*vg.Inch, 3*vg.Inch)
	require.NoError(t, err)
	assert.False(t, bytes.Equal(base, changed), "another interval, another image")
}

func TestPlotPNGErrors(t *testing.T) {
	noSobol := syntheticResult()
	noSobol.Uncertainty.Sobol = nil
	noShift := syntheticResult()
	noShift.Uncertainty.Sobol.Outputs = noShift.Uncertainty.Sobol.Outputs[:3]
	tests := []struct {
		name          string
		plot          plotFunc
		res           *gapanalysis.Result
		width, height vg.Length
		want          error
	}{
		{"rank: no Monte Carlo", report.RankIntervalPNG, sampleResult(), 0, 0, report.ErrNoUncertainty},
		{"sobol: no Monte Carlo", report.SobolPNG, sampleResult(), 0, 0, report.ErrNoSobol},
		{"sobol: no Sobol indices", report.SobolPNG, noSobol, 0, 0, report.ErrNoSobol},
		{"sobol: no mean shift output", report.SobolPNG, noShift, 0, 0, report.ErrNoSobol},
		{"rank: negative width", report.RankIntervalPNG, syntheticResult(), -1, 0, report.ErrPlotSize},
		{"rank: too high", report.RankIntervalPNG, syntheticResult(), 0, report.MaxPlotSide + 1, report.ErrPlotSize},
		{"sobol: too wide", report.SobolPNG, syntheticResult(), 40 * vg.Inch, 0, report.ErrPlotSize},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.plot(tc.res, tc.width, tc.height)
			assert.ErrorIs(t, err, tc.want)
			assert.Nil(t, data)
		})
	}
	for name, plot := range map[string]plotFunc{"rank": report.RankIntervalPNG, "sobol": report.SobolPNG} {
		_, err := plot(nil, 0, 0)
		assert.Error(t, err, name)
	}
}

func TestRankIntervalHeight(t *testing.T) {
	tests := []struct {
		measures int
		want     vg.Length
	}{
		{0, 3 * vg.Inch},                      // the minimum
		{5, 3 * vg.Inch},                      // 1.6 + 5 · 0.26 = 2.9 in: the minimum
		{10, 4.2 * vg.Inch},                   // 1.6 + 10 · 0.26
		{28, 8.88 * vg.Inch},                  // 1.6 + 28 · 0.26
		{132, 1.6*vg.Inch + 132*0.26*vg.Inch}, // 35.92 in
		{200, report.MaxPlotSide},             // 53.6 in, capped at 36
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.measures), func(t *testing.T) {
			assert.InDelta(t, float64(tc.want), float64(report.RankIntervalHeight(tc.measures)), 1e-9)
		})
	}
}

func TestWritePlots(t *testing.T) {
	noSobol := syntheticResult()
	noSobol.Uncertainty.Sobol = nil
	tests := []struct {
		name string
		res  *gapanalysis.Result
		want []string
	}{
		{"rank intervals and Sobol indices", syntheticResult(), []string{report.RankIntervalsPNGFile, report.SobolPNGFile}},
		{"no Sobol indices", noSobol, []string{report.RankIntervalsPNGFile}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "plots")
			require.NoError(t, report.WritePlots(dir, tc.res))
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
				info, err := e.Info()
				require.NoError(t, err)
				assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), e.Name())
				data, err := os.ReadFile(filepath.Join(dir, e.Name()))
				require.NoError(t, err)
				cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
				require.NoError(t, err)
				assert.Equal(t, "png", format)
				assert.Equal(t, 1536, cfg.Width, "8 inches at 192 dpi")
			}
			assert.ElementsMatch(t, tc.want, names)
		})
	}
	t.Run("no Monte Carlo", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "plots")
		assert.ErrorIs(t, report.WritePlots(dir, sampleResult()), report.ErrNoUncertainty)
		_, err := os.Stat(dir)
		assert.True(t, os.IsNotExist(err), "nothing written")
	})
}

// ExampleRankIntervalPNG draws the rank intervals of two measures.
func ExampleRankIntervalPNG() {
	res := &gapanalysis.Result{
		Meta: gapanalysis.Meta{Synthetic: true, TopK: 1},
		Priorities: []gapanalysis.Priority{
			{Rank: 1, ID: "M-HOTLINE", Uncertainty: &gapanalysis.RankUncertainty{Nominal: 1, Median: 1, P05: 1, P95: 2, PTopK: 0.8}},
			{Rank: 2, ID: "M-TRAINING", Uncertainty: &gapanalysis.RankUncertainty{Nominal: 2, Median: 2, P05: 1, P95: 2, PTopK: 0.2}},
		},
		Uncertainty: &gapanalysis.Uncertainty{Samples: 500, Seed: 1, TopK: 1},
	}
	data, err := report.RankIntervalPNG(res, 6*vg.Inch, 0)
	if err != nil {
		panic(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d × %d pixels\n", cfg.Width, cfg.Height)
	// Output:
	// 1152 × 576 pixels
}
