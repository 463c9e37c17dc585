// Progress: which gaps were closed since the last assessment, which remain, and
// has a problem raised earlier been fixed? On the embedded SYNTHETIC EU-27
// survey, its SYNTHETIC earlier wave and a SYNTHETIC known-issues register
// (generated test data, not an assessment of any real Member State; the
// register's sources are made up, not real Commission reports or infringement
// procedures).
//
//	go run ./examples/progress [DIR]
//
// The chart of old against new index is written to DIR (default: a new
// temporary folder), whose path is printed.
package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"log"
	"math"
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
	"github.com/gapstudy/gapstudy/report"
)

func main() {
	dir, err := outDir("gapstudy-progress-")
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
	// Step 1: the checklist and the two waves — the earlier one (the baseline)
	// and the current one, both embedded and both synthetic. For files of your
	// own use importers.Open("wave-2019.xlsx", opts).
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return err
	}
	opts := &importers.Options{Checklist: cl}
	oldDS, err := load(gapstudy.SyntheticBaseline, gapstudy.SyntheticBaselineName, opts)
	if err != nil {
		return err
	}
	newDS, err := load(gapstudy.SyntheticSurvey, gapstudy.SyntheticSurveyName, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "SYNTHETIC waves: earlier %d responses, current %d responses, %d countries\n\n",
		oldDS.Responses.Len(), newDS.Responses.Len(), len(newDS.Countries()))

	// Step 2: score both waves with the same checklist and config, then compare
	// them (SPEC 12): a transition for every (country, item), index deltas, and a
	// paired Monte Carlo of each delta (the same draw of partial, weights and
	// missing-data rule applied to both waves).
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 500
	old, err := gapanalysis.Analyze(cl, oldDS, cfg)
	if err != nil {
		return err
	}
	cur, err := gapanalysis.Analyze(cl, newDS, cfg)
	if err != nil {
		return err
	}
	comparison, err := gapanalysis.Compare(old, cur)
	if err != nil {
		return err
	}
	if err := gapanalysis.CompareUncertainty(context.Background(), comparison, old, cur, gapanalysis.UncertaintyOptions{}); err != nil {
		return err
	}
	cur.Progress = comparison

	// Step 3: the headline — what became of the earlier wave's gaps.
	h := report.ProgressHeadline(cur)
	fmt.Fprintln(w, "SYNTHETIC DATA — progress since the earlier wave")
	fmt.Fprintf(w, "Gaps then: %d closed, %d still open (%d improved, %d remaining, %d worsened); %d new gaps\n",
		h.Closed, h.StillOpen(), h.Improved, h.Remaining, h.Worsened, h.NewGaps)
	fmt.Fprintf(w, "Countries: %d improved, %d worsened, %d unchanged\n\n",
		h.CountriesImproved, h.CountriesWorsened, h.CountriesUnchanged)

	// Step 4: the countries whose index rose or fell most, with the 90 % interval
	// of the delta and the probability that the index really rose.
	moved := slices.DeleteFunc(slices.Clone(comparison.Countries), func(c gapanalysis.CountryProgress) bool { return !c.Delta.Known })
	slices.SortFunc(moved, func(a, b gapanalysis.CountryProgress) int {
		return cmp.Or(cmp.Compare(b.Delta.Value, a.Delta.Value), cmp.Compare(a.Code, b.Code))
	})
	fmt.Fprintln(w, "Countries with the largest index changes (five rises, three falls):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Country\tIndex then\tIndex now\tDelta\tP5 to P95\tP(improved)\tRank then → now\tClosed\tNew gaps")
	for i, c := range moved {
		if i >= 5 && i < len(moved)-3 {
			continue
		}
		interval, p := "", ""
		if u := c.Uncertainty; u != nil {
			interval, p = fmt.Sprintf("%+.1f to %+.1f", u.P05, u.P95), fmt.Sprintf("%.2f", u.PImproved)
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%+.1f\t%s\t%s\t%d → %d\t%d\t%d\n", c.Name, c.IndexOld.Value, c.IndexNew.Value,
			c.Delta.Value, interval, p, c.RankOld, c.RankNew, c.Counts[gapanalysis.TransClosed], c.Counts[gapanalysis.TransNewGap])
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 5: the items where most gaps remain across the Member States.
	items := slices.Clone(comparison.Items)
	open := func(p gapanalysis.ItemProgress) int {
		return p.Counts[gapanalysis.TransRemaining] + p.Counts[gapanalysis.TransWorsened] + p.Counts[gapanalysis.TransImproved]
	}
	slices.SortStableFunc(items, func(a, b gapanalysis.ItemProgress) int { return cmp.Compare(open(b), open(a)) })
	fmt.Fprintln(w, "Items where most gaps remain:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Item\tRef\tStill open\tClosed\tNew gaps")
	for _, p := range items[:5] {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", p.Item, cl.Item(p.Item).Ref, open(p),
			p.Counts[gapanalysis.TransClosed], p.Counts[gapanalysis.TransNewGap])
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 6: the known-issues register — problems raised earlier, each with a
	// verdict against the current wave.
	issues, regDS, err := importers.ReadKnownIssues(bytes.NewReader(gapstudy.SyntheticKnownIssues), gapstudy.SyntheticKnownIssuesName, opts)
	if err != nil {
		return err
	}
	verdicts := gapanalysis.JudgeKnownIssues(cur, issues)
	count := map[gapanalysis.Verdict]int{}
	for _, v := range verdicts {
		count[v.Verdict]++
	}
	fmt.Fprintf(w, "Known issues (SYNTHETIC register, %d rows, %d diagnostics): %d resolved, %d remaining, %d not applicable, %d unknown\n",
		len(issues), len(regDS.Diagnostics), count[gapanalysis.VerdictResolved], count[gapanalysis.VerdictRemaining],
		count[gapanalysis.VerdictNotApplicable], count[gapanalysis.VerdictUnknown])
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Country\tItem\tSource\tVerdict\tStatus now")
	for _, v := range verdicts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.Country, v.Item, v.Source, v.Verdict, v.Status)
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 7: a chart of each country's index then and now; countries above the
	// diagonal improved.
	path := filepath.Join(dir, "progress.png")
	if err := chart(comparison, path); err != nil {
		return err
	}
	fmt.Fprintln(w, "Chart of old against new index:", path)
	return nil
}

// load reads an embedded synthetic survey and marks it synthetic.
func load(b []byte, name string, opts *importers.Options) (*gapanalysis.Dataset, error) {
	ds, err := importers.ReadXLSX(bytes.NewReader(b), name, opts)
	if err != nil {
		return nil, err
	}
	ds.Synthetic = true
	return ds, nil
}

// chart draws the index of each country in the earlier wave (x) against the
// current one (y), labelled with its code, and the diagonal of no change.
func chart(c *gapanalysis.Comparison, path string) error {
	var pts plotter.XYs
	var labels []string
	for _, cp := range c.Countries {
		if cp.IndexOld.Known && cp.IndexNew.Known {
			pts = append(pts, plotter.XY{X: cp.IndexOld.Value, Y: cp.IndexNew.Value})
			labels = append(labels, string(cp.Code))
		}
	}
	p := plot.New()
	p.Title.Text = "SYNTHETIC data — index then and now"
	p.X.Label.Text = "Index, earlier wave"
	p.Y.Label.Text = "Index, current wave"
	lo, hi := 100.0, 0.0
	for _, pt := range pts {
		lo, hi = min(lo, pt.X, pt.Y), max(hi, pt.X, pt.Y)
	}
	lo, hi = math.Floor(lo/5)*5, math.Ceil(hi/5)*5
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo, hi, lo, hi
	diagonal, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
	if err != nil {
		return err
	}
	diagonal.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
	scatter, err := plotter.NewScatter(pts)
	if err != nil {
		return err
	}
	names, err := plotter.NewLabels(plotter.XYLabels{XYs: pts, Labels: labels})
	if err != nil {
		return err
	}
	names.Offset = vg.Point{X: vg.Points(4), Y: vg.Points(2)} // beside the marker, not on it
	p.Add(diagonal, scatter, names)
	return p.Save(16*vg.Centimeter, 16*vg.Centimeter, path)
}
