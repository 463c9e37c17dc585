package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// TestChecklistMarkdownPenalties checks the item table of the built-in
// checklist: both penalty figures (below / at or above the age of sexual
// consent), "1 year" in the singular, the note, and the ELI link of the article.
func TestChecklistMarkdownPenalties(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.WriteChecklistMarkdown(&buf, cl))
	md := buf.String()
	row := func(id string) []string {
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "| "+id+" | ") {
				cells := strings.Split(strings.Trim(line, "| "), " | ")
				return cells
			}
		}
		t.Fatalf("no row for %s", id)
		return nil
	}
	assert.Contains(t, md, "| ID | Provision | Title | Obligation | Min. max. penalty, child below the age of consent | Min. max. penalty, child at or above it | Weight | Note |")
	tests := []struct {
		id, below, above, note string
	}{
		{"D-3.5.i", "8 years", "3 years", "at least 3 years' maximum where the child has reached it"},
		{"D-4.4", "2 years", "1 year", "at least 1 year's maximum where the child has reached it"},
		{"D-3.2", "1 year", "1 year", "Maximum term of imprisonment of at least 1 year."},
		{"D-2.a", "", "", "Partial if some offences protect only younger children"},
		{"D-8.1", "", "", "Answer none if national law has no such exemption (option not used"},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			cells := row(tc.id)
			require.Len(t, cells, 8)
			assert.Equal(t, tc.below, cells[4], "below the age of consent")
			assert.Equal(t, tc.above, cells[5], "at or above it")
			assert.Contains(t, cells[7], tc.note)
		})
	}
	assert.NotContains(t, md, "1 years")
	assert.Contains(t, row("D-27.3")[1], "(http://data.europa.eu/eli/dir/2011/93/art_27/oj)")
}
