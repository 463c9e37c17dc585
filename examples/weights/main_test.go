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

// TestWeightsExample runs the notebook and checks what its steps promise: a
// rank for every candidate measure under each of the three scenarios, the
// measures in the top five under all of them (worked out again from the
// table), and the chart.
func TestWeightsExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	out := buf.String()

	for _, want := range []string{
		"SYNTHETIC survey: ",
		"SYNTHETIC DATA — rank of each measure under each scenario:",
		"all criteria, weight 1 (wsm)  same, topsis  gaps count twice, cost once",
		"Chart of the ranks under the scenarios: " + filepath.Join(dir, "weights.png"),
	} {
		assert.Contains(t, out, want)
	}
	m := regexp.MustCompile(`SYNTHETIC survey: \d+ responses, (\d+) candidate measures`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	measures, _ := strconv.Atoi(m[1])

	// One row per measure, three ranks in 1…measures; each scenario has a first.
	rows := regexp.MustCompile(`(?m)^(M-\S+)\s+(\d+)\s+(\d+)\s+(\d+)$`).FindAllStringSubmatch(out, -1)
	require.Len(t, rows, measures, out)
	var want []string
	firsts := make([]int, 3)
	for _, r := range rows {
		top := true
		for s := range 3 {
			rank, _ := strconv.Atoi(r[2+s])
			assert.True(t, rank >= 1 && rank <= measures, "rank %d of %s", rank, r[1])
			if rank == 1 {
				firsts[s]++
			}
			top = top && rank <= 5
		}
		if top {
			want = append(want, r[1])
		}
	}
	for s, n := range firsts {
		assert.Positive(t, n, "scenario %d has a first measure", s)
	}
	assert.Contains(t, out, "In the top 5 under every scenario ("+strconv.Itoa(len(want))+"): "+strings.Join(want, ", ")+"\n")

	png, err := os.ReadFile(filepath.Join(dir, "weights.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "the chart is a PNG file")
}
