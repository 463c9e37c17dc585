package synth

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// table is a one-sheet synthetic workbook: the title in row titleRow, the
// header in row headerRow and one row per record from row firstDataRow.
type table struct {
	sheet    string
	docTitle string // the document property Title
	title    string // the title row, which says the data are synthetic
	header   []string
	widths   []float64 // column widths, in characters
	// headBorder underlines the header row.
	headBorder bool
	n          int               // number of records
	row        func(i int) []any // the cells of record i
}

// write writes t as an xlsx workbook to w: deterministic (fixed document
// dates), the sheet dimension set, the rows streamed.
func (t table) write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", t.sheet); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: t.docTitle, Subject: "Synthetic gap-study test data",
		Description: t.title, Keywords: "synthetic; test data", Creator: "gapstudy",
		Created: docDate, Modified: docDate, Language: "en",
	}); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	last, err := excelize.CoordinatesToCellName(len(t.header), headerRow+t.n)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if err := f.SetSheetDimension(t.sheet, "A1:"+last); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 13, Color: "C00000"}})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	hs := &excelize.Style{
		Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
	}
	if t.headBorder {
		hs.Border = []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	}
	headStyle, err := f.NewStyle(hs)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	sw, err := f.NewStreamWriter(t.sheet)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for c, wd := range t.widths {
		if err := sw.SetColWidth(c+1, c+1, wd); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", titleRow), []any{excelize.Cell{StyleID: titleStyle, Value: t.title}}); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	head := make([]any, len(t.header))
	for i, h := range t.header {
		head[i] = excelize.Cell{StyleID: headStyle, Value: h}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", headerRow), head); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	for i := 0; i < t.n; i++ {
		if err := sw.SetRow(fmt.Sprintf("A%d", firstDataRow+i), t.row(i)); err != nil {
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
