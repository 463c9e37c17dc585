package importers

import (
	"bytes"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// codeMessages returns the messages of the diagnostics with a code.
func codeMessages(ds *gapanalysis.Dataset, code gapanalysis.Code) []string {
	var out []string
	for _, d := range ds.Diagnostics {
		if d.Code == code {
			out = append(out, string(d.Severity)+": "+d.Message)
		}
	}
	return out
}

// TestTextWithoutHeader: text in a column whose header cell is empty is a
// warning naming the cells, in the long layout (CSV and workbook, one- and
// two-row headers) and in questionnaires; matrix and respondents sheets are
// tested with their diagnostics (layouts_test.go).
func TestTextWithoutHeader(t *testing.T) {
	const tail = "; give the column a header (or clear the cells) if it holds answers"
	t.Run("long csv", func(t *testing.T) {
		ds := readCSVString(t, "Country,Item,Status,,Comment\nAT,D-3.4,yes,lost text,c\nBE,D-3.4,no,,,beyond\n\nCZ,D-3.4,no\n", "s.csv", testOptions())
		assert.Len(t, ds.Responses.Slice(), 3)
		assert.Equal(t, []string{"warning: 2 values in columns without a header were not read: D2, F3" + tail},
			codeMessages(ds, gapanalysis.CodeUnnamedColumn))
	})
	t.Run("long xlsx, two-row header", func(t *testing.T) {
		b := xlsxBytes(t, sheet{"S", [][]any{
			{"Country", "Item", "Answer", "", ""},
			{"", "", "Status", "Evidence", ""},
			{"AT", "D-3.4", "yes", "StGB", "a note"},
		}})
		ds := readXLSXBytes(t, b, "s.xlsx", testOptions())
		require.Len(t, ds.Responses.Slice(), 1)
		assert.Equal(t, "StGB", ds.Responses.At(0).Evidence)
		assert.Equal(t, []string{"warning: 1 value in columns without a header was not read: E3" + tail},
			codeMessages(ds, gapanalysis.CodeUnnamedColumn))
	})
	t.Run("questionnaire", func(t *testing.T) {
		cl := questionnaireChecklist(t)
		data := fillQuestionnaire(t, templateFor(t, cl, "AT"), qCell("F4", "yes"), qCell("L4", "my real comment"))
		ds, err := ReadXLSX(bytes.NewReader(data), "q.xlsx", &Options{Checklist: cl})
		require.NoError(t, err)
		assert.Equal(t, []string{"warning: 1 value in columns without a header was not read: L4" + tail},
			codeMessages(ds, gapanalysis.CodeUnnamedColumn))
	})
}

// TestOverwrittenNotBoundAnswer: an expert who unprotects the questionnaire
// and overwrites the prefilled "na" of an item that does not bind the country
// gets a warning naming the cell.
func TestOverwrittenNotBoundAnswer(t *testing.T) {
	cl := questionnaireChecklist(t)
	data := fillQuestionnaire(t, templateFor(t, cl, "DK"), qCell("F4", "yes"), qCell("F5", nil), qCell("F9", "partly"))
	ds, err := ReadXLSX(bytes.NewReader(data), "questionnaire-DK.xlsx", &Options{Checklist: cl})
	require.NoError(t, err)
	requireBalanced(t, ds)
	var got []string
	for _, d := range ds.Diagnostics {
		if d.Code == gapanalysis.CodeNotBoundAnswer {
			got = append(got, d.Sheet+"!"+d.Cell+" "+string(d.Severity)+": "+d.Message)
		}
	}
	assert.Equal(t, []string{
		report.SheetQuestionnaire + `!F4 warning: item D-3.4 does not bind Denmark (DK), so the questionnaire prefilled its status "na" and locked the cell, ` +
			`but the cell says "yes": the sheet was unprotected and the answer changed. The answer is kept as written; the item is not applicable to DK in the results whatever it says`,
		report.SheetQuestionnaire + `!F5 warning: item D-3.5 does not bind Denmark (DK), so the questionnaire prefilled its status "na" and locked the cell, ` +
			`but the cell is empty: the sheet was unprotected and the answer changed. The answer is kept as written; the item is not applicable to DK in the results whatever it says`,
	}, got, "D-5.2 keeps its na; BP-HOTLINE binds Denmark")
}

// TestRenamedCover: a questionnaire whose Cover sheet was renamed is still
// recognised by its content.
func TestRenamedCover(t *testing.T) {
	cl := questionnaireChecklist(t)
	data := fillQuestionnaire(t, templateFor(t, cl, "AT"), coverEdit(report.CoverRespondent, "Expert A"), qCell("F4", "yes"))
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	require.NoError(t, f.SetSheetName(report.SheetCover, "Deckblatt"))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	require.NoError(t, f.Close())

	ds, err := ReadXLSX(bytes.NewReader(buf.Bytes()), "renamed.xlsx", &Options{Checklist: cl})
	require.NoError(t, err)
	requireBalanced(t, ds)
	require.Len(t, ds.Accounts, 1)
	assert.Equal(t, LayoutQuestionnaire, ds.Accounts[0].Layout)
	assert.Equal(t, report.SheetQuestionnaire, ds.Accounts[0].Sheet)
	got := map[string]string{}
	for _, r := range ds.Responses.All() {
		got[string(r.Item)] = r.Status.String() + " " + r.Respondent
	}
	assert.Equal(t, "full Expert A", got["D-3.4"])
	for _, d := range ds.Diagnostics {
		assert.NotEqual(t, gapanalysis.SevError, d.Severity, d.Error())
	}
}
