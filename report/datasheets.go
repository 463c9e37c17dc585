package report

import (
	"strconv"

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

// streamTable is a table written over as many sheets as its rows need
// (continuedName), each with the header row. Its rows are written by a
// rowWriter straight into the sheets' XML (sheetparts.go), not through
// excelize.
type streamTable struct {
	base       string   // name of the first sheet
	headers    []string // the header row
	freezeCols int      // columns frozen left of the table, besides the header row
	rows       int      // number of rows under the header
	// fill writes the cells of row i (0-based) with w, left to right. It
	// is called from several goroutines at once (one per sheet), so it
	// only reads.
	fill func(i int, w *rowWriter)
}

// sheets returns the names of the sheets t needs.
func (t *streamTable) sheets() []string {
	names := make([]string, continuedCount(t.rows))
	for n := range names {
		names[n] = continuedName(t.base, n+1)
	}
	return names
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
		fill: func(i int, w *rowWriter) {
			resp := all.At(int(order[i]))
			r := &resp
			w.text(1, string(r.Country), st.text)
			w.text(2, string(r.Item), st.text)
			w.text(3, responseStatus(*r), st.text)
			if r.HasValue {
				w.number(4, r.Value, st.general)
			}
			w.text(5, r.Evidence, st.text)
			w.text(6, r.Comment, st.text)
			w.text(7, r.Respondent, st.text)
			w.source(8, r.Source, st.text)
		},
	}
}
