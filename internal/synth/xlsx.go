package synth

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// ErrNotSynthetic is returned by WriteXLSX for a dataset not marked synthetic:
// the file it writes says that its data are synthetic.
var ErrNotSynthetic = errors.New("synth: dataset is not synthetic")

// Title returns the text of the workbook's title row for a seed.
func Title(seed uint64) string {
	return fmt.Sprintf("SYNTHETIC survey — generated test data, not an assessment of any real Member State (seed %d)", seed)
}

// docDate is the fixed creation and modification date of the workbook, so that
// the same dataset always gives the same bytes.
const docDate = "2026-01-01T00:00:00Z"

// Columns of the long layout, in order; Value only when some response has one.
var header = []string{"Country", "Item", "Status", "Evidence", "Comment", "Respondent", "Value"}

// colWidths are the widths of the columns, in characters.
var colWidths = []float64{10, 14, 20, 60, 55, 22, 10}

// spellings are the other accepted forms (SPEC 4) that WriteXLSX writes for one
// data row in five instead of the canonical status name, cycling through each
// list. Numbers are written as numeric cells.
var spellings = map[gapanalysis.Status][]any{
	gapanalysis.StatusFull:    {"yes", "Fully compliant", 1.0, "Yes", "transposed"},
	gapanalysis.StatusPartial: {"partly", "Partially compliant", 0.5},
	gapanalysis.StatusNone:    {"no", "not transposed", 0.0, "No"},
	gapanalysis.StatusNA:      {"n/a", "Not applicable"},
	gapanalysis.StatusUnknown: {"don't know", "?", "no information"},
}

// spellingEvery and spellingAt choose the rows written with another spelling: the
// data rows i (0-based) with i % spellingEvery == spellingAt.
const (
	spellingEvery = 5
	spellingAt    = 2
)

// statusCell is what WriteXLSX writes in the Status column of data row i (0-based)
// for a response: nil (an empty cell) for an answered numeric item, otherwise the
// canonical status name or, for one row in five, another accepted spelling.
func statusCell(r gapanalysis.Response, i int) any {
	if r.HasValue && r.Status == gapanalysis.StatusUnknown {
		return nil
	}
	if i%spellingEvery == spellingAt {
		alt := spellings[r.Status]
		if len(alt) > 0 {
			return alt[(i/spellingEvery)%len(alt)]
		}
	}
	return r.Status.String()
}

// WriteXLSX writes the dataset as an xlsx workbook in the long layout (SPEC 4):
// one sheet SheetName with the title row (Title(ds.Seed), or BaselineTitle(ds.Seed)
// for a dataset labelled BaselineName) in row 1, row 2 blank,
// the header Country | Item | Status | Evidence | Comment | Respondent (and Value
// when some response has a value) in row 3, then one row per response in dataset
// order. Statuses are written with their canonical names, except that one data
// row in five uses another spelling from the SPEC's vocabulary (e.g. "yes",
// "partly", "n/a", or the numbers 1, 0.5, 0), so that readers meet some variety;
// every spelling imports as the same status. Free text is written as text.
//
// The output is deterministic: the same dataset gives the same bytes (fixed
// document dates, no time stamps). The sheet dimension is set, so readers that
// trust it (openpyxl's read-only mode) see every row. ds must be marked
// Synthetic (ErrNotSynthetic otherwise).
func WriteXLSX(w io.Writer, ds *gapanalysis.Dataset) error {
	if ds == nil || !ds.Synthetic {
		return ErrNotSynthetic
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	docTitle, title := "Synthetic EU-27 survey", Title(ds.Seed)
	if ds.Label == BaselineName {
		docTitle, title = "Synthetic EU-27 survey, earlier wave", BaselineTitle(ds.Seed)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       docTitle,
		Subject:     "Synthetic gap-study survey data",
		Description: title,
		Keywords:    "synthetic; test data",
		Creator:     "gapstudy",
		Created:     docDate,
		Modified:    docDate,
		Language:    "en",
	}); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	cols := 6
	for _, r := range ds.Responses.All() {
		if r.HasValue {
			cols = 7
			break
		}
	}
	last := headerRow + ds.Responses.Len()
	lastCell, err := excelize.CoordinatesToCellName(cols, last)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	// The dimension is written when the stream starts: set it first.
	if err := f.SetSheetDimension(SheetName, "A1:"+lastCell); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	titleStyle, err := f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 13, Color: "C00000"},
	})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	headStyle, err := f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Family: "Calibri", Size: 11},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for c := 1; c <= cols; c++ {
		if err := sw.SetColWidth(c, c, colWidths[c-1]); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: headerRow, TopLeftCell: fmt.Sprintf("A%d", firstDataRow), ActivePane: "bottomLeft",
	}); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", titleRow), []any{excelize.Cell{StyleID: titleStyle, Value: title}}); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	head := make([]any, cols)
	for i := range head {
		head[i] = excelize.Cell{StyleID: headStyle, Value: header[i]}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", headerRow), head); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	row := make([]any, cols)
	for i, r := range ds.Responses.All() {
		row[0], row[1], row[2] = string(r.Country), string(r.Item), statusCell(r, i)
		row[3], row[4], row[5] = text(r.Evidence), text(r.Comment), text(r.Respondent)
		if cols == 7 {
			row[6] = nil
			if r.HasValue {
				row[6] = r.Value
			}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", firstDataRow+i), row); err != nil {
			return fmt.Errorf("synth: row %d: %w", firstDataRow+i, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("synth: write: %w", err)
	}
	return nil
}

// text returns s as a cell value, nil (no cell) when empty.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
