// Weights: how the priority ranking changes with the criteria and the method —
// on the embedded SYNTHETIC EU-27 survey (generated test data, not an
// assessment of any real Member State).
//
//	go run ./examples/weights [DIR]
//
// The chart of each measure's rank under the scenarios is written to DIR
// (default: a new temporary folder), whose path is printed.
package main

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func main() {
	dir, err := outDir("gapstudy-weights-")
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

// scenario is one way of ranking the measures: a name and a change to the
// default config.
type scenario struct {
	name string
	cfg  func(*gapanalysis.Config)
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
	fmt.Fprintf(w, "SYNTHETIC survey: %d responses, %d candidate measures\n\n", ds.Responses.Len(), len(cl.Measures))

	// Step 2: three ways to rank the same measures — the default weighted sum
	// with every criterion at weight 1, TOPSIS with the same weights, and the
	// weighted sum with the gap criteria at weight 2 and cost as the only expert
	// criterion (criteria a config leaves out do not count).
	two := 2.0
	scenarios := []scenario{
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
			return err
		}
		for _, p := range res.Priorities {
			ranks[p.ID] = append(ranks[p.ID], p.Rank)
		}
	}
	fmt.Fprintln(w, "SYNTHETIC DATA — rank of each measure under each scenario:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
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
	fmt.Fprintln(w)

	// Step 4: the measures that come in the top five whatever the scenario —
	// the ones a report can recommend without arguing about weights.
	var robust []string
	for _, m := range cl.Measures {
		top := true
		for _, r := range ranks[m.ID] {
			top = top && r <= 5
		}
		if top {
			robust = append(robust, string(m.ID))
		}
	}
	fmt.Fprintf(w, "In the top 5 under every scenario (%d): %s\n\n", len(robust), strings.Join(robust, ", "))

	// Step 5: a chart of each measure's rank under the other scenarios against
	// its rank under the first; a measure on the diagonal did not move.
	path := filepath.Join(dir, "weights.png")
	if err := chart(cl, scenarios, ranks, path); err != nil {
		return err
	}
	fmt.Fprintln(w, "Chart of the ranks under the scenarios:", path)
	return nil
}

// chart draws, for every scenario after the first, one point per measure: its
// rank under the first scenario (x) and under that scenario (y).
func chart(cl *gapanalysis.Checklist, scenarios []scenario, ranks map[gapanalysis.MeasureID][]int, path string) error {
	p := plot.New()
	p.Title.Text = "SYNTHETIC data — rank of each measure"
	p.X.Label.Text = "Rank, " + scenarios[0].name
	p.Y.Label.Text = "Rank, other scenario"
	n := float64(len(cl.Measures))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, n+1, 0, n+1
	p.X.Tick.Marker, p.Y.Tick.Marker = rankTicks{}, rankTicks{}
	diagonal, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: n + 1, Y: n + 1}})
	if err != nil {
		return err
	}
	diagonal.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
	p.Add(diagonal)
	colours := []color.Color{color.RGBA{R: 31, G: 119, B: 180, A: 255}, color.RGBA{R: 214, G: 39, B: 40, A: 255}}
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.TriangleGlyph{}}
	for s := 1; s < len(scenarios); s++ {
		var pts plotter.XYs
		for _, m := range cl.Measures {
			r := ranks[m.ID]
			pts = append(pts, plotter.XY{X: float64(r[0]), Y: float64(r[s])})
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		sc.Color = colours[(s-1)%len(colours)]
		sc.Shape = shapes[(s-1)%len(shapes)]
		p.Add(sc)
		p.Legend.Add(scenarios[s].name, sc)
	}
	p.Legend.Top = true
	p.Legend.Left = true
	return p.Save(16*vg.Centimeter, 16*vg.Centimeter, path)
}

// rankTicks labels ranks 1, 5, 10, 15… as whole numbers.
type rankTicks struct{}

// Ticks returns the tick marks between min and max.
func (rankTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for r := 1; float64(r) <= hi; r++ {
		if float64(r) >= lo && (r == 1 || r%5 == 0) {
			ticks = append(ticks, plot.Tick{Value: float64(r), Label: fmt.Sprint(r)})
		}
	}
	return ticks
}
