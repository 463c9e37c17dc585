package gapstudy_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
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

// TestSyntheticSurveyUpToDate checks that the committed files are what the
// generator writes now, so the two never drift apart.
func TestSyntheticSurveyUpToDate(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	tests := []struct {
		name     string
		embedded []byte
		write    func(io.Writer) error
	}{
		{gapstudy.SyntheticSurveyName, gapstudy.SyntheticSurvey, func(w io.Writer) error {
			return synth.WriteXLSX(w, synth.Generate(cl, synth.DefaultSeed))
		}},
		{gapstudy.SyntheticBaselineName, gapstudy.SyntheticBaseline, func(w io.Writer) error {
			return synth.WriteXLSX(w, synth.GenerateBaseline(cl, synth.DefaultSeed))
		}},
		{gapstudy.SyntheticKnownIssuesName, gapstudy.SyntheticKnownIssues, func(w io.Writer) error {
			return synth.WriteKnownIssuesXLSX(w, synth.KnownIssues(cl, synth.DefaultSeed), synth.DefaultSeed)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, tc.write(&buf))
			if bytes.Equal(buf.Bytes(), tc.embedded) {
				return
			}
			// Same content with other compressed bytes (e.g. another Go release) is fine.
			want, got := parts(t, buf.Bytes()), parts(t, tc.embedded)
			require.Equal(t, len(want), len(got), "testdata/%s is stale: run go generate ./internal/synth", tc.name)
			for name, w := range want {
				require.True(t, w == got[name], "testdata/%s: part %s is stale: run go generate ./internal/synth", tc.name, name)
			}
		})
	}
	t.Run(synth.KnownIssuesCSVName, func(t *testing.T) {
		var buf bytes.Buffer
		require.NoError(t, synth.WriteKnownIssuesCSV(&buf, synth.KnownIssues(cl, synth.DefaultSeed), synth.DefaultSeed))
		got, err := os.ReadFile(filepath.Join("testdata", synth.KnownIssuesCSVName))
		require.NoError(t, err)
		require.True(t, bytes.Equal(buf.Bytes(), got), "testdata/%s is stale: run go generate ./internal/synth", synth.KnownIssuesCSVName)
	})
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
	assert.Equal(t, want.Responses.Len(), got.Accounts[0].RowsRead)
	assert.True(t, got.Accounts[0].Balanced())
	withoutCell := func(rs []gapanalysis.Response) []gapanalysis.Response {
		out := make([]gapanalysis.Response, len(rs))
		for i, r := range rs {
			r.Source.Cell = ""
			out[i] = r
		}
		return out
	}
	assert.Equal(t, withoutCell(want.Responses.Slice()), withoutCell(got.Responses.Slice()))
}

// TestSyntheticBaseline checks the embedded earlier wave: labelled synthetic in
// its name and title row, the same 27 countries, and it imports without a
// single diagnostic as the answers the generator made.
func TestSyntheticBaseline(t *testing.T) {
	assert.Equal(t, synth.BaselineName, gapstudy.SyntheticBaselineName)
	assert.Contains(t, gapstudy.SyntheticBaselineName, "synthetic")
	f, err := excelize.OpenReader(bytes.NewReader(gapstudy.SyntheticBaseline))
	require.NoError(t, err)
	defer f.Close()
	title, err := f.GetCellValue("Survey", "A1")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(title, "SYNTHETIC survey, earlier wave"), title)
	assert.Contains(t, title, "(seed 2026)")

	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	got, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticBaseline), gapstudy.SyntheticBaselineName,
		&importers.Options{Checklist: cl})
	require.NoError(t, err)
	assert.Empty(t, got.Diagnostics)
	want := synth.GenerateBaseline(cl, synth.DefaultSeed)
	require.Len(t, got.Accounts, 1)
	assert.True(t, got.Accounts[0].Balanced())
	assert.Equal(t, want.Responses.Len(), got.Accounts[0].RowsRead)
	assert.Equal(t, gapanalysis.EU27(), got.Countries())
	for i, r := range got.Responses.All() {
		w := want.Responses.At(i)
		require.Equal(t, []any{w.Country, w.Item, w.Status, w.Respondent}, []any{r.Country, r.Item, r.Status, r.Respondent}, "row %d", i)
	}
}

// TestSyntheticKnownIssues checks the embedded register: labelled synthetic in
// its name and title row, and its rows are the generator's, with synthetic
// sources.
func TestSyntheticKnownIssues(t *testing.T) {
	assert.Equal(t, synth.KnownIssuesName, gapstudy.SyntheticKnownIssuesName)
	assert.Contains(t, gapstudy.SyntheticKnownIssuesName, "synthetic")
	f, err := excelize.OpenReader(bytes.NewReader(gapstudy.SyntheticKnownIssues))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Known issues")
	require.NoError(t, err)
	require.Greater(t, len(rows), 3)
	assert.True(t, strings.HasPrefix(rows[0][0], "SYNTHETIC known-issues register"), rows[0][0])
	assert.Equal(t, []string{"Country", "Item", "Source", "Date", "Note"}, rows[2])
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	want := synth.KnownIssues(cl, synth.DefaultSeed)
	require.Len(t, rows[3:], len(want))
	for i, r := range rows[3:] {
		assert.Equal(t, []string{string(want[i].Country), string(want[i].Item), want[i].Source, want[i].Date, want[i].Note}, r)
		assert.True(t, strings.HasPrefix(r[2], "SYNTHETIC "), r[2])
	}
}

// TestSyntheticKnownIssuesRead reads the embedded register and its CSV twin with
// the register reader: no diagnostic, every row an issue as generated, and
// judged against the embedded current survey the verdicts are the mix the
// generator picked (8 resolved, 8 remaining, 2 not applicable, 3 unknown).
func TestSyntheticKnownIssuesRead(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	want := synth.KnownIssues(cl, synth.DefaultSeed)
	csvBytes, err := os.ReadFile(filepath.Join("testdata", synth.KnownIssuesCSVName))
	require.NoError(t, err)
	for name, b := range map[string][]byte{
		gapstudy.SyntheticKnownIssuesName: gapstudy.SyntheticKnownIssues, synth.KnownIssuesCSVName: csvBytes,
	} {
		t.Run(name, func(t *testing.T) {
			issues, ds, err := importers.ReadKnownIssues(bytes.NewReader(b), name, &importers.Options{Checklist: cl})
			require.NoError(t, err)
			assert.Empty(t, ds.Diagnostics)
			require.Len(t, issues, len(want))
			for i, k := range issues {
				w := want[i]
				item := w.Item
				if it := cl.Item(item); it == nil {
					for _, it := range cl.Items() {
						if it.Ref == string(w.Item) {
							item = it.ID
						}
					}
				}
				assert.Equal(t, []string{string(w.Country), string(item), w.Source, w.Date, w.Note},
					[]string{string(k.Country), string(k.Item), k.Source, k.Date, k.Note}, "row %d", i)
			}

			survey, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName,
				&importers.Options{Checklist: cl})
			require.NoError(t, err)
			res, err := gapanalysis.Analyze(cl, survey, gapanalysis.DefaultConfig())
			require.NoError(t, err)
			verdicts := map[gapanalysis.Verdict]int{}
			for _, v := range gapanalysis.JudgeKnownIssues(res, issues) {
				verdicts[v.Verdict]++
			}
			assert.Equal(t, map[gapanalysis.Verdict]int{
				gapanalysis.VerdictResolved: 8, gapanalysis.VerdictRemaining: 8,
				gapanalysis.VerdictNotApplicable: 2, gapanalysis.VerdictUnknown: 3,
			}, verdicts)
		})
	}
}
