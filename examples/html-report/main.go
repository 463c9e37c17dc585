// HTML report: the study on the embedded SYNTHETIC EU-27 survey written as
// documents people read — one self-contained HTML page (inline CSS and SVG
// charts, nothing fetched from elsewhere) and one fiche per country with an
// index page. The survey, its earlier wave and the known-issues register are
// synthetic: generated test data, not an assessment of any real Member State;
// every page carries a banner that says so.
//
//	go run ./examples/html-report [DIR]
//
// The files are written to DIR (default: a new temporary folder), whose path
// is printed: open synthetic-report.html or synthetic-fiches/index.html in a
// browser. The command line writes the same with
// gapstudy demo --html report.html --fiches fiches/.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"golang.org/x/net/html"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

func main() {
	dir, err := outDir("gapstudy-html-report-")
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

// run is the notebook: it writes the report and the fiches to dir and prints
// what they hold to w.
func run(w io.Writer, dir string) error {
	// Step 1: the checklist, the survey, its earlier wave and the register of
	// known issues — all embedded, all synthetic.
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return err
	}
	opts := &importers.Options{Checklist: cl}
	oldDS, err := load(gapstudy.SyntheticBaseline, gapstudy.SyntheticBaselineName, opts)
	if err != nil {
		return err
	}
	ds, err := load(gapstudy.SyntheticSurvey, gapstudy.SyntheticSurveyName, opts)
	if err != nil {
		return err
	}
	issues, _, err := importers.ReadKnownIssues(bytes.NewReader(gapstudy.SyntheticKnownIssues), gapstudy.SyntheticKnownIssuesName, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "SYNTHETIC survey: %d responses, %d countries; earlier wave: %d responses; register: %d known issues\n\n",
		ds.Responses.Len(), len(ds.Countries()), oldDS.Responses.Len(), len(issues))

	// Step 2: the whole study, as gapstudy demo runs it: scores and ranks, the
	// Monte Carlo rank intervals, the Sobol indices, the agreement between
	// methods, the progress since the earlier wave and the known-issue verdicts.
	// Everything the study holds goes into the pages.
	res, err := study(cl, oldDS, ds, issues)
	if err != nil {
		return err
	}

	// Step 3: the report — one page; its sections, each with its tables and
	// its charts (inline SVG).
	page := filepath.Join(dir, "synthetic-report.html")
	if err := report.WriteFile(page, func(f io.Writer) error { return report.WriteHTML(f, res, nil) }); err != nil {
		return err
	}
	doc, err := parse(page)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "SYNTHETIC DATA — the report's sections:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Section\tTables\tCharts")
	for _, s := range sections(doc) {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", s.title, s.tables, s.charts)
	}
	tw.Flush()
	fmt.Fprintln(w, "Report:", page)
	fmt.Fprintln(w)

	// Step 4: the fiches — one page per assessed country and an index linking
	// them. The five weakest countries, with their fiche.
	fiches := filepath.Join(dir, "synthetic-fiches")
	if err := os.MkdirAll(fiches, 0o755); err != nil {
		return err
	}
	if err := report.WriteFiches(fiches, res); err != nil {
		return err
	}
	index, err := parse(filepath.Join(fiches, "index.html"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Fiches: %d files; the index links %d country fiches. The five weakest countries:\n",
		len(report.FicheFiles(res)), len(links(index)))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rank\tCountry\tIndex\tGaps\tFiche")
	for _, c := range res.Countries[len(res.Countries)-5:] {
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%d\t%s\n", c.Rank, c.Name, c.Index.Value, c.Gaps, report.FicheFile(c.Code))
	}
	tw.Flush()
	fmt.Fprintln(w, "Fiches:", filepath.Join(fiches, "index.html"))
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

// study runs the analysis of the current wave with its uncertainty analysis,
// and sets its progress since the earlier wave and the known-issue verdicts.
func study(cl *gapanalysis.Checklist, oldDS, ds *gapanalysis.Dataset, issues []gapanalysis.KnownIssue) (*gapanalysis.Result, error) {
	ctx := context.Background()
	cfg := gapanalysis.DefaultConfig()
	old, err := gapanalysis.Analyze(cl, oldDS, cfg)
	if err != nil {
		return nil, err
	}
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	if err != nil {
		return nil, err
	}
	if err := gapanalysis.MonteCarlo(ctx, res, gapanalysis.UncertaintyOptions{}); err != nil {
		return nil, err
	}
	if err := gapanalysis.Sensitivity(ctx, res, gapanalysis.UncertaintyOptions{}); err != nil {
		return nil, err
	}
	if _, err := gapanalysis.CompareMethods(res); err != nil {
		return nil, err
	}
	progress, err := gapanalysis.Compare(old, res)
	if err != nil {
		return nil, err
	}
	if err := gapanalysis.CompareUncertainty(ctx, progress, old, res, gapanalysis.UncertaintyOptions{}); err != nil {
		return nil, err
	}
	res.Progress = progress
	res.KnownIssues = gapanalysis.JudgeKnownIssues(res, issues)
	return res, nil
}

// parse reads an HTML file.
func parse(path string) (*html.Node, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return html.Parse(f)
}

// section is a top-level <section> of a page: its heading and how many
// tables and charts it holds.
type section struct {
	title          string
	tables, charts int
}

// sections lists the sections of a page that are not inside another section.
func sections(doc *html.Node) []section {
	var out []section
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "section" || inside(n.Parent, "section") {
			continue
		}
		s := section{}
		for d := range n.Descendants() {
			switch {
			case d.Type != html.ElementNode:
			case d.Data == "h2" && s.title == "":
				s.title = text(d)
			case d.Data == "table":
				s.tables++
			case d.Data == "svg":
				s.charts++
			}
		}
		out = append(out, s)
	}
	return out
}

// links returns the distinct files the <a> elements of a page lead to.
func links(doc *html.Node) []string {
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && strings.HasSuffix(a.Val, ".html") && !slices.Contains(out, a.Val) {
					out = append(out, a.Val)
				}
			}
		}
	}
	return out
}

// inside reports whether n or one of its ancestors is an element named tag.
func inside(n *html.Node, tag string) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && n.Data == tag {
			return true
		}
	}
	return false
}

// text returns the text of a node and its descendants, spaces collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
