package report

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Options configures WriteWorkbook. The zero value (and a nil *Options) gives the
// defaults.
type Options struct {
	// Title is the study title shown on the Summary sheet and in the document
	// properties. "" derives one from the checklist ("Gap study: <checklist
	// title>").
	Title string
	// TopK is the number of top priorities listed and charted on the Summary
	// sheet, ≥ 0. 0 uses the result's own k (Meta.TopK, then Config.Ranking.TopK),
	// or 5 when neither is set.
	TopK int
}

// Sheet names of the workbook, in order. SheetSensitivity is present only when
// the result holds a Monte Carlo analysis.
const (
	SheetSummary     = "Summary"
	SheetPriorities  = "Priorities"
	SheetCountries   = "Countries"
	SheetHeatmap     = "Heatmap"
	SheetGaps        = "Gaps"
	SheetItems       = "Items"
	SheetSensitivity = "Sensitivity"
	SheetDiagnostics = "Diagnostics"
	SheetMethodology = "Methodology"
	SheetData        = "Data"
)

// DataHeaders are the column headers of the Data sheet: the tidy responses in the
// long layout that the importers read back.
var DataHeaders = []string{"Country", "Item", "Status", "Value", "Evidence", "Comment", "Respondent", "Source"}

// fixedDate is the creation and modification date written into every workbook, so
// that the same result gives the same bytes.
const fixedDate = "2000-01-01T00:00:00Z"

// WriteWorkbook writes res as an xlsx workbook to w (SPEC 8): the sheets Summary,
// Priorities, Countries, Heatmap, Gaps, Items, Progress, Transitions, Remaining
// (these three only when res.Progress holds a comparison with a baseline, and
// Remaining only when a gap remains or worsened), Known issues (only when
// res.KnownIssues is not empty), Practices (only when some country is at full on
// some item), Agreement and Reconcile (only when res.Agreement has units, resp.
// units to reconcile), Panel (only with an expert panel), Sensitivity (only
// when res.Uncertainty is not nil),
// Diagnostics, Methodology and Data, in that order; when the responses do not
// fit one sheet (1,048,575 rows under the header), the Data sheet continues on
// "Data 2", "Data 3", … (DataSheetName), right after it, and likewise the
// Reconcile sheet on "Reconcile 2", … (ReconcileSheetName). With a baseline, the Gaps
// sheet has a "Since baseline" column (the transition of each gap) and the
// Countries sheet the baseline index and the delta.
//
// Best practices (SPEC 13): the Gaps sheet has, after Source, "Exemplars" (the
// exemplar countries' codes, most similar first) and "Exemplar evidence" (each
// exemplar's evidence and source cells, "SE: <evidence> [file!sheet!cell]; …");
// the Priorities sheet ends with "In place in" (the adopters' codes) and "N in
// place" (their number); the Countries sheet ends with "Peers" ("AT (0.93), DE
// (0.91)": codes with the similarity). The Practices sheet lists per item the
// countries at full with their evidence (see practices).
//
// Every sheet has a frozen header, a filter and set column widths; numbers are
// written as numbers with number formats, unknown scores as empty cells, and free
// text always as text. opts may be nil. The output is deterministic: the same
// result and options give the same bytes.
//
// The Summary sheet is a page rather than a table: its title rows are frozen and
// its filter is on the table of countries at its foot; its two bar charts (index
// by country, score of the top measures) draw from the numbers in its tables.
//
// It returns an error when res is nil, has no checklist, or opts.TopK < 0, and
// any error of w.
func WriteWorkbook(w io.Writer, res *gapanalysis.Result, opts *Options) error {
	if err := check(res, true); err != nil {
		return err
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.TopK < 0 {
		return errBadTopK
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, res, o)
	if err != nil {
		return err
	}
	sheets := []struct {
		name  string
		write func(*sheetWriter)
	}{
		{SheetSummary, b.summary},
		{SheetPriorities, b.priorities},
		{SheetCountries, b.countries},
		{SheetHeatmap, b.heatmap},
		{SheetGaps, b.gaps},
		{SheetItems, b.items},
		{SheetProgress, b.progress},
		{SheetTransitions, b.transitions},
		{SheetRemaining, b.remaining},
		{SheetKnownIssues, b.knownIssues},
		{SheetPractices, b.practices},
		{SheetAgreement, b.agreement},
		{SheetReconcile, nil}, // streamed, once every sheet exists
		{SheetPanel, b.panel},
		{SheetSensitivity, b.sensitivity},
		{SheetDiagnostics, b.diagnostics},
		{SheetMethodology, b.methodology},
		{SheetData, nil}, // streamed, once every sheet exists
	}
	streamed := map[string]*streamTable{}
	var tables []*streamTable
	if b.present(SheetReconcile) {
		streamed[SheetReconcile] = b.reconcileTable()
		tables = append(tables, streamed[SheetReconcile])
	}
	streamed[SheetData] = b.dataTable()
	tables = append(tables, streamed[SheetData])
	// The rows of the Reconcile and Data sheets are written on their own
	// (sheetparts.go) while the other sheets are, and spliced into their
	// sheets as the package is written.
	rows := startParts(tables, b.st.header)
	defer rows.close()
	first := true
	for _, sh := range sheets {
		if !b.present(sh.name) {
			continue
		}
		names := []string{sh.name}
		if t := streamed[sh.name]; t != nil {
			names = t.sheets()
		}
		for _, name := range names {
			if first {
				err = f.SetSheetName("Sheet1", name)
				first = false
			} else {
				_, err = f.NewSheet(name)
			}
			if err != nil {
				return fmt.Errorf("report: sheet %s: %w", name, err)
			}
		}
		if sh.write == nil {
			continue
		}
		s := b.sheet(sh.name)
		sh.write(s)
		if err := s.finish(); err != nil {
			return fmt.Errorf("report: sheet %s: %w", sh.name, err)
		}
	}
	f.SetActiveSheet(0)
	parts, err := rows.wait()
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := b.shell(p); err != nil {
			return err
		}
	}
	if err := b.properties(); err != nil {
		return err
	}
	return saveCanonical(w, f, "workbook", parts...)
}

// book holds what every sheet function needs.
type book struct {
	f     *excelize.File
	res   *gapanalysis.Result
	st    *styles
	title string
	topK  int
}

func newBook(f *excelize.File, res *gapanalysis.Result, o Options) (*book, error) {
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	if res.Progress != nil || len(res.KnownIssues) > 0 {
		if err := progressStyles(f, st); err != nil {
			return nil, err
		}
	}
	return &book{f: f, res: res, st: st, title: studyTitle(res, o.Title), topK: topK(res, o.TopK)}, nil
}

// present reports whether the sheet of that name has content: Sensitivity needs
// an uncertainty analysis, Progress, Transitions and Remaining a comparison with
// a baseline (Remaining a gap that remains or worsened), Known issues a
// register.
func (b *book) present(sheet string) bool {
	switch sheet {
	case SheetSensitivity:
		return b.res.Uncertainty != nil
	case SheetProgress:
		return hasProgress(b.res)
	case SheetTransitions:
		return hasChanges(b.res)
	case SheetRemaining:
		return hasRemaining(b.res)
	case SheetKnownIssues:
		return len(b.res.KnownIssues) > 0
	case SheetPractices:
		return hasPractices(b.res)
	case SheetAgreement:
		return hasAgreement(b.res)
	case SheetReconcile:
		return hasReconcile(b.res)
	case SheetPanel:
		return hasPanel(b.res)
	}
	return true
}

func (b *book) sheet(name string) *sheetWriter {
	return &sheetWriter{f: b.f, st: b.st, name: name, widths: map[int]float64{}, pageHeader: pageHeader(b.title, synthetic(b.res))}
}

// properties sets fixed document properties.
func (b *book) properties() error {
	id, title, version, _ := checklistInfo(b.res)
	desc := fmt.Sprintf("Gap study against checklist %s %s", id, version)
	if synthetic(b.res) {
		desc = SyntheticBanner
	}
	tool := firstNonEmpty(b.res.Meta.Tool, "gapstudy")
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title:          b.title,
		Subject:        title,
		Description:    desc,
		Creator:        tool,
		LastModifiedBy: tool,
		Created:        fixedDate,
		Modified:       fixedDate,
		Language:       "en",
		Revision:       "1",
	}); err != nil {
		return fmt.Errorf("report: document properties: %w", err)
	}
	if err := b.f.SetAppProps(&excelize.AppProperties{
		Application: tool,
		AppVersion:  appVersion(b.res.Meta.ToolVersion),
	}); err != nil {
		return fmt.Errorf("report: application properties: %w", err)
	}
	return nil
}

// appVersion returns a version in the XX.YYYY form the application properties
// allow, or "" for none.
func appVersion(v string) string {
	var major, minor int
	if _, err := fmt.Sscanf(v, "v%d.%d", &major, &minor); err == nil {
		return fmt.Sprintf("%02d.%04d", major%100, minor%10000)
	}
	if _, err := fmt.Sscanf(v, "%d.%d", &major, &minor); err == nil {
		return fmt.Sprintf("%02d.%04d", major%100, minor%10000)
	}
	return ""
}

// Fonts: always a family and a size (SPEC 11: LibreOffice otherwise falls back
// to a serif font).
const (
	fontFamily = "Calibri"
	fontSize   = 11
)

// styles holds the IDs of the cell styles, registered once per workbook.
type styles struct {
	text, wrap, header, title, section, banner, label, link int
	integer, dec1, dec2, dec3, dec4, pct0, pct1, general    int
	status                                                  map[gapanalysis.Status]int
	// trans and verdict are registered only for a result with a baseline or
	// a known-issues register (progressStyles).
	trans   map[gapanalysis.Transition]int
	verdict map[gapanalysis.Verdict]int
}

func font(bold bool, size float64, color string) *excelize.Font {
	return &excelize.Font{Family: fontFamily, Size: size, Bold: bold, Color: color}
}

func numFmt(format string) *excelize.Style {
	return &excelize.Style{Font: font(false, fontSize, ""), CustomNumFmt: &format}
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// statusColors gives the fill and font colour of each status on the Heatmap:
// green, amber, red, grey and white.
var statusColors = map[gapanalysis.Status][2]string{
	gapanalysis.StatusFull:    {"C6EFCE", "006100"},
	gapanalysis.StatusPartial: {"FFEB9C", "9C5700"},
	gapanalysis.StatusNone:    {"FFC7CE", "9C0006"},
	gapanalysis.StatusNA:      {"D9D9D9", "595959"},
	gapanalysis.StatusUnknown: {"FFFFFF", "000000"},
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{status: map[gapanalysis.Status]int{}}
	thin := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	defs := []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.text, &excelize.Style{Font: font(false, fontSize, "")}},
		{&st.wrap, &excelize.Style{Font: font(false, fontSize, ""), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.header, &excelize.Style{Font: font(true, fontSize, ""), Fill: solid("D9E1F2"), Border: thin, Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}}},
		{&st.title, &excelize.Style{Font: font(true, 16, "")}},
		{&st.section, &excelize.Style{Font: font(true, 13, "1F3864")}},
		{&st.banner, &excelize.Style{Font: font(true, 13, "FFFFFF"), Fill: solid("C00000"), Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&st.label, &excelize.Style{Font: font(true, fontSize, "")}},
		{&st.link, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: fontSize, Color: "0563C1", Underline: "single"}}},
		{&st.integer, numFmt("0")},
		{&st.dec1, numFmt("0.0")},
		{&st.dec2, numFmt("0.00")},
		{&st.dec3, numFmt("0.000")},
		{&st.dec4, numFmt("0.0000")},
		{&st.pct0, numFmt("0%")},
		{&st.pct1, numFmt("0.0%")},
		{&st.general, numFmt("General")},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.style)
		if err != nil {
			return nil, fmt.Errorf("report: style: %w", err)
		}
		*d.id = id
	}
	for _, s := range gapanalysis.Statuses() {
		c := statusColors[s]
		id, err := f.NewStyle(&excelize.Style{
			Font:      font(false, fontSize, c[1]),
			Fill:      solid(c[0]),
			Alignment: &excelize.Alignment{Horizontal: "center"},
			Border: []excelize.Border{
				{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
				{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
			},
		})
		if err != nil {
			return nil, fmt.Errorf("report: style: %w", err)
		}
		st.status[s] = id
	}
	return st, nil
}

// Column widths, in characters.
const (
	minWidth = 6
	maxWidth = 60
	numWidth = 10 // width a formatted number needs
)

// sheetWriter writes the cells of one sheet and keeps what finish needs: the
// extent written and the widest content of each column. The first error sticks;
// later calls do nothing.
type sheetWriter struct {
	f      *excelize.File
	st     *styles
	name   string
	widths map[int]float64
	rows   int // last row written
	cols   int // last column written
	err    error
	// pageHeader is the printed page header ("" for none).
	pageHeader string
	// headerLines holds the lines of the tallest wrapped header by row.
	headerLines map[int]int
}

func (s *sheetWriter) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && s.err == nil {
		s.err = err
	}
	return name
}

func (s *sheetWriter) touch(col, row int, width float64) {
	if row > s.rows {
		s.rows = row
	}
	if col > s.cols {
		s.cols = col
	}
	if width > s.widths[col] {
		s.widths[col] = width
	}
}

func (s *sheetWriter) style(cell string, style int) {
	if s.err == nil {
		s.err = s.f.SetCellStyle(s.name, cell, cell, style)
	}
}

// text writes v as a string cell, whatever it starts with, so that free text is
// never taken for a formula. An empty v writes nothing.
func (s *sheetWriter) text(col, row int, v string, style int) {
	if s.err != nil || v == "" {
		return
	}
	v = cellText(v)
	c := s.cell(col, row)
	if s.err == nil {
		s.err = s.f.SetCellStr(s.name, c, v)
	}
	s.style(c, style)
	s.touch(col, row, float64(utf8.RuneCountInString(v))+1)
}

// banner writes a long text that does not widen its column.
func (s *sheetWriter) banner(col, row int, v string, style int) {
	if s.err != nil || v == "" {
		return
	}
	c := s.cell(col, row)
	if s.err == nil {
		s.err = s.f.SetCellStr(s.name, c, v)
	}
	s.style(c, style)
	s.touch(col, row, 0)
	// Merged across the first columns so that the whole text shows and prints.
	if s.err == nil {
		s.err = s.f.MergeCell(s.name, c, s.cell(col+bannerSpan-1, row))
	}
	s.touch(col+bannerSpan-1, row, 0)
}

// bannerSpan is the number of columns a banner is merged across.
const bannerSpan = 8

// number writes v as a numeric cell with the given number format style; a value
// that is not finite writes nothing (an empty cell).
func (s *sheetWriter) number(col, row int, v float64, style int) {
	if s.err != nil || !finite(v) {
		return
	}
	c := s.cell(col, row)
	if s.err == nil {
		s.err = s.f.SetCellFloat(s.name, c, v, -1, 64)
	}
	s.style(c, style)
	s.touch(col, row, numWidth)
}

// integer writes v as a whole number.
func (s *sheetWriter) integer(col, row, v int) {
	if s.err != nil {
		return
	}
	c := s.cell(col, row)
	if s.err == nil {
		s.err = s.f.SetCellInt(s.name, c, int64(v))
	}
	s.style(c, s.st.integer)
	s.touch(col, row, float64(len(fmt.Sprint(v)))+1)
}

// rank writes a rank, or nothing when it is 0 (no rank).
func (s *sheetWriter) rank(col, row, v int) {
	if v > 0 {
		s.integer(col, row, v)
	}
}

// score writes a known score, or nothing when it is unknown.
func (s *sheetWriter) score(col, row int, v gapanalysis.Score, style int) {
	if known(v) {
		s.number(col, row, v.Value, style)
	}
}

// link writes url as text with an external hyperlink when it is a web address.
func (s *sheetWriter) link(col, row int, url string) {
	if url == "" {
		return
	}
	if !isWebURL(url) {
		s.text(col, row, url, s.st.text)
		return
	}
	s.text(col, row, url, s.st.link)
	if s.err == nil {
		s.err = s.f.SetCellHyperLink(s.name, s.cell(col, row), url, "External")
	}
}

func isWebURL(s string) bool {
	return len(s) > 8 && (s[:7] == "http://" || s[:8] == "https://")
}

// header writes a header row starting at column 1. A long header wraps over up
// to three lines (headerWidth) rather than widening its column, so that the
// tables print readably (print.go).
func (s *sheetWriter) header(row int, headers ...string) {
	for i, h := range headers {
		if s.err != nil {
			return
		}
		c := s.cell(i+1, row)
		if s.err == nil {
			s.err = s.f.SetCellStr(s.name, c, h)
		}
		s.style(c, s.st.header)
		w, lines := headerWidth(h)
		s.touch(i+1, row, w+4) // room for the filter button
		if lines > 1 {
			if s.headerLines == nil {
				s.headerLines = map[int]int{}
			}
			s.headerLines[row] = max(s.headerLines[row], lines)
		}
	}
}

// freeze freezes the rows above row and the columns left of col (both 1-based:
// freeze(2, 1) keeps row 1 in view).
func (s *sheetWriter) freeze(row, col int) {
	if s.err != nil {
		return
	}
	top := s.cell(col, row)
	pane := "bottomLeft"
	switch {
	case col > 1 && row > 1:
		pane = "bottomRight"
	case col > 1:
		pane = "topRight"
	}
	s.err = s.f.SetPanes(s.name, &excelize.Panes{
		Freeze:      true,
		XSplit:      col - 1,
		YSplit:      row - 1,
		TopLeftCell: top,
		ActivePane:  pane,
		Selection:   []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}},
	})
}

// filter puts an autofilter on the table whose header is in row headerRow,
// columns 1..cols, down to row lastRow (at least the header row).
func (s *sheetWriter) filter(headerRow, lastRow, cols int) {
	if s.err != nil || cols < 1 {
		return
	}
	if lastRow < headerRow {
		lastRow = headerRow
	}
	s.err = s.f.AutoFilter(s.name, s.cell(1, headerRow)+":"+s.cell(cols, lastRow), nil)
}

// table freezes the header row 1 (and the first freezeCols columns) and filters
// the columns 1..cols down to the last row written.
func (s *sheetWriter) table(cols, freezeCols int) {
	s.freeze(2, freezeCols+1)
	s.filter(1, s.rows, cols)
}

// finish sets the column widths and the sheet dimension (SPEC 11: openpyxl's
// read-only mode trusts it) and returns the first error.
func (s *sheetWriter) finish() error {
	for col := 1; col <= s.cols && s.err == nil; col++ {
		w := s.widths[col]
		w = max(minWidth, min(maxWidth, w+1))
		name, err := excelize.ColumnNumberToName(col)
		if err != nil {
			return err
		}
		s.err = s.f.SetColWidth(s.name, name, name, w)
	}
	for row, n := range s.headerLines {
		if s.err == nil {
			s.err = s.f.SetRowHeight(s.name, row, float64(n*lineHeight+3))
		}
	}
	if s.err != nil {
		return s.err
	}
	// Print (and render to PDF) on A4, landscape, as few pages wide as 9-point
	// text allows, the frozen rows and columns repeated (print.go).
	if err := setupPrint(s.f, s.name, s.cols, fontSize, true, s.pageHeader); err != nil {
		return err
	}
	rows, cols := max(s.rows, 1), max(s.cols, 1)
	return s.f.SetSheetDimension(s.name, "A1:"+s.cell(cols, rows))
}

// saveCanonical writes f to w with deterministic bytes (copyCanonical), the
// rows of each part spliced into its sheet; what names the document in
// errors. Only the package without those rows is held in memory.
func saveCanonical(w io.Writer, f *excelize.File, what string, rows ...*rowsPart) error {
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("report: writing %s: %w", what, err)
	}
	if err := copyCanonical(w, buf.Bytes(), rows); err != nil {
		return fmt.Errorf("report: writing %s: %w", what, err)
	}
	return nil
}
