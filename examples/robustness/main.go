// Robustness: would the top priority measures still come first with other
// weights, another value of "partial", another missing-data rule or another
// method? On the embedded SYNTHETIC EU-27 survey (generated test data, not an
// assessment of any real Member State).
//
//	go run ./examples/robustness [DIR]
//
// The chart of the measures' rank intervals is written to DIR (default: a new
// temporary folder), whose path is printed.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

func main() {
	dir, err := outDir("gapstudy-robustness-")
	if err != nil {
		log.Fatal(err)
	}
	if err := run(os.Stdout, dir); err != nil {
		log.Fatal(err)
	}
}

// outDir returns the folder named by the first argument (created when
// missing), or a new temporary folder.
func outDir(prefix string) (string, error) {
	if len(os.Args) > 1 {
		return os.Args[1], os.MkdirAll(os.Args[1], 0o755)
	}
	return os.MkdirTemp("", prefix)
}

// run is the notebook: it prints its tables to w and writes its chart to dir.
func run(w io.Writer, dir string) error {
	// Step 1: checklist and synthetic survey.
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return err
	}
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, &importers.Options{Checklist: cl})
	if err != nil {
		return err
	}
	ds.Synthetic = true

	// Step 2: the nominal study, then 5,000 Monte Carlo samples and a Sobol
	// analysis of 1,024 base samples (the defaults vary all five inputs), and
	// the ranking by every method.
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 5000
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if err := gapanalysis.MonteCarlo(ctx, res, gapanalysis.UncertaintyOptions{}); err != nil {
		return err
	}
	if err := gapanalysis.Sensitivity(ctx, res, gapanalysis.UncertaintyOptions{}); err != nil {
		return err
	}
	if _, err := gapanalysis.CompareMethods(res); err != nil {
		return err
	}
	fmt.Fprintf(w, "SYNTHETIC survey: %d responses; %d Monte Carlo samples\n\n", ds.Responses.Len(), cfg.Uncertainty.Samples)

	// Step 3: rank intervals of the top ten measures: the median rank over the
	// samples, the 5th–95th percentile, and how often the measure is in the top 5.
	fmt.Fprintln(w, "SYNTHETIC DATA — rank intervals of the top ten measures")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tMeasure\tMedian\tP5–P95\tP(top 5)")
	for _, p := range res.Priorities[:10] {
		u := p.Uncertainty
		fmt.Fprintf(tw, "%d\t%s\t%g\t%g–%g\t%.2f\n", p.Rank, p.ID, u.Median, u.P05, u.P95, u.PTopK)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 4: which input moves the ranking most? First-order and total Sobol
	// indices on the mean absolute rank shift of the measures.
	s := res.Uncertainty.Sobol
	shift := s.Outputs[len(s.Outputs)-1]
	fmt.Fprintf(w, "Sobol indices on %s (N = %d, %d evaluations):\n", shift.Name, s.N, s.Evaluations)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Input\tFirst order\tTotal\t95% interval of total")
	for i, in := range s.Inputs {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f–%.2f\n", in, shift.First[i], shift.Total[i], shift.TotalLo[i], shift.TotalHi[i])
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 5: do the methods agree? Rank correlations between each pair.
	fmt.Fprintln(w, "Agreement between ranking methods:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "A\tB\tSpearman\tKendall\tWS")
	for _, a := range res.Uncertainty.Agreement {
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\n", a.A, a.B, a.Spearman, a.Kendall, a.WS)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 6: the chart of every measure's rank interval, drawn by the same
	// function as the workbook's Sensitivity sheet.
	path := filepath.Join(dir, "rank-intervals.png")
	err = report.WriteFile(path, func(f io.Writer) error {
		png, err := report.RankIntervalPNG(res, 0, 0)
		if err != nil {
			return err
		}
		_, err = f.Write(png)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Chart of the rank intervals:", path)
	return nil
}
