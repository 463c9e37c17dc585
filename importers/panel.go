package importers

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Layouts of a sheet read as an expert panel (SheetAccount.Layout).
const (
	// LayoutPanelLong: one row per rating, columns expert, measure,
	// criterion and value.
	LayoutPanelLong = "panel-long"
	// LayoutPanelForm: a scoring form, measures down and criteria across,
	// with the expert named in a cell above the header ("Expert ID" and the
	// name beside it) or in an expert column.
	LayoutPanelForm = "panel-form"
)

// Columns of a panel table.
const (
	panExpert = iota
	panMeasure
	panCriterion
	panValue
	numPanFields
)

// panelAliases maps header keys (see headerKey) to panel columns; keep
// docs/input-format.md in step.
var panelAliases = func() map[string]int {
	m := map[string]int{}
	add := func(f int, names ...string) {
		for _, n := range names {
			m[headerKey(n)] = f
		}
	}
	add(panExpert, "expert", "expert id", "expert name", "rater", "panellist", "panelist", "respondent", "assessor", "judge")
	add(panMeasure, "measure", "measure id", "priority measure", "candidate measure", "option", "policy option")
	add(panCriterion, "criterion", "criteria", "criterion id")
	add(panValue, "value", "rating", "score", "scoring", "rate", "points")
	return m
}()

// panelReader collects the ratings of a panel as its sheets are read.
type panelReader struct {
	panel    *gapanalysis.Panel
	seen     map[ratingKey]rated
	measures map[string]gapanalysis.MeasureID // headerKey(ID) → ID
	crits    map[string]gapanalysis.CriterionID
	mIDs     []string
	cIDs     []string
}

type ratingKey struct {
	expert    string
	measure   gapanalysis.MeasureID
	criterion gapanalysis.CriterionID
}

type rated struct {
	value float64
	at    gapanalysis.Source
}

func newPanelReader(cl *gapanalysis.Checklist) *panelReader {
	p := &panelReader{panel: &gapanalysis.Panel{}, seen: map[ratingKey]rated{},
		measures: map[string]gapanalysis.MeasureID{}, crits: map[string]gapanalysis.CriterionID{}}
	for _, m := range cl.Measures {
		p.measures[headerKey(string(m.ID))] = m.ID
		p.mIDs = append(p.mIDs, string(m.ID))
	}
	for _, c := range cl.Criteria {
		p.crits[headerKey(string(c.ID))] = c.ID
		if k := headerKey(c.Title); k != "" {
			if _, dup := p.crits[k]; !dup {
				p.crits[k] = c.ID
			}
		}
		p.cIDs = append(p.cIDs, string(c.ID))
	}
	return p
}

// ReadPanel reads an expert panel's ratings of the checklist's measures (SPEC
// 14) from CSV text or an xlsx workbook (told by content, as ReadCSV does).
// Each sheet is either
//
//   - a long table: a header row naming the columns expert, measure,
//     criterion and value (matched like survey headers; other names are in
//     docs/input-format.md), one rating per row; or
//   - a scoring form (what "gapstudy template --panel" writes, or any sheet
//     like it): a header row with a measure column and one column per expert
//     criterion (its ID or title), one measure per row; the expert is named
//     in a cell beside an "Expert ID" label above the header, or in an expert
//     column. A form without an expert name is an error and is not read.
//
// Ratings are numbers from 1 to 5 (for a cost criterion 5 is the most
// costly); an empty cell is no rating. A value that is not a number, is not
// finite, or lies outside 1–5; an unknown measure or criterion (with a "did
// you mean" suggestion); and a second, different rating of the same expert
// for the same measure and criterion are errors at their cell, and the rating
// is not used. The same rating repeated is a duplicate warning, counted once.
// Every data row is either used or named in a diagnostic (SheetAccount).
//
// Of opts, Checklist is required (its measures and criteria); Delimiter,
// Sheets, MaxUnpackedSize, MaxRows and Password apply; the survey options do
// not. The error is non-nil only when opts is not usable or r fails.
func ReadPanel(r io.Reader, name string, opts *Options) (*gapanalysis.Panel, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	rd.sink = nil
	rd.panel = newPanelReader(opts.Checklist)
	ds := newDataset(name)
	err = rd.readCSV(ds, r, name)
	return rd.panel.finish(ds, name), err
}

// OpenPanel reads the panel at path: a file as ReadPanel reads it, or a
// folder of them (one form per expert), read as OpenAll reads a folder.
func OpenPanel(path string, opts *Options) (*gapanalysis.Panel, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	rd.sink = nil
	rd.panel = newPanelReader(opts.Checklist)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("importers: %w", err)
	}
	all := &gapanalysis.Dataset{}
	if fi.IsDir() {
		if err := rd.openFolder(all, path); err != nil {
			return nil, err
		}
	} else {
		ds, err := rd.open(path)
		if err != nil {
			return nil, err
		}
		all.Merge(ds)
	}
	return rd.panel.finish(all, filepath.Base(filepath.Clean(path))), nil
}

func (p *panelReader) finish(ds *gapanalysis.Dataset, label string) *gapanalysis.Panel {
	out := p.panel
	if ds != nil {
		out.Diagnostics = append(out.Diagnostics, ds.Diagnostics...)
		out.Accounts = append(out.Accounts, ds.Accounts...)
	}
	out.Label = label
	out.Synthetic = strings.Contains(strings.ToLower(label), "synthetic")
	return out
}

// panelHeader is what a panel sheet's header row says.
type panelHeader struct {
	col   [numPanFields]int
	crits map[int]gapanalysis.CriterionID // form: column → criterion
	long  bool
	// other lists the 0-based columns of the other non-empty header cells.
	other []int
}

// formInfoColumns are the header keys of a form's descriptive columns, which
// are read over without a note.
var formInfoColumns = map[string]bool{
	headerKey("title"): true, headerKey("measure title"): true, headerKey("addresses"): true,
	headerKey("items addressed"): true, headerKey("items"): true, headerKey("description"): true,
}

// parsePanelHeader recognises the header row of a long panel table or of a
// scoring form.
func (p *panelReader) parsePanelHeader(cells []string) (panelHeader, bool) {
	h := panelHeader{crits: map[int]gapanalysis.CriterionID{}}
	for i := range h.col {
		h.col[i] = -1
	}
	for i, c := range cells {
		k := headerKey(c)
		if f, ok := panelAliases[k]; ok && h.col[f] < 0 {
			h.col[f] = i
			continue
		}
		if id, ok := p.crits[k]; ok {
			h.crits[i] = id
			continue
		}
		if k != "" && !formInfoColumns[k] {
			h.other = append(h.other, i)
		}
	}
	if h.col[panExpert] >= 0 && h.col[panMeasure] >= 0 && h.col[panCriterion] >= 0 && h.col[panValue] >= 0 {
		h.long = true
		return h, true
	}
	return h, h.col[panMeasure] >= 0 && len(h.crits) > 0
}

// expertLabel reports whether a row names the expert of a form: its first
// non-empty cell is an expert label, and the name is the next non-empty cell.
func expertLabel(cells []string) (name string, col int, ok bool) {
	for i, c := range cells {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if f, known := panelAliases[headerKey(c)]; !known || f != panExpert {
			return "", 0, false
		}
		for j := i + 1; j < len(cells); j++ {
			if v := strings.TrimSpace(cells[j]); v != "" {
				return v, j, true
			}
		}
		return "", i, true
	}
	return "", 0, false
}

// readPanelSheet reads one sheet (or CSV file) of a panel.
func (r *reader) readPanelSheet(ds *gapanalysis.Dataset, src rowSource, file, sheet string) {
	s := &sheetImport{r: r, ds: ds, file: file, sheet: sheet,
		acct: gapanalysis.SheetAccount{File: file, Sheet: sheet}}
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()
	p := r.panel
	var (
		h                  panelHeader
		hdrRow             int
		expert             string
		expertCol, expertR = -1, 0
	)
	var headerCells []string
	found, nonBlank, rows, lastRow, ok := s.findHeader(src, func(num int, cells []string) bool {
		var found bool
		if h, found = p.parsePanelHeader(cells); found {
			hdrRow = num
			headerCells = append(headerCells, cells...)
			return true
		}
		if name, col, is := expertLabel(cells); is {
			expert, expertCol, expertR = name, col, num
		}
		return false
	})
	if !ok {
		return
	}
	if !found {
		if s.readError(src, lastRow) {
			return
		}
		if nonBlank == 0 {
			s.diag(gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, -1, 0, "the sheet is empty")
			return
		}
		s.diag(gapanalysis.SevWarning, gapanalysis.CodeNoHeader, -1, 0, fmt.Sprintf(
			"no header row among the first %d non-empty rows, so the sheet was not read: a panel sheet needs a header "+
				"with the columns expert, measure, criterion and value, or a scoring form's measure column and criteria columns (%s)",
			nonBlank, strings.Join(p.cIDs, ", ")))
		return
	}
	s.acct.Layout = LayoutPanelForm
	if h.long {
		s.acct.Layout = LayoutPanelLong
	} else {
		s.unknownCriteriaColumns(h, hdrRow, headerCells)
	}
	formNoExpert := !h.long && h.col[panExpert] < 0 && expert == ""
	if formNoExpert {
		col, row := -1, hdrRow
		if expertR > 0 {
			col, row = expertCol, expertR
		}
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, col, row,
			"the scoring form names no expert: fill in the Expert ID cell (or add an expert column); the form's ratings were not read")
	}
	for src.Next() {
		rows++
		num, cells := src.Row()
		lastRow = num
		if s.overLimit(rows, num) {
			return
		}
		if blank(cells) {
			s.acct.BlankRows++
			continue
		}
		s.acct.RowsRead++
		rowOK := !formNoExpert
		if rowOK {
			if h.long {
				rowOK = s.panelLongRow(h, num, cells)
			} else {
				rowOK = s.panelFormRow(h, expert, num, cells)
			}
		}
		if rowOK && !r.faulty(num) {
			s.acct.RowsUsed++
		} else {
			s.acct.RowsReported++
		}
	}
	s.readError(src, lastRow)
}

func cellAt(cells []string, c int) string {
	if c >= 0 && c < len(cells) {
		return strings.TrimSpace(cells[c])
	}
	return ""
}

// panelMeasure finds a measure by ID (case and spacing aside); ok false adds
// an error at the cell.
func (s *sheetImport) panelMeasure(text string, col, num int) (gapanalysis.MeasureID, bool) {
	p := s.r.panel
	if text == "" {
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, col, num, "the measure is empty; the row was not read")
		return "", false
	}
	if id, ok := p.measures[headerKey(text)]; ok {
		return id, true
	}
	msg := fmt.Sprintf("unknown measure %s; the rating was not read", quote(text))
	if sug, ok := gapanalysis.Suggest(text, p.mIDs); ok {
		msg += fmt.Sprintf(" — did you mean %s?", sug)
	}
	s.panelDiag(gapanalysis.SevError, gapanalysis.CodeUnknownMeasure, col, num, msg)
	return "", false
}

func (s *sheetImport) panelDiag(sev gapanalysis.Severity, code gapanalysis.Code, col, row int, msg string) {
	s.diag(sev, code, col, row, msg)
	d := &s.ds.Diagnostics[len(s.ds.Diagnostics)-1]
	d.Err = gapanalysis.NewPanelDiagnostic(sev, code, msg).Err
}

// panelValue reads a rating; ok false adds an error at the cell. An empty
// cell is no rating (has false).
func (s *sheetImport) panelValue(text string, col, num int, what string) (v float64, has, ok bool) {
	if text == "" {
		return 0, false, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", "."), 64)
	switch {
	case err != nil:
		s.diag(gapanalysis.SevError, gapanalysis.CodeBadValue, col, num, fmt.Sprintf(
			"the rating %s of %s is not a number; ratings are whole or decimal numbers from %d to %d; the rating was not read",
			quote(text), what, gapanalysis.PanelMin, gapanalysis.PanelMax))
		return 0, false, false
	case math.IsNaN(v) || math.IsInf(v, 0) || v < gapanalysis.PanelMin || v > gapanalysis.PanelMax:
		s.diag(gapanalysis.SevError, gapanalysis.CodeBadValue, col, num, fmt.Sprintf(
			"the rating %s of %s is outside the scale %d–%d; the rating was not read",
			quote(text), what, gapanalysis.PanelMin, gapanalysis.PanelMax))
		return 0, false, false
	}
	return v, true, true
}

// addRating records a rating, or reports it as a repeat; it reports whether
// the rating was usable (a duplicate is, a conflict is not).
func (s *sheetImport) addRating(rt gapanalysis.PanelRating, col, num int) bool {
	p := s.r.panel
	k := ratingKey{rt.Expert, rt.Measure, rt.Criterion}
	if prev, dup := p.seen[k]; dup {
		if prev.value == rt.Value {
			s.diag(gapanalysis.SevWarning, gapanalysis.CodeDuplicate, col, num, fmt.Sprintf(
				"expert %s already rated %s on %s %g at %s; counted once", quote(rt.Expert), rt.Measure, rt.Criterion, rt.Value, prev.at))
			return true
		}
		s.diag(gapanalysis.SevError, gapanalysis.CodeConflict, col, num, fmt.Sprintf(
			"expert %s rated %s on %s %g here and %g at %s; this rating was not read — keep one of them",
			quote(rt.Expert), rt.Measure, rt.Criterion, rt.Value, prev.value, prev.at))
		return false
	}
	p.seen[k] = rated{rt.Value, rt.Source}
	p.panel.Ratings = append(p.panel.Ratings, rt)
	return true
}

// panelLongRow reads one row of a long panel table.
func (s *sheetImport) panelLongRow(h panelHeader, num int, cells []string) bool {
	p := s.r.panel
	ok := true
	expert := cellAt(cells, h.col[panExpert])
	if expert == "" {
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, h.col[panExpert], num, "the expert is empty; the rating was not read")
		ok = false
	}
	m, mok := s.panelMeasure(cellAt(cells, h.col[panMeasure]), h.col[panMeasure], num)
	ok = ok && mok
	ctext := cellAt(cells, h.col[panCriterion])
	c, cok := p.crits[headerKey(ctext)]
	if !cok {
		msg := fmt.Sprintf("unknown criterion %s; the rating was not read (the expert criteria are %s)", quote(ctext), strings.Join(p.cIDs, ", "))
		if sug, found := gapanalysis.Suggest(ctext, p.cIDs); found {
			msg = fmt.Sprintf("unknown criterion %s — did you mean %s?; the rating was not read", quote(ctext), sug)
		}
		if ctext == "" {
			msg = "the criterion is empty; the rating was not read"
		}
		s.panelDiag(gapanalysis.SevError, gapanalysis.CodeUnknownCriterion, h.col[panCriterion], num, msg)
		ok = false
	}
	vtext := cellAt(cells, h.col[panValue])
	v, has, vok := s.panelValue(vtext, h.col[panValue], num, fmt.Sprintf("%s on %s", m, c))
	if vok && !has {
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, h.col[panValue], num, "the rating is empty; the row was not read")
		vok = false
	}
	if !ok || !vok {
		return false
	}
	at := gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: cellName(h.col[panValue], num)}
	return s.addRating(gapanalysis.PanelRating{Expert: expert, Measure: m, Criterion: c, Value: v, Source: at}, h.col[panValue], num)
}

// panelFormRow reads one measure's row of a scoring form. A row without any
// rating is used (nothing to read); a measure left unrated gets SPEC 6's rule
// in the analysis.
func (s *sheetImport) panelFormRow(h panelHeader, expert string, num int, cells []string) bool {
	if c := h.col[panExpert]; c >= 0 {
		if e := cellAt(cells, c); e != "" {
			expert = e
		}
	}
	if expert == "" {
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, h.col[panExpert], num, "the expert is empty; the row was not read")
		return false
	}
	m, ok := s.panelMeasure(cellAt(cells, h.col[panMeasure]), h.col[panMeasure], num)
	if !ok {
		return false
	}
	cols := make([]int, 0, len(h.crits))
	for c := range h.crits {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	rowOK := true
	for _, col := range cols {
		crit := h.crits[col]
		v, has, vok := s.panelValue(cellAt(cells, col), col, num, fmt.Sprintf("%s on %s", m, crit))
		if !vok {
			rowOK = false
			continue
		}
		if !has {
			continue
		}
		at := gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: cellName(col, num)}
		if !s.addRating(gapanalysis.PanelRating{Expert: expert, Measure: m, Criterion: crit, Value: v, Source: at}, col, num) {
			rowOK = false
		}
	}
	return rowOK
}

// unknownCriteriaColumns warns about the header cells of a form that are
// neither the measure, an expert criterion nor a descriptive column: their
// ratings are not read, so a misspelt criterion does not vanish unseen.
func (s *sheetImport) unknownCriteriaColumns(h panelHeader, row int, cells []string) {
	for _, c := range h.other {
		text := strings.TrimSpace(cells[c])
		msg := fmt.Sprintf("column %s is not an expert criterion of the checklist (%s), so its cells were not read",
			quote(text), strings.Join(s.r.panel.cIDs, ", "))
		if sug, ok := gapanalysis.Suggest(text, s.r.panel.cIDs); ok {
			msg += fmt.Sprintf(" — did you mean %s?", sug)
		}
		s.panelDiag(gapanalysis.SevWarning, gapanalysis.CodeUnknownCriterion, c, row, msg)
	}
}
