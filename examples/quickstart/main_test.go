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
)

// TestQuickstartExample runs the notebook and checks what its steps promise:
// the checklist and survey counts, the ten countries in rank order, five gaps
// of the weakest country with their cells, five measures whose criterion
// contributions add up to their score, and the chart.
func TestQuickstartExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	out := buf.String()

	for _, want := range []string{
		"Checklist dir-2011-93: ",
		"SYNTHETIC survey: ",
		"SYNTHETIC DATA — the five best and five weakest countries:",
		"Top priority measures (weighted sum):",
		"Chart of the index by country: " + filepath.Join(dir, "quickstart.png"),
	} {
		assert.Contains(t, out, want)
	}
	assert.Regexp(t, `SYNTHETIC survey: \d+ responses, 27 countries, 0 diagnostics`, out)

	// Ranks 1–5 and 23–27, the index falling down the table.
	rows := regexp.MustCompile(`(?m)^(\d+)\s+(\S.*?)\s+(\d+\.\d)\s+\d+%`).FindAllStringSubmatch(out, -1)
	require.Len(t, rows, 10, out)
	var ranks []int
	prev := 101.0
	for _, r := range rows {
		rank, _ := strconv.Atoi(r[1])
		ranks = append(ranks, rank)
		idx, _ := strconv.ParseFloat(r[3], 64)
		assert.LessOrEqual(t, idx, prev, "index falls with the rank: %s", r[0])
		prev = idx
	}
	assert.Equal(t, []int{1, 2, 3, 4, 5, 23, 24, 25, 26, 27}, ranks)

	// Five gaps of the weakest country, each with a source cell of the survey.
	gaps := regexp.MustCompile(`(?m)^\S+\s+(none|partial)\s+\d+\.\d\d points\s+synthetic-eu27-survey\.xlsx!Survey!C\d+$`).FindAllString(out, -1)
	assert.Len(t, gaps, 5, out)

	// The contributions of each measure add up to its score (each printed to
	// 0.1, so within 0.05 per criterion).
	measures := strings.Split(out[strings.Index(out, "Top priority measures"):strings.Index(out, "Chart of")], "\n")
	head := regexp.MustCompile(`^(\d)\. \S+ .* score (\d+\.\d)$`)
	contrib := regexp.MustCompile(`contribution\s+(-?\d+\.\d)\s*$`)
	var n, k int
	score, sum := 0.0, 0.0
	check := func() {
		if n > 0 {
			assert.InDelta(t, score, sum, 0.05*float64(k)+0.05, "measure %d", n)
		}
	}
	for _, line := range measures {
		if m := head.FindStringSubmatch(line); m != nil {
			check()
			n++
			score, _ = strconv.ParseFloat(m[2], 64)
			sum, k = 0, 0
		} else if m := contrib.FindStringSubmatch(line); m != nil {
			v, _ := strconv.ParseFloat(m[1], 64)
			sum += v
			k++
		}
	}
	check()
	assert.Equal(t, 5, n)

	png, err := os.ReadFile(filepath.Join(dir, "quickstart.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "the chart is a PNG file")
}
