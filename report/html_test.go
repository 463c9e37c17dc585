package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// writeHTML returns the HTML report of res.
func writeHTML(t *testing.T, res *gapanalysis.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteHTML(&buf, res, nil))
	return buf.Bytes()
}

// parseHTML parses a page with golang.org/x/net/html.
func parseHTML(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	require.NoError(t, err)
	return doc
}

// walk calls f on every node under n, in document order.
func walkNodes(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkNodes(c, f)
	}
}

func nodeAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := nodeAttr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// textOf returns the text under n with runs of white space made one space.
func nodeText(n *html.Node) string {
	var b strings.Builder
	walkNodes(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteString(" ")
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

func elementsOf(doc *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	walkNodes(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == a {
			out = append(out, n)
		}
	})
	return out
}

// dumpHTML writes the structure of a page: its language and title, the
// headings by level, each section's id, each chart's label, and each table's
// caption, column headers and number of rows. Numbers in cells and the
// drawing of the charts are left out.
func dumpHTML(t *testing.T, page []byte) string {
	t.Helper()
	doc := parseHTML(t, page)
	var b strings.Builder
	p := func(depth int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", depth))
		fmt.Fprintf(&b, format, args...)
		b.WriteString("\n")
	}
	depth := func(n *html.Node) int {
		d := 0
		for a := n.Parent; a != nil; a = a.Parent {
			if a.DataAtom == atom.Section {
				d++
			}
		}
		return d
	}
	walkNodes(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Html:
			lang, _ := nodeAttr(n, "lang")
			p(0, "html lang=%s", lang)
		case atom.Title:
			p(0, "title: %s", nodeText(n))
		case atom.H1, atom.H2, atom.H3, atom.H4:
			p(depth(n), "%s: %s", n.Data, nodeText(n))
		case atom.Section:
			id, _ := nodeAttr(n, "id")
			p(depth(n), "section #%s", id)
		case atom.Svg:
			label, _ := nodeAttr(n, "aria-label")
			p(depth(n)+1, "chart: %s", label)
		case atom.Table:
			var caption string
			var cols []string
			rows := 0
			walkNodes(n, func(c *html.Node) {
				switch {
				case c.DataAtom == atom.Caption:
					caption = nodeText(c)
				case c.DataAtom == atom.Th && c.Parent.Parent.DataAtom == atom.Thead:
					scope, _ := nodeAttr(c, "scope")
					require.Equal(t, "col", scope, "column header of %q", caption)
					cols = append(cols, nodeText(c))
				case c.DataAtom == atom.Tr && c.Parent.DataAtom == atom.Tbody:
					rows++
				}
			})
			p(depth(n)+1, "table %q: %d rows", caption, rows)
			p(depth(n)+2, "columns: %s", strings.Join(cols, " | "))
		case atom.P:
			if hasClass(n, "banner") {
				p(depth(n)+1, "banner: %s", nodeText(n))
			}
		}
	})
	return b.String()
}

// TestHTMLStructure compares the structure of the HTML report (headings,
// sections, charts, table captions and headers, row counts) with golden dumps.
func TestHTMLStructure(t *testing.T) {
	cases := []struct {
		name string
		res  *gapanalysis.Result
	}{
		{"html.golden", sampleResult()},
		{"html_synthetic.golden", syntheticResult()},
		{"html_progress.golden", progressResult()},
		{"html_agreement.golden", agreementResult(t)},
		{"html_panel.golden", withPanel(syntheticResult())},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, []byte(dumpHTML(t, writeHTML(t, tc.res))))
		})
	}
}

// TestHTMLAccessible: the page has a language, a title, one h1, headings
// that never skip a level, a caption on every table, a scope on every header
// cell, and words (not only a colour) in every cell of the heatmap.
func TestHTMLAccessible(t *testing.T) {
	for _, res := range []*gapanalysis.Result{sampleResult(), syntheticResult(), progressResult(), agreementResult(t), withPanel(syntheticResult())} {
		doc := parseHTML(t, writeHTML(t, res))
		htmlEl := elementsOf(doc, atom.Html)
		require.Len(t, htmlEl, 1)
		lang, _ := nodeAttr(htmlEl[0], "lang")
		assert.Equal(t, "en", lang)
		titles := elementsOf(doc, atom.Title)
		require.Len(t, titles, 1)
		assert.NotEmpty(t, nodeText(titles[0]))
		assert.Len(t, elementsOf(doc, atom.H1), 1)
		last := 0
		walkNodes(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			level := map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}[n.DataAtom]
			if level > 0 {
				assert.LessOrEqual(t, level, last+1, "heading %q skips a level", nodeText(n))
				last = level
			}
		})
		for _, tbl := range elementsOf(doc, atom.Table) {
			assert.Len(t, elementsOf(tbl, atom.Caption), 1, "a table without caption")
			for _, th := range elementsOf(tbl, atom.Th) {
				scope, _ := nodeAttr(th, "scope")
				assert.Contains(t, []string{"col", "row"}, scope, "header cell %q", nodeText(th))
			}
		}
		heat := 0
		for _, td := range elementsOf(doc, atom.Td) {
			if v, _ := nodeAttr(td, "class"); strings.HasPrefix(v, "st-") {
				heat++
				assert.NotEmpty(t, nodeText(td), "a status cell with colour only")
			}
		}
		assert.Positive(t, heat)
	}
}

// Hostile text as a survey may hold it: markup, an event handler and a
// script URL.
var hostileTexts = []string{
	`<script>alert(1)</script>`,
	`"><img src=x onerror=alert(1)>`,
	`javascript:alert(document.cookie)`,
}

// hostileResult analyses the sample survey with the hostileTexts text in the
// evidence, comments and respondent names, the data label, a file name and
// an expert panel's expert ID and file,
// and with two respondents who disagree, so that the respondents' names and
// evidence are on the page.
func hostileResult(t *testing.T) *gapanalysis.Result {
	t.Helper()
	rs := sampleResponses()
	for i := range rs {
		rs[i].Evidence = hostileTexts[i%3] + " evidence"
		rs[i].Comment = hostileTexts[(i+1)%3] + " comment"
		if rs[i].Respondent != "" {
			rs[i].Respondent = hostileTexts[(i+2)%3]
		}
		rs[i].Source.File = hostileTexts[2] + ".xlsx"
	}
	rs = append(rs, gapanalysis.Response{Country: "AT", Item: "D-5.2", Status: gapanalysis.StatusNone,
		Evidence: hostileTexts[0], Comment: hostileTexts[1], Respondent: hostileTexts[1] + " B", Source: src("E3")})
	cfg := gapanalysis.DefaultConfig()
	res, err := gapanalysis.Analyze(sampleChecklist(), &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(rs...), Label: hostileTexts[0]}, cfg)
	require.NoError(t, err)
	res.Panel = &gapanalysis.PanelReport{Experts: 1, ExpertIDs: []string{hostileTexts[1]}, Label: hostileTexts[2],
		Values: []gapanalysis.PanelValue{{Measure: res.Priorities[0].ID, Criterion: "cost", Value: 3, N: 1, Ratings: map[string]float64{hostileTexts[1]: 3}}}}
	return res
}

// TestHTMLEscapesSurveyText: text from a survey is shown as text: no script
// element but the page's own, no event-handler attribute, no element the
// text names, no URL but fragments and data: URIs; the text itself is there.
func TestHTMLEscapesSurveyText(t *testing.T) {
	res := hostileResult(t)
	require.NotNil(t, res.Agreement, "two respondents disagree")
	page := writeHTML(t, res)
	doc := parseHTML(t, page)

	scripts := elementsOf(doc, atom.Script)
	require.Len(t, scripts, 1, "only the sorting script")
	assert.Contains(t, nodeText(scripts[0]), "table.sortable")
	assert.Empty(t, elementsOf(doc, atom.Img))
	walkNodes(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			assert.False(t, strings.HasPrefix(strings.ToLower(a.Key), "on"), "<%s %s=%q>", n.Data, a.Key, a.Val)
			switch strings.ToLower(a.Key) {
			case "src", "href", "xlink:href", "action", "formaction", "poster", "srcset":
				assert.True(t, strings.HasPrefix(a.Val, "#") || strings.HasPrefix(a.Val, "data:"), "<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	})
	text := nodeText(doc)
	for _, h := range hostileTexts {
		assert.Contains(t, text, h, "shown as text")
	}
	assert.NotContains(t, string(page), "<script>alert")
	assert.NotContains(t, string(page), "<img")
}

// TestHTMLNoExternalReference: the demo's page refers to nothing outside
// itself: no src or href but fragments, no url() in the style sheet, no
// @import, no link element.
func TestHTMLNoExternalReference(t *testing.T) {
	page := writeHTML(t, syntheticResult())
	doc := parseHTML(t, page)
	assert.Empty(t, elementsOf(doc, atom.Link))
	assert.Empty(t, elementsOf(doc, atom.Img))
	assert.Empty(t, elementsOf(doc, atom.Iframe))
	links := 0
	walkNodes(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			switch a.Key {
			case "src", "href", "xlink:href":
				links++
				assert.True(t, strings.HasPrefix(a.Val, "#"), "<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	})
	assert.Positive(t, links, "the contents link to the sections")
	for _, s := range elementsOf(doc, atom.Style) {
		css := nodeText(s)
		assert.NotContains(t, css, "url(")
		assert.NotContains(t, css, "@import")
	}
}

// TestHTMLSyntheticBanner: the banner is on a page made from synthetic data
// (at its head and foot) and nowhere on one made from survey data.
func TestHTMLSyntheticBanner(t *testing.T) {
	banners := func(res *gapanalysis.Result) []string {
		var out []string
		walkNodes(parseHTML(t, writeHTML(t, res)), func(n *html.Node) {
			if n.Type == html.ElementNode && hasClass(n, "banner") {
				out = append(out, nodeText(n))
			}
		})
		return out
	}
	assert.Equal(t, []string{report.SyntheticBanner, report.SyntheticBanner}, banners(syntheticResult()))
	assert.Empty(t, banners(sampleResult()))
	assert.NotContains(t, string(writeHTML(t, sampleResult())), "SYNTHETIC")
}

// TestHTMLDeterministic: the same result gives the same bytes, charts
// included.
func TestHTMLDeterministic(t *testing.T) {
	for _, res := range []*gapanalysis.Result{syntheticResult(), progressResult()} {
		a, b := writeHTML(t, res), writeHTML(t, res)
		assert.True(t, bytes.Equal(a, b), "two runs differ")
	}
}

func TestHTMLErrors(t *testing.T) {
	var buf bytes.Buffer
	assert.Error(t, report.WriteHTML(&buf, nil, nil))
	assert.Error(t, report.WriteHTML(&buf, &gapanalysis.Result{}, nil))
	assert.Error(t, report.WriteHTML(&buf, sampleResult(), &report.Options{TopK: -1}))
}

// TestHTMLPrintStyle: the style sheet prints on A4, repeats table headers on
// every page, keeps rows whole and puts the wide sections on landscape pages.
func TestHTMLPrintStyle(t *testing.T) {
	doc := parseHTML(t, writeHTML(t, sampleResult()))
	styles := elementsOf(doc, atom.Style)
	require.Len(t, styles, 1)
	css := nodeText(styles[0])
	for _, rule := range []string{"@media print", "@page { size: A4;", "@page wide { size: A4 landscape;", "section.wide { page: wide; }",
		"thead { display: table-header-group; }", "tr, figure { break-inside: avoid; }"} {
		assert.Contains(t, css, rule)
	}
	wide := map[string]bool{}
	for _, s := range elementsOf(doc, atom.Section) {
		id, _ := nodeAttr(s, "id")
		wide[id] = hasClass(s, "wide")
	}
	assert.Equal(t, map[string]bool{report.HTMLSummary: false, report.HTMLPriorities: true, report.HTMLCountries: false,
		report.HTMLHeatmap: true, report.HTMLGaps: true, report.HTMLPractices: false, report.HTMLDiagnostics: false, report.HTMLMethodology: false}, wide)
}
