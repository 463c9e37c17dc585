package main

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/internal/synth"
)

func TestRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small-synthetic.xlsx")
	require.NoError(t, run([]string{"-o", path, "-respondents", "30", "-questions", "3"}, io.Discard))
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Responses"}, f.GetSheetList())
	rows, err := f.GetRows("Responses")
	require.NoError(t, err)
	require.Len(t, rows, 31)
	// The header: then the first three status items of the built-in checklist.
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	header := []string{"Respondent ID", "Country"}
	for _, p := range cl.Pillars {
		for _, th := range p.Themes {
			for _, it := range th.Items {
				if it.Type != gapanalysis.NumericItem && len(header) < 5 {
					header = append(header, string(it.ID))
				}
			}
		}
	}
	assert.Equal(t, header, rows[0])
	assert.Equal(t, []string{"R000001", "AT"}, rows[1][:2])
	assert.Equal(t, []string{"R000028", "AT"}, rows[28][:2], "countries in turn: the 28th respondent is Austrian again")
	for _, r := range rows[1:] {
		for _, a := range r[2:] {
			assert.Contains(t, []string{"Yes", "Partly", "No", "Don't know", "N/A", ""}, a)
		}
	}
	dim, err := f.GetSheetDimension("Responses")
	require.NoError(t, err)
	assert.Equal(t, "A1:E31", dim)
}

func TestRunRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"a name without synthetic", []string{"-o", filepath.Join(dir, "big.xlsx")}, `must contain "synthetic"`},
		{"no respondents", []string{"-o", filepath.Join(dir, "a-synthetic.xlsx"), "-respondents", "0"}, "-respondents 0 is out of range"},
		{"too many questions", []string{"-o", filepath.Join(dir, "a-synthetic.xlsx"), "-questions", "1000"}, "-questions 1000 is out of range"},
		{"an argument", []string{"-o", filepath.Join(dir, "a-synthetic.xlsx"), "extra"}, "unexpected arguments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := run(tc.args, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestExportMatchesFile checks synth.Export, which builds the same survey in
// memory for benchmarks and memory tests, against the file genbig writes as
// the importers read it: the same responses, in the same order, from the same
// cells.
func TestExportMatchesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), synth.ExportName)
	require.NoError(t, run([]string{"-o", path, "-respondents", "60", "-questions", "7", "-seed", "11"}, io.Discard))
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	ds, err := importers.Open(path, &importers.Options{Checklist: cl})
	require.NoError(t, err)
	for _, d := range ds.Diagnostics {
		require.Equal(t, gapanalysis.SevInfo, d.Severity, "%v", d)
	}
	want := synth.Export(cl, 60, 7, 11)
	assert.True(t, want.Synthetic)
	require.Equal(t, want.Responses.Len(), ds.Responses.Len())
	require.Greater(t, ds.Responses.Len(), 300, "about 90 % of 420 questions answered")
	for i := range ds.Responses.Len() {
		assert.Equal(t, want.Responses.At(i), ds.Responses.At(i), "response %d", i)
	}
}
