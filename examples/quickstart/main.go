// Quickstart: the whole study on the embedded SYNTHETIC EU-27 survey, step by
// step — the checklist, the survey, the country ranking, one country's gaps,
// the priority measures and a chart of every country's index.
//
//	go run ./examples/quickstart [DIR]
//
// The survey is synthetic — generated test data, not an assessment of any real
// Member State. The chart is written to DIR (default: a new temporary folder),
// whose path is printed.
package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func main() {
	dir, err := outDir("gapstudy-quickstart-")
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
	// Step 1: the yardstick — the built-in checklist of Directive 2011/93/EU.
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Checklist %s: %d items in %d themes, %d candidate measures\n\n",
		cl.ID, len(cl.Items()), len(cl.Themes()), len(cl.Measures))

	// Step 2: load the survey. Here the embedded synthetic one; for a file of your
	// own use importers.Open("survey.xlsx", opts).
	opts := &importers.Options{Checklist: cl}
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, opts)
	if err != nil {
		return err
	}
	ds.Synthetic = true
	fmt.Fprintf(w, "SYNTHETIC survey: %d responses, %d countries, %d diagnostics\n\n",
		ds.Responses.Len(), len(ds.Countries()), len(ds.Diagnostics))

	// Step 3: score and rank with the default parameters.
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	if err != nil {
		return err
	}

	// Step 4: the five best and five weakest countries. The index is 0–100, the
	// coverage the share of applicable items with a known answer.
	fmt.Fprintln(w, "SYNTHETIC DATA — the five best and five weakest countries:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tCountry\tIndex\tCoverage\tRank note")
	for i, c := range res.Countries {
		if i >= 5 && i < len(res.Countries)-5 {
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%.0f%%\t%s\n", c.Rank, c.Name, c.Index.Value, 100*c.Coverage, c.RankNote)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 5: the largest gaps of the weakest ranked country, each with its
	// severity (the index points it costs) and the cell it was read from.
	weakest := res.Countries[len(res.Countries)-1].Code
	fmt.Fprintf(w, "Largest gaps of %s:\n", weakest)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Item\tStatus\tSeverity\tSource")
	n := 0
	for _, g := range res.Gaps {
		if g.Country != weakest || n >= 5 {
			continue
		}
		n++
		src := ""
		if g.Sources.Len() > 0 {
			src = g.Sources.At(0).String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f points\t%s\n", g.Item, g.Status, g.Severity, src)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 6: the top priority measures and what drives their score: with the
	// weighted sum, the contributions of the criteria add up to the score.
	fmt.Fprintln(w, "Top priority measures (weighted sum):")
	for _, p := range res.Priorities[:5] {
		fmt.Fprintf(w, "%d. %s %-60.60s score %.1f\n", p.Rank, p.ID, p.Title, p.Score)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, c := range res.Criteria {
			fmt.Fprintf(tw, "\t%s\tvalue\t%.2f\tcontribution\t%.1f\t\n", c.ID, p.Criteria[c.ID], p.Contributions[c.ID])
		}
		tw.Flush()
	}
	fmt.Fprintln(w)

	// Step 7: a chart of every country's index, best first.
	path := filepath.Join(dir, "quickstart.png")
	if err := chart(res, path); err != nil {
		return err
	}
	fmt.Fprintln(w, "Chart of the index by country:", path)
	return nil
}

// chart draws one bar per ranked country, in rank order.
func chart(res *gapanalysis.Result, path string) error {
	var values plotter.Values
	var names []string
	for _, c := range res.Countries {
		if c.Index.Known {
			values = append(values, c.Index.Value)
			names = append(names, string(c.Code))
		}
	}
	p := plot.New()
	p.Title.Text = "SYNTHETIC data — index by country"
	p.Y.Label.Text = "Index (0–100)"
	p.Y.Min, p.Y.Max = 0, 100
	bars, err := plotter.NewBarChart(values, vg.Points(10))
	if err != nil {
		return err
	}
	p.Add(bars)
	p.NominalX(names...)
	return p.Save(20*vg.Centimeter, 10*vg.Centimeter, path)
}
