package gapstudy_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// TestSyntheticPanel checks the embedded expert panel: what the generator
// writes now, labelled synthetic in its name and title row, and read back by
// the panel importer without a diagnostic as the ratings the generator made.
func TestSyntheticPanel(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	want := synth.Panel(cl, synth.DefaultSeed)
	var buf bytes.Buffer
	require.NoError(t, synth.WritePanelXLSX(&buf, want, synth.DefaultSeed))
	if !bytes.Equal(buf.Bytes(), gapstudy.SyntheticPanel) {
		w, g := parts(t, buf.Bytes()), parts(t, gapstudy.SyntheticPanel)
		require.Equal(t, w, g, "testdata/%s is stale: run go generate ./internal/synth", synth.PanelName)
	}

	assert.Equal(t, synth.PanelName, gapstudy.SyntheticPanelName)
	assert.Contains(t, gapstudy.SyntheticPanelName, "synthetic")
	f, err := excelize.OpenReader(bytes.NewReader(gapstudy.SyntheticPanel))
	require.NoError(t, err)
	defer f.Close()
	title, err := f.GetCellValue(synth.PanelSheet, "A1")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(title, "SYNTHETIC expert panel"), title)

	p, err := importers.ReadPanel(bytes.NewReader(gapstudy.SyntheticPanel), gapstudy.SyntheticPanelName, &importers.Options{Checklist: cl})
	require.NoError(t, err)
	assert.Empty(t, p.Diagnostics)
	assert.Equal(t, want, p.Ratings)
	assert.True(t, p.Synthetic, "the file name says synthetic")
	assert.Len(t, p.Experts(), synth.PanelExperts)
	n := len(cl.Measures) * len(cl.Criteria)
	assert.Greater(t, len(p.Ratings), n*synth.PanelExperts*9/10, "few ratings left empty")
	for _, r := range p.Ratings {
		assert.True(t, r.Value >= 1 && r.Value <= 5 && r.Value == float64(int(r.Value)), "%v", r)
	}
}
