package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Print setup of every sheet Gapstudy writes (SPEC 15; docs/printing.md).
//
// A sheet prints on A4 in landscape, with its frozen rows and columns repeated
// on every page (print titles), scaled to fit a whole number of pages wide and as
// many pages tall as it needs. The number of pages across is the smallest for
// which the text still prints at minPrintFont points or more: a table that fits
// one page wide at that size gets one page; a wider one (the Heatmap of many
// countries, Transitions) gets two or more, in which case pages are numbered
// across then down so that the parts of the same rows follow each other.
const (
	paperA4      = 9   // the paperSize code of A4 in SpreadsheetML
	minPrintFont = 9.0 // points: no text prints smaller
	// printSafety is the share of the scale kept in reserve: spreadsheet
	// programs measure column widths slightly differently (LibreOffice from the
	// font it has), so the page count is worked out for text a little larger
	// than minPrintFont.
	printSafety = 1.04

	// Page margins, in inches.
	marginSide   = 0.4
	marginTop    = 0.6
	marginHeader = 0.3

	a4LongInches  = 297 / 25.4
	a4ShortInches = 210 / 25.4
	// pxPerInch and pxPerWidth convert column widths to printed size: a column
	// width unit is the width of a digit of the workbook's 11-point Calibri, 7
	// pixels at 96 pixels per inch.
	pxPerInch  = 96
	pxPerWidth = 7
	// defaultColWidth is a column's width when none is set, in characters.
	defaultColWidth = 9.140625
)

// chartFont is the smallest font of the sheets with charts (their axis labels,
// in points): those sheets print at that size or larger too.
var chartFont = map[string]float64{SheetSummary: 9, SheetProgress: 9}

// pageSetup is the print setup of one sheet, worked out by planPrint.
type pageSetup struct {
	landscape  bool
	pagesWide  int // FitToWidth; FitToHeight is 0 (as many pages as needed)
	titleRows  int // rows 1..titleRows repeat on every page
	titleCols  int // columns 1..titleCols repeat on every page
	minScale   float64
	printWidth float64 // inches of paper across, inside the margins
}

// planPrint works out the page setup of a sheet whose columns 1..len(widths)
// have the given widths (in characters), whose first titleRows rows and
// up to titleCols columns repeat on every page (those that fit in a third of
// the page), and whose smallest font is minFont points (fontSize for the
// cells).
func planPrint(widths []float64, titleRows, titleCols int, minFont float64, landscape bool) pageSetup {
	p := pageSetup{landscape: landscape, titleRows: titleRows}
	p.printWidth = a4ShortInches - 2*marginSide
	if landscape {
		p.printWidth = a4LongInches - 2*marginSide
	}
	p.minScale = min(1, minPrintFont/minFont*printSafety)
	capacity := p.printWidth * pxPerInch / p.minScale
	// Repeated columns take at most a third of every page: the frozen columns
	// from the left that fit in it.
	used := 0.0
	for i := 0; i < titleCols && i < len(widths); i++ {
		used += widths[i] * pxPerWidth
		if used > capacity/3 {
			break
		}
		p.titleCols = i + 1
	}
	p.pagesWide = pagesAcross(widths, p.titleCols, capacity)
	return p
}

// pagesAcross returns how many pages wide the columns print when each page holds
// capacity pixels (at full size) and repeats the first titleCols columns: pages
// break between columns, and a column wider than a page takes a page of its own.
func pagesAcross(widths []float64, titleCols int, capacity float64) int {
	titles := 0.0
	for i := 0; i < titleCols && i < len(widths); i++ {
		titles += widths[i] * pxPerWidth
	}
	pages, used := 1, titles
	for i := titleCols; i < len(widths); i++ {
		w := widths[i] * pxPerWidth
		if used > titles && used+w > capacity {
			pages++
			used = titles
		}
		used += w
	}
	return pages
}

// printTitles returns the reference of the print titles of sheet: its first
// rows and columns, "'Gaps'!$A:$B,'Gaps'!$1:$1"; "" when there are none.
func printTitles(sheet string, rows, cols int) string {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var parts []string
	if cols > 0 {
		last, _ := excelize.ColumnNumberToName(cols)
		parts = append(parts, fmt.Sprintf("%s$A:$%s", q, last))
	}
	if rows > 0 {
		parts = append(parts, fmt.Sprintf("%s$1:$%d", q, rows))
	}
	return strings.Join(parts, ",")
}

// setupPrint sets the print setup of a sheet with cols columns: the column
// widths and frozen panes are read back from f, minFont is the smallest font of
// its cells (points), header is the page header ("" for none, with & doubled)
// and the footer names the sheet and the page.
func setupPrint(f *excelize.File, sheet string, cols int, minFont float64, landscape bool, header string) error {
	widths := make([]float64, max(cols, 1))
	for i := range widths {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if widths[i], err = f.GetColWidth(sheet, name); err != nil {
			return err
		}
		if widths[i] <= 0 {
			widths[i] = defaultColWidth
		}
	}
	if cf, ok := chartFont[sheet]; ok {
		minFont = min(minFont, cf)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil {
		return err
	}
	rows, tcols := 0, 0
	if panes.Freeze {
		rows, tcols = panes.YSplit, panes.XSplit
	}
	p := planPrint(widths, rows, tcols, minFont, landscape)

	orientation, order, zero, fit, a4 := "portrait", "downThenOver", 0, true, paperA4
	if p.landscape {
		orientation = "landscape"
	}
	if p.pagesWide > 1 {
		order = "overThenDown"
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &orientation, FitToWidth: &p.pagesWide, FitToHeight: &zero, PageOrder: &order,
	}); err != nil {
		return err
	}
	side, top, hf := marginSide, marginTop, marginHeader
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &top, Header: &hf, Footer: &hf,
	}); err != nil {
		return err
	}
	hfo := &excelize.HeaderFooterOptions{OddFooter: "&L&A&RPage &P of &N"}
	if header != "" {
		hfo.OddHeader = header
	}
	if err := f.SetHeaderFooter(sheet, hfo); err != nil {
		return err
	}
	if ref := printTitles(sheet, p.titleRows, p.titleCols); ref != "" {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet})
	}
	return nil
}

// pageHeader is the page header of the workbook's sheets: the study title on
// the left and, for synthetic data, "SYNTHETIC DATA" on the right.
func pageHeader(title string, synth bool) string {
	const maxTitle = 120 // a header holds at most 255 characters with its codes
	if r := []rune(title); len(r) > maxTitle {
		title = string(r[:maxTitle-1]) + "…"
	}
	h := "&L" + escapeHeader(title)
	if synth {
		h += "&R&\"-,Bold\"SYNTHETIC DATA"
	}
	return h
}

// headerWidth returns the width (characters) a column header needs when it may
// wrap over up to three lines at spaces, and the lines it then takes: the
// narrowest width, no less than its longest word, at which it takes no more
// than three lines.
func headerWidth(h string) (width float64, lines int) {
	words := strings.Fields(h)
	longest, total := 0, utf8.RuneCountInString(h)
	for _, w := range words {
		longest = max(longest, utf8.RuneCountInString(w))
	}
	for capacity := max(longest, (total+2)/3); ; capacity++ {
		if n := wordLines(words, capacity); n <= 3 {
			return float64(capacity), n
		}
	}
}

// wordLines returns the lines words take wrapped at capacity characters a line.
func wordLines(words []string, capacity int) int {
	lines, n := 1, 0
	for _, w := range words {
		l := utf8.RuneCountInString(w)
		switch {
		case n == 0:
			n = l
		case n+1+l <= capacity:
			n += 1 + l
		default:
			lines++
			n = l
		}
	}
	return lines
}
