package importers

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Layout names (SPEC 4), as used in Options.Layout, Options.SheetLayouts and
// SheetAccount.Layout. LayoutLong is declared with the long-layout reader.
const (
	// LayoutAuto detects the layout of every sheet (the same as "").
	LayoutAuto = "auto"
	// LayoutMatrix is items down, countries across.
	LayoutMatrix = "matrix"
	// LayoutRespondents is a survey-tool export: one row per respondent.
	LayoutRespondents = "respondents"
	// LayoutQuestionnaire is the per-country workbook "gapstudy template" writes.
	LayoutQuestionnaire = "questionnaire"
)

// ErrUnknownLayout is returned by the readers when Options.Layout or a value of
// Options.SheetLayouts is not one of Layouts().
var ErrUnknownLayout = errors.New("importers: unknown layout")

// Layouts returns the layout names Options.Layout accepts, LayoutAuto first.
func Layouts() []string {
	return []string{LayoutAuto, LayoutLong, LayoutMatrix, LayoutRespondents, LayoutQuestionnaire}
}

// checkLayout returns the canonical form of a layout name ("" for auto) or an
// error wrapping ErrUnknownLayout.
func checkLayout(name, where string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(name))
	switch l {
	case "", LayoutAuto:
		return "", nil
	case LayoutLong, LayoutMatrix, LayoutRespondents, LayoutQuestionnaire:
		return l, nil
	}
	hint := ""
	if sug, ok := gapanalysis.Suggest(l, Layouts()); ok {
		hint = fmt.Sprintf("; did you mean %s?", sug)
	}
	return "", fmt.Errorf("%w %q in %s (want %s)%s", ErrUnknownLayout, name, where, strings.Join(Layouts(), ", "), hint)
}

// setLayouts copies and checks the layout options and the mapping.
func (r *reader) setLayouts(opts *Options) error {
	var err error
	if r.layout, err = checkLayout(opts.Layout, "Options.Layout"); err != nil {
		return err
	}
	if len(opts.SheetLayouts) > 0 {
		r.sheetLayouts = make(map[string]string, len(opts.SheetLayouts))
		names := make([]string, 0, len(opts.SheetLayouts))
		for name := range opts.SheetLayouts {
			names = append(names, name)
		}
		sort.Strings(names) // deterministic errors
		for _, name := range names {
			l, err := checkLayout(opts.SheetLayouts[name], fmt.Sprintf("Options.SheetLayouts[%q]", name))
			if err != nil {
				return err
			}
			r.sheetLayouts[name] = l
		}
	}
	return r.setMapping(opts.Checklist, opts.Mapping)
}

// layoutFor returns the layout a sheet is to be read in: its entry in
// SheetLayouts (name matched exactly, then case-insensitively; "" there means
// detect), else Options.Layout; "" means detect.
func (r *reader) layoutFor(sheet string) string {
	if sheet != "" && len(r.sheetLayouts) > 0 {
		if l, ok := r.sheetLayouts[sheet]; ok {
			return l
		}
		names := make([]string, 0, len(r.sheetLayouts))
		for name := range r.sheetLayouts {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if strings.EqualFold(name, sheet) {
				return r.sheetLayouts[name]
			}
		}
	}
	return r.layout
}

// Detection looks at the first rows of a sheet: up to headerScanRows non-empty
// rows for the header and sampleRows non-empty rows below it.
const (
	sampleRows    = 30
	maxBufferRows = 10000 // most rows (blank ones included) held for detection
)

// readSheet reads one sheet (or CSV file) in its layout: the one forced by the
// options, or else the one detected from its first rows (see detect).
func (r *reader) readSheet(ds *gapanalysis.Dataset, src rowSource, file, sheet string) {
	if r.register != nil {
		r.readRegister(ds, src, file, sheet)
		return
	}
	if r.panel != nil {
		r.readPanelSheet(ds, src, file, sheet)
		return
	}
	forced := r.layoutFor(sheet)
	if forced == LayoutLong {
		r.readLong(ds, src, file, sheet)
		return
	}
	p := newReplay(src, r.maxRows)
	layout := forced
	var mh *matrixHead
	var rh *respondentsHead
	switch forced {
	case "":
		layout, mh, rh = r.detect(p.head)
	case LayoutMatrix:
		mh = r.findMatrixHead(p.head, 1)
	case LayoutRespondents:
		rh = r.findRespondentsHead(p.head, false)
	}
	how := "detected"
	if forced != "" {
		how = "as asked"
	}
	switch layout {
	case LayoutMatrix:
		r.readMatrix(ds, p, file, sheet, mh, how)
	case LayoutRespondents:
		r.readRespondents(ds, p, file, sheet, rh, how)
	case LayoutQuestionnaire:
		// Questionnaire workbooks are recognised and read as a whole by the
		// workbook reader (see questionnaire.go); a sheet that reaches this point
		// is read on its own, so it cannot be one.
		r.notQuestionnaire(ds, p, file, sheet)
	default:
		if forced == "" && r.noLayout(ds, p, file, sheet) {
			return
		}
		r.readLong(ds, p, file, sheet)
	}
}

// noLayout reports a sheet in which detection found no layout and not even
// part of a long header: it is empty, or it has no header (a no-header warning
// that says what each layout needs). It reports false, and does nothing, when
// the long-layout reader should report the sheet instead: a header with two of
// country, item and status (a missing column), or more rows than allowed.
func (r *reader) noLayout(ds *gapanalysis.Dataset, p *replay, file, sheet string) bool {
	for i, row := range p.head {
		if i >= headerScanRows {
			break
		}
		if _, ok := parseHeader(row.cells, row.num); ok {
			return false
		}
	}
	if r.maxRows >= 0 && len(p.rows) > r.maxRows {
		return false
	}
	s := &sheetImport{r: r, ds: ds, file: file, sheet: sheet,
		acct: gapanalysis.SheetAccount{File: file, Sheet: sheet}}
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()
	last := 0
	if len(p.rows) > 0 {
		last = p.rows[len(p.rows)-1].num
	}
	if p.srcDone && s.readError(p, last) {
		return true
	}
	if len(p.head) == 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, -1, 0, "the sheet is empty")
		return true
	}
	s.diag(gapanalysis.SevWarning, gapanalysis.CodeNoHeader, -1, 0, fmt.Sprintf(
		"no header row among %s, so the sheet was not read: the long layout needs a header "+
			"with at least two of country, item and status (e.g. \"Country\", \"Item\", \"Status\"); "+
			"a matrix, item IDs down a column and countries across a header row; a respondents export, "+
			"a country column and a column per item", scanned(len(p.head))))
	return true
}

// detect chooses the layout of a sheet from its first rows, in this order:
// long, when a row names the country, item and status columns; matrix, when a
// row holds at least one country and the column of IDs left of the countries
// holds mostly item IDs below it (see findMatrixHead); respondents, when a row has a country column and at least one column
// that names an item; matrix, when a row holds at least three countries; long
// otherwise (which reports the missing header or column).
func (r *reader) detect(head []bufRow) (string, *matrixHead, *respondentsHead) {
	for i, row := range head {
		if i >= headerScanRows {
			break
		}
		if h, ok := parseHeader(row.cells, row.num); ok &&
			h.col[fieldCountry] >= 0 && h.col[fieldItem] >= 0 && h.col[fieldStatus] >= 0 {
			return LayoutLong, nil, nil
		}
	}
	if mh := r.findMatrixHead(head, 0); mh != nil && mh.idsFound {
		return LayoutMatrix, mh, nil
	}
	if rh := r.findRespondentsHead(head, true); rh != nil {
		return LayoutRespondents, nil, rh
	}
	if mh := r.findMatrixHead(head, 3); mh != nil {
		return LayoutMatrix, mh, nil
	}
	return LayoutLong, nil, nil
}

// layoutNote records, at the header row, which layout a sheet is read in.
func (s *sheetImport) layoutNote(layout, how string, headerRow int, detail string) {
	s.acct.Layout = layout
	s.diag(gapanalysis.SevInfo, gapanalysis.CodeLayout, -1, headerRow, fmt.Sprintf(
		"read in the %s layout (%s): %s", layout, how, detail))
}

// notQuestionnaire reports a sheet that was to be read as a questionnaire on
// its own; its rows are not read.
func (r *reader) notQuestionnaire(ds *gapanalysis.Dataset, src rowSource, file, sheet string) {
	s := &sheetImport{r: r, ds: ds, file: file, sheet: sheet,
		acct: gapanalysis.SheetAccount{File: file, Sheet: sheet}}
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()
	rows, last := 0, 0
	for src.Next() {
		rows++
		num, _ := src.Row()
		last = num
		if s.overLimit(rows, num) {
			return
		}
	}
	if s.readError(src, last) {
		return
	}
	s.diag(gapanalysis.SevWarning, gapanalysis.CodeNoHeader, -1, 0,
		"the sheet was to be read in the questionnaire layout, but it is not part of a questionnaire "+
			"workbook written by gapstudy template, so it was not read; choose another layout for it")
}

// bufRow is a row held for detection: its number and cells (nil when blank).
type bufRow struct {
	num   int
	cells []string
}

// replay is a rowSource that first yields the rows it read ahead for
// detection, then the rest of the underlying source.
type replay struct {
	src     rowSource
	head    []bufRow // the non-blank rows read ahead, for detection
	rows    []bufRow // every row read ahead, blank ones included
	i       int      // index in rows of the next row to yield
	cur     bufRow
	live    bool // the current row comes from src
	srcDone bool // src.Next returned false
}

// newReplay reads ahead up to headerScanRows+sampleRows non-blank rows (and at
// most maxBufferRows rows, or maxRows+1 when that is fewer).
func newReplay(src rowSource, maxRows int) *replay {
	p := &replay{src: src}
	limit := maxBufferRows
	if maxRows >= 0 && maxRows+1 < limit {
		limit = maxRows + 1
	}
	for len(p.head) < headerScanRows+sampleRows && len(p.rows) < limit {
		if !src.Next() {
			p.srcDone = true
			break
		}
		num, cells := src.Row()
		row := bufRow{num: num}
		if !blank(cells) {
			row.cells = append([]string(nil), cells...)
			p.head = append(p.head, row)
		}
		p.rows = append(p.rows, row)
	}
	return p
}

func (p *replay) Next() bool {
	if p.i < len(p.rows) {
		p.cur = p.rows[p.i]
		p.i++
		return true
	}
	p.live = true
	if p.srcDone {
		return false
	}
	if !p.src.Next() {
		p.srcDone = true
		return false
	}
	return true
}

func (p *replay) Row() (int, []string) {
	if p.live {
		return p.src.Row()
	}
	return p.cur.num, p.cur.cells
}

func (p *replay) Err() error { return p.src.Err() }
