package importers

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// questionnaireChecklist is testChecklist with Denmark not bound by the
// Directive. Its questionnaire has, below the header in row 1:
//
//	2 Legal compliance  3 Offences  4 D-3.4  5 D-3.5  6 D-5.2
//	7 Best practice     8 Reporting 9 BP-HOTLINE  10 N-CASES (numeric)
//
// and the columns F Status, G Evidence, H Comment, I Value.
func questionnaireChecklist(t testing.TB) *gapanalysis.Checklist {
	t.Helper()
	cl := testChecklist()
	cl.Instrument.NotBound = []gapanalysis.CountryCode{"DK"}
	require.NoError(t, cl.Validate())
	return cl
}

// templateFor writes the questionnaire of a country.
func templateFor(t testing.TB, cl *gapanalysis.Checklist, country gapanalysis.CountryCode) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteTemplate(&buf, cl, country, nil))
	return buf.Bytes()
}

// qEdit is a change to a questionnaire: a value for a cell of a sheet, or, with
// label, for the value cell of the Cover's field with that label.
type qEdit struct {
	sheet, cell, label string
	value              any // nil clears the cell
}

// fill applies edits to a workbook with excelize, as a respondent's
// spreadsheet program would (sheet protection does not stop a program).
func fillQuestionnaire(t testing.TB, data []byte, edits ...qEdit) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	for _, e := range edits {
		cell := e.cell
		if e.label != "" {
			cell = coverValueCell(t, f, e.label)
		}
		sheet := e.sheet
		if sheet == "" {
			sheet = report.SheetCover
		}
		if e.value == nil {
			require.NoError(t, f.SetCellValue(sheet, cell, ""))
			continue
		}
		require.NoError(t, f.SetCellValue(sheet, cell, e.value))
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// coverValueCell returns the cell (column B) of the Cover's field with a label.
func coverValueCell(t testing.TB, f *excelize.File, label string) string {
	t.Helper()
	rows, err := f.GetRows(report.SheetCover)
	require.NoError(t, err)
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return cellName(1, i+1)
		}
	}
	t.Fatalf("the Cover has no field %q", label)
	return ""
}

// qCell is an edit of a cell of the Questionnaire sheet.
func qCell(cell string, v any) qEdit {
	return qEdit{sheet: report.SheetQuestionnaire, cell: cell, value: v}
}

// coverEdit is an edit of the value of a Cover field.
func coverEdit(label string, v any) qEdit { return qEdit{label: label, value: v} }

// diagText is a diagnostic reduced to what the tests compare, with its message.
type diagText struct {
	Sev   gapanalysis.Severity
	Code  gapanalysis.Code
	Sheet string
	Cell  string
	Msg   string
}

func diagTexts(ds *gapanalysis.Dataset) []diagText {
	var out []diagText
	for _, d := range ds.Diagnostics {
		out = append(out, diagText{d.Severity, d.Code, d.Sheet, d.Cell, d.Message})
	}
	return out
}

// answer is a response as the questionnaire tests compare it.
type qAnswer struct {
	Item       gapanalysis.ItemID
	Status     gapanalysis.Status
	Value      float64
	HasValue   bool
	Evidence   string
	Comment    string
	Respondent string
	Cell       string
}

func qAnswers(ds *gapanalysis.Dataset, country gapanalysis.CountryCode, file string) []qAnswer {
	var out []qAnswer
	for _, r := range ds.Responses.All() {
		if r.Country != country || r.Source.File != file || r.Source.Sheet != report.SheetQuestionnaire {
			continue
		}
		out = append(out, qAnswer{r.Item, r.Status, r.Value, r.HasValue, r.Evidence, r.Comment, r.Respondent, r.Source.Cell})
	}
	return out
}

const (
	qLayoutNote = "read in the questionnaire layout (detected): header in row 1, "
	stFull      = gapanalysis.StatusFull
	stPartial   = gapanalysis.StatusPartial
	stUnknown   = gapanalysis.StatusUnknown
	stNA        = gapanalysis.StatusNA
)

func TestQuestionnaireRoundTrip(t *testing.T) {
	cl := questionnaireChecklist(t)
	at := templateFor(t, cl, "AT")
	const file = "questionnaire-AT-test.xlsx"
	me := "Jane Doe (Ministry of Justice)"
	unanswered := []qAnswer{
		{"D-3.4", stUnknown, 0, false, "", "", "", "F4"},
		{"D-3.5", stUnknown, 0, false, "", "", "", "F5"},
		{"D-5.2", stUnknown, 0, false, "", "", "", "F6"},
		{"BP-HOTLINE", stUnknown, 0, false, "", "", "", "F9"},
		{"N-CASES", stUnknown, 0, false, "", "", "", "F10"},
	}
	tests := []struct {
		name    string
		data    []byte
		country gapanalysis.CountryCode
		want    []qAnswer
		diags   []diagText
		acct    [4]int // rows read, used, reported, blank
	}{
		{
			name: "filled in",
			data: fillQuestionnaire(t, at,
				coverEdit(report.CoverRespondent, "Jane Doe"),
				coverEdit(report.CoverOrganisation, "Ministry of Justice"),
				coverEdit(report.CoverDate+" (YYYY-MM-DD)", "2026-05-04"),
				qCell("F4", " Yes "), qCell("G4", "StGB § 206"),
				qCell("F5", "teilweise"), qCell("H5", "only some forms"),
				qCell("F6", "maybe"),
				qCell("H9", "=not a formula"),
				qCell("I10", 12.5),
				qCell("G11", "a stray note"),
				qCell("A12", "D-3.44"), qCell("F12", "no"),
			),
			country: "AT",
			want: []qAnswer{
				{"D-3.4", stFull, 0, false, "StGB § 206", "", me, "F4"},
				{"D-3.5", stPartial, 0, false, "", "only some forms", me, "F5"},
				{"D-5.2", stUnknown, 0, false, "", "", me, "F6"},
				{"BP-HOTLINE", stUnknown, 0, false, "", "=not a formula", me, "F9"},
				{"N-CASES", stUnknown, 12.5, true, "", "", me, "I10"},
			},
			diags: []diagText{
				{"info", "layout", "Questionnaire", "", qLayoutNote + `country AT (Cover!B4), respondent "Jane Doe (Ministry of Justice)"`},
				{"error", "bad-status", "Questionnaire", "F6", `status "maybe" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
				{"error", "missing-value", "Questionnaire", "A11", "the item ID is empty, but the row holds an answer"},
				{"error", "unknown-item", "Questionnaire", "A12", `unknown item "D-3.44" — did you mean D-3.4?`},
			},
			acct: [4]int{7, 4, 3, 0},
		},
		{
			name:    "left empty",
			data:    at,
			country: "AT",
			want:    unanswered,
			diags:   []diagText{{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B4)"}},
			acct:    [4]int{5, 5, 0, 0},
		},
		{
			name:    "not bound: prefilled na",
			data:    templateFor(t, cl, "DK"),
			country: "DK",
			want: []qAnswer{
				{"D-3.4", stNA, 0, false, "", "", "", "F4"},
				{"D-3.5", stNA, 0, false, "", "", "", "F5"},
				{"D-5.2", stNA, 0, false, "", "", "", "F6"},
				{"BP-HOTLINE", stUnknown, 0, false, "", "", "", "F9"},
				{"N-CASES", stUnknown, 0, false, "", "", "", "F10"},
			},
			diags: []diagText{{"info", "layout", "Questionnaire", "", qLayoutNote + "country DK (Cover!B4)"}},
			acct:  [4]int{5, 5, 0, 0},
		},
		{
			name:    "numbers in the status cell of a numeric item, and a bad value",
			data:    fillQuestionnaire(t, at, qCell("F10", "7"), qCell("F4", 1), qCell("F5", 0.5), qCell("I10", nil), qCell("F9", "n/a")),
			country: "AT",
			want: []qAnswer{
				{"D-3.4", stFull, 0, false, "", "", "", "F4"},
				{"D-3.5", stPartial, 0, false, "", "", "", "F5"},
				{"D-5.2", stUnknown, 0, false, "", "", "", "F6"},
				{"BP-HOTLINE", stNA, 0, false, "", "", "", "F9"},
				{"N-CASES", stUnknown, 7, true, "", "", "", "F10"},
			},
			diags: []diagText{{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B4)"}},
			acct:  [4]int{5, 5, 0, 0},
		},
		{
			name:    "bad value",
			data:    fillQuestionnaire(t, at, qCell("I10", "many")),
			country: "AT",
			want:    append(unanswered[:4:4], qAnswer{"N-CASES", stUnknown, 0, false, "", "", "", "I10"}),
			diags: []diagText{
				{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B4)"},
				{"error", "bad-value", "Questionnaire", "I10", `value "many" of numeric item N-CASES is not a number; the answer is counted as unknown`},
			},
			acct: [4]int{5, 4, 1, 0},
		},
		{
			name:    "the country cell wins",
			data:    fillQuestionnaire(t, at, coverEdit(report.CoverCountryCode, "Belgique")),
			country: "BE",
			want:    unanswered,
			diags: []diagText{
				{"warning", "questionnaire-mismatch", "Cover", "B4", "the Cover names Belgium (BE), but the questionnaire was made for Austria (AT, cell B31); its answers are taken as BE's"},
				{"info", "layout", "Questionnaire", "", qLayoutNote + "country BE (Cover!B4)"},
			},
			acct: [4]int{5, 5, 0, 0},
		},
		{
			name:    "empty country code: the country name",
			data:    fillQuestionnaire(t, at, coverEdit(report.CoverCountryCode, nil), coverEdit(report.CoverCountry, "Österreich")),
			country: "AT",
			want:    unanswered,
			diags:   []diagText{{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B5)"}},
			acct:    [4]int{5, 5, 0, 0},
		},
		{
			name: "unknown country",
			data: fillQuestionnaire(t, at, coverEdit(report.CoverCountryCode, "Austira"), qCell("F4", "yes"), qCell("F5", "perhaps")),
			diags: []diagText{
				{"error", "unknown-country", "Cover", "B4", `unknown country "Austira" — did you mean Austria (AT)?; its 5 answer rows were not read`},
				{"info", "layout", "Questionnaire", "", qLayoutNote + "country unknown (Cover!B4)"},
				{"error", "bad-status", "Questionnaire", "F5", `status "perhaps" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
			},
			acct: [4]int{5, 0, 5, 0},
		},
		{
			name: "no country",
			data: fillQuestionnaire(t, at, coverEdit(report.CoverCountryCode, nil), coverEdit(report.CoverCountry, nil)),
			diags: []diagText{
				{"error", "missing-value", "Cover", "B4", "the country is empty, so the questionnaire's answers cannot be attributed; its 5 answer rows were not read"},
				{"info", "layout", "Questionnaire", "", qLayoutNote + "country unknown (Cover!B4)"},
			},
			acct: [4]int{5, 0, 5, 0},
		},
		{
			name:    "another checklist version, and a missing item",
			data:    fillQuestionnaire(t, at, coverEdit(report.CoverChecklistVersion, "0.9"), qCell("A9", nil)),
			country: "AT",
			want:    append(append([]qAnswer(nil), unanswered[:3]...), unanswered[4]),
			diags: []diagText{
				{"warning", "questionnaire-mismatch", "Cover", "B29", "the questionnaire was made from version 0.9 of checklist test, but the study uses version 1; items are matched by ID"},
				{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B4)"},
				{"warning", "questionnaire-mismatch", "Questionnaire", "", "1 item of the checklist is not in the questionnaire (BP-HOTLINE); it counts as unknown"},
			},
			acct: [4]int{4, 4, 0, 0},
		},
		{
			name:    "another checklist",
			data:    fillQuestionnaire(t, at, coverEdit(report.CoverChecklist, "dir-2011-93")),
			country: "AT",
			want:    unanswered,
			diags: []diagText{
				{"warning", "questionnaire-mismatch", "Cover", "B27", `the questionnaire was made from checklist "dir-2011-93", but the study uses "test"; items are matched by ID`},
				{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B4)"},
			},
			acct: [4]int{5, 5, 0, 0},
		},
		{
			name:    "blank rows below, as LibreOffice pads them",
			data:    fillQuestionnaire(t, at, qCell("F30", ""), qCell("G31", " "), qCell("F4", "✓")),
			country: "AT",
			want:    append([]qAnswer{{"D-3.4", stFull, 0, false, "", "", "", "F4"}}, unanswered[1:]...),
			diags:   []diagText{{"info", "layout", "Questionnaire", "", qLayoutNote + "country AT (Cover!B4)"}},
			acct:    [4]int{5, 5, 0, 21},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := ReadXLSX(bytes.NewReader(tc.data), file, &Options{Checklist: cl})
			require.NoError(t, err)
			assert.Equal(t, tc.diags, diagTexts(ds))
			if tc.country != "" {
				assert.Equal(t, tc.want, qAnswers(ds, tc.country, file))
				assert.Len(t, ds.Responses.Slice(), len(tc.want))
			} else {
				assert.Empty(t, ds.Responses.Slice())
			}
			require.Len(t, ds.Accounts, 1, "the Questionnaire sheet has an account, the Cover none")
			a := ds.Accounts[0]
			assert.Equal(t, LayoutQuestionnaire, a.Layout)
			assert.Equal(t, report.SheetQuestionnaire, a.Sheet)
			assert.Equal(t, tc.acct, [4]int{a.RowsRead, a.RowsUsed, a.RowsReported, a.BlankRows})
			assert.True(t, a.Balanced())
		})
	}
}

// TestQuestionnaireCoverCells pins the Cover cells the round-trip test names:
// the layout of the Cover is part of the format.
func TestQuestionnaireCoverCells(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(templateFor(t, questionnaireChecklist(t), "AT")))
	require.NoError(t, err)
	defer f.Close()
	for label, cell := range map[string]string{
		report.CoverCountryCode: "B4", report.CoverCountry: "B5", report.CoverRespondent: "B6",
		report.CoverOrganisation: "B7", report.CoverChecklist: "B27", report.CoverChecklistVersion: "B29",
		report.CoverMadeFor: "B31",
	} {
		assert.Equal(t, cell, coverValueCell(t, f, label), label)
	}
}

func TestIsQuestionnaireWorkbook(t *testing.T) {
	cl := questionnaireChecklist(t)
	at := templateFor(t, cl, "AT")
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"template", at, true},
		{"format in other case", fillQuestionnaire(t, at, coverEdit(report.CoverFileFormat, "GAPSTUDY Questionnaire 2")), true},
		{"no format marker", fillQuestionnaire(t, at, coverEdit(report.CoverFileFormat, nil)), false},
		{"another marker", fillQuestionnaire(t, at, coverEdit(report.CoverFileFormat, "survey 1")), false},
		{"long survey", xlsxBytes(t, sheet{"Cover", [][]any{{"Country", "Item", "Status"}}}), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(tc.data))
			require.NoError(t, err)
			defer f.Close()
			cover, ok := isQuestionnaireWorkbook(&workbook{File: f})
			assert.Equal(t, tc.want, ok)
			if ok {
				assert.Equal(t, report.SheetCover, cover)
			}
		})
	}
}

func TestQuestionnaireLayoutOption(t *testing.T) {
	cl := questionnaireChecklist(t)
	unmarked := fillQuestionnaire(t, templateFor(t, cl, "AT"), coverEdit(report.CoverFileFormat, nil), qCell("F4", "yes"))
	marked := fillQuestionnaire(t, templateFor(t, cl, "AT"), qCell("F4", "yes"))
	tests := []struct {
		name       string
		data       []byte
		opts       Options
		responses  int
		layout     string // of the Questionnaire sheet
		firstCodes []gapanalysis.Code
	}{
		{"marked, detected", marked, Options{}, 5, LayoutQuestionnaire, []gapanalysis.Code{"layout"}},
		{"unmarked, forced", unmarked, Options{Layout: LayoutQuestionnaire}, 5, LayoutQuestionnaire, []gapanalysis.Code{"layout"}},
		{"unmarked, forced on the sheet", unmarked, Options{SheetLayouts: map[string]string{"questionnaire": LayoutQuestionnaire}}, 5, LayoutQuestionnaire, []gapanalysis.Code{"layout"}},
		// Read sheet by sheet, the Questionnaire sheet lacks a country column.
		{"unmarked, detected", unmarked, Options{}, 0, LayoutLong, nil},
		{"marked, forced to long", marked, Options{Layout: LayoutLong}, 0, LayoutLong, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Checklist = cl
			ds, err := ReadXLSX(bytes.NewReader(tc.data), "q.xlsx", &opts)
			require.NoError(t, err)
			assert.Len(t, ds.Responses.Slice(), tc.responses)
			var layout string
			for _, a := range ds.Accounts {
				assert.True(t, a.Balanced(), "%+v", a)
				if a.Sheet == report.SheetQuestionnaire {
					layout = a.Layout
				}
			}
			assert.Equal(t, tc.layout, layout)
			if tc.responses == 0 {
				assert.True(t, hasDiagCode(ds, gapanalysis.CodeMissingColumn), "%v", diagLines(ds))
				return
			}
			assert.Equal(t, tc.firstCodes, []gapanalysis.Code{ds.Diagnostics[0].Code})
			assert.Equal(t, stFull, ds.Responses.At(0).Status)
		})
	}

	// A questionnaire without its Questionnaire sheet holds no answers.
	f, err := excelize.OpenReader(bytes.NewReader(marked))
	require.NoError(t, err)
	require.NoError(t, f.DeleteSheet(report.SheetQuestionnaire))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	f.Close()
	ds, err := ReadXLSX(bytes.NewReader(buf.Bytes()), "cover-only.xlsx", &Options{Checklist: cl})
	require.NoError(t, err)
	assert.Empty(t, ds.Responses.Slice())
	assert.Empty(t, ds.Accounts)
	assert.Equal(t, []diagText{{"warning", "no-data", "", "",
		"the questionnaire has no sheet besides the Cover (it should have a Questionnaire sheet), so it holds no answers"}}, diagTexts(ds))

	// Forced on a workbook without a Cover sheet: no country.
	long := xlsxBytes(t, sheet{"Answers", [][]any{{"ID", "Status"}, {"D-3.4", "yes"}}})
	ds, err = ReadXLSX(bytes.NewReader(long), "long.xlsx", &Options{Checklist: cl, Layout: LayoutQuestionnaire})
	require.NoError(t, err)
	assert.Empty(t, ds.Responses.Slice())
	require.NotEmpty(t, ds.Diagnostics)
	assert.Equal(t, diagText{"error", "missing-sheet", "", "", "the questionnaire has no Cover sheet, so its country is not known; its 1 answer row was not read"},
		diagTexts(ds)[0])
	require.Len(t, ds.Accounts, 1)
	assert.Equal(t, [3]int{1, 0, 1}, [3]int{ds.Accounts[0].RowsRead, ds.Accounts[0].RowsUsed, ds.Accounts[0].RowsReported})
}

func hasDiagCode(ds *gapanalysis.Dataset, code gapanalysis.Code) bool {
	for _, d := range ds.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}

// TestQuestionnaireFolder imports a folder of three filled-in questionnaires
// (and a lock file) with OpenAll: one dataset with three countries, each
// answer from its own file.
func TestQuestionnaireFolder(t *testing.T) {
	cl := questionnaireChecklist(t)
	dir := t.TempDir()
	files := map[gapanalysis.CountryCode][]qEdit{
		"AT": {coverEdit(report.CoverRespondent, "Expert A"), qCell("F4", "yes")},
		"DK": {coverEdit(report.CoverRespondent, "Expert B"), qCell("F9", "partially")},
		"EL": {coverEdit(report.CoverRespondent, "Expert C"), qCell("F4", "όχι"), qCell("I10", "3,5")},
	}
	for cc, edits := range files {
		data := fillQuestionnaire(t, templateFor(t, cl, cc), edits...)
		name := report.TemplateFileName(cl, cc)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "~$questionnaire-AT-test.xlsx"), []byte("lock"), 0o644))

	ds, err := OpenAll([]string{dir}, &Options{Checklist: cl})
	require.NoError(t, err)
	assert.Equal(t, []gapanalysis.CountryCode{"AT", "DK", "EL"}, ds.Countries())
	assert.Len(t, ds.Responses.Slice(), 15)
	require.Len(t, ds.Accounts, 3)
	for _, a := range ds.Accounts {
		assert.Equal(t, [4]int{5, 5, 0, 0}, [4]int{a.RowsRead, a.RowsUsed, a.RowsReported, a.BlankRows}, a.File)
	}
	got := map[string]string{}
	for _, r := range ds.Responses.All() {
		if r.Status != stUnknown || r.HasValue {
			got[string(r.Country)+" "+string(r.Item)] = respLine(r) + " " + r.Respondent + " " + r.Source.String()
		}
	}
	assert.Equal(t, map[string]string{
		"AT D-3.4":      "AT D-3.4 full Expert A questionnaire-AT-test.xlsx!Questionnaire!F4",
		"DK D-3.4":      "DK D-3.4 na Expert B questionnaire-DK-test.xlsx!Questionnaire!F4",
		"DK D-3.5":      "DK D-3.5 na Expert B questionnaire-DK-test.xlsx!Questionnaire!F5",
		"DK D-5.2":      "DK D-5.2 na Expert B questionnaire-DK-test.xlsx!Questionnaire!F6",
		"DK BP-HOTLINE": "DK BP-HOTLINE partial Expert B questionnaire-DK-test.xlsx!Questionnaire!F9",
		"EL D-3.4":      "EL D-3.4 none Expert C questionnaire-EL-test.xlsx!Questionnaire!F4",
		"EL N-CASES":    "EL N-CASES unknown=3.5 Expert C questionnaire-EL-test.xlsx!Questionnaire!I10",
	}, got)
	var codes []string
	for _, d := range ds.Diagnostics {
		codes = append(codes, string(d.Severity)+" "+string(d.Code)+" "+d.File)
	}
	assert.ElementsMatch(t, []string{
		"info skipped-file ~$questionnaire-AT-test.xlsx",
		"info layout questionnaire-AT-test.xlsx",
		"info layout questionnaire-DK-test.xlsx",
		"info layout questionnaire-EL-test.xlsx",
	}, codes)

	// The study sees three countries; Denmark's Directive items are not applicable.
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	require.Len(t, res.Countries, 3)
	for _, c := range res.Countries {
		if c.Code == "AT" {
			// AT answered one of five items: D-3.4 full.
			assert.InDelta(t, 0.2, c.Coverage, 1e-12)
		}
	}
}

// TestQuestionnaireFromLibreOffice reads questionnaires that were filled in and
// then saved by LibreOffice Calc (testdata/import/questionnaires, made by
// make_fixtures.sh): the answers typed in several spellings come back, the
// rows LibreOffice pads below the table are blank, and the escaped validation
// list does not matter.
func TestQuestionnaireFromLibreOffice(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	dir := filepath.Join("..", "testdata", "import", "questionnaires")
	ds, err := OpenAll([]string{dir}, &Options{Checklist: cl})
	require.NoError(t, err)
	assert.Equal(t, []gapanalysis.CountryCode{"DK", "FR"}, ds.Countries())
	requireBalanced(t, ds)

	fr := "questionnaire-FR-dir-2011-93_synthetic_libreoffice.xlsx"
	dk := "questionnaire-DK-dir-2011-93_synthetic_libreoffice.xlsx"
	// The fixtures were made from version 2026.1 of the built-in checklist, with
	// 139 items (2026.2 added D-27.3, which these files do not ask).
	const items = 139
	accounts := map[string][3]int{}
	for _, a := range ds.Accounts {
		accounts[a.File] = [3]int{a.RowsRead, a.RowsUsed, a.RowsReported}
		assert.Equal(t, LayoutQuestionnaire, a.Layout)
	}
	assert.Equal(t, map[string][3]int{fr: {items + 1, items - 1, 2}, dk: {items, items, 0}}, accounts)

	byKey := map[string]gapanalysis.Response{}
	for _, r := range ds.Responses.All() {
		byKey[string(r.Country)+" "+string(r.Item)] = r
	}
	want := map[string]string{
		"FR D-2.a":             "full|Code pénal, art. 227-25|",
		"FR D-2.b":             "partial||âge de la majorité sexuelle : 15 ans",
		"FR D-2.c.i":           "full||", // typed as the number 1
		"FR D-2.c.ii":          "full||", // ✓
		"FR D-3.4":             "none||",
		"FR D-3.5.i":           "na||",
		"FR D-5.2":             "full||",
		"FR D-5.3":             "unknown||", // left empty
		"FR D-5.4":             "unknown||", // bad status
		"DK D-2.a":             "na||",      // prefilled: the Directive does not bind Denmark
		"DK BP-INHOPE-HOTLINE": "full|Red Barnet hotline|",
		"DK BP-BARNAHUS":       "unknown||",
	}
	for key, w := range want {
		r, ok := byKey[key]
		if !assert.True(t, ok, key) {
			continue
		}
		assert.Equal(t, w, r.Status.String()+"|"+r.Evidence+"|"+r.Comment, key)
	}
	assert.Equal(t, "Expert R (Synthetic test data)", byKey["FR D-2.a"].Respondent)
	assert.Equal(t, "", byKey["DK D-2.a"].Respondent)
	assert.True(t, ds.Synthetic, "the file names say synthetic")
	var errs []string
	for _, d := range ds.Diagnostics {
		if d.Severity == gapanalysis.SevError {
			errs = append(errs, d.File+"!"+d.Sheet+"!"+d.Cell+" "+string(d.Code)+" "+d.Message)
		}
	}
	assert.Equal(t, []string{
		fr + "!Questionnaire!F" + rowOf(t, filepath.Join(dir, fr), "D-5.4") + ` bad-status status "vielleicht" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`,
		fr + "!Questionnaire!A" + rowOf(t, filepath.Join(dir, fr), "D-5.22") + ` unknown-item unknown item "D-5.22" — did you mean D-5.2?`,
	}, errs)

	// The dropdown survives LibreOffice, its list escaped in the file (SPEC 11).
	f, err := excelize.OpenFile(filepath.Join(dir, fr))
	require.NoError(t, err)
	defer f.Close()
	dvs, err := f.GetDataValidations(report.SheetQuestionnaire)
	require.NoError(t, err)
	require.Len(t, dvs, 1)
	assert.Contains(t, dvs[0].Formula1, "full,partial,none,na,unknown")
	assert.Equal(t, fmt.Sprintf("F2:F%d", items+len(cl.Pillars)+len(cl.Themes())+1), dvs[0].Sqref, "pillars and themes are unchanged")
}

// rowOf returns the number of the row whose ID cell holds id in a
// questionnaire file.
func rowOf(t *testing.T, path, id string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(report.SheetQuestionnaire)
	require.NoError(t, err)
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return fmt.Sprint(i + 1)
		}
	}
	t.Fatalf("%s has no row %q", path, id)
	return ""
}

// TestQuestionnaireChecklistDigest reads a questionnaire made from a checklist
// file of the same ID and version but another SHA-256: a note, not a warning.
func TestQuestionnaireChecklistDigest(t *testing.T) {
	made := questionnaireChecklist(t)
	made.SHA256 = strings.Repeat("a", 64)
	study := questionnaireChecklist(t)
	study.SHA256 = strings.Repeat("B", 64)
	ds, err := ReadXLSX(bytes.NewReader(templateFor(t, made, "AT")), "q.xlsx", &Options{Checklist: study})
	require.NoError(t, err)
	assert.Equal(t, diagText{"info", "questionnaire-mismatch", "Cover", "B30",
		"the questionnaire was made from a checklist file with another SHA-256 (aaaaaaaaaaaa…) than the study's (BBBBBBBBBBBB…), though of the same ID and version"},
		diagTexts(ds)[0])
	assert.Len(t, ds.Responses.Slice(), 5)

	// The same digest in another case is the same file.
	study.SHA256 = strings.Repeat("A", 64)
	ds, err = ReadXLSX(bytes.NewReader(templateFor(t, made, "AT")), "q.xlsx", &Options{Checklist: study})
	require.NoError(t, err)
	assert.Equal(t, []gapanalysis.Code{gapanalysis.CodeLayout}, []gapanalysis.Code{ds.Diagnostics[0].Code})
	assert.Len(t, ds.Diagnostics, 1)
}
