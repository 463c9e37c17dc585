package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPanelExample runs the example as a user would (go run, with a folder for
// the chart) and checks that it prints what its steps promise: the panel, W
// for each expert criterion, the widest disagreements, consistent AHP weights
// that add up to 1, the two rankings compared, and the chart, a PNG file.
func TestPanelExample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the example")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "run", ".", dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	out := stdout.String()
	for _, want := range []string{
		"SYNTHETIC panel: 7 experts, ",
		"SYNTHETIC DATA — panel of 7 experts (median)",
		"Where the experts disagree most",
		"Top 10 with the panel and AHP weights:",
		"Chart of default against panel rank: " + filepath.Join(dir, "panel-ranks.png"),
	} {
		assert.Contains(t, out, want)
	}
	var ws, weights []float64
	var lambda, cr, rho float64
	var measures int
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 5 && (f[0] == "impact" || f[0] == "feasibility" || f[0] == "cost") {
			var w float64
			_, err := fmt.Sscan(f[1], &w)
			require.NoError(t, err, line)
			ws = append(ws, w)
		}
		if strings.HasPrefix(line, "AHP weights") {
			_, err := fmt.Sscanf(line, "AHP weights (λmax %g, CR %g):", &lambda, &cr)
			require.NoError(t, err, line)
			for i := 6; i+1 < len(f); i += 2 { // after "AHP weights (λmax L, CR C):"
				var w float64
				_, err := fmt.Sscan(f[i+1], &w)
				require.NoError(t, err, line)
				weights = append(weights, w)
			}
		}
		if strings.HasPrefix(line, "Spearman's rho") {
			_, err := fmt.Sscanf(line, "Spearman's rho, default against panel ranking: %g over %d measures", &rho, &measures)
			require.NoError(t, err, line)
		}
	}
	require.Len(t, ws, 3, "W for each of the three expert criteria")
	for _, w := range ws {
		assert.True(t, w > 0 && w <= 1, "W %g in (0, 1]", w)
	}
	require.Len(t, weights, 4)
	var sum float64
	for _, w := range weights {
		sum += w
	}
	assert.InDelta(t, 1, sum, 0.002, "the weights add up to 1 (as printed, 3 decimals)")
	assert.GreaterOrEqual(t, lambda, 4.0, "λmax ≥ n")
	assert.Less(t, cr, 0.1, "the example's judgements are consistent")
	assert.True(t, rho > -1 && rho < 1, "rho %g", rho)
	assert.Positive(t, measures)

	png, err := os.ReadFile(filepath.Join(dir, "panel-ranks.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "the chart is a PNG file")
}
