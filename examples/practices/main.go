// Practices: where is a country's gap already closed, and which Member State
// most like it could it learn from? On the embedded SYNTHETIC EU-27 survey
// (generated test data, not an assessment of any real Member State; its
// evidence texts are made up), the program takes one country's largest gaps
// and, for each, the exemplar countries (SPEC 13): the other countries at full
// on the item, most similar first, with the national provision they cite.
//
//	go run ./examples/practices [-country CODE] [DIR]
//
// Without -country it takes the country with the lowest index. The chart of the
// country's similarity to every other one is written to DIR (default: a new
// temporary folder), whose path is printed.
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func main() {
	country := flag.String("country", "", "the country whose gaps to look at (EU code, e.g. EL); default: the lowest index")
	flag.Parse()
	dir, err := outDir("gapstudy-practices-")
	if err != nil {
		log.Fatal(err)
	}
	if err := run(os.Stdout, dir, *country); err != nil {
		log.Fatal(err)
	}
}

// outDir returns the folder named by the first argument after the flags
// (created when missing), or a new temporary folder.
func outDir(prefix string) (string, error) {
	if dir := flag.Arg(0); dir != "" {
		return dir, os.MkdirAll(dir, 0o755)
	}
	return os.MkdirTemp("", prefix)
}

// run is the notebook: it prints its tables to w and writes its chart to dir.
// country is the country to look at ("": the one with the lowest index).
func run(w io.Writer, dir, country string) error {
	// Step 1: the checklist and the embedded survey, which is synthetic. For a
	// survey of your own use importers.Open("survey.xlsx", opts).
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return err
	}
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, &importers.Options{Checklist: cl})
	if err != nil {
		return err
	}
	ds.Synthetic = true
	fmt.Fprintf(w, "SYNTHETIC survey: %d responses, %d countries\n\n", ds.Responses.Len(), len(ds.Countries()))

	// Step 2: score it. DefaultConfig lists 3 exemplars per gap and 3 peers per
	// country (config key exemplars).
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	if err != nil {
		return err
	}

	// Step 3: the country to look at, and the countries most like it: similarity
	// is 1 − the mean absolute difference of the two countries' item scores over
	// the items known and applicable for both.
	c := res.Countries[len(res.Countries)-1]
	if country != "" {
		code, ok := gapanalysis.LookupCountry(country)
		i := slices.IndexFunc(res.Countries, func(x gapanalysis.CountryResult) bool { return x.Code == code })
		if !ok || i < 0 {
			return fmt.Errorf("country %q is not in the survey", country)
		}
		c = res.Countries[i]
	}
	fmt.Fprintf(w, "SYNTHETIC DATA — best practices for %s (%s): index %.1f, rank %d, %d gaps\n",
		c.Name, c.Code, c.Index.Value, c.Rank, c.Gaps)
	fmt.Fprint(w, "Peers (most similar countries): ")
	for i, p := range c.Peers {
		fmt.Fprintf(w, "%s%s %.3f", map[bool]string{true: ", "}[i > 0], p.Country, p.Similarity)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)

	// Step 4: the country's largest gaps (Result.Gaps lists each country's gaps
	// by severity, the index points lost), each with its exemplars.
	var gaps []gapanalysis.Gap
	for _, g := range res.Gaps {
		if g.Country == c.Code && len(gaps) < 5 {
			gaps = append(gaps, g)
		}
	}
	fmt.Fprintln(w, "Largest gaps and where they are closed:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Item\tRef\tStatus\tSeverity\tCountries at full\tExemplars (similarity)")
	for _, g := range gaps {
		var ex []string
		for _, e := range g.Exemplars {
			ex = append(ex, fmt.Sprintf("%s (%.3f)", e.Country, e.Similarity))
		}
		all := len(res.Exemplars(g.Country, g.Item))
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%d\t%s\n", g.Item, cl.Item(g.Item).Ref, g.Status, g.Severity, all, orNone(strings.Join(ex, ", ")))
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 5: what the exemplars cite — the national provision or practice that
	// closes the gap, and the cell it was read from.
	for _, g := range gaps {
		it := cl.Item(g.Item)
		fmt.Fprintf(w, "%s %s — %s\n", g.Item, it.Ref, it.Title)
		if len(g.Exemplars) == 0 {
			fmt.Fprintln(w, "  no other country is at full on this item")
		}
		for _, e := range g.Exemplars {
			at := ""
			if e.Sources.Len() > 0 {
				at = " [" + e.Sources.At(0).String() + "]"
			}
			fmt.Fprintf(w, "  %s: %s%s\n", e.Country, cmp.Or(e.Evidence, "(no evidence given)"), at)
		}
	}
	fmt.Fprintln(w)

	// Step 6: the candidate measures on these items that are already in place
	// somewhere (the adopters: every applicable item addressed at full).
	onGaps := map[gapanalysis.ItemID]bool{}
	for _, g := range gaps {
		onGaps[g.Item] = true
	}
	fmt.Fprintln(w, "Measures on these gaps, and where they are already in place:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tMeasure\tAdopters\tIn place in")
	for _, p := range res.Priorities {
		if !slices.ContainsFunc(p.Addresses, func(id gapanalysis.ItemID) bool { return onGaps[id] }) {
			continue
		}
		codes := make([]string, len(p.Adopters))
		for i, a := range p.Adopters {
			codes[i] = string(a)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", p.Rank, p.ID, len(p.Adopters), orNone(strings.Join(codes, " ")))
	}
	tw.Flush()
	fmt.Fprintln(w)

	// Step 7: a chart of the country's similarity to every other country.
	path := filepath.Join(dir, "practices.png")
	if err := chart(c.Code, res.Peers(c.Code), path); err != nil {
		return err
	}
	fmt.Fprintln(w, "Chart of similarity to", c.Code+":", path)
	return nil
}

func orNone(s string) string { return cmp.Or(s, "—") }

// chart draws a bar per other country, most similar first.
func chart(c gapanalysis.CountryCode, peers []gapanalysis.Peer, path string) error {
	p := plot.New()
	p.Title.Text = "SYNTHETIC data — similarity to " + string(c)
	p.Y.Label.Text = "Similarity"
	p.Y.Min, p.Y.Max = 0, 1
	values := make(plotter.Values, len(peers))
	names := make([]string, len(peers))
	for i, pe := range peers {
		values[i], names[i] = pe.Similarity, string(pe.Country)
	}
	bars, err := plotter.NewBarChart(values, vg.Points(10))
	if err != nil {
		return err
	}
	p.Add(bars)
	p.NominalX(names...)
	return p.Save(20*vg.Centimeter, 10*vg.Centimeter, path)
}
