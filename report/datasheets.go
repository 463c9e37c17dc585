package report

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// dataSheetRows is the number of rows a Data sheet holds, its header row
// included: Excel's limit of 1,048,576 rows. Tests lower it.
var dataSheetRows = excelize.TotalRows

// DataSheetName returns the name of the n-th Data sheet (n ≥ 1): "Data" for
// the first, then "Data 2", "Data 3", … When the responses do not fit one sheet
// (1,048,575 responses under the header row), the Data sheet continues on the
// next, with the same header row.
func DataSheetName(n int) string {
	if n <= 1 {
		return SheetData
	}
	return SheetData + " " + strconv.Itoa(n)
}

// dataSheetCount is the number of Data sheets that n responses need: at least
// one, so that an empty dataset still has its header row.
func dataSheetCount(n int) int {
	per := dataSheetRows - 1
	return max(1, (n+per-1)/per)
}

// responseCount is the number of responses in res's dataset.
func responseCount(res *gapanalysis.Result) int {
	if res.Dataset == nil {
		return 0
	}
	return len(res.Dataset.Responses)
}

// dataSheets writes the Data sheets, already created (empty) in the workbook:
// the tidy responses in the long layout, one row per response, so that
// importing them gives the same dataset back. Each sheet is written with
// excelize's StreamWriter, one row at a time; what the stream cannot set
// (column widths, frozen header, filter, page setup and the sheet dimension,
// which openpyxl's read-only mode trusts, SPEC 11) is set before it starts.
func (b *book) dataSheets() error {
	order := responseOrder(b.res)
	per := dataSheetRows - 1
	for n := 1; n <= dataSheetCount(len(order)); n++ {
		lo := min((n-1)*per, len(order))
		hi := min(lo+per, len(order))
		name := DataSheetName(n)
		if err := b.dataSheet(name, order[lo:hi]); err != nil {
			return fmt.Errorf("report: sheet %s: %w", name, err)
		}
	}
	return nil
}

// dataSheet writes one Data sheet holding the responses of the given indexes
// under the header row.
func (b *book) dataSheet(name string, idx []int) error {
	st := b.st
	var all []gapanalysis.Response
	if b.res.Dataset != nil {
		all = b.res.Dataset.Responses
	}
	s := b.sheet(name)
	// The widths, the filter's range and the dimension come first: a pass
	// over the rows that only measures them.
	cols := len(DataHeaders)
	for i, h := range DataHeaders {
		s.touch(i+1, 1, float64(utf8.RuneCountInString(h))+4) // room for the filter button
	}
	width := func(col int, v string) {
		if v != "" {
			s.touch(col, 1, float64(utf8.RuneCountInString(cellText(v)))+1)
		}
	}
	for _, k := range idx {
		r := &all[k]
		width(1, string(r.Country))
		width(2, string(r.Item))
		width(3, responseStatus(*r))
		if r.HasValue && finite(r.Value) {
			s.touch(4, 1, numWidth)
		}
		width(5, r.Evidence)
		width(6, r.Comment)
		width(7, r.Respondent)
		width(8, r.Source.String())
	}
	s.rows = len(idx) + 1
	s.table(cols, 2)
	if err := s.finish(); err != nil {
		return err
	}

	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	row := make([]any, cols)
	header := make([]any, cols)
	for i, h := range DataHeaders {
		header[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	text := func(v string) any {
		if v == "" {
			return nil
		}
		return excelize.Cell{StyleID: st.text, Value: cellText(v)}
	}
	for i, k := range idx {
		r := &all[k]
		row[0] = text(string(r.Country))
		row[1] = text(string(r.Item))
		row[2] = text(responseStatus(*r))
		row[3] = nil
		if r.HasValue && finite(r.Value) {
			row[3] = excelize.Cell{StyleID: st.general, Value: r.Value}
		}
		row[4] = text(r.Evidence)
		row[5] = text(r.Comment)
		row[6] = text(r.Respondent)
		row[7] = text(r.Source.String())
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}
