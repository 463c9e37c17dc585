package importers

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// Cells as they come (docs/input-format.md, "Cells"): what a worksheet's rows
// carry besides their text. A row source of a worksheet may implement
// rowDetail; sheetCells notes what it says while the layout readers read the
// rows, and reports it once the sheet is read. CSV sources have no details.

// rowDetail is implemented by worksheet row sources that know more about the
// current row than the text of its cells.
type rowDetail interface {
	// Hidden reports whether the current row is hidden.
	Hidden() bool
	// NoValue returns the 0-based columns of the current row whose cells hold a
	// formula without a cached value (a program wrote the formula, and no
	// spreadsheet program has computed it since); their text in Row is "". The
	// slice is valid until the next call to Next.
	NoValue() []int
}

// sheetCells is the row source of one worksheet as the layout readers see it:
// the rows of the source, unchanged, while it notes the hidden rows that hold
// something and the formula cells without a value, for report.
type sheetCells struct {
	rowSource
	detail  rowDetail // nil when the source has no details
	hidden  []int     // non-blank hidden rows, in order
	noValue []cellPos // formula cells without a cached value, in order
}

// cellPos is a 0-based column and a 1-based row.
type cellPos struct{ col, row int }

// newSheetCells wraps the row source of a worksheet.
func newSheetCells(src rowSource) *sheetCells {
	c := &sheetCells{rowSource: src}
	c.detail, _ = src.(rowDetail)
	return c
}

// Next advances to the next row and notes its details.
func (c *sheetCells) Next() bool {
	if !c.rowSource.Next() {
		return false
	}
	if c.detail == nil {
		return true
	}
	num, cells := c.rowSource.Row()
	if c.detail.Hidden() && !blank(cells) {
		c.hidden = append(c.hidden, num)
	}
	for _, col := range c.detail.NoValue() {
		c.noValue = append(c.noValue, cellPos{col, num})
	}
	return true
}

// offGridSource is implemented by row sources that skip cells past Excel's
// grid (see sheetRows.OffGrid).
type offGridSource interface {
	OffGrid() (refs []string, n int)
}

// report appends to ds what was noted while the sheet was read: one info
// diagnostic listing the hidden rows that hold something, one
// formula-no-value warning listing the formula cells that were read as empty,
// and one too-large error listing the cells past Excel's grid, not read.
func (c *sheetCells) report(ds *gapanalysis.Dataset, file, sheet string) {
	if og, ok := c.rowSource.(offGridSource); ok {
		if refs, n := og.OffGrid(); n > 0 {
			list := strings.Join(refs, ", ")
			if n > len(refs) {
				list += fmt.Sprintf(" and %d more", n-len(refs))
			}
			d := gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
				"%s past the last column (XFD) or row (1,048,576) a sheet has, so %s not read: %s; the other cells were read",
				plural(n, "cell is", "cells are"), map[bool]string{true: "it was", false: "they were"}[n == 1], list))
			d.File, d.Sheet = file, sheet
			ds.Diagnostics = append(ds.Diagnostics, d)
		}
	}
	if len(c.hidden) > 0 {
		d := gapanalysis.NewDiagnostic(gapanalysis.SevInfo, gapanalysis.CodeHidden, fmt.Sprintf(
			"%s hidden in the sheet; %s read like the others: %s",
			plural(len(c.hidden), "row is", "rows are"), pronoun(len(c.hidden)), rowRanges(c.hidden)))
		d.File, d.Sheet, d.Row = file, sheet, c.hidden[0]
		ds.Diagnostics = append(ds.Diagnostics, d)
	}
	if len(c.noValue) > 0 {
		first := c.noValue[0]
		d := gapanalysis.NewDiagnostic(gapanalysis.SevWarning, gapanalysis.CodeFormulaNoValue, fmt.Sprintf(
			"%s no saved value, so %s read as empty: %s. The formulas were written by a program and never "+
				"computed; open the file in Excel or LibreOffice Calc and save it to compute them",
			plural(len(c.noValue), "formula cell has", "formula cells have"),
			map[bool]string{true: "it was", false: "they were"}[len(c.noValue) == 1], cellRanges(c.noValue)))
		d.File, d.Sheet, d.Row, d.Col, d.Cell = file, sheet, first.row, first.col+1, cellName(first.col, first.row)
		ds.Diagnostics = append(ds.Diagnostics, d)
	}
}

// plural returns "1 row is" or "3 rows are".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func pronoun(n int) string {
	if n == 1 {
		return "it was"
	}
	return "they were"
}

// rowRanges writes ascending row numbers compactly: "4, 7–9, 12".
func rowRanges(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, strconv.Itoa(rows[i]))
		case j == i+1:
			parts = append(parts, strconv.Itoa(rows[i]), strconv.Itoa(rows[j]))
		default:
			parts = append(parts, fmt.Sprintf("%d–%d", rows[i], rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// cellRanges writes cells compactly, column by column in the order the columns
// first appear, runs of rows as ranges: "C5, C7:C9, E2".
func cellRanges(cells []cellPos) string {
	byCol := map[int][]int{}
	var cols []int
	for _, c := range cells {
		if _, ok := byCol[c.col]; !ok {
			cols = append(cols, c.col)
		}
		byCol[c.col] = append(byCol[c.col], c.row)
	}
	var parts []string
	for _, col := range cols {
		rows := byCol[col]
		sort.Ints(rows)
		for i := 0; i < len(rows); {
			j := i
			for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
				j++
			}
			if j == i {
				parts = append(parts, cellName(col, rows[i]))
			} else {
				parts = append(parts, cellName(col, rows[i])+":"+cellName(col, rows[j]))
			}
			i = j + 1
		}
	}
	return strings.Join(parts, ", ")
}

// hiddenSheet reports, with an info diagnostic, a worksheet that is hidden (or
// "very hidden") in the workbook: it is read like the others.
func hiddenSheet(ds *gapanalysis.Dataset, f *excelize.File, file, sheet string) {
	if visible, err := f.GetSheetVisible(sheet); err != nil || visible {
		return
	}
	d := gapanalysis.NewDiagnostic(gapanalysis.SevInfo, gapanalysis.CodeHidden,
		"the sheet is hidden in the workbook; it was read like the others (to leave it out, name the sheets to read)")
	d.File, d.Sheet = file, sheet
	ds.Diagnostics = append(ds.Diagnostics, d)
}

// continuesHeader reports whether a row directly below a long-layout header row
// is the second row of a two-row header, as when the header cells of the
// country and item columns are merged down over both rows and the cells beside
// them name the columns under a heading merged across them: its cells under
// the country and item columns are empty, and every cell it has is a column
// name. A cell under the country or item column that repeats the header cell
// above it is empty too: the merged cell's value, given to each row it spans
// (see mergedRows).
func continuesHeader(h header, upper, cells []string) bool {
	cellAt := func(row []string, f field) string {
		if c := h.col[f]; c >= 0 && c < len(row) {
			return strings.TrimSpace(row[c])
		}
		return ""
	}
	for _, f := range []field{fieldCountry, fieldItem} {
		if v := cellAt(cells, f); v != "" && v != cellAt(upper, f) {
			return false
		}
	}
	named := 0
	for i, c := range cells {
		if c = strings.TrimSpace(c); c == "" || i < len(upper) && c == strings.TrimSpace(upper[i]) {
			continue // empty, or a header cell merged down over both rows
		}
		if headerAliases[headerKey(c)] == fieldNone {
			return false
		}
		named++
	}
	return named > 0
}

// joinHeader combines the two rows of a two-row header into one: in each
// column, the lower cell when it is a column name, else the upper one when it
// is, else whichever is not empty (the lower first).
func joinHeader(upper, lower []string) []string {
	out := make([]string, max(len(upper), len(lower)))
	for i := range out {
		var up, low string
		if i < len(upper) {
			up = upper[i]
		}
		if i < len(lower) {
			low = lower[i]
		}
		switch {
		case headerAliases[headerKey(low)] != fieldNone:
			out[i] = low
		case headerAliases[headerKey(up)] != fieldNone:
			out[i] = up
		case strings.TrimSpace(low) != "":
			out[i] = low
		default:
			out[i] = up
		}
	}
	return out
}

// Dates. A worksheet stores a date as a number (days since 1900, or 1904)
// shown through a date format. The row sources that see cell styles use
// dateStyles to turn such numbers into ISO 8601 text, so that a date typed in an
// evidence or comment cell comes out as "2024-03-15", not "45366".

// dateStyles tells, for each cell style of a workbook (the s attribute of a
// cell), whether its number format shows a date, and which date system the
// workbook uses.
type dateStyles struct {
	date     []bool // by style index
	date1904 bool
}

// newDateStyles reads the cell styles and the date system of a workbook.
func newDateStyles(f *excelize.File) *dateStyles {
	ds := &dateStyles{}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		ds.date1904 = *props.Date1904
	}
	for i := 0; ; i++ {
		st, err := f.GetStyle(i)
		if err != nil || st == nil {
			break
		}
		code := ""
		if st.CustomNumFmt != nil {
			code = *st.CustomNumFmt
		}
		ds.date = append(ds.date, isDateFormat(st.NumFmt, code))
	}
	return ds
}

// isDate reports whether cell style s shows numbers as dates.
func (ds *dateStyles) isDate(s int) bool {
	return ds != nil && s >= 0 && s < len(ds.date) && ds.date[s]
}

// firstDate is the smallest number read as a date: serial 61, 1 March 1900.
// Below it lie Excel's days of January and February 1900, which its calendar
// gets wrong (it counts a 29 February 1900) and no survey means: a 1, 0 or 0.5
// typed in a cell that shows dates is a status, read as the number.
const firstDate = 61

// text returns the text of a numeric cell of style s: the ISO date (and time)
// when s is a date format and the number is a date Excel can show from
// firstDate on, else the number as stored.
func (ds *dateStyles) text(s int, raw string) string {
	if !ds.isDate(s) {
		return raw
	}
	if v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64); err == nil && v < firstDate {
		return raw
	}
	if iso, ok := isoDate(raw, ds.date1904); ok {
		return iso
	}
	return raw
}

// isDateFormat reports whether a number format shows a date: a built-in date
// format (IDs 14–17, 22, 27–36, 50–58), or a format code with a day or year
// part outside quoted text, escapes and brackets. Formats that show only a time
// are not dates.
func isDateFormat(id int, code string) bool {
	if code == "" {
		return id >= 14 && id <= 17 || id == 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
	}
	// Only the first section (positive numbers) counts.
	inQuote, depth, escape := false, 0, false
	for _, r := range code {
		switch {
		case escape:
			escape = false
		case inQuote:
			inQuote = r != '"'
		case r == '"':
			inQuote = true
		case r == '\\' || r == '_' || r == '*':
			escape = true
		case r == '[':
			depth++
		case r == ']':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case r == ';':
			return false
		case r == 'y' || r == 'Y' || r == 'd' || r == 'D':
			return true
		}
	}
	return false
}

// isoDate converts the stored number of a date cell to ISO 8601: "2024-03-15",
// or "2024-03-15T08:30:00" when it has a time of day (to the second). ok is
// false for text that is not a number, or a number outside the years 1900–9999.
func isoDate(raw string, date1904 bool) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(v) || v < 0 || v >= 2958466 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return "", false
	}
	t = t.Round(time.Second)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02T15:04:05"), true
}

// Hidden reports whether the current row is hidden.
func (x *xlsxRows) Hidden() bool { return x.rows.GetRowOpts().Hidden }

// NoValue returns nil: excelize's row iterator gives a formula cell without a
// cached value as an empty cell, indistinguishable from one.
func (x *xlsxRows) NoValue() []int { return nil }

// pushedBack is a row source that yields one row read ahead, then the rest of
// its source.
type pushedBack struct {
	rowSource
	num   int
	cells []string
	state int // 0: the pushed-back row is next; 1: it is current; 2: passed
}

// pushBack returns src with the row (num, cells), just read from it, to be
// read again.
func pushBack(src rowSource, num int, cells []string) rowSource {
	return &pushedBack{rowSource: src, num: num, cells: append([]string(nil), cells...)}
}

func (p *pushedBack) Next() bool {
	if p.state == 0 {
		p.state = 1
		return true
	}
	p.state = 2
	return p.rowSource.Next()
}

func (p *pushedBack) Row() (int, []string) {
	if p.state == 1 {
		return p.num, p.cells
	}
	return p.rowSource.Row()
}
