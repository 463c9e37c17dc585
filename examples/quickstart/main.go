// Quickstart: the whole study on the embedded SYNTHETIC EU-27 survey, step by step.
//
//	go run ./examples/quickstart
//
// The survey is synthetic — generated test data, not an assessment of any real
// Member State.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"text/tabwriter"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func main() {
	// Step 1: the yardstick — the built-in checklist of Directive 2011/93/EU.
	cl, err := gapanalysis.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Checklist %s: %d items in %d themes, %d candidate measures\n\n",
		cl.ID, len(cl.Items()), len(cl.Themes()), len(cl.Measures))

	// Step 2: load the survey. Here the embedded synthetic one; for a file of your
	// own use importers.Open("survey.xlsx", opts).
	opts := &importers.Options{Checklist: cl}
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, opts)
	if err != nil {
		log.Fatal(err)
	}
	ds.Synthetic = true
	fmt.Printf("SYNTHETIC survey: %d responses, %d countries, %d diagnostics\n\n",
		len(ds.Responses), len(ds.Countries()), len(ds.Diagnostics))

	// Step 3: score and rank with the default parameters.
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	if err != nil {
		log.Fatal(err)
	}

	// Step 4: the five best and five weakest countries.
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tCountry\tIndex\tCoverage\tRank note")
	for i, c := range res.Countries {
		if i >= 5 && i < len(res.Countries)-5 {
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%.0f%%\t%s\n", c.Rank, c.Name, c.Index.Value, 100*c.Coverage, c.RankNote)
	}
	tw.Flush()
	fmt.Println()

	// Step 5: the largest gaps of the weakest ranked country, with their source cells.
	weakest := res.Countries[len(res.Countries)-1].Code
	fmt.Printf("Largest gaps of %s:\n", weakest)
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	n := 0
	for _, g := range res.Gaps {
		if g.Country != weakest || n >= 5 {
			continue
		}
		n++
		src := ""
		if len(g.Sources) > 0 {
			src = g.Sources[0].String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f points\t%s\n", g.Item, g.Status, g.Severity, src)
	}
	tw.Flush()
	fmt.Println()

	// Step 6: the top priority measures and what drives their score.
	fmt.Println("Top priority measures (weighted sum):")
	for _, p := range res.Priorities[:5] {
		fmt.Printf("%d. %s %-60.60s score %.1f\n", p.Rank, p.ID, p.Title, p.Score)
		for _, c := range res.Criteria {
			fmt.Printf("     %-14s value %7.2f  contribution %5.1f\n", c.ID, p.Criteria[c.ID], p.Contributions[c.ID])
		}
	}
}
