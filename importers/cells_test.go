package importers

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// cellsFixture returns the path of a file in testdata/import/cells.
func cellsFixture(name string) string {
	return filepath.Join("..", "testdata", "import", "cells", name)
}

// answerLines returns the responses with their evidence, comment and source:
// "CC ITEM status [evidence] [comment] file!sheet!cell".
func answerLines(ds *gapanalysis.Dataset) []string {
	var out []string
	for _, r := range ds.Responses.All() {
		out = append(out, respLine(r)+" ["+r.Evidence+"] ["+r.Comment+"] "+r.Source.String())
	}
	return out
}

func TestCellsFromLibreOffice(t *testing.T) {
	// The same workbook as LibreOffice saves it as .xlsx, as .xlsm, and
	// protected with a password.
	wantAnswers := func(file string) []string {
		return []string{
			"AT D-3.4 full [StGB § 207] [] " + file + "!Answers!C3",
			"BE D-3.5 partial [] [] " + file + "!Answers!C4", // 0.5 shown as 50 %
			"CZ D-5.2 full [] [] " + file + "!Answers!C5",    // =IF(1>0;"yes";"no"), cached "yes"
			"DE D-3.4 partial [2024-03-15] [2024-03-15T12:00:00] " + // dates, not 45366 and 45366.5
				file + "!Answers!C6",
			"EE D-3.5 none [] [] " + file + "!Answers!C7", // a hidden row
			"FI D-5.2 na [] [12.5] " + file + "!Answers!C8",
			"HR D-3.4 full [] [] " + file + "!Late answers!C2", // a hidden sheet
		}
	}
	cases := []struct{ file, password string }{
		{"cells_synthetic_libreoffice.xlsx", ""},
		{"cells_synthetic_libreoffice.xlsm", ""},
		{"cells_synthetic_password.xlsx", "synthetic"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			opts := testOptions()
			opts.Password = tc.password
			ds, err := Open(cellsFixture(tc.file), opts)
			require.NoError(t, err)
			requireBalanced(t, ds)
			assert.Equal(t, wantAnswers(tc.file), answerLines(ds))
			// Notes only: the hidden row and sheet. The two-row header, the
			// merged cells and the formatted empty rows and columns below and
			// beside the table give none.
			require.Equal(t, []diagLine{
				{gapanalysis.SevInfo, gapanalysis.CodeHidden, ""},
				{gapanalysis.SevInfo, gapanalysis.CodeHidden, ""},
			}, diagLines(ds))
			assert.Equal(t, "1 row is hidden in the sheet; it was read like the others: 7", ds.Diagnostics[0].Message)
			assert.Equal(t, "Answers", ds.Diagnostics[0].Sheet)
			assert.Equal(t, 7, ds.Diagnostics[0].Row)
			assert.Equal(t, "Late answers", ds.Diagnostics[1].Sheet)
			assert.Contains(t, ds.Diagnostics[1].Message, "the sheet is hidden in the workbook; it was read like the others")
			assert.Equal(t, []gapanalysis.SheetAccount{
				// Rows 9–30 carry only formatting: blank, not data rows.
				{File: tc.file, Sheet: "Answers", Layout: LayoutLong, RowsRead: 6, RowsUsed: 6, BlankRows: 22},
				{File: tc.file, Sheet: "Late answers", Layout: LayoutLong, RowsRead: 1, RowsUsed: 1},
			}, ds.Accounts)
		})
	}
	t.Run("without the password", func(t *testing.T) {
		ds, err := Open(cellsFixture("cells_synthetic_password.xlsx"), testOptions())
		require.NoError(t, err)
		assert.Empty(t, ds.Responses.Slice())
		assert.Equal(t, []diagLine{{gapanalysis.SevError, gapanalysis.CodeEncrypted, ""}}, diagLines(ds))
	})
}

func TestCellsFromOpenpyxl(t *testing.T) {
	const file = "cells_synthetic_openpyxl.xlsx"
	ds, err := Open(cellsFixture(file), testOptions())
	require.NoError(t, err)
	requireBalanced(t, ds)
	assert.Equal(t, []string{
		"AT D-3.4 full [StGB § 207] [2023-11-02] " + file + "!Answers!C3",
		"BE D-3.5 unknown [] [] " + file + "!Answers!C4", // its status is a formula never computed
		"CZ D-5.2 none [2024-03-15T08:30:00] [] " + file + "!Answers!C5",
		"DE D-3.4 partial [] [in force since 2021] " + file + "!Answers!C6",
		"HR D-3.4 full [] [] " + file + "!Archive!C2",
	}, answerLines(ds))
	require.Equal(t, []diagLine{
		{gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, ""},
		{gapanalysis.SevInfo, gapanalysis.CodeHidden, ""},
		{gapanalysis.SevWarning, gapanalysis.CodeFormulaNoValue, "F3"},
		{gapanalysis.SevInfo, gapanalysis.CodeHidden, ""},
	}, diagLines(ds))
	assert.Equal(t, `columns ignored: "Check" (F1)`, ds.Diagnostics[0].Message)
	assert.Equal(t, "1 row is hidden in the sheet; it was read like the others: 5", ds.Diagnostics[1].Message)
	assert.Equal(t, "5 formula cells have no saved value, so they were read as empty: F3:F6, C4. The formulas were "+
		"written by a program and never computed; open the file in Excel or LibreOffice Calc and save it to compute them",
		ds.Diagnostics[2].Message)
	assert.Equal(t, "Archive", ds.Diagnostics[3].Sheet)
	assert.Equal(t, []gapanalysis.SheetAccount{
		{File: file, Sheet: "Answers", Layout: LayoutLong, RowsRead: 4, RowsUsed: 4},
		{File: file, Sheet: "Archive", Layout: LayoutLong, RowsRead: 1, RowsUsed: 1},
	}, ds.Accounts)
}

func TestHiddenRowsAndSheets(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"Country", "Item", "Status"}}
	for _, c := range []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE"} {
		rows = append(rows, []any{c, "D-3.4", "yes"})
	}
	for i, row := range rows {
		require.NoError(t, f.SetSheetRow("Sheet1", cellName(0, i+1), &row))
	}
	// Rows 3–5 and 8 hold answers; row 12 is hidden but empty.
	for _, r := range []int{3, 4, 5, 8, 12} {
		require.NoError(t, f.SetRowVisible("Sheet1", r, false))
	}
	_, err := f.NewSheet("Second")
	require.NoError(t, err)
	require.NoError(t, f.SetSheetRow("Second", "A1", &[]any{"Country", "Item", "Status"}))
	require.NoError(t, f.SetSheetRow("Second", "A2", &[]any{"FI", "D-3.4", "no"}))
	require.NoError(t, f.SetSheetVisible("Second", false))
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)

	for _, engine := range []Engine{EngineFast, EngineExcelize} {
		t.Run(string(engine), func(t *testing.T) {
			opts := testOptions()
			opts.Engine = engine
			ds := readXLSXBytes(t, buf.Bytes(), "hidden.xlsx", opts)
			assert.Len(t, ds.Responses.Slice(), 9, "hidden rows and sheets are read")
			require.Equal(t, []diagLine{
				{gapanalysis.SevInfo, gapanalysis.CodeHidden, ""},
				{gapanalysis.SevInfo, gapanalysis.CodeHidden, ""},
			}, diagLines(ds))
			assert.Equal(t, "4 rows are hidden in the sheet; they were read like the others: 3–5, 8", ds.Diagnostics[0].Message)
			assert.Equal(t, "Sheet1", ds.Diagnostics[0].Sheet)
			assert.Equal(t, 3, ds.Diagnostics[0].Row)
			assert.Equal(t, "Second", ds.Diagnostics[1].Sheet)
			assert.ErrorIs(t, ds.Diagnostics[1], gapanalysis.ErrHidden)
		})
	}
}

func TestTwoRowHeaders(t *testing.T) {
	cases := []struct {
		name      string
		rows      [][]any
		merge     []string
		want      []string
		wantDiags []diagLine
	}{
		{
			name: "country and item merged down, answer merged across",
			rows: [][]any{
				{"Country", "Item", "Answer"},
				{nil, nil, "Status", "Notes"},
				{"AT", "D-3.4", "yes", "fine"},
			},
			merge: []string{"A1:A2", "B1:B2", "C1:D1"},
			want:  []string{"AT D-3.4 full [] [fine]"},
		},
		{
			name: "sub-headers without merged cells",
			rows: [][]any{
				{"Member state", "Provision", "Assessment (2024)"},
				{nil, nil, nil, "Legal basis", "Remarks", "Rapporteur"},
				{"BE", "D-3.5", "partly", "Code pénal", "", "R. Peeters"},
			},
			want: []string{"BE D-3.5 partial [Code pénal] []"},
		},
		{
			name: "a second row with something else than column names is data",
			rows: [][]any{
				{"Country", "Item", "Status", "Evidence"},
				{nil, nil, "Status", "(text)"},
				{"CZ", "D-5.2", "no", "§ 1"},
			},
			merge: []string{"A1:A2", "B1:B2"},
			want:  []string{"CZ D-5.2 none [§ 1] []"},
			// The cells merged down give row 2 their values.
			wantDiags: []diagLine{{gapanalysis.SevError, gapanalysis.CodeUnknownCountry, "A2"},
				{gapanalysis.SevError, gapanalysis.CodeUnknownItem, "B2"}, {gapanalysis.SevError, gapanalysis.CodeBadStatus, "C2"}},
		},
		{
			name: "a data row right below the header is data",
			rows: [][]any{
				{"Country", "Item", "Status"},
				{nil, nil, "yes"},
				{"DE", "D-3.4", "no"},
			},
			want:      []string{"DE D-3.4 none [] []"},
			wantDiags: []diagLine{{gapanalysis.SevError, gapanalysis.CodeMissingValue, "A2"}, {gapanalysis.SevError, gapanalysis.CodeMissingValue, "B2"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			for i, row := range tc.rows {
				require.NoError(t, f.SetSheetRow("Sheet1", cellName(0, i+1), &row))
			}
			for _, m := range tc.merge {
				from, to, _ := bytes.Cut([]byte(m), []byte(":"))
				require.NoError(t, f.MergeCell("Sheet1", string(from), string(to)))
			}
			buf, err := f.WriteToBuffer()
			require.NoError(t, err)
			ds := readXLSXBytes(t, buf.Bytes(), "two-rows.xlsx", testOptions())
			var got []string
			for _, r := range ds.Responses.All() {
				got = append(got, respLine(r)+" ["+r.Evidence+"] ["+r.Comment+"]")
			}
			assert.Equal(t, tc.want, got)
			var diags []diagLine
			for _, d := range diagLines(ds) {
				if d.Code != gapanalysis.CodeIgnoredColumn {
					diags = append(diags, d)
				}
			}
			assert.Equal(t, tc.wantDiags, diags)
		})
	}
}

func TestJoinHeader(t *testing.T) {
	assert.Equal(t, []string{"Country", "Item", "Status", "Comment", "Code"},
		joinHeader([]string{"Country", "Item", "Answer", "Answer", "Check"}, []string{"", "", "Status", "Comment", "Code"}))
	assert.Equal(t, []string{"Country", "Status"}, joinHeader([]string{"Country", "Status"}, []string{"Code"}))
}

// detailRows is a row source with details, for the tests.
type detailRows struct {
	rows    [][]string
	hidden  map[int]bool
	noValue map[int][]int
	i       int
}

func (d *detailRows) Next() bool           { d.i++; return d.i <= len(d.rows) }
func (d *detailRows) Row() (int, []string) { return d.i, d.rows[d.i-1] }
func (d *detailRows) Err() error           { return nil }
func (d *detailRows) Hidden() bool         { return d.hidden[d.i] }
func (d *detailRows) NoValue() []int       { return d.noValue[d.i] }

func TestSheetCellsReport(t *testing.T) {
	src := &detailRows{
		rows: [][]string{
			{"Country", "Item", "Status", "Total"},
			{"AT", "D-3.4", "", ""},
			{"BE", "D-3.4", "yes", ""},
			{},
			{"CZ", "D-3.4", "no", ""},
		},
		hidden:  map[int]bool{2: true, 4: true}, // row 4 is blank: not listed
		noValue: map[int][]int{2: {2, 3}, 3: {3}, 5: {3}},
	}
	cells := newSheetCells(src)
	ds := &gapanalysis.Dataset{}
	rd, err := newReader(testOptions())
	require.NoError(t, err)
	rd.readLong(ds, cells, "f.xlsx", "S")
	cells.report(ds, "f.xlsx", "S")
	require.Len(t, ds.Diagnostics, 3)
	assert.Equal(t, gapanalysis.CodeIgnoredColumn, ds.Diagnostics[0].Code) // "Total"
	hidden, formulas := ds.Diagnostics[1], ds.Diagnostics[2]
	assert.Equal(t, "1 row is hidden in the sheet; it was read like the others: 2", hidden.Message)
	assert.Equal(t, gapanalysis.SevWarning, formulas.Severity)
	assert.Equal(t, "C2", formulas.Cell)
	assert.Equal(t, 2, formulas.Row)
	assert.Equal(t, 3, formulas.Col)
	assert.Equal(t, "4 formula cells have no saved value, so they were read as empty: C2, D2:D3, D5. The formulas were "+
		"written by a program and never computed; open the file in Excel or LibreOffice Calc and save it to compute them",
		formulas.Message)
	assert.ErrorIs(t, formulas, gapanalysis.ErrFormulaNoValue)
	assert.Equal(t, []string{"AT D-3.4 unknown", "BE D-3.4 full", "CZ D-3.4 none"}, respLines(ds))

	// A source without details (CSV) gives nothing to report.
	plain := newSheetCells(&csvLike{rows: [][]string{{"a"}}})
	for plain.Next() {
	}
	ds = &gapanalysis.Dataset{}
	plain.report(ds, "f.csv", "")
	assert.Empty(t, ds.Diagnostics)
}

// csvLike is a row source without details.
type csvLike struct {
	rows [][]string
	i    int
}

func (c *csvLike) Next() bool           { c.i++; return c.i <= len(c.rows) }
func (c *csvLike) Row() (int, []string) { return c.i, c.rows[c.i-1] }
func (c *csvLike) Err() error           { return nil }

func TestRanges(t *testing.T) {
	assert.Equal(t, "4", rowRanges([]int{4}))
	assert.Equal(t, "4, 5", rowRanges([]int{4, 5}))
	assert.Equal(t, "4–6, 9, 11, 12", rowRanges([]int{4, 5, 6, 9, 11, 12}))
	assert.Equal(t, "C5, C7:C9, E2", cellRanges([]cellPos{{2, 5}, {4, 2}, {2, 7}, {2, 8}, {2, 9}}))
}

func TestDateFormats(t *testing.T) {
	cases := []struct {
		id   int
		code string
		want bool
	}{
		{14, "", true}, {15, "", true}, {17, "", true}, {22, "", true}, {30, "", true}, {57, "", true},
		{0, "", false}, {9, "", false}, {10, "", false}, {18, "", false}, {20, "", false}, {45, "", false}, {49, "", false},
		{0, "yyyy-mm-dd", true}, {0, "DD/MM/YYYY", true}, {0, "d mmm yyyy h:mm", true}, {0, "[$-409]mmmm d, yyyy;@", true},
		{0, "mmm-yy", true},
		{0, "h:mm:ss", false}, {0, "[h]:mm", false}, {0, "mm:ss.0", false}, {0, "0.00", false}, {0, "0%", false},
		{0, "General", false}, {0, `#,##0 "days"`, false}, {0, `0\d`, false}, {0, "@", false},
		{0, `[Red]0;"y"`, false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, isDateFormat(tc.id, tc.code), "%d %q", tc.id, tc.code)
	}
}

func TestISODate(t *testing.T) {
	cases := []struct {
		raw      string
		date1904 bool
		want     string
		ok       bool
	}{
		{"45366", false, "2024-03-15", true},
		{"45232", false, "2023-11-02", true},
		{"45366.5", false, "2024-03-15T12:00:00", true},
		{"45366.35416666666", false, "2024-03-15T08:30:00", true}, // 8:30 as openpyxl stores it
		{"1", false, "1900-01-01", true},
		{"61", false, "1900-03-01", true}, // after Excel's 29 February 1900
		{"0", true, "1904-01-01", true},
		{"43904", true, "2024-03-15", true}, // 45366 − 1462 in the 1904 system
		{"-1", false, "", false},
		{"3000000", false, "", false},
		{"yes", false, "", false},
	}
	for _, tc := range cases {
		got, ok := isoDate(tc.raw, tc.date1904)
		assert.Equal(t, tc.ok, ok, tc.raw)
		assert.Equal(t, tc.want, got, tc.raw)
	}
	ds := &dateStyles{date: []bool{false, true}}
	assert.Equal(t, "45366", ds.text(0, "45366"))
	assert.Equal(t, "2024-03-15", ds.text(1, "45366"))
	assert.Equal(t, "45366", ds.text(7, "45366"), "an unknown style is not a date")
	assert.Equal(t, "n/a", ds.text(1, "n/a"))
}

func TestDateStylesOfAWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	custom := "dd.mm.yyyy"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	require.NoError(t, err)
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 9})
	require.NoError(t, err)
	builtin, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	ds := newDateStyles(f)
	assert.True(t, ds.isDate(date))
	assert.True(t, ds.isDate(builtin))
	assert.False(t, ds.isDate(pct))
	assert.False(t, ds.isDate(0))
	assert.False(t, ds.date1904)
}

func TestXLSMIsReadLikeXLSX(t *testing.T) {
	a, err := Open(cellsFixture("cells_synthetic_libreoffice.xlsx"), testOptions())
	require.NoError(t, err)
	b, err := os.ReadFile(cellsFixture("cells_synthetic_libreoffice.xlsm"))
	require.NoError(t, err)
	m := readXLSXBytes(t, b, "cells_synthetic_libreoffice.xlsx", testOptions())
	assert.Equal(t, sortedResponses(a), sortedResponses(m))
}
