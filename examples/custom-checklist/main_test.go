package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// TestCustomChecklistExample runs the notebook and checks what its steps
// promise: the checklist labelled illustrative, its Go and YAML forms equal,
// theme shares adding up to 100 %, the two validation errors, one synthetic
// answer per country and item, indices that are the weighted mean of the
// pillar scores, every measure ranked with an interval that holds its rank,
// and the chart.
func TestCustomChecklistExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	out := buf.String()

	for _, want := range []string{
		"ILLUSTRATIVE checklist illustrative-thb (not a legal assessment): 11 items in 3 themes, 5 measures",
		"Built in Go and loaded from YAML, the checklists are identical: yes",
		`checklist-with-typo.yaml:line 107: measure M-MONITORING addresses unknown item "T-RAPORTEUR" — did you mean T-RAPPORTEUR?`,
		"A negative weight in code: item T-PREVENTION: negative weight -1",
		"SYNTHETIC survey made in code: 99 responses, 9 countries", // 9 countries × 11 items
		"SYNTHETIC DATA — countries against the ILLUSTRATIVE checklist:",
		"Chart of the measures' scores: " + filepath.Join(dir, "custom-checklist.svg"),
	} {
		assert.Contains(t, out, want)
	}

	// The themes' shares of the index add up to 100 %: law (weight 2) has two
	// themes of 1/3 each, policy one of 1/3.
	shares := regexp.MustCompile(`(?m)^(law|policy)\s+\S+\s+\d+\s+(\d+\.\d)%$`).FindAllStringSubmatch(out, -1)
	require.Len(t, shares, 3, out)
	sum := 0.0
	for _, s := range shares {
		assert.Equal(t, "33.3", s[2], s[0])
		sum += num(s[2])
	}
	assert.InDelta(t, 100, sum, 0.15)

	// Nine countries ranked 1–9; each index is (2·law + policy)/3 up to the
	// rounding of the printed scores.
	rows := regexp.MustCompile(`(?m)^(\d)\s+([A-Z]{2})\s+(\d+\.\d)\s+(\d+\.\d)\s+(\d+\.\d)\s+(\d+)$`).FindAllStringSubmatch(out, -1)
	require.Len(t, rows, 9, out)
	for i, r := range rows {
		assert.Equal(t, strconv.Itoa(i+1), r[1])
		assert.InDelta(t, (2*num(r[4])+num(r[5]))/3, num(r[3]), 0.1, r[0])
	}

	// Five measures ranked 1–5, each inside its own P5–P95 interval.
	table := out[strings.Index(out, "Priority measures:"):]
	measures := regexp.MustCompile(`(?m)^(\d)\s+(M-\S+)\s+(\d+\.\d)\s.*\s(\d+)–(\d+)$`).FindAllStringSubmatch(table, -1)
	require.Len(t, measures, 5, table)
	for i, m := range measures {
		rank := float64(i + 1)
		assert.Equal(t, strconv.Itoa(i+1), m[1])
		assert.True(t, num(m[4]) <= rank && rank <= num(m[5]), m[0])
	}

	svg, err := os.ReadFile(filepath.Join(dir, "custom-checklist.svg"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(svg, []byte("<?xml")) && bytes.Contains(svg[:300], []byte("<svg")), "the chart is an SVG file")
}

// TestChecklistYAMLIsIllustrative checks that the YAML file says, where a
// reader opens it, that it is illustrative and not a legal assessment, and
// that it loads on its own as gapstudy run --checklist would read it.
func TestChecklistYAMLIsIllustrative(t *testing.T) {
	b, err := os.ReadFile("checklist.yaml")
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("# ILLUSTRATIVE checklist")))
	assert.Contains(t, string(b), "NOT a legal assessment")
	f, err := os.Open("checklist.yaml")
	require.NoError(t, err)
	defer f.Close()
	cl, err := gapanalysis.LoadChecklist(f, "checklist.yaml")
	require.NoError(t, err)
	assert.Contains(t, cl.Title, "ILLUSTRATIVE")
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return v
}
