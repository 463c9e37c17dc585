package report

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// sheetRows is the number of rows a Data or Reconcile sheet holds, its header
// row included: Excel's limit of 1,048,576 rows. Tests lower it.
var sheetRows = excelize.TotalRows

// continuedName returns the name of the n-th sheet (n ≥ 1) of a table that
// continues over several sheets: base for the first, then "base 2", "base 3", …
func continuedName(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + " " + strconv.Itoa(n)
}

// continuedCount is the number of sheets that n rows under a header row need:
// at least one, so that an empty table still has its header row.
func continuedCount(n int) int {
	per := sheetRows - 1
	return max(1, (n+per-1)/per)
}

// DataSheetName returns the name of the n-th Data sheet (n ≥ 1): "Data" for
// the first, then "Data 2", "Data 3", … When the responses do not fit one sheet
// (1,048,575 responses under the header row), the Data sheet continues on the
// next, with the same header row.
func DataSheetName(n int) string {
	return continuedName(SheetData, n)
}

// streamTable is a table written with excelize's StreamWriter over as many
// sheets as its rows need (continuedName), each with the header row.
type streamTable struct {
	base       string   // name of the first sheet
	headers    []string // the header row
	freezeCols int      // columns frozen left of the table, besides the header row
	rows       int      // number of rows under the header
	// fill sets row (len(headers) cells) to the cells of row i (0-based):
	// nil for an empty cell, else an excelize.Cell whose Value is a string
	// (already passed through cellText), a float64 or an int.
	fill func(i int, row []any)
}

// sheets returns the names of the sheets t needs.
func (t *streamTable) sheets() []string {
	names := make([]string, continuedCount(t.rows))
	for n := range names {
		names[n] = continuedName(t.base, n+1)
	}
	return names
}

// streamSheets writes t on its sheets, already created (empty) in the workbook.
// Each sheet is written with excelize's StreamWriter, one row at a time; what
// the stream cannot set (column widths, frozen header, filter, page setup and
// the sheet dimension, which openpyxl's read-only mode trusts, SPEC 11) is set
// before it starts, from a first pass over the rows that only measures them.
// The stream cannot write cell notes or merged cells; no streamed table has
// any.
func (b *book) streamSheets(t *streamTable) error {
	per := sheetRows - 1
	for n, name := range t.sheets() {
		lo := min(n*per, t.rows)
		hi := min(lo+per, t.rows)
		if err := b.streamSheet(t, name, lo, hi); err != nil {
			return fmt.Errorf("report: sheet %s: %w", name, err)
		}
	}
	return nil
}

// streamSheet writes the rows lo..hi-1 of t under the header row on sheet name.
func (b *book) streamSheet(t *streamTable, name string, lo, hi int) error {
	st := b.st
	s := b.sheet(name)
	cols := len(t.headers)
	lines := 1
	for i, h := range t.headers {
		w, n := headerWidth(h)
		s.touch(i+1, 1, w+4) // room for the filter button
		lines = max(lines, n)
	}
	row := make([]any, cols)
	for i := lo; i < hi; i++ {
		clear(row)
		t.fill(i, row)
		for j, c := range row {
			cell, ok := c.(excelize.Cell)
			if !ok {
				continue
			}
			switch v := cell.Value.(type) {
			case string:
				s.touch(j+1, 1, float64(utf8.RuneCountInString(v))+1)
			case float64:
				s.touch(j+1, 1, numWidth)
			case int:
				s.touch(j+1, 1, float64(len(strconv.Itoa(v)))+1)
			}
		}
	}
	s.rows = hi - lo + 1
	s.table(cols, t.freezeCols)
	if err := s.finish(); err != nil {
		return err
	}

	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	header := make([]any, cols)
	for i, h := range t.headers {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	var opts []excelize.RowOpts
	if lines > 1 {
		// A long header wraps (sheetWriter.header): the row is as tall as
		// its lines.
		opts = append(opts, excelize.RowOpts{Height: float64(lines*lineHeight + 3)})
	}
	if err := sw.SetRow("A1", header, opts...); err != nil {
		return err
	}
	for i := lo; i < hi; i++ {
		clear(row)
		t.fill(i, row)
		cell, err := excelize.CoordinatesToCellName(1, i-lo+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// streamText is v as a text cell of the given style (nil when v is empty): a
// string cell, whatever it starts with, so that free text is never taken for a
// formula.
func streamText(v string, style int) any {
	if v == "" {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: cellText(v)}
}

// dataTable is the Data sheets' table: the tidy responses in the long layout,
// one row per response, so that importing them gives the same dataset back.
func (b *book) dataTable() *streamTable {
	st := b.st
	order := responseOrder(b.res)
	var all *gapanalysis.Responses
	if b.res.Dataset != nil {
		all = &b.res.Dataset.Responses
	}
	return &streamTable{
		base:       SheetData,
		headers:    DataHeaders,
		freezeCols: 2,
		rows:       len(order),
		fill: func(i int, row []any) {
			resp := all.At(int(order[i]))
			r := &resp
			row[0] = streamText(string(r.Country), st.text)
			row[1] = streamText(string(r.Item), st.text)
			row[2] = streamText(responseStatus(*r), st.text)
			if r.HasValue && finite(r.Value) {
				row[3] = excelize.Cell{StyleID: st.general, Value: r.Value}
			}
			row[4] = streamText(r.Evidence, st.text)
			row[5] = streamText(r.Comment, st.text)
			row[6] = streamText(r.Respondent, st.text)
			row[7] = streamText(r.Source.String(), st.text)
		},
	}
}
