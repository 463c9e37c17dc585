package importers

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// testChecklist is a small checklist for the tests: three status items of the
// Directive, one best-practice item and one numeric item.
func testChecklist() *gapanalysis.Checklist {
	return &gapanalysis.Checklist{
		ID: "test", Title: "Test checklist", Version: "1",
		Pillars: []*gapanalysis.Pillar{
			{ID: "compliance", Title: "Legal compliance", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "offences", Title: "Offences", Weight: 1, Items: []*gapanalysis.Item{
					{ID: "D-3.4", Title: "Sexual activities with a child", Obligation: gapanalysis.Mandatory, Weight: 1},
					{ID: "D-3.5", Title: "Abuse of a position of trust", Obligation: gapanalysis.Mandatory, Weight: 1},
					{ID: "D-5.2", Title: "Acquisition or possession of CSAM", Obligation: gapanalysis.Mandatory, Weight: 1},
				}},
			}},
			{ID: "practice", Title: "Best practice", Weight: 1, Themes: []*gapanalysis.Theme{
				{ID: "reporting", Title: "Reporting", Weight: 1, Items: []*gapanalysis.Item{
					{ID: "BP-HOTLINE", Title: "Hotline", Obligation: gapanalysis.Practice, Weight: 1},
					{ID: "N-CASES", Title: "Convictions per year", Obligation: gapanalysis.Practice, Weight: 1,
						Type: gapanalysis.NumericItem},
				}},
			}},
		},
	}
}

func testOptions() *Options { return &Options{Checklist: testChecklist()} }

// fixture returns the path of a file in testdata/import.
func fixture(name string) string { return filepath.Join("..", "testdata", "import", name) }

// sheet is a worksheet to write: its name and rows of typed values.
type sheet struct {
	name string
	rows [][]any
}

// xlsxBytes writes the sheets into a new workbook with excelize.
func xlsxBytes(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", s.name))
		} else {
			_, err := f.NewSheet(s.name)
			require.NoError(t, err)
		}
		for r, row := range s.rows {
			if len(row) == 0 {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetSheetRow(s.name, cell, &row))
		}
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// readXLSXBytes reads a workbook held in memory.
func readXLSXBytes(t testing.TB, b []byte, name string, opts *Options) *gapanalysis.Dataset {
	t.Helper()
	ds, err := ReadXLSX(bytes.NewReader(b), name, opts)
	require.NoError(t, err)
	requireBalanced(t, ds)
	return ds
}

// readCSVString reads CSV text.
func readCSVString(t testing.TB, text, name string, opts *Options) *gapanalysis.Dataset {
	t.Helper()
	ds, err := ReadCSV(strings.NewReader(text), name, opts)
	require.NoError(t, err)
	requireBalanced(t, ds)
	return ds
}

// requireBalanced checks the accounting rule on every sheet, and that the rows
// reported are exactly those named in an error diagnostic of the sheet. A
// diagnostic at or above the header row of a matrix or respondents sheet (the
// row of its layout note) is about a header cell, not a data row.
func requireBalanced(t testing.TB, ds *gapanalysis.Dataset) {
	t.Helper()
	type key struct{ file, sheet string }
	rowsNamed := map[key]map[int]bool{}
	missingCol := map[key]bool{}
	headerRow := map[key]int{}
	for _, d := range ds.Diagnostics {
		if d.Code == gapanalysis.CodeLayout {
			headerRow[key{d.File, d.Sheet}] = d.Row
		}
	}
	for _, d := range ds.Diagnostics {
		k := key{d.File, d.Sheet}
		switch d.Code {
		case gapanalysis.CodeMissingColumn:
			missingCol[k] = true
		case gapanalysis.CodeUnknownCountry, gapanalysis.CodeUnknownItem, gapanalysis.CodeBadStatus,
			gapanalysis.CodeBadValue, gapanalysis.CodeMissingValue, gapanalysis.CodeBadQuote:
			require.Equal(t, gapanalysis.SevError, d.Severity)
			require.NotEmpty(t, d.Cell, "row diagnostic without a cell: %v", d)
			if d.Row <= headerRow[k] {
				continue
			}
			if rowsNamed[k] == nil {
				rowsNamed[k] = map[int]bool{}
			}
			rowsNamed[k][d.Row] = true
		}
	}
	for _, a := range ds.Accounts {
		require.True(t, a.Balanced(), "unbalanced account %+v", a)
		require.GreaterOrEqual(t, a.RowsUsed, 0)
		require.GreaterOrEqual(t, a.RowsReported, 0)
		require.GreaterOrEqual(t, a.BlankRows, 0)
		if k := (key{a.File, a.Sheet}); !missingCol[k] {
			require.Equal(t, len(rowsNamed[k]), a.RowsReported,
				"rows reported in %+v differ from the rows named in diagnostics", a)
		}
	}
}

// diagLine is a diagnostic reduced to what the tests compare.
type diagLine struct {
	Sev  gapanalysis.Severity
	Code gapanalysis.Code
	Cell string
}

func diagLines(ds *gapanalysis.Dataset) []diagLine {
	var out []diagLine
	for _, d := range ds.Diagnostics {
		out = append(out, diagLine{d.Severity, d.Code, d.Cell})
	}
	return out
}

// respLine is a response written as "CC ITEM status[=value]".
func respLine(r gapanalysis.Response) string {
	s := fmt.Sprintf("%s %s %s", r.Country, r.Item, r.Status)
	if r.HasValue {
		s += fmt.Sprintf("=%g", r.Value)
	}
	return s
}

func respLines(ds *gapanalysis.Dataset) []string {
	var out []string
	for _, r := range ds.Responses.All() {
		out = append(out, respLine(r))
	}
	return out
}

// sortedResponses returns the responses as sortable lines, sources left out.
func sortedResponses(ds *gapanalysis.Dataset) []string {
	var out []string
	for _, r := range ds.Responses.All() {
		out = append(out, fmt.Sprintf("%s|%s|%s|%v|%g|%s|%s|%s", r.Country, r.Item, r.Status,
			r.HasValue, r.Value, r.Evidence, r.Comment, r.Respondent))
	}
	sort.Strings(out)
	return out
}

// writeFile writes b to name in a new temporary folder and returns the path.
func writeFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}
