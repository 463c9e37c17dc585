package report_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// writeFiches writes the fiches of res into a new folder and returns it.
func writeFiches(t *testing.T, res *gapanalysis.Result) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fiches")
	require.NoError(t, report.WriteFiches(dir, res))
	return dir
}

// parsePage parses an HTML file of dir.
func parsePage(t *testing.T, dir, name string) *html.Node {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	doc, err := html.Parse(bytes.NewReader(data))
	require.NoError(t, err, name)
	return doc
}

// elements returns every element of the tree with the given tag, in document
// order ("" for all).
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && (tag == "" || d.Data == tag) {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func byID(n *html.Node, id string) *html.Node {
	for _, e := range elements(n, "") {
		if v, ok := attr(e, "id"); ok && v == id {
			return e
		}
	}
	return nil
}

// textOf returns the text of a node and its descendants, spaces collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestFicheFiles(t *testing.T) {
	res := sampleResult()
	want := []string{"index.html", "AT.html", "DK.html", "EL.html"}
	assert.Equal(t, want, report.FicheFiles(res))
	dir := writeFiches(t, res)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, want, got, "the fiches and the index, no temporary file")
	all := report.AllFicheFiles()
	for _, name := range want {
		assert.Contains(t, all, name)
	}
	assert.Contains(t, all, "EL.html", "Greece by its EU code")
	assert.Nil(t, report.FicheFiles(nil))
	assert.Error(t, report.WriteFiches(t.TempDir(), nil))
}

func TestFicheIndex(t *testing.T) {
	res := syntheticResult()
	dir := writeFiches(t, res)
	doc := parsePage(t, dir, report.FicheIndexFile)
	var linked []string
	for _, a := range elements(doc, "a") {
		href, ok := attr(a, "href")
		require.True(t, ok)
		_, err := os.Stat(filepath.Join(dir, href))
		assert.NoError(t, err, "link %s resolves to a file", href)
		linked = append(linked, href)
	}
	for _, c := range res.Countries {
		assert.Contains(t, linked, report.FicheFile(c.Code))
	}
	table := byID(doc, "countries")
	require.NotNil(t, table)
	require.Len(t, elements(table, "caption"), 1)
	rows := elements(elements(table, "tbody")[0], "tr")
	require.Len(t, rows, 3)
	// Rank, rank interval, code, country, index, status; in rank order.
	cells := func(tr *html.Node) []string {
		var out []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				out = append(out, textOf(c))
			}
		}
		return out
	}
	assert.Equal(t, []string{"1", "1–2", "AT", "Austria", "56.3", "3 gaps (31.3 index points)"}, cells(rows[0]))
	assert.Equal(t, []string{"2", "1–3", "DK", "Denmark", "50.0", "1 gap (12.5 index points); " + gapanalysis.RankNoteNotBound}, cells(rows[1]))
	assert.Equal(t, []string{"3", "2–3", "EL", "Greece", "43.8", "2 gaps (31.3 index points)"}, cells(rows[2]))
	for _, th := range elements(table, "th") {
		scope, ok := attr(th, "scope")
		assert.True(t, ok && (scope == "col" || scope == "row"), "every header cell has a scope")
	}
}

// sectionIDs returns the ids of the <section> elements of a page.
func sectionIDs(doc *html.Node) []string {
	var ids []string
	for _, s := range elements(doc, "section") {
		id, _ := attr(s, "id")
		ids = append(ids, id)
	}
	return ids
}

func TestFicheSections(t *testing.T) {
	agreement := agreementResult(t)
	tests := []struct {
		name string
		res  *gapanalysis.Result
		want map[string][]string // file → section ids
	}{
		{"no baseline, register or agreement", sampleResult(), map[string][]string{
			"AT.html": {"scores", "gaps"}, "DK.html": {"scores", "gaps"}, "EL.html": {"scores", "gaps"},
		}},
		{"baseline and known issues", progressResult(), map[string][]string{
			"AT.html": {"scores", "gaps", "known-issues", "progress"},
			"DK.html": {"scores", "gaps", "known-issues", "progress"},
			"EL.html": {"scores", "gaps", "known-issues", "progress"},
		}},
		{"agreement", agreement, map[string][]string{
			"AT.html": {"scores", "gaps", "agreement"}, "EL.html": {"scores", "gaps", "agreement"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiches(t, tc.res)
			for name, want := range tc.want {
				doc := parsePage(t, dir, name)
				assert.Equal(t, want, sectionIDs(doc), name)
				assert.NotNil(t, byID(doc, "summary"), name)
				assert.Len(t, elements(doc, "svg"), 1, "%s: one chart", name)
				for _, table := range elements(doc, "table") {
					assert.Len(t, elements(table, "caption"), 1, "%s: every table has a caption", name)
					assert.Len(t, elements(table, "thead"), 1, "%s: every table has a header", name)
				}
				html := elements(doc, "html")[0]
				lang, _ := attr(html, "lang")
				assert.Equal(t, "en", lang)
				assert.NotEmpty(t, textOf(elements(doc, "title")[0]))
			}
		})
	}
}

func TestFicheContent(t *testing.T) {
	dir := writeFiches(t, progressResult())
	at := parsePage(t, dir, "AT.html")
	assert.Contains(t, textOf(at), "Implementation index 56.3 of 100 (EU mean 50.0), rank 1 of 3.")
	// Scores against the EU mean: compliance (37.5 + 87.5)/2 = 62.5 (DK has
	// none); practice (75 + 50 + 0)/3 = 41.7.
	scores := textOf(byID(at, "scores"))
	assert.Contains(t, scores, "Pillar: Legal compliance 37.5 62.5 -25.0 2")
	assert.Contains(t, scores, "Pillar: Best practice 75.0 41.7 +33.3 1")
	assert.Contains(t, scores, "Theme: Victims 0.0 37.5 -37.5")
	// Gaps in severity order, with evidence, source and exemplars.
	gaps := elements(elements(byID(at, "gaps"), "tbody")[0], "tr")
	require.Len(t, gaps, 3)
	assert.Contains(t, textOf(gaps[0]), "D-18.1")
	last := textOf(gaps[2])
	for _, want := range []string{"D-5.2", "partial", "6.25", "§ 207a StGB", "=1+1", survey + "!Survey!C3", "EL (similarity 0.50)", survey + "!Survey!C10"} {
		assert.Contains(t, last, want)
	}
	assert.Contains(t, textOf(byID(at, "peers")), "Denmark (DK) similarity 0.50")
	ki := textOf(byID(at, "known-issues"))
	assert.Contains(t, ki, "COM(2016) 871 2016-12-16 =possession not covered remaining partial")
	assert.Contains(t, ki, "COM(2016) 872")
	assert.NotContains(t, ki, "INFR(2019)2202", "EL's issue is on EL's fiche")
	pr := textOf(byID(at, "progress"))
	assert.Contains(t, pr, "Index (0–100) 40.0 56.3 +16.3 (P5–P95 +5.0 to +25.0; P(improved) 0.98)")
	assert.Contains(t, pr, "closed 2")
	assert.Contains(t, pr, "D-5.2")
	assert.Contains(t, pr, "D-18.1")
	assert.Contains(t, pr, "worsened partial none")

	dk := parsePage(t, dir, "DK.html")
	assert.Equal(t, gapanalysis.RankNoteNotBound, textOf(byID(dk, "rank-note")))
	assert.Contains(t, textOf(byID(dk, "progress")), "Not assessed in the baseline")
}

func TestFicheSyntheticBanner(t *testing.T) {
	for _, tc := range []struct {
		name string
		res  *gapanalysis.Result
		want bool
	}{{"synthetic", syntheticResult(), true}, {"real", sampleResult(), false}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiches(t, tc.res)
			for _, name := range report.FicheFiles(tc.res) {
				doc := parsePage(t, dir, name)
				banner := byID(doc, "synthetic")
				if !tc.want {
					assert.Nil(t, banner, name)
					continue
				}
				require.NotNil(t, banner, name)
				assert.Equal(t, report.SyntheticBanner, textOf(banner))
				assert.True(t, strings.HasPrefix(textOf(elements(doc, "title")[0]), "SYNTHETIC DATA"), name)
			}
		})
	}
}

func TestFicheRankInterval(t *testing.T) {
	dir := writeFiches(t, syntheticResult())
	el := textOf(parsePage(t, dir, "EL.html"))
	assert.Contains(t, el, "rank 3 of 3 (Monte Carlo P5–P95 rank 2–3)")
	assert.Contains(t, el, "P5–P95 2–3 over 200 Monte Carlo samples")
	plainDir := writeFiches(t, sampleResult())
	plain := textOf(parsePage(t, plainDir, "EL.html"))
	assert.NotContains(t, plain, "Monte Carlo", "no interval without the analysis")
	assert.NotContains(t, textOf(parsePage(t, plainDir, report.FicheIndexFile)), "P5–P95", "no interval column")
}

// hostile holds survey text that must reach the page as text.
var hostile = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`}

func TestFicheEscaping(t *testing.T) {
	res := agreementResult(t)
	res.Meta.DataLabel = hostile[0]
	for i := range res.Gaps {
		res.Gaps[i].Evidence = hostile[0]
		res.Gaps[i].Comment = hostile[1]
		for j := range res.Gaps[i].Exemplars {
			res.Gaps[i].Exemplars[j].Evidence = hostile[1]
		}
	}
	for i := range res.Agreement.Reconcile {
		answers := res.Agreement.Reconcile[i].Answers.Slice()
		for j := range answers {
			answers[j].Respondent = hostile[1]
			answers[j].Evidence = hostile[0]
		}
		res.Agreement.Reconcile[i].Answers = gapanalysis.AnswersOf(answers...)
	}
	require.NotEmpty(t, res.Agreement.Reconcile)
	res.Countries[0].Name = hostile[1]
	dir := writeFiches(t, res)
	for _, name := range report.FicheFiles(res) {
		doc := parsePage(t, dir, name)
		assert.Empty(t, elements(doc, "script"), "%s: no script element", name)
		assert.Empty(t, elements(doc, "img"), "%s: no img element", name)
		for _, e := range elements(doc, "") {
			for _, a := range e.Attr {
				assert.False(t, strings.HasPrefix(strings.ToLower(a.Key), "on"), "%s: no event handler %s", name, a.Key)
			}
		}
		text := textOf(doc)
		assert.Contains(t, text, hostile[0], "%s: shown as text", name)
		if name != report.FicheIndexFile {
			assert.Contains(t, text, hostile[1], "%s: shown as text", name)
		}
	}
}

func TestFicheSelfContained(t *testing.T) {
	res := progressResult()
	dir := writeFiches(t, res)
	files := report.FicheFiles(res)
	for _, name := range files {
		doc := parsePage(t, dir, name)
		for _, e := range elements(doc, "") {
			for _, a := range e.Attr {
				switch strings.ToLower(a.Key) {
				case "src", "srcset", "xlink:href", "action", "formaction", "poster":
					t.Errorf("%s: <%s %s=%q> loads a resource", name, e.Data, a.Key, a.Val)
				case "href":
					if e.Data == "link" {
						t.Errorf("%s: <link href=%q>", name, a.Val)
					}
					if strings.HasPrefix(a.Val, "#") {
						assert.NotNil(t, byID(doc, a.Val[1:]), "%s: anchor %s", name, a.Val)
						continue
					}
					assert.True(t, slices.Contains(files, a.Val), "%s: link %q to a file of the set", name, a.Val)
				}
			}
		}
		raw, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		for _, bad := range []string{"http://", "https://", "@import", "url("} {
			if bad == "http://" {
				// The SVG namespaces are names, not requests.
				raw = bytes.ReplaceAll(raw, []byte(`xmlns="http://www.w3.org/2000/svg"`), nil)
				raw = bytes.ReplaceAll(raw, []byte(`xmlns:xlink="http://www.w3.org/1999/xlink"`), nil)
			}
			assert.NotContains(t, string(raw), bad, name)
		}
	}
}

func TestFichePrintStyle(t *testing.T) {
	dir := writeFiches(t, progressResult())
	doc := parsePage(t, dir, "AT.html")
	styles := elements(doc, "style")
	require.Len(t, styles, 1)
	css := textOf(styles[0])
	for _, want := range []string{"@page { size: A4;", "thead { display: table-header-group; }", "break-inside: avoid", "section.major { break-before: page; }"} {
		assert.Contains(t, css, want)
	}
	for _, id := range []string{"gaps", "progress"} {
		class, _ := attr(byID(doc, id), "class")
		assert.Equal(t, "major", class, "%s starts a printed page", id)
	}
}

func TestFichesDeterministic(t *testing.T) {
	res := progressResult()
	a, b := writeFiches(t, res), writeFiches(t, res)
	for _, name := range report.FicheFiles(res) {
		x, err := os.ReadFile(filepath.Join(a, name))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, name))
		require.NoError(t, err)
		assert.Equal(t, x, y, name)
	}
}

func TestFicheBadCode(t *testing.T) {
	res := sampleResult()
	res.Countries[1].Code = "../x"
	dir := filepath.Join(t.TempDir(), "fiches")
	err := report.WriteFiches(dir, res)
	require.ErrorIs(t, err, report.ErrFicheCode)
	_, statErr := os.Stat(dir)
	assert.True(t, os.IsNotExist(statErr), "nothing written")
}

func ExampleFicheFiles() {
	fmt.Println(report.FicheFiles(sampleResult()))
	// Output: [index.html AT.html DK.html EL.html]
}

// TestFicheReconcile: each unit to reconcile is one <tbody>, kept on one
// printed page, with one row per answer.
func TestFicheReconcile(t *testing.T) {
	res := agreementResult(t)
	dir := writeFiches(t, res)
	for _, code := range []gapanalysis.CountryCode{"AT", "EL"} {
		var units []gapanalysis.ReconcileUnit
		for _, u := range res.Agreement.Reconcile {
			if u.Country == code {
				units = append(units, u)
			}
		}
		require.NotEmpty(t, units, code)
		tables := elements(byID(parsePage(t, dir, report.FicheFile(code)), "agreement"), "table")
		require.Len(t, tables, 2, code)
		bodies := elements(tables[1], "tbody")
		require.Len(t, bodies, len(units), code)
		for i, u := range units {
			assert.Len(t, elements(bodies[i], "tr"), u.Answers.Len(), "%s %s", code, u.Item)
			assert.Contains(t, textOf(bodies[i]), string(u.Item))
		}
	}
}
