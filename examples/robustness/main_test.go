package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRobustnessExample runs the notebook and checks what its steps promise:
// ten rank intervals that hold their median, Sobol indices for the five
// uncertain inputs, agreement for every pair of the four methods, and the
// chart.
func TestRobustnessExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	out := buf.String()

	for _, want := range []string{
		"SYNTHETIC survey: ",
		"5000 Monte Carlo samples",
		"SYNTHETIC DATA — rank intervals of the top ten measures",
		"Sobol indices on mean_abs_rank_shift (N = 1024, ",
		"Agreement between ranking methods:",
		"Chart of the rank intervals: " + filepath.Join(dir, "rank-intervals.png"),
	} {
		assert.Contains(t, out, want)
	}

	// Ranks 1–10, each with P5 ≤ median ≤ P95 and a probability in [0, 1].
	rows := regexp.MustCompile(`(?m)^(\d+)\s+(M-\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)–(\d+(?:\.\d+)?)\s+([01]\.\d\d)$`).FindAllStringSubmatch(out, -1)
	require.Len(t, rows, 10, out)
	for i, r := range rows {
		assert.Equal(t, strconv.Itoa(i+1), r[1])
		med, lo, hi, p := num(r[3]), num(r[4]), num(r[5]), num(r[6])
		assert.True(t, lo <= med && med <= hi, "%s: %v ≤ %v ≤ %v", r[2], lo, med, hi)
		assert.True(t, lo >= 1 && p >= 0 && p <= 1, r[0])
	}

	// The five uncertain inputs, each with a total index inside [−0.1, 1.1]
	// (estimates may stray a little outside [0, 1]).
	for _, in := range []string{"partial", "checklist_weights", "criteria_weights", "missing_rule", "method"} {
		m := regexp.MustCompile(`(?m)^` + in + `\s+(-?\d\.\d\d)\s+(-?\d\.\d\d)\s+(-?\d\.\d\d)–(-?\d\.\d\d)$`).FindStringSubmatch(out)
		if assert.NotNil(t, m, in) {
			total := num(m[2])
			assert.True(t, total >= -0.1 && total <= 1.1, "%s: total %v", in, total)
			assert.LessOrEqual(t, num(m[3]), num(m[4]), in)
		}
	}

	// Four methods, six pairs, correlations in [−1, 1].
	pairs := regexp.MustCompile(`(?m)^(wsm|topsis|promethee2|vikor)\s+(wsm|topsis|promethee2|vikor)\s+(-?\d\.\d\d)\s+(-?\d\.\d\d)\s+(-?\d\.\d\d)$`).FindAllStringSubmatch(out, -1)
	require.Len(t, pairs, 6, out)
	for _, p := range pairs {
		assert.NotEqual(t, p[1], p[2])
		for _, v := range p[3:] {
			assert.InDelta(t, 0, num(v), 1, p[0])
		}
	}

	png, err := os.ReadFile(filepath.Join(dir, "rank-intervals.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "the chart is a PNG file")
}

func num(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return v
}
