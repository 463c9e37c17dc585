package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgressExample runs the notebook (with a folder for the chart) and
// checks that it prints what its steps promise: the
// headline, the countries that moved most, the items where gaps remain, the
// known-issue verdicts, and the path of the chart, which is a PNG file.
func TestProgressExample(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, dir))
	out := buf.String()

	for _, want := range []string{
		"SYNTHETIC waves: ",
		"SYNTHETIC DATA — progress since the earlier wave",
		"Countries with the largest index changes (five rises, three falls):",
		"Items where most gaps remain:",
		// The register the generator made: 21 rows with this mix of verdicts.
		"Known issues (SYNTHETIC register, 21 rows, 0 diagnostics): 8 resolved, 8 remaining, 2 not applicable, 3 unknown",
		"SYNTHETIC COM-like report 1",
		"Chart of old against new index: " + filepath.Join(dir, "progress.png"),
	} {
		assert.Contains(t, out, want)
	}

	// The headline adds up: every one of the 27 countries is improved, worsened
	// or unchanged, and most gaps of the earlier wave are still open.
	var closed, open, improved, remaining, worsened, newGaps, up, down, same int
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Gaps then:") {
			_, err := fmt.Sscanf(line, "Gaps then: %d closed, %d still open (%d improved, %d remaining, %d worsened); %d new gaps",
				&closed, &open, &improved, &remaining, &worsened, &newGaps)
			require.NoError(t, err, line)
		}
		if strings.HasPrefix(line, "Countries: ") {
			_, err := fmt.Sscanf(line, "Countries: %d improved, %d worsened, %d unchanged", &up, &down, &same)
			require.NoError(t, err, line)
		}
	}
	assert.Equal(t, 27, up+down+same)
	assert.Greater(t, up, down)
	assert.Equal(t, open, improved+remaining+worsened)
	assert.Greater(t, open, closed)
	assert.Positive(t, closed)
	assert.Positive(t, newGaps)

	png, err := os.ReadFile(filepath.Join(dir, "progress.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "the chart is a PNG file")
}
