package gapstudy_test

import (
	"archive/zip"
	"bytes"
	"io"
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

// parts returns the uncompressed parts of an xlsx file by name, so that files
// are compared on content whatever the compressor.
func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		out[f.Name] = string(data)
	}
	return out
}

// TestSyntheticSurveyUpToDate checks that the committed file is what the
// generator writes now, so the two never drift apart.
func TestSyntheticSurveyUpToDate(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, synth.WriteXLSX(&buf, synth.Generate(cl, synth.DefaultSeed)))
	if bytes.Equal(buf.Bytes(), gapstudy.SyntheticSurvey) {
		return
	}
	// Same content with other compressed bytes (e.g. another Go release) is fine.
	want, got := parts(t, buf.Bytes()), parts(t, gapstudy.SyntheticSurvey)
	require.Equal(t, len(want), len(got), "testdata/%s is stale: run go generate ./internal/synth", gapstudy.SyntheticSurveyName)
	for name, w := range want {
		require.True(t, w == got[name], "testdata/%s: part %s is stale: run go generate ./internal/synth", gapstudy.SyntheticSurveyName, name)
	}
}

func TestSyntheticSurveyLabelled(t *testing.T) {
	assert.Equal(t, synth.Name, gapstudy.SyntheticSurveyName)
	assert.Contains(t, gapstudy.SyntheticSurveyName, "synthetic")

	f, err := excelize.OpenReader(bytes.NewReader(gapstudy.SyntheticSurvey))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Survey"}, f.GetSheetList())
	title, err := f.GetCellValue("Survey", "A1")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(title, "SYNTHETIC survey"), title)
	assert.Contains(t, title, "(seed 2026)")

	rows, err := f.GetRows("Survey")
	require.NoError(t, err)
	require.Greater(t, len(rows), 3)
	assert.Equal(t, []string{"Country", "Item", "Status", "Evidence", "Comment", "Respondent"}, rows[2])
	countries := map[string]bool{}
	for _, r := range rows[3:] {
		countries[r[0]] = true
	}
	assert.Len(t, countries, 27, "the 27 Member States")
}

// TestSyntheticSurveyImports reads the embedded file with the survey importer: it
// imports without a single diagnostic, every row is used, and the answers are
// those the generator made (every spelling of a status read as the same status).
func TestSyntheticSurveyImports(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	got, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName,
		&importers.Options{Checklist: cl})
	require.NoError(t, err)
	assert.Empty(t, got.Diagnostics)
	want := synth.Generate(cl, synth.DefaultSeed)
	require.Len(t, got.Accounts, 1)
	assert.Equal(t, len(want.Responses), got.Accounts[0].RowsRead)
	assert.True(t, got.Accounts[0].Balanced())
	withoutCell := func(rs []gapanalysis.Response) []gapanalysis.Response {
		out := make([]gapanalysis.Response, len(rs))
		for i, r := range rs {
			r.Source.Cell = ""
			out[i] = r
		}
		return out
	}
	assert.Equal(t, withoutCell(want.Responses), withoutCell(got.Responses))
}
