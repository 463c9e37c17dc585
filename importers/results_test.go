package importers_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// laterWave is a made-up later wave of a survey: Austria answers full
// everywhere it answered, Belgium none, and France no longer answers.
func laterWave(ds *gapanalysis.Dataset) *gapanalysis.Dataset {
	out := &gapanalysis.Dataset{Label: "later wave (synthetic)", Synthetic: true}
	for _, r := range ds.Responses.All() {
		switch r.Country {
		case "AT":
			if r.Status != gapanalysis.StatusUnknown && r.Status != gapanalysis.StatusNA {
				r.Status = gapanalysis.StatusFull
			}
		case "BE":
			if r.Status != gapanalysis.StatusUnknown && r.Status != gapanalysis.StatusNA {
				r.Status = gapanalysis.StatusNone
			}
		case "FR":
			continue
		}
		out.Responses.Append(r)
	}
	return out
}

// TestResultsWorkbookAsWave: the results workbook of a run, read back, is the
// survey it came from (its Data sheet only), so it gives the same comparison
// with a later wave as the survey does.
func TestResultsWorkbookAsWave(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	opts := &importers.Options{Checklist: cl}
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 0

	survey, err := importers.Open(filepath.Join("..", "testdata", "synthetic-eu27-survey.xlsx"), opts)
	require.NoError(t, err)
	fromSurvey, err := gapanalysis.Analyze(cl, survey, cfg)
	require.NoError(t, err)

	path := filepath.Join(t.TempDir(), "results.xlsx")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, report.WriteWorkbook(f, fromSurvey, nil))
	require.NoError(t, f.Close())

	back, err := importers.Open(path, opts)
	require.NoError(t, err)
	require.Len(t, back.Accounts, 1, "only the Data sheet is read")
	assert.True(t, back.Synthetic, "the Methodology sheet says the data are synthetic")
	assert.Equal(t, "Data", back.Accounts[0].Sheet)
	assert.True(t, back.Accounts[0].Balanced())
	assert.Equal(t, survey.Responses.Len(), back.Responses.Len())
	var note *gapanalysis.Diagnostic
	for i, d := range back.Diagnostics {
		assert.NotEqual(t, gapanalysis.SevError, d.Severity, d.Error())
		assert.NotEqual(t, gapanalysis.SevWarning, d.Severity, d.Error())
		if d.Code == gapanalysis.CodeResultsWorkbook {
			note = &back.Diagnostics[i]
		}
	}
	require.NotNil(t, note)
	assert.Equal(t, gapanalysis.SevInfo, note.Severity)
	assert.Equal(t, "results.xlsx", note.File)

	fromWorkbook, err := gapanalysis.Analyze(cl, back, cfg)
	require.NoError(t, err)
	later, err := gapanalysis.Analyze(cl, laterWave(survey), cfg)
	require.NoError(t, err)

	want, err := gapanalysis.Compare(fromSurvey, later)
	require.NoError(t, err)
	got, err := gapanalysis.Compare(fromWorkbook, later)
	require.NoError(t, err)

	require.Len(t, got.Changes, len(want.Changes))
	closed := 0
	for i, w := range want.Changes {
		g := got.Changes[i]
		assert.Equal(t, w.Country, g.Country)
		assert.Equal(t, w.Item, g.Item)
		assert.Equal(t, w.Transition, g.Transition, "%s/%s", w.Country, w.Item)
		assert.Equal(t, w.Old, g.Old)
		assert.Equal(t, w.OldScore.Known, g.OldScore.Known)
		assert.InDelta(t, w.OldScore.Value, g.OldScore.Value, 1e-12)
		if w.Transition == gapanalysis.TransClosed {
			closed++
		}
	}
	assert.Positive(t, closed, "Austria closes gaps in the later wave")
	require.Len(t, got.Countries, len(want.Countries))
	for i, w := range want.Countries {
		g := got.Countries[i]
		assert.Equal(t, w.Code, g.Code)
		assert.Equal(t, w.InOld, g.InOld)
		assert.Equal(t, w.RankOld, g.RankOld, w.Code)
		assert.Equal(t, w.Delta.Known, g.Delta.Known)
		assert.InDelta(t, w.Delta.Value, g.Delta.Value, 1e-9, w.Code)
		assert.Equal(t, w.Counts, g.Counts, w.Code)
	}
	assert.Equal(t, want.Items, got.Items)
	require.Len(t, got.Measures, len(want.Measures))
	for i, w := range want.Measures {
		assert.Equal(t, w.ID, got.Measures[i].ID)
		assert.InDelta(t, w.GapPointsOld, got.Measures[i].GapPointsOld, 1e-9)
	}
}

// TestResultsWorkbookSheetsAsked: with Options.Sheets the sheets asked for are
// read, results workbook or not.
func TestResultsWorkbookSheetsAsked(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 0
	survey, err := importers.Open(filepath.Join("..", "testdata", "synthetic-eu27-survey.xlsx"), &importers.Options{Checklist: cl})
	require.NoError(t, err)
	res, err := gapanalysis.Analyze(cl, survey, cfg)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "results.xlsx")
	f, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, report.WriteWorkbook(f, res, nil))
	require.NoError(t, f.Close())

	ds, err := importers.Open(path, &importers.Options{Checklist: cl, Sheets: []string{"Gaps"}})
	require.NoError(t, err)
	require.Len(t, ds.Accounts, 1)
	assert.Equal(t, "Gaps", ds.Accounts[0].Sheet)
	for _, d := range ds.Diagnostics {
		assert.NotEqual(t, gapanalysis.CodeResultsWorkbook, d.Code)
	}
}
