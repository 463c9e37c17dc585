package cli

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDemoPlots checks that --plots writes the two PNG plots of the uncertainty
// analysis, and that asking for them without a Monte Carlo analysis is a usage
// error.
func TestDemoPlots(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "plots")
	code, _, errOut := runCLI(t, "demo", "-o", filepath.Join(t.TempDir(), "s.xlsx"),
		"--samples", "100", "--sobol", "16", "--plots", dir)
	require.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, errOut, "wrote plots to "+dir)
	for _, name := range []string{"rank-intervals.png", "sobol.png"} {
		fh, err := os.Open(filepath.Join(dir, name))
		require.NoError(t, err, name)
		cfg, err := png.DecodeConfig(fh)
		fh.Close()
		require.NoError(t, err, name)
		assert.Equal(t, 1536, cfg.Width, name)
	}

	code, _, errOut = runCLI(t, "demo", "--samples", "0", "-o", filepath.Join(t.TempDir(), "s.xlsx"), "--plots", filepath.Join(t.TempDir(), "p"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "--plots")
}
