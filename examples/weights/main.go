// Weights: how the priority ranking changes with the criteria and the method —
// on the embedded SYNTHETIC EU-27 survey (generated test data, not an assessment of
// any real Member State).
//
//	go run ./examples/weights
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
	// Step 1: checklist and synthetic survey.
	cl, err := gapanalysis.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, &importers.Options{Checklist: cl})
	if err != nil {
		log.Fatal(err)
	}
	ds.Synthetic = true

	// Step 2: three ways to rank the same measures.
	two := 2.0
	scenarios := []struct {
		name string
		cfg  func(*gapanalysis.Config)
	}{
		{"all criteria, weight 1 (wsm)", func(*gapanalysis.Config) {}},
		{"same, topsis", func(c *gapanalysis.Config) { c.Ranking.Method = "topsis" }},
		{"gaps count twice, cost once", func(c *gapanalysis.Config) {
			c.Ranking.Criteria = []gapanalysis.CriterionWeight{
				{ID: gapanalysis.CritGapPoints, Weight: &two},
				{ID: gapanalysis.CritBindingGaps, Weight: &two},
				{ID: "cost", Direction: gapanalysis.Cost},
			}
		}},
	}

	// Step 3: the rank of each measure under each scenario.
	ranks := map[gapanalysis.MeasureID][]int{}
	for _, s := range scenarios {
		cfg := gapanalysis.DefaultConfig()
		s.cfg(&cfg)
		res, err := gapanalysis.Analyze(cl, ds, cfg)
		if err != nil {
			log.Fatal(err)
		}
		for _, p := range res.Priorities {
			ranks[p.ID] = append(ranks[p.ID], p.Rank)
		}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "Measure")
	for _, s := range scenarios {
		fmt.Fprintf(tw, "\t%s", s.name)
	}
	fmt.Fprintln(tw)
	for _, m := range cl.Measures {
		fmt.Fprint(tw, m.ID)
		for _, r := range ranks[m.ID] {
			fmt.Fprintf(tw, "\t%d", r)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
