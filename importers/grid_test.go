package importers

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// inline is an inline-string cell.
func inline(ref, text string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, text)
}

// TestCellPastLastColumn: a cell past column XFD is reported, and the rest of
// its row and sheet are read.
func TestCellPastLastColumn(t *testing.T) {
	sheetXML := `<row r="1">` + inline("A1", "Country") + inline("B1", "Item") + inline("C1", "Status") + `</row>` +
		`<row r="2">` + inline("A2", "AT") + inline("B2", "D-3.4") + inline("C2", "yes") + inline("XFE2", "lost") + `</row>` +
		`<row r="3">` + inline("A3", "BE") + inline("B3", "D-3.4") + inline("C3", "no") + `</row>`
	b := sheetWorkbook(t, wrapSheet([]byte(sheetXML)), nil)
	for eng, where := range map[Engine]string{
		EngineFast:     "XFE2",
		EngineExcelize: "one in row 2 (with the cells after it in that row)",
	} {
		opts := testOptions()
		opts.Engine = eng
		ds := readXLSXBytes(t, b, "grid.xlsx", opts)
		assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 none"}, respLines(ds), eng)
		require.Len(t, ds.Diagnostics, 1, eng)
		d := ds.Diagnostics[0]
		assert.Equal(t, gapanalysis.CodeTooLarge, d.Code)
		assert.Equal(t, "1 cell is past the last column (XFD) or row (1,048,576) a sheet has, so it was not read: "+where+"; the other cells were read", d.Message)
		require.Len(t, ds.Accounts, 1)
		assert.Equal(t, 2, ds.Accounts[0].RowsUsed)
	}
}

// TestRowPastLastRow: a sheet with a row 1,048,577 keeps its row 1,048,576
// and reports the one past the grid as too-large, not as a read error.
func TestRowPastLastRow(t *testing.T) {
	sheetXML := `<row r="1">` + inline("A1", "Country") + inline("B1", "Item") + inline("C1", "Status") + `</row>` +
		`<row r="2">` + inline("A2", "AT") + inline("B2", "D-3.4") + inline("C2", "yes") + `</row>` +
		`<row r="1048576">` + inline("A1048576", "BE") + inline("B1048576", "D-3.4") + inline("C1048576", "no") + `</row>` +
		`<row r="1048577">` + inline("A1048577", "CZ") + inline("B1048577", "D-3.4") + inline("C1048577", "no") + `</row>`
	b := sheetWorkbook(t, wrapSheet([]byte(sheetXML)), nil)
	start := time.Now()
	ds := readXLSXBytes(t, b, "tall.xlsx", testOptions())
	t.Logf("read in %v", time.Since(start))
	assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 none"}, respLines(ds))
	require.Len(t, ds.Diagnostics, 1)
	d := ds.Diagnostics[0]
	assert.Equal(t, gapanalysis.CodeTooLarge, d.Code)
	assert.Equal(t, 1048577, d.Row)
	assert.Equal(t, "the sheet has a row 1,048,577, past row 1,048,576, the last a sheet has; the rows from it on were not read", d.Message)
	require.Len(t, ds.Accounts, 1)
	assert.Equal(t, [3]int{2, 2, 0}, [3]int{ds.Accounts[0].RowsRead, ds.Accounts[0].RowsUsed, ds.Accounts[0].RowsReported})
}

// TestStatusInDateCell: 1, 0 and 0.5 typed in cells that show dates are
// statuses, read as the numbers; a real date in such a cell is an ISO date.
func TestStatusInDateCell(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	rows := [][]any{
		{"Country", "Item", "Status", "Evidence"},
		{"AT", "D-3.4", 1, "act"},
		{"BE", "D-3.4", 0, "act"},
		{"CZ", "D-3.4", 0.5, 45366},
	}
	for r, row := range rows {
		require.NoError(t, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r+1), &row))
	}
	require.NoError(t, f.SetCellStyle("Sheet1", "C2", "D4", date))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))

	ds := readXLSXBytes(t, buf.Bytes(), "dates.xlsx", testOptions())
	assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 none", "CZ D-3.4 partial"}, respLines(ds))
	assert.Empty(t, ds.Diagnostics)
	assert.Equal(t, "2024-03-15", ds.Responses.At(2).Evidence)
}
