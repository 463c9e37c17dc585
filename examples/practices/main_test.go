package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPracticesExample runs the notebook (for Greece, with a folder for the
// chart) and checks what its steps promise: the
// country's peers, its five largest gaps with their exemplars, the evidence
// each exemplar cites, the measures already in place somewhere, and the chart.
func TestPracticesExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir, "Greece"))
	out := buf.String()

	for _, want := range []string{
		"SYNTHETIC survey: ",
		"SYNTHETIC DATA — best practices for Greece (EL)",
		"Peers (most similar countries): ",
		"Largest gaps and where they are closed:",
		"Measures on these gaps, and where they are already in place:",
		"Chart of similarity to EL: " + filepath.Join(dir, "practices.png"),
	} {
		assert.Contains(t, out, want)
	}
	// Three peers, each with a similarity in [0, 1].
	peers := regexp.MustCompile(`Peers \(most similar countries\): ([A-Z]{2} [01]\.\d{3}(, )?){3}\n`)
	assert.Regexp(t, peers, out)
	assert.NotRegexp(t, regexp.MustCompile(`Peers.*EL \d`), out, "a country is not its own peer")

	// Five gaps in the table, each quoted below with its exemplars' evidence,
	// which the synthetic survey labels synthetic.
	table := out[strings.Index(out, "Largest gaps"):strings.Index(out, "Measures on these gaps")]
	rows := regexp.MustCompile(`(?m)^(\S+)\s+.*\s(none|partial)\s+\d+\.\d\d\s+(\d+)\s+`).FindAllStringSubmatch(table, -1)
	require.Len(t, rows, 5, table)
	quoted := regexp.MustCompile(`(?m)^  [A-Z]{2}: .*\(synthetic\) \[synthetic-eu27-survey\.xlsx!Survey!C\d+\]$`)
	assert.Regexp(t, quoted, table, "an exemplar's evidence with its source cell")
	for _, r := range rows {
		assert.Contains(t, table, "\n"+r[1]+" ", "gap %s is quoted", r[1])
	}
	assert.NotRegexp(t, regexp.MustCompile(`(?m)^  EL: `), table, "a country is not its own exemplar")

	png, err := os.ReadFile(filepath.Join(dir, "practices.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "the chart is a PNG file")
}
