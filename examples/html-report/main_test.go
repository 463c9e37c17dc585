package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/gapstudy/gapstudy/report"
)

// TestHTMLReportExample runs the notebook and checks what its steps promise:
// the report with its sections, charts and synthetic banner, one fiche per
// country that the index links, every page parsing as HTML with the banner,
// and the table of the five weakest countries.
func TestHTMLReportExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	out := buf.String()

	page := filepath.Join(dir, "synthetic-report.html")
	fiches := filepath.Join(dir, "synthetic-fiches")
	for _, want := range []string{
		"SYNTHETIC survey: ",
		"register: 21 known issues",
		"SYNTHETIC DATA — the report's sections:",
		"Report: " + page,
		"Fiches: 28 files; the index links 27 country fiches. The five weakest countries:",
		"Fiches: " + filepath.Join(fiches, "index.html"),
	} {
		assert.Contains(t, out, want)
	}

	// The sections the study fills, each printed with its tables and charts:
	// the priorities come with charts, and every section listed is in the page.
	doc := parseFile(t, page)
	printed := regexp.MustCompile(`(?m)^(\S.*?)\s+(\d+)\s+(\d+)$`).FindAllStringSubmatch(out, -1)
	got := map[string][2]int{}
	for _, p := range printed {
		n, _ := strconv.Atoi(p[2])
		c, _ := strconv.Atoi(p[3])
		got[p[1]] = [2]int{n, c}
	}
	for _, s := range []string{"Summary", "Priorities", "Country ranking", "Heatmap", "Gaps",
		"Progress since the baseline", "Known issues", "Methodology"} {
		assert.Contains(t, got, s, "section %s is listed", s)
	}
	assert.Positive(t, got["Priorities"][1], "the priorities have charts")
	assert.Len(t, sections(doc), len(got), "one printed row per section")
	assert.True(t, hasBanner(doc), "the report carries the synthetic banner")

	// The index links a fiche for each of the 27 countries, every one of which
	// exists, parses and carries the banner.
	index := parseFile(t, filepath.Join(fiches, "index.html"))
	assert.True(t, hasBanner(index), "index.html carries the synthetic banner")
	linked := links(index)
	assert.Len(t, linked, 27)
	for _, l := range linked {
		assert.True(t, hasBanner(parseFile(t, filepath.Join(fiches, l))), "%s carries the synthetic banner", l)
	}
	assert.Contains(t, linked, report.FicheFile("EL"), "Greece's fiche is EL.html")

	// The five weakest countries, ranks 23 to 27, each with its fiche.
	rows := regexp.MustCompile(`(?m)^(\d+)\s+\S.*?\s+\d+\.\d\s+\d+\s+([A-Z]{2}\.html)$`).FindAllStringSubmatch(out, -1)
	require.Len(t, rows, 5, out)
	for i, r := range rows {
		assert.Equal(t, strconv.Itoa(23+i), r[1])
		assert.Contains(t, linked, r[2])
	}
}

func parseFile(t *testing.T, path string) *html.Node {
	t.Helper()
	doc, err := parse(path)
	require.NoError(t, err, path)
	return doc
}

// hasBanner reports whether a page has an element of class banner that says
// report.SyntheticBanner.
func hasBanner(doc *html.Node) bool {
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "class" && a.Val == "banner" && text(n) == report.SyntheticBanner {
				return true
			}
		}
	}
	return false
}
