// Panel: how far do the experts agree on the measures, and does ranking with
// their scores and with weights from pairwise judgements change the
// priorities? On the embedded SYNTHETIC EU-27 survey and the embedded
// SYNTHETIC expert panel (seven made-up experts, not the views of real
// people).
//
//	go run ./examples/panel [DIR]
//
// The chart of the default rank against the panel rank of each measure is
// written to DIR (default: a new temporary folder), whose path is printed.
package main

import (
	"bytes"
	"cmp"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/scoring"
)

func main() {
	// Step 1: the checklist, the survey and the panel's ratings, all embedded
	// and synthetic. For your own panel use importers.OpenPanel("forms/", opts)
	// on the forms that `gapstudy template --panel` wrote and the experts
	// filled in, or on a long table (expert, measure, criterion, value).
	cl, err := gapanalysis.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	opts := &importers.Options{Checklist: cl}
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, opts)
	if err != nil {
		log.Fatal(err)
	}
	ds.Synthetic = true
	panel, err := importers.ReadPanel(bytes.NewReader(gapstudy.SyntheticPanel), gapstudy.SyntheticPanelName, opts)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("SYNTHETIC panel: %d experts, %d ratings, %d diagnostics\n\n", len(panel.Experts()), len(panel.Ratings), len(panel.Diagnostics))

	// Step 2: the default ranking — the checklist's illustrative criteria
	// values, every criterion weight 1.
	cfg := gapanalysis.DefaultConfig()
	def, err := gapanalysis.Analyze(cl, ds, cfg)
	if err != nil {
		log.Fatal(err)
	}

	// Step 3: the panel's values replace the illustrative ones (the median of
	// the experts' ratings), and four criteria get their weights from one
	// expert's pairwise judgements (AHP, Saaty's 1/9–9 scale: "gap_points is 3
	// times as important as cost").
	withPanel := *ds
	withPanel.Panel = panel
	cfg.Ranking.Criteria = []gapanalysis.CriterionWeight{
		{ID: "gap_points"}, {ID: "impact"}, {ID: "feasibility"}, {ID: "cost", Direction: gapanalysis.Cost},
	}
	cfg.Ranking.Weights = &gapanalysis.WeightsConfig{Method: gapanalysis.WeightsAHP, Pairwise: []gapanalysis.Judgement{
		{A: "gap_points", B: "impact", Value: 1},
		{A: "gap_points", B: "feasibility", Value: 2},
		{A: "gap_points", B: "cost", Value: 3},
		{A: "impact", B: "feasibility", Value: 2},
		{A: "impact", B: "cost", Value: 3},
		{A: "feasibility", B: "cost", Value: 2},
	}}
	res, err := gapanalysis.Analyze(cl, &withPanel, cfg)
	if err != nil {
		log.Fatal(err)
	}

	// Step 4: how far the experts agree. Kendall's W per criterion (0: no
	// agreement on the order of the measures, 1: the same order), over the
	// measures every expert rated, with its χ² test.
	fmt.Printf("SYNTHETIC DATA — %s\n", res.Meta.ExpertValues)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Criterion\tKendall's W\tχ²\tp\tMeasures")
	for _, c := range cl.Criteria {
		if w, ok := res.Panel.KendallW[c.ID]; ok {
			fmt.Fprintf(tw, "%s\t%.3f\t%.1f\t%.2g\t%d\n", c.ID, w.W, w.Chi2, w.P, w.NMeasures)
		}
	}
	tw.Flush()
	values := slices.Clone(res.Panel.Values)
	slices.SortStableFunc(values, func(a, b gapanalysis.PanelValue) int { return cmp.Compare(b.IQR, a.IQR) })
	fmt.Println("\nWhere the experts disagree most (interquartile range of the ratings):")
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Measure\tCriterion\tMedian\tIQR\tRatings")
	for _, v := range values[:5] {
		fmt.Fprintf(tw, "%s\t%s\t%g\t%g\t%d\n", v.Measure, v.Criterion, v.Value, v.IQR, v.N)
	}
	tw.Flush()

	// Step 5: the weights the judgements give, and how consistent they are
	// (CR ≤ 0.1 is acceptable).
	a := res.Meta.AHP
	fmt.Printf("\nAHP weights (λmax %.3f, CR %.3f):", a.LambdaMax, a.CR)
	for _, c := range res.Criteria {
		fmt.Printf(" %s %.3f", c.ID, res.Meta.CriteriaWeights[c.ID])
	}
	fmt.Println()

	// Step 6: compare the two rankings: rank by rank, and Spearman's rho over
	// all measures.
	defRank := map[gapanalysis.MeasureID]int{}
	for _, p := range def.Priorities {
		defRank[p.ID] = p.Rank
	}
	var x, y []float64
	fmt.Println("\nTop 10 with the panel and AHP weights:")
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tDefault rank\tMeasure")
	for i, p := range res.Priorities {
		x = append(x, float64(defRank[p.ID]))
		y = append(y, float64(p.Rank))
		if i < 10 {
			fmt.Fprintf(tw, "%d\t%d\t%s\n", p.Rank, defRank[p.ID], p.ID)
		}
	}
	tw.Flush()
	rho, err := scoring.Spearman(x, y)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Spearman's rho, default against panel ranking: %.3f over %d measures\n\n", rho, len(x))

	// Step 7: a chart of each measure's default rank against its panel rank;
	// measures on the diagonal kept their place.
	dir := ""
	if len(os.Args) > 1 {
		dir = os.Args[1]
	} else if dir, err = os.MkdirTemp("", "gapstudy-panel-"); err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(dir, "panel-ranks.png")
	if err := chart(x, y, path); err != nil {
		log.Fatal(err)
	}
	fmt.Println("Chart of default against panel rank:", path)
}

// chart draws each measure's default rank (x) against its panel rank (y) and
// the diagonal of no change.
func chart(x, y []float64, path string) error {
	pts := make(plotter.XYs, len(x))
	for i := range x {
		pts[i] = plotter.XY{X: x[i], Y: y[i]}
	}
	p := plot.New()
	p.Title.Text = "SYNTHETIC data — rank of each measure"
	p.X.Label.Text = "Default rank (illustrative values, equal weights)"
	p.Y.Label.Text = "Rank with the panel and AHP weights"
	n := float64(len(x))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, n+1, 0, n+1
	diagonal, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: n + 1, Y: n + 1}})
	if err != nil {
		return err
	}
	diagonal.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
	scatter, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	p.Add(diagonal, scatter)
	return p.Save(14*vg.Centimeter, 14*vg.Centimeter, path)
}
