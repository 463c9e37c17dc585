package importers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// layoutFixture returns the path of a file in testdata/import/layouts.
func layoutFixture(name string) string {
	return filepath.Join("..", "testdata", "import", "layouts", name)
}

// layoutChecklist loads the synthetic checklist the layout fixtures are written
// against.
func layoutChecklist(t testing.TB) *gapanalysis.Checklist {
	t.Helper()
	f, err := os.Open(layoutFixture("checklist_synthetic.yaml"))
	require.NoError(t, err)
	defer f.Close()
	cl, err := gapanalysis.LoadChecklist(f, "checklist_synthetic.yaml")
	require.NoError(t, err)
	return cl
}

// loadLayoutMapping loads a mapping fixture.
func loadLayoutMapping(t testing.TB, name string) Mapping {
	t.Helper()
	f, err := os.Open(layoutFixture(name))
	require.NoError(t, err)
	defer f.Close()
	m, err := LoadMapping(f, name)
	require.NoError(t, err)
	return m
}

// openBalanced reads a file with Open and checks its accounting.
func openBalanced(t testing.TB, path string, opts *Options) *gapanalysis.Dataset {
	t.Helper()
	ds, err := Open(path, opts)
	require.NoError(t, err)
	requireBalanced(t, ds)
	return ds
}

// csvAsXLSX writes the records of a CSV fixture into one sheet of a workbook,
// numbers typed as numbers, as a spreadsheet program saving it would.
func csvAsXLSX(t testing.TB, path, sheetName string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = detectDelimiter(string(b))
	cr.FieldsPerRecord = -1
	var rows [][]any
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		line, _ := cr.FieldPos(0)
		for len(rows) < line-1 {
			rows = append(rows, nil) // an empty line: an empty row
		}
		row := make([]any, len(rec))
		for i, c := range rec {
			if v, err := strconv.ParseFloat(c, 64); err == nil {
				row[i] = v
			} else {
				row[i] = c
			}
		}
		rows = append(rows, row)
	}
	return xlsxBytes(t, sheet{sheetName, rows})
}

// outcome is what the equivalence tests compare: the study's results with the
// sources of the answers left out.
type outcome struct {
	Countries  []string // "AT rank 1 index 81.831831832 coverage 1"
	Gaps       []string // "AT D-5.2 partial score 0.5 gap 0.5 severity 4.166666667"
	Priorities []string // "1 M-OFFENCES 66.666666667"
}

func round9(x float64) float64 { return math.Round(x*1e9) / 1e9 }

func analyzeOutcome(t testing.TB, cl *gapanalysis.Checklist, ds *gapanalysis.Dataset) outcome {
	t.Helper()
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	var o outcome
	for _, c := range res.Countries {
		index := "none"
		if c.Index.Known {
			index = fmt.Sprint(round9(c.Index.Value))
		}
		o.Countries = append(o.Countries, fmt.Sprintf("%s rank %d index %s coverage %g", c.Code, c.Rank, index, round9(c.Coverage)))
	}
	for _, g := range res.Gaps {
		o.Gaps = append(o.Gaps, fmt.Sprintf("%s %s %s score %g gap %g severity %g", g.Country, g.Item, g.Status,
			round9(g.Score), round9(g.Gap), round9(g.Severity)))
	}
	for _, p := range res.Priorities {
		o.Priorities = append(o.Priorities, fmt.Sprintf("%d %s %g", p.Rank, p.ID, round9(p.Score)))
	}
	return o
}

// TestLongTwinByHand checks the long-layout twin of survey A against numbers
// worked out by hand, so that the equivalence tests compare with right values.
func TestLongTwinByHand(t *testing.T) {
	cl := layoutChecklist(t)
	ds := openBalanced(t, layoutFixture("long_synthetic.csv"), &Options{Checklist: cl})
	require.Empty(t, ds.Diagnostics)
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	byCode := map[gapanalysis.CountryCode]gapanalysis.CountryResult{}
	for _, c := range res.Countries {
		byCode[c.Code] = c
	}
	// AT: offences (1 + 1 + 0.5)/3 (D-6.1 n/a), victims 1, so compliance
	// 0.916667; N-CASES min-max over 3…40 gives (12−3)/37, reporting
	// (1 + 9/37)/2; index (2 × compliance + reporting)/3.
	compliance := ((1+1+0.5)/3 + 1) / 2
	reporting := (1 + 9.0/37) / 2
	assert.InDelta(t, 100*(2*compliance+reporting)/3, byCode["AT"].Index.Value, 1e-9)
	assert.InDelta(t, 81.831831832, byCode["AT"].Index.Value, 1e-9)
	// DK is not bound by the Directive: only the practice pillar counts.
	assert.InDelta(t, 100*(1+4.0/37)/2, byCode["DK"].Index.Value, 1e-9)
	// AT's gap on D-5.2 (partial): gap 0.5 × effective weight (1/4 items ×
	// 1/2 themes × 2/3 pillars) = 1/12, in index points.
	var sev float64
	for _, g := range res.Gaps {
		if g.Country == "AT" && g.Item == "D-5.2" {
			sev = g.Severity
		}
	}
	assert.InDelta(t, 100*0.5/12, sev, 1e-9)
}

// TestLayoutEquivalence reads survey A and survey B in every layout and form
// and checks that each gives the same study results as its long-layout twin.
func TestLayoutEquivalence(t *testing.T) {
	cl := layoutChecklist(t)
	yamlMap := loadLayoutMapping(t, "mapping_synthetic.yaml")
	csvMap := loadLayoutMapping(t, "mapping_synthetic.csv")
	twins := map[string]outcome{}
	for _, twin := range []string{"long_synthetic.csv", "long_respondents_synthetic.csv"} {
		ds := openBalanced(t, layoutFixture(twin), &Options{Checklist: cl})
		require.Empty(t, ds.Diagnostics, twin)
		twins[twin] = analyzeOutcome(t, cl, ds)
	}
	require.Len(t, twins["long_synthetic.csv"].Countries, 6)
	require.Len(t, twins["long_respondents_synthetic.csv"].Countries, 3)

	cases := []struct {
		name       string
		file       string // fixture, read with Open
		asXLSX     bool   // the CSV fixture saved as a workbook first
		mapping    Mapping
		twin       string
		wantLayout string
		wantRows   int // respondent or item rows read
	}{
		{"long, as xlsx", "long_synthetic.csv", true, Mapping{}, "long_synthetic.csv", LayoutLong, 40},
		{"matrix, CSV", "matrix_synthetic.csv", false, Mapping{}, "long_synthetic.csv", LayoutMatrix, 7},
		{"matrix, as xlsx", "matrix_synthetic.csv", true, Mapping{}, "long_synthetic.csv", LayoutMatrix, 7},
		{"matrix, openpyxl", "matrix_synthetic_openpyxl.xlsx", false, Mapping{}, "long_synthetic.csv", LayoutMatrix, 7},
		{"respondents, CSV", "respondents_synthetic.csv", false, Mapping{}, "long_synthetic.csv", LayoutRespondents, 6},
		{"respondents, as xlsx", "respondents_synthetic.csv", true, Mapping{}, "long_synthetic.csv", LayoutRespondents, 6},
		{"respondents with questions, openpyxl, YAML mapping", "respondents_questions_synthetic_openpyxl.xlsx", false,
			yamlMap, "long_respondents_synthetic.csv", LayoutRespondents, 5},
		{"respondents with questions, openpyxl, CSV mapping", "respondents_questions_synthetic_openpyxl.xlsx", false,
			csvMap, "long_respondents_synthetic.csv", LayoutRespondents, 5},
		{"long with respondents, as xlsx", "long_respondents_synthetic.csv", true, Mapping{}, "long_respondents_synthetic.csv", LayoutLong, 33},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := layoutFixture(tc.file)
			if tc.asXLSX {
				path = writeFile(t, strings.TrimSuffix(tc.file, ".csv")+".xlsx", csvAsXLSX(t, path, "Survey"))
			}
			ds := openBalanced(t, path, &Options{Checklist: cl, Mapping: tc.mapping})
			var read []gapanalysis.SheetAccount
			for _, a := range ds.Accounts {
				if a.Layout != "" {
					read = append(read, a)
				}
			}
			require.Len(t, read, 1, "%+v", ds.Accounts)
			assert.Equal(t, tc.wantLayout, read[0].Layout)
			assert.Equal(t, tc.wantRows, read[0].RowsRead)
			assert.Equal(t, tc.wantRows, read[0].RowsUsed)
			errs, _, _ := gapanalysis.CountBySeverity(ds.Diagnostics)
			assert.Zero(t, errs, "%v", ds.Diagnostics)
			assert.Equal(t, twins[tc.twin], analyzeOutcome(t, cl, ds))
		})
	}
}

// TestRespondentsMapping checks what the mapping adds to an export whose
// headers are codes: without it, the coded columns are listed as ignored and
// their answers are missing.
func TestRespondentsMapping(t *testing.T) {
	cl := layoutChecklist(t)
	path := layoutFixture("respondents_questions_synthetic_openpyxl.xlsx")
	without := openBalanced(t, path, &Options{Checklist: cl})
	with := openBalanced(t, path, &Options{Checklist: cl, Mapping: loadLayoutMapping(t, "mapping_synthetic.yaml")})

	notes := func(ds *gapanalysis.Dataset, code gapanalysis.Code) []string {
		var out []string
		for _, d := range ds.Diagnostics {
			if d.Code == code {
				out = append(out, d.Message)
			}
		}
		return out
	}
	const file = "respondents_questions_synthetic_openpyxl.xlsx"
	assert.Equal(t, []string{"read in the respondents layout (detected): header in row 1, country in column C, " +
		"respondent in column D, 5 item columns (1 by item ID, 1 by an item ID in the header, 3 by question text)"},
		notes(without, gapanalysis.CodeLayout))
	assert.Equal(t, []string{`columns ignored (their headers name no checklist item; a mapping file can name one): ` +
		`"Timestamp" (A1), "Email address" (B1), "Q3" (G1), "Q6" (K1), "Any other remarks?" (M1)`},
		notes(without, gapanalysis.CodeIgnoredColumn))
	assert.Equal(t, []string{"read in the respondents layout (detected): header in row 1, country in column C, " +
		"respondent in column D, 7 item columns (1 by item ID, 1 by an item ID in the header, 3 by question text, 2 by the mapping)"},
		notes(with, gapanalysis.CodeLayout))
	assert.Equal(t, []string{`columns ignored (their headers name no checklist item; a mapping file can name one): ` +
		`"Timestamp" (A1), "Email address" (B1), "Any other remarks?" (M1)`},
		notes(with, gapanalysis.CodeIgnoredColumn))
	for _, d := range without.Diagnostics {
		assert.Equal(t, file, d.File)
		assert.Equal(t, "Responses", d.Sheet)
		assert.Equal(t, 1, d.Row)
	}
	// Q3 (D-5.2) and Q6 (BP-HOTLINE) each hold one answer per respondent.
	assert.Len(t, with.Responses.Slice(), without.Responses.Len()+2*5)

	// Every respondent row keeps its respondent; the unnamed one is named after
	// its row, and the comment column goes with its item.
	var got []string
	for _, r := range with.Responses.All() {
		if r.Item == "D-20.3.a" {
			got = append(got, fmt.Sprintf("%s %s %s %q %s", r.Country, r.Respondent, r.Status, r.Comment, r.Source))
		}
	}
	assert.Equal(t, []string{
		`AT Expert A full "interviews within days" ` + file + `!Responses!I2`,
		`BE Expert C full "" ` + file + `!Responses!I4`,
		`EL Expert D none "" ` + file + `!Responses!I5`,
		`EL ` + file + `!Responses!row 6 partial "" ` + file + `!Responses!I6`,
	}, got)

	// Scores of different respondents are averaged: AT's D-3.4 is the mean of
	// yes (1) and partly (0.5).
	res, err := gapanalysis.Analyze(cl, with, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	for _, a := range res.Assessments {
		if a.Country == "AT" && a.Item == "D-3.4" {
			assert.InDelta(t, 0.75, a.Score.Value, 1e-12)
			assert.Equal(t, 2, a.Respondents)
		}
	}
}

// TestDetectLayout checks which layout each kind of sheet is read in.
func TestDetectLayout(t *testing.T) {
	opts := func() *Options {
		o := testOptions()
		o.Checklist.Pillars[0].Themes[0].Items[0].Question = "Is it an offence?"
		return o
	}
	cases := []struct {
		name string
		csv  string
		want string // the account's layout; "" when the sheet was not read
		resp []string
	}{
		{"long", "Country,Item,Status\nAT,D-3.4,yes\n", LayoutLong, []string{"AT D-3.4 full"}},
		{"long with a title and aliases", "Survey\nMember State;Requirement;Answer\nAT;D-3.4;ja\n", LayoutLong,
			[]string{"AT D-3.4 full"}},
		{"matrix", "Item,AT,BE\nD-3.4,yes,no\n", LayoutMatrix, []string{"AT D-3.4 full", "BE D-3.4 none"}},
		{"matrix with title rows and descriptive columns", "Title\n\nID,Ref,Title,Österreich,Belgique\nD-3.4,Art 3(4),x,yes,no\n",
			LayoutMatrix, []string{"AT D-3.4 full", "BE D-3.4 none"}},
		{"matrix with a blank corner and one country", ",DE\nD-3.4,partly\nD-3.5,no\n", LayoutMatrix,
			[]string{"DE D-3.4 partial", "DE D-3.5 none"}},
		{"matrix with a row-number column", "No.,ID,AT\n1,D-3.4,yes\n2,D-5.2,no\n", LayoutMatrix,
			[]string{"AT D-3.4 full", "AT D-5.2 none"}},
		{"matrix of unknown items with three countries", "Code,AT,BE,DE\nX1,yes,no,yes\n", LayoutMatrix, nil},
		{"respondents by item ID", "Country,D-3.4,D-3.5\nAT,yes,no\n", LayoutRespondents,
			[]string{"AT D-3.4 full", "AT D-3.5 none"}},
		{"respondents by token", "Respondent,Country,D-3.4 Sexual activities\nAnn,BE,partly\n", LayoutRespondents,
			[]string{"BE D-3.4 partial"}},
		{"respondents by question text", "Country,\"IS IT AN OFFENCE\"\nFR,yes\n", LayoutRespondents,
			[]string{"FR D-3.4 full"}},
		{"respondents below a title", "Export 2026\nTimestamp,Country,N-CASES\n2026-01-01,AT,4\n", LayoutRespondents,
			[]string{"AT N-CASES unknown=4"}},
		{"a country column alone is not enough", "Country,Question 1\nAT,yes\n", "", nil},
		{"notes", "These answers are synthetic.\n", "", nil},
		{"one country without item IDs", "Note,AT\nabc,def\n", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, form := range []string{"csv", "xlsx"} {
				var ds *gapanalysis.Dataset
				if form == "csv" {
					ds = readCSVString(t, tc.csv, "t.csv", opts())
				} else {
					path := writeFile(t, "t.csv", []byte(tc.csv))
					ds = readXLSXBytes(t, csvAsXLSX(t, path, "S"), "t.xlsx", opts())
				}
				require.Len(t, ds.Accounts, 1, form)
				assert.Equal(t, tc.want, ds.Accounts[0].Layout, form)
				assert.Equal(t, tc.resp, respLines(ds), form)
				notes := 0
				for _, d := range ds.Diagnostics {
					if d.Code == gapanalysis.CodeLayout {
						notes++
						assert.Contains(t, d.Message, "read in the "+tc.want+" layout (detected)")
					}
				}
				if tc.want == LayoutMatrix || tc.want == LayoutRespondents {
					assert.Equal(t, 1, notes, form)
				} else {
					assert.Zero(t, notes, form) // the long layout and unread sheets get no layout note
				}
			}
		})
	}
}

// TestForcedLayout checks Options.Layout and Options.SheetLayouts.
func TestForcedLayout(t *testing.T) {
	book := xlsxBytes(t,
		sheet{"Long", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}},
		sheet{"Matrix", [][]any{{"ID", "AT", "BE"}, {"D-3.4", "yes", "no"}}},
		// Wrong item IDs: not detected as a matrix (only two countries), but read
		// as one when asked, each unknown item reported.
		sheet{"Codes", [][]any{{"Code", "FR", "IT"}, {"X-1", "yes", "no"}, {"D-3.44", "no", "no"}}},
		sheet{"Export", [][]any{{"Country", "D-5.2"}, {"EL", "0.5"}}},
	)
	cases := []struct {
		name   string
		layout string
		sheets map[string]string
		want   []string          // Sheet:layout:rows read:used:reported
		how    map[string]string // sheet → how its layout note says it was chosen
		resp   []string
	}{
		{"detected", "", nil,
			[]string{"Long:long:1:1:0", "Matrix:matrix:1:1:0", "Codes::0:0:0", "Export:respondents:1:1:0"},
			map[string]string{"Matrix": "detected", "Export": "detected"},
			[]string{"AT D-3.4 full", "AT D-3.4 full", "BE D-3.4 none", "EL D-5.2 partial"}},
		{"one sheet forced", "", map[string]string{"codes": "matrix"},
			[]string{"Long:long:1:1:0", "Matrix:matrix:1:1:0", "Codes:matrix:2:0:2", "Export:respondents:1:1:0"},
			map[string]string{"Matrix": "detected", "Codes": "as asked", "Export": "detected"},
			[]string{"AT D-3.4 full", "AT D-3.4 full", "BE D-3.4 none", "EL D-5.2 partial"}},
		{"all forced to long", "long", nil,
			[]string{"Long:long:1:1:0", "Matrix::0:0:0", "Codes::0:0:0", "Export::0:0:0"},
			map[string]string{},
			[]string{"AT D-3.4 full"}},
		{"all forced, two sheets detected", "matrix", map[string]string{"Long": "auto", "Export": ""},
			[]string{"Long:long:1:1:0", "Matrix:matrix:1:1:0", "Codes:matrix:2:0:2", "Export:respondents:1:1:0"},
			map[string]string{"Matrix": "as asked", "Codes": "as asked", "Export": "detected"},
			[]string{"AT D-3.4 full", "AT D-3.4 full", "BE D-3.4 none", "EL D-5.2 partial"}},
		// The item row is taken for a header without a country column.
		{"respondents forced on a matrix", "", map[string]string{"Matrix": "respondents"},
			[]string{"Long:long:1:1:0", "Matrix:respondents:0:0:0", "Codes::0:0:0", "Export:respondents:1:1:0"},
			map[string]string{"Matrix": "as asked", "Export": "detected"},
			[]string{"AT D-3.4 full", "EL D-5.2 partial"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := testOptions()
			opts.Layout, opts.SheetLayouts = tc.layout, tc.sheets
			ds := readXLSXBytes(t, book, "b.xlsx", opts)
			var got []string
			for _, a := range ds.Accounts {
				got = append(got, fmt.Sprintf("%s:%s:%d:%d:%d", a.Sheet, a.Layout, a.RowsRead, a.RowsUsed, a.RowsReported))
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.resp, respLines(ds))
			how := map[string]string{}
			for _, d := range ds.Diagnostics {
				if d.Code == gapanalysis.CodeLayout {
					// "read in the matrix layout (as asked): …"
					_, rest, _ := strings.Cut(d.Message, "(")
					how[d.Sheet], _, _ = strings.Cut(rest, ")")
				}
			}
			assert.Equal(t, tc.how, how)
		})
	}
}

func TestForcedLayoutWithoutHeader(t *testing.T) {
	cases := []struct {
		layout, csv string
		want        diagLine
		wantMsg     string
		acct        gapanalysis.SheetAccount
	}{
		{LayoutMatrix, "Notes\nnothing here\n", diagLine{gapanalysis.SevWarning, gapanalysis.CodeNoHeader, ""},
			"no header row with a country among its 2 non-empty rows, so the sheet was not read: the matrix " +
				"layout needs item IDs down the first column and countries across a header row (e.g. \"ID\", \"AT\", \"BE\")",
			gapanalysis.SheetAccount{File: "n.csv"}},
		{LayoutRespondents, "Notes\nnothing here\n", diagLine{gapanalysis.SevWarning, gapanalysis.CodeNoHeader, ""},
			"no header row with a country column or an item column among its 2 non-empty rows",
			gapanalysis.SheetAccount{File: "n.csv"}},
		{LayoutMatrix, "\n\n", diagLine{gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, ""}, "the sheet is empty",
			gapanalysis.SheetAccount{File: "n.csv"}},
		{LayoutRespondents, "", diagLine{gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, ""}, "the sheet is empty",
			gapanalysis.SheetAccount{File: "n.csv"}},
		{LayoutQuestionnaire, "Country,Item,Status\nAT,D-3.4,yes\n", diagLine{gapanalysis.SevWarning, gapanalysis.CodeNoHeader, ""},
			"not part of a questionnaire workbook", gapanalysis.SheetAccount{File: "n.csv"}},
	}
	for _, tc := range cases {
		t.Run(tc.layout+" "+tc.csv, func(t *testing.T) {
			opts := testOptions()
			opts.Layout = tc.layout
			ds := readCSVString(t, tc.csv, "n.csv", opts)
			assert.Equal(t, []diagLine{tc.want}, diagLines(ds))
			assert.Contains(t, ds.Diagnostics[0].Message, tc.wantMsg)
			assert.Equal(t, []gapanalysis.SheetAccount{tc.acct}, ds.Accounts)
			assert.Empty(t, ds.Responses.Slice())
		})
	}
}

// TestRespondentsWithoutCountryColumn: a forced respondents sheet whose header
// names items but no country reports the column and counts every row.
func TestRespondentsWithoutCountryColumn(t *testing.T) {
	opts := testOptions()
	opts.Layout = LayoutRespondents
	ds := readCSVString(t, "Name,D-3.4\nAnn,yes\n\nBob,no\n", "r.csv", opts)
	assert.Equal(t, []diagLine{
		{gapanalysis.SevInfo, gapanalysis.CodeLayout, ""},
		{gapanalysis.SevError, gapanalysis.CodeMissingColumn, ""},
	}, diagLines(ds))
	assert.Equal(t, "the header row has no country column (see the accepted headers in docs/input-format.md); "+
		"its 2 data rows (rows 2–4) were not read", ds.Diagnostics[1].Message)
	assert.Equal(t, []gapanalysis.SheetAccount{{File: "r.csv", Layout: LayoutRespondents, RowsRead: 2, RowsReported: 2, BlankRows: 1}},
		ds.Accounts)
}

// TestMatrixDiagnostics checks every bad cell of a matrix: its code, cell and
// message, and the accounting of the item rows.
func TestMatrixDiagnostics(t *testing.T) {
	text := "Synthetic matrix with problems\n" + // 1
		"ID;Title;AT;Germny;XX;BE;EU average\n" + // 2
		"Offences;;;;;;\n" + // 3 heading
		"D-3.4;x;yes;yes;no;partly;0.8\n" + // 4 good (E, F and G not read)
		"D-3.44;x;yes;;;;\n" + // 5 unknown item
		";x;no;;;;\n" + // 6 missing item ID
		"D-3.5;x;maybe;;;0.75;\n" + // 7 two bad statuses
		"N-CASES;x;12;;;many;\n" + // 8 bad value
		"\n" + // 9 blank
		"D-5.2;x;n/a;;;;;extra\n" + // 10 good; a value without a header in H
		"Note;x;;;;;\n" // 11 heading (no item, no answer, nothing close)
	for _, form := range []string{"csv", "xlsx"} {
		t.Run(form, func(t *testing.T) {
			var ds *gapanalysis.Dataset
			file := "m." + form
			sheetName := ""
			if form == "csv" {
				ds = readCSVString(t, text, file, testOptions())
			} else {
				sheetName = "S"
				ds = readXLSXBytes(t, csvAsXLSX(t, writeFile(t, "m.csv", []byte(text)), sheetName), file, testOptions())
			}
			type want struct {
				sev  gapanalysis.Severity
				code gapanalysis.Code
				cell string
				row  int
				msg  string
			}
			wants := []want{
				{gapanalysis.SevInfo, gapanalysis.CodeLayout, "", 2,
					"read in the matrix layout (detected): header in row 2, item IDs in column A, 2 countries (AT, BE)"},
				{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "D2", 2,
					`unknown country "Germny" in the header — did you mean Germany (DE)? The answers in column D were not read`},
				{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "E2", 2,
					`unknown country "XX" in the header; the answers in column E were not read`},
				{gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, "", 2,
					`columns ignored: "Title" (B2), "EU average" (G2)`},
				{gapanalysis.SevError, gapanalysis.CodeUnknownItem, "A5", 5,
					`unknown item "D-3.44" — did you mean D-3.4? Its answer was not read`},
				{gapanalysis.SevError, gapanalysis.CodeMissingValue, "A6", 6,
					"the item ID is empty; its answer was not read"},
				{gapanalysis.SevError, gapanalysis.CodeBadStatus, "C7", 7,
					`status "maybe" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
				{gapanalysis.SevError, gapanalysis.CodeBadStatus, "F7", 7,
					`status "0.75" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
				{gapanalysis.SevError, gapanalysis.CodeBadValue, "F8", 8,
					`value "many" of numeric item N-CASES is not a number (nor n/a or unknown); the answer is counted as unknown`},
				{gapanalysis.SevInfo, gapanalysis.CodeIgnoredRow, "", 0,
					`rows with neither an item ID nor an answer were taken for headings and skipped: rows 3 ("Offences"), 11 ("Note")`},
				{gapanalysis.SevWarning, gapanalysis.CodeUnnamedColumn, "", 0,
					"1 value in columns without a header was not read: H10; give the column a header (or clear the cells) if it holds answers"},
			}
			var got []want
			for _, d := range ds.Diagnostics {
				assert.Equal(t, file, d.File)
				assert.Equal(t, sheetName, d.Sheet)
				got = append(got, want{d.Severity, d.Code, d.Cell, d.Row, d.Message})
			}
			assert.Equal(t, wants, got)
			assert.Equal(t, []string{
				"AT D-3.4 full", "BE D-3.4 partial",
				"AT D-3.5 unknown", "BE D-3.5 unknown",
				"AT N-CASES unknown=12", "BE N-CASES unknown",
				"AT D-5.2 na",
			}, respLines(ds))
			// Item rows 4, 5, 6, 7, 8 and 10: used 4 and 10; reported 5–8.
			assert.Equal(t, []gapanalysis.SheetAccount{{File: file, Sheet: sheetName, Layout: LayoutMatrix,
				RowsRead: 6, RowsUsed: 2, RowsReported: 4, BlankRows: 1}}, ds.Accounts)
			var cells []string
			for _, r := range ds.Responses.All() {
				cells = append(cells, r.Source.Cell)
			}
			assert.Equal(t, []string{"C4", "F4", "C7", "F7", "C8", "F8", "C10"}, cells)
		})
	}
}

// TestRespondentsDiagnostics checks every bad cell of a respondents export.
func TestRespondentsDiagnostics(t *testing.T) {
	text := "Timestamp,Country,Respondent,D-3.4 Sexual activities,D-3.4 legal basis,D-3.55 Abuse,N-CASES,Email,D-3.4 again\n" + // 1
		"t1,AT,Ann,yes,StGB,no,12,a@example.org,no\n" + // 2 good
		"t2,Germny,Bob,no,,,,,\n" + // 3 unknown country
		"t3,,Cid,yes,,,,,\n" + // 4 missing country
		"t4,BE,,maybe,,,many,,\n" + // 5 bad status, bad value
		",,,,,,,,\n" + // 6 blank
		"t6,FR,Dan,,,,,,,stray\n" + // 7 good; a value without a header
		"t7,DE,Eve,,,,,,\n" // 8 good, no answers
	ds := readCSVString(t, text, "r.csv", testOptions())
	type want struct {
		sev  gapanalysis.Severity
		code gapanalysis.Code
		cell string
		msg  string
	}
	var got []want
	for _, d := range ds.Diagnostics {
		got = append(got, want{d.Severity, d.Code, d.Cell, d.Message})
	}
	assert.Equal(t, []want{
		{gapanalysis.SevInfo, gapanalysis.CodeLayout, "", "read in the respondents layout (detected): header in row 1, " +
			"country in column B, respondent in column C, 2 item columns (1 by item ID, 1 by an item ID in the header)"},
		{gapanalysis.SevError, gapanalysis.CodeUnknownItem, "F1",
			`unknown item "D-3.55" in the header — did you mean D-3.5? The answers in column F were not read`},
		{gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, "", `columns ignored (their headers name no checklist item; ` +
			`a mapping file can name one): "Timestamp" (A1), "Email" (H1), "D-3.4 again" (I1) (D-3.4 is already read from column D)`},
		{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "B3",
			`unknown country "Germny" — did you mean Germany (DE)? Its answer was not read`},
		{gapanalysis.SevError, gapanalysis.CodeMissingValue, "B4", "the country is empty; its answer was not read"},
		{gapanalysis.SevError, gapanalysis.CodeBadStatus, "D5",
			`status "maybe" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
		{gapanalysis.SevError, gapanalysis.CodeBadValue, "G5",
			`value "many" of numeric item N-CASES is not a number (nor n/a or unknown); the answer is counted as unknown`},
		{gapanalysis.SevWarning, gapanalysis.CodeUnnamedColumn, "", "1 value in columns without a header was not read: J7; give the column a header (or clear the cells) if it holds answers"},
	}, got)
	var resp []string
	for _, r := range ds.Responses.All() {
		resp = append(resp, fmt.Sprintf("%s %s %s %q %s", respLine(r), r.Respondent, r.Source.Cell, r.Evidence, r.Source.File))
	}
	assert.Equal(t, []string{
		`AT D-3.4 full Ann D2 "StGB" r.csv`,
		`AT N-CASES unknown=12 Ann G2 "" r.csv`,
		`BE D-3.4 unknown r.csv!row 5 D5 "" r.csv`,
		`BE N-CASES unknown r.csv!row 5 G5 "" r.csv`,
	}, resp)
	assert.Equal(t, []gapanalysis.SheetAccount{{File: "r.csv", Layout: LayoutRespondents,
		RowsRead: 6, RowsUsed: 3, RowsReported: 3, BlankRows: 1}}, ds.Accounts)
}

// TestUnnamedRespondentsDoNotConflict: rows of an export without a respondent
// column are different respondents, so two answers for one country are
// averaged, not a conflict.
func TestUnnamedRespondentsDoNotConflict(t *testing.T) {
	ds := readCSVString(t, "Country,D-3.4\nAT,yes\nAT,no\n", "r.csv", testOptions())
	res, err := gapanalysis.Analyze(testChecklist(), ds, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	for _, d := range res.Diagnostics {
		assert.NotEqual(t, gapanalysis.CodeConflict, d.Code, d.Message)
	}
	for _, a := range res.Assessments {
		if a.Country == "AT" && a.Item == "D-3.4" {
			assert.InDelta(t, 0.5, a.Score.Value, 1e-12)
			assert.Equal(t, 2, a.Respondents)
		}
	}
	// The same respondent named twice with different answers is a conflict.
	ds = readCSVString(t, "Country,Respondent,D-3.4\nAT,Ann,yes\nAT,Ann,no\n", "r.csv", testOptions())
	res, err = gapanalysis.Analyze(testChecklist(), ds, gapanalysis.DefaultConfig())
	require.NoError(t, err)
	var codes []gapanalysis.Code
	for _, d := range res.Diagnostics {
		codes = append(codes, d.Code)
	}
	assert.Contains(t, codes, gapanalysis.CodeConflict)
}

// TestRespondentsNotes: evidence and comment columns named after an item go
// with that item; a note column without its item is listed as ignored.
func TestRespondentsNotes(t *testing.T) {
	ds := readCSVString(t, "Country,Comment D-3.5,D-3.4,D-3.4 - Comments,Legal basis [D-3.4],D-5.2 notes,D-3.4 remarks\n"+
		"AT,x,yes,c1,e1,n1,r1\nBE,,,only a comment,,,\n", "n.csv", testOptions())
	var got []string
	for _, r := range ds.Responses.All() {
		got = append(got, fmt.Sprintf("%s %q %q", respLine(r), r.Evidence, r.Comment))
	}
	assert.Equal(t, []string{`AT D-3.4 full "e1" "c1"`, `BE D-3.4 unknown "" "only a comment"`}, got)
	require.Len(t, ds.Diagnostics, 2)
	assert.Equal(t, `columns ignored (their headers name no checklist item; a mapping file can name one): `+
		`"Comment D-3.5" (B1) (no column answers D-3.5), "D-5.2 notes" (F1) (no column answers D-5.2), `+
		`"D-3.4 remarks" (G1) (the comment of D-3.4 is already read from column D)`, ds.Diagnostics[1].Message)
}

func TestIDTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"D-3.4 Engaging in…", []string{"D-3.4", "Engaging", "in"}},
		{"[D-20.3.a] Interviews.", []string{"D-20.3.a", "Interviews"}},
		{"Q1 (D-3.4): yes/no", []string{"Q1", "D-3.4", "yes/no"}},
		{"Art. 3(4)", []string{"Art", "3", "4"}},
		{"Österreich–D-5.2", []string{"Österreich", "D-5.2"}},
		{"", nil},
		{"--", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, tok := range idTokens(tc.in) {
			got = append(got, tok.text)
			assert.Equal(t, tok.text, tc.in[tok.start:tok.end])
		}
		assert.Equal(t, tc.want, got, tc.in)
	}
}

func TestLayoutOptionErrors(t *testing.T) {
	cases := []struct {
		name string
		opts func(*Options)
		want string
	}{
		{"layout", func(o *Options) { o.Layout = "matirx" }, `importers: unknown layout "matirx" in Options.Layout ` +
			`(want auto, long, matrix, respondents, questionnaire); did you mean matrix?`},
		{"sheet layout", func(o *Options) { o.SheetLayouts = map[string]string{"AT": "wide"} },
			`importers: unknown layout "wide" in Options.SheetLayouts["AT"] (want auto, long, matrix, respondents, questionnaire)`},
		{"mapping", func(o *Options) {
			o.Mapping = Mapping{File: "m.yaml", Entries: []MappingEntry{{Header: "Q1", Item: "D-3.44", Line: 3}, {Header: "Q2", Item: "d-3.5", Line: 4}}}
		}, `m.yaml:3: header "Q1": unknown item "D-3.44" — did you mean D-3.4?`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := testOptions()
			tc.opts(opts)
			_, err := ReadCSV(strings.NewReader("Country,Item,Status\n"), "x.csv", opts)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			_, err = Open(writeFile(t, "x.csv", []byte("Country,Item,Status\n")), opts)
			require.Error(t, err)
			_, err = OpenAll([]string{writeFile(t, "x.csv", []byte("Country,Item,Status\n"))}, opts)
			require.Error(t, err)
		})
	}
	opts := testOptions()
	opts.Layout = "matirx"
	_, err := ReadXLSX(bytes.NewReader(nil), "x.xlsx", opts)
	assert.ErrorIs(t, err, ErrUnknownLayout)
	opts = testOptions()
	opts.Mapping = Mapping{Entries: []MappingEntry{{Header: "Q1", Item: "X"}}}
	_, err = ReadXLSX(bytes.NewReader(nil), "x.xlsx", opts)
	assert.ErrorIs(t, err, gapanalysis.ErrUnknownItem)
	for _, l := range Layouts() {
		opts := testOptions()
		opts.Layout = strings.ToUpper(l)
		_, err := ReadCSV(strings.NewReader(""), "x.csv", opts)
		assert.NoError(t, err, l)
	}
}

// TestAccountingOnEveryLayoutFixture reads every fixture of the layout tests,
// as it comes and forced into each layout, and checks the accounting.
func TestAccountingOnEveryLayoutFixture(t *testing.T) {
	cl := layoutChecklist(t)
	entries, err := os.ReadDir(layoutFixture(""))
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || (ext != ".csv" && ext != ".xlsx") || strings.HasPrefix(e.Name(), "mapping") {
			continue
		}
		n++
		for _, layout := range Layouts() {
			t.Run(e.Name()+" "+layout, func(t *testing.T) {
				ds := openBalanced(t, layoutFixture(e.Name()), &Options{Checklist: cl, Layout: layout})
				require.NotEmpty(t, ds.Accounts)
				for _, a := range ds.Accounts {
					assert.Equal(t, e.Name(), a.File)
				}
			})
		}
	}
	assert.Equal(t, 6, n)
}

// FuzzReadLayouts reads CSV text in every layout, detected or forced, with a
// mapping, and checks the promises of the readers (see checkDataset).
func FuzzReadLayouts(f *testing.F) {
	entries, err := os.ReadDir(layoutFixture(""))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".csv") {
			b, err := os.ReadFile(layoutFixture(e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, uint8(0))
		}
	}
	f.Add([]byte("ID;AT;Germny\nOffences\nD-3.4;ja;no\nD-3.44;;\n;x\n"), uint8(2))
	f.Add([]byte("Country,Q1,D-3.4 comment,D-3.55\nAT,yes,c,no\nXX,,\n"), uint8(3))
	f.Add([]byte("Name,D-3.4\nAnn,yes\n"), uint8(3))
	cl := testChecklist()
	mapping := Mapping{Entries: []MappingEntry{{Header: "Q1", Item: "D-5.2"}}}
	f.Fuzz(func(t *testing.T, b []byte, layout uint8) {
		opts := &Options{Checklist: cl, MaxRows: 1000, Mapping: mapping,
			Layout: Layouts()[int(layout)%len(Layouts())]}
		ds, err := ReadCSV(bytes.NewReader(b), "fuzz.csv", opts)
		checkDataset(t, ds, err, cl)
	})
}
