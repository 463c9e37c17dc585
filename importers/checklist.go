package importers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// Sheets of the xlsx form of a checklist (SPEC 3). See ReadChecklistXLSX.
const (
	checklistAbout    = "About"
	checklistAboutAlt = "Checklist"
	checklistItems    = "Items"
	checklistMeasures = "Measures"
	checklistCriteria = "Criteria"
)

// CellError is one problem in a checklist workbook, at a sheet and (usually) a
// cell. Err is the sentinel error of its kind: one of gapanalysis's checklist
// errors (ErrBadField, ErrDuplicateID, ErrEmptyID, ErrUnknownAddress,
// ErrUnknownCriterion, ErrNegativeWeight, ErrBadObligation, ErrChecklistSyntax)
// or, for a file that is not a readable workbook, ErrNotXLSX, ErrLegacyXLS,
// ErrEncrypted or ErrTooLarge; errors.Is sees it through the CellError.
type CellError struct {
	File  string
	Sheet string // "" when the problem is the whole file
	Cell  string // A1 form, "" when the problem is not in one cell
	Row   int    // 1-based sheet row, 0 when none
	Col   int    // 1-based column, 0 when none
	Msg   string
	Err   error
}

// Error returns "file!sheet!cell: message".
func (e *CellError) Error() string {
	pos := gapanalysis.Source{File: e.File, Sheet: e.Sheet, Cell: e.Cell}.String()
	if pos == "" {
		return e.Msg
	}
	return pos + ": " + e.Msg
}

// Unwrap returns the sentinel error of the problem's kind.
func (e *CellError) Unwrap() error { return e.Err }

// ReadChecklistXLSX reads a checklist in its xlsx form — the same fields as the
// YAML form of SPEC 3, one row per item — validates it (as Checklist.Validate
// does) and sets its SHA256 to the hash of the bytes read. name is the file name
// used in errors. The workbook has these sheets (names matched ignoring case;
// other sheets are ignored):
//
//   - About (or Checklist): the checklist's own fields, one per row, with a
//     Field and a Value column: id, title, version, note, instrument.title,
//     instrument.eli and instrument.not_bound (country codes separated by
//     commas). Other columns (such as an explanation) are ignored.
//   - Items (required): one row per item, with the columns pillar_id,
//     pillar_title, pillar_weight, theme_id, theme_title, theme_weight, id, ref,
//     title, question, obligation, weight, type, eli, min_max_penalty,
//     min_max_penalty_above_consent, penalty_note, note, direction, normalize
//     and target. Only pillar_id,
//     theme_id and id are required. Pillars and themes come in the order of
//     their first row, items in row order; a pillar's or theme's title and weight
//     may be given on any of its rows, and must not differ where given twice.
//   - Criteria: one row per expert criterion: id, title, direction,
//     description.
//   - Measures: one row per measure: id, title, addresses (item IDs separated
//     by commas), one column per criterion headed by the criterion's ID (an
//     empty cell: no value), and note.
//
// Headers are matched ignoring case, spaces and punctuation ("Pillar ID" is
// pillar_id); the header is the first non-empty row of a sheet. An empty weight
// is 1; an empty number is 0. A column that is not one of these, a value under
// a column without a header, a bad number or word, a duplicate ID, an item
// address or criterion that does not exist, and a formula without a cached value
// are errors.
//
// The error, when not nil, joins one *CellError per problem (each naming the
// sheet and cell) — or, for problems that only the final validation finds, a
// *gapanalysis.ChecklistError — and the checklist is nil.
func ReadChecklistXLSX(r io.Reader, name string) (*gapanalysis.Checklist, error) {
	data, tooLarge, err := readLimited(r, DefaultMaxUnpackedSize)
	if err != nil {
		return nil, fmt.Errorf("importers: reading %s: %w", name, err)
	}
	fileErr := func(sentinel error, format string, args ...any) error {
		return &CellError{File: name, Msg: fmt.Sprintf(format, args...), Err: sentinel}
	}
	if tooLarge {
		return nil, fileErr(gapanalysis.ErrTooLarge, "the checklist workbook is larger than %s", sizeText(DefaultMaxUnpackedSize))
	}
	if err := checkWorkbookContent(data); err != nil {
		return nil, &CellError{File: name, Msg: "not a checklist workbook: " + err.Message, Err: err.Unwrap()}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    DefaultMaxUnpackedSize,
		UnzipXMLSizeLimit: excelize.StreamChunkSize,
	})
	if err != nil {
		return nil, fileErr(gapanalysis.ErrNotXLSX, "the checklist workbook could not be opened (%v); %s", err, saveAsXLSXTip)
	}
	defer f.Close()

	cr := &checklistReader{f: f, file: name}
	cl := &gapanalysis.Checklist{}
	cr.readAbout(cl)
	cr.readCriteria(cl)
	cr.readItems(cl)
	cr.readMeasures(cl)
	if len(cr.errs) > 0 {
		return nil, errors.Join(cr.errs...)
	}
	if err := cl.Validate(); err != nil {
		setChecklistFile(err, name)
		return nil, err
	}
	sum := sha256.Sum256(data)
	cl.SHA256 = hex.EncodeToString(sum[:])
	cl.Source = name
	return cl, nil
}

// checkWorkbookContent returns a diagnostic when data is not an xlsx workbook:
// empty, an OLE2 file (legacy .xls or encrypted), or not a zip container.
func checkWorkbookContent(data []byte) *gapanalysis.Diagnostic {
	var d gapanalysis.Diagnostic
	switch {
	case len(data) == 0:
		d = gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeNotXLSX, "the file is empty (0 bytes)")
	case bytes.HasPrefix(data, oleSignature):
		ds := &gapanalysis.Dataset{}
		(&reader{}).oleDiag(ds, bytes.NewReader(data), int64(len(data)), "")
		d = ds.Diagnostics[0]
	case !bytes.HasPrefix(data, zipSignature) && !bytes.HasPrefix(data, zipEmpty):
		head := data[:min(len(data), 512)]
		d = gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeNotXLSX, describeContent(head))
	default:
		return nil
	}
	return &d
}

// setChecklistFile sets the file name of the *gapanalysis.ChecklistError values
// in err (a single one, or several joined).
func setChecklistFile(err error, name string) {
	var ce *gapanalysis.ChecklistError
	if errors.As(err, &ce) && ce.File == "" {
		ce.File = name
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			setChecklistFile(e, name)
		}
	}
}

// checklistReader reads the sheets of a checklist workbook and collects the
// problems.
type checklistReader struct {
	f          *excelize.File
	file       string
	errs       []error
	criteria   map[gapanalysis.CriterionID]bool
	items      map[gapanalysis.ItemID]string // item ID → its cell
	itemIDs    []string
	itemsFound bool // the Items sheet could be read, so addresses can be checked
}

// table is one sheet of a checklist workbook read as a table: a header row and
// the non-blank rows below it.
type table struct {
	sheet     string
	headerRow int
	col       map[string]int // column name (canonical) → 0-based column
	extra     []int          // 0-based columns whose header is not a known name
	header    []string
	rows      []tableRow
}

type tableRow struct {
	num   int // 1-based sheet row
	cells []string
}

// clKey normalises a header or field name: lower case, letters and digits only.
func clKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (cr *checklistReader) errAt(sheet string, col, row int, sentinel error, format string, args ...any) {
	e := &CellError{File: cr.file, Sheet: sheet, Row: row, Msg: fmt.Sprintf(format, args...), Err: sentinel}
	if col >= 0 && row > 0 {
		e.Col = col + 1
		e.Cell = cellName(col, row)
	}
	cr.errs = append(cr.errs, e)
}

// findSheet returns the workbook's name of a sheet, matched ignoring case, or "".
func (cr *checklistReader) findSheet(names ...string) string {
	for _, s := range cr.f.GetSheetList() {
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(s), n) {
				return s
			}
		}
	}
	return ""
}

// readTable reads a sheet as a table. names maps header keys (see clKey) to
// canonical column names; a header that is not in it is an extra column (an
// error unless allowExtra). required are canonical names that must be present.
func (cr *checklistReader) readTable(sheet string, names map[string]string, required []string, allowExtra bool) *table {
	rows, err := cr.f.GetRows(sheet)
	if err != nil {
		cr.errAt(sheet, -1, 0, gapanalysis.ErrChecklistSyntax, "the sheet could not be read (%v)", err)
		return nil
	}
	t := &table{sheet: sheet, col: map[string]int{}}
	for i, cells := range rows {
		if blank(cells) {
			continue
		}
		if t.headerRow == 0 {
			t.headerRow = i + 1
			t.header = cells
			for c, h := range cells {
				h = strings.TrimSpace(h)
				if h == "" {
					continue
				}
				canon, ok := names[clKey(h)]
				switch {
				case !ok:
					t.extra = append(t.extra, c)
					if !allowExtra {
						cr.errAt(sheet, c, t.headerRow, gapanalysis.ErrChecklistSyntax,
							"unknown column %s (the columns of sheet %s are: %s)", quote(h), sheet, columnList(names))
					}
				case hasCol(t, canon):
					cr.errAt(sheet, c, t.headerRow, gapanalysis.ErrChecklistSyntax,
						"column %s appears twice (first in %s)", quote(h), cellName(t.col[canon], t.headerRow))
				default:
					t.col[canon] = c
				}
			}
			continue
		}
		t.rows = append(t.rows, tableRow{num: i + 1, cells: cells})
	}
	if t.headerRow == 0 {
		if len(required) > 0 {
			cr.errAt(sheet, -1, 0, gapanalysis.ErrChecklistSyntax, "the sheet is empty; it needs a header row (%s) and rows below it",
				strings.Join(required, ", "))
		}
		return t
	}
	for _, req := range required {
		if !hasCol(t, req) {
			cr.errAt(sheet, -1, t.headerRow, gapanalysis.ErrChecklistSyntax, "the header row (row %d) has no %s column", t.headerRow, req)
		}
	}
	cr.checkCells(t)
	return t
}

func hasCol(t *table, canon string) bool {
	_, ok := t.col[canon]
	return ok
}

// columnList lists the canonical column names of a names map, in a stable order.
func columnList(names map[string]string) string {
	seen := map[string]bool{}
	var out []string
	for _, c := range names {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// checkCells reports values under columns without a header, and empty cells
// under a header that hold a formula without a cached value.
func (cr *checklistReader) checkCells(t *table) {
	headed := func(c int) bool { return c < len(t.header) && strings.TrimSpace(t.header[c]) != "" }
	for _, r := range t.rows {
		for c, v := range r.cells {
			if strings.TrimSpace(v) != "" && !headed(c) {
				cr.errAt(t.sheet, c, r.num, gapanalysis.ErrChecklistSyntax,
					"value %s is in a column without a header, so it would be lost; give the column a header or move the value", quote(strings.TrimSpace(v)))
			}
		}
		for c := range t.header {
			if !headed(c) || (c < len(r.cells) && r.cells[c] != "") {
				continue
			}
			cr.formulaWithoutValue(t.sheet, c, r.num)
		}
	}
}

// formulaWithoutValue reports an empty cell that holds a formula: one whose
// value was never computed (as files written by programs rather than by a
// spreadsheet program can be).
func (cr *checklistReader) formulaWithoutValue(sheet string, col, row int) {
	if formula, _ := cr.f.GetCellFormula(sheet, cellName(col, row)); formula != "" {
		cr.errAt(sheet, col, row, gapanalysis.ErrBadField,
			"the formula =%s has no saved value; open the workbook in Excel or LibreOffice Calc and save it, or type the value", formula)
	}
}

// get returns the trimmed cell of a row in a named column ("" when absent).
func (t *table) get(r tableRow, canon string) string {
	return strings.TrimSpace(t.raw(r, canon))
}

// raw returns the cell of a row in a named column as stored.
func (t *table) raw(r tableRow, canon string) string {
	c, ok := t.col[canon]
	if !ok || c >= len(r.cells) {
		return ""
	}
	return r.cells[c]
}

// colOf returns the 0-based column of a named column, or -1.
func (t *table) colOf(canon string) int {
	if c, ok := t.col[canon]; ok {
		return c
	}
	return -1
}

// number reads a number cell: empty gives def; a bad number is an error.
func (cr *checklistReader) number(t *table, r tableRow, canon string, def float64) float64 {
	s := t.get(r, canon)
	if s == "" {
		return def
	}
	v, ok := parseNumber(s)
	if !ok {
		cr.errAt(t.sheet, t.colOf(canon), r.num, gapanalysis.ErrBadField, "%s %s is not a number", canon, quote(s))
		return def
	}
	return v
}

// weight reads a weight cell: empty gives 1; negative is an error.
func (cr *checklistReader) weight(t *table, r tableRow, canon string) (float64, bool) {
	if t.get(r, canon) == "" {
		return 1, false
	}
	w := cr.number(t, r, canon, 1)
	if w < 0 {
		cr.errAt(t.sheet, t.colOf(canon), r.num, gapanalysis.ErrNegativeWeight, "%s %g is negative; weights are ≥ 0", canon, w)
	}
	return w, true
}

// word reads a cell that must be one of allowed (case ignored); empty gives "".
func (cr *checklistReader) word(t *table, r tableRow, canon string, sentinel error, allowed ...string) string {
	s := strings.ToLower(t.get(r, canon))
	if s == "" {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	cr.errAt(t.sheet, t.colOf(canon), r.num, sentinel, "%s %s is not %s", canon, quote(t.get(r, canon)), orList(allowed))
	return s
}

// orList writes "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// aboutFields maps the keys of the About sheet's fields to their canonical names.
var aboutFields = map[string]string{
	"id": "id", "title": "title", "version": "version", "note": "note",
	"instrumenttitle": "instrument.title", "instrumenteli": "instrument.eli", "eli": "instrument.eli",
	"instrumentnotbound": "instrument.not_bound", "notbound": "instrument.not_bound",
}

func (cr *checklistReader) readAbout(cl *gapanalysis.Checklist) {
	sheet := cr.findSheet(checklistAbout, checklistAboutAlt)
	if sheet == "" {
		cr.errAt("", -1, 0, gapanalysis.ErrChecklistSyntax,
			"the workbook has no %s sheet with the checklist's id, title and version", checklistAbout)
		return
	}
	rows, err := cr.f.GetRows(sheet)
	if err != nil {
		cr.errAt(sheet, -1, 0, gapanalysis.ErrChecklistSyntax, "the sheet could not be read (%v)", err)
		return
	}
	keyCol, valCol, start := 0, 1, 0
	for i, cells := range rows {
		if blank(cells) {
			continue
		}
		// A header row naming Field and Value is optional.
		k, v := -1, -1
		for c, h := range cells {
			switch clKey(h) {
			case "field":
				k = c
			case "value":
				v = c
			}
		}
		if k >= 0 && v >= 0 {
			keyCol, valCol, start = k, v, i+1
		} else {
			start = i
		}
		break
	}
	seen := map[string]string{}
	for i := start; i < len(rows); i++ {
		cells, num := rows[i], i+1
		get := func(c int) string {
			if c < len(cells) {
				return cells[c]
			}
			return ""
		}
		key := strings.TrimSpace(get(keyCol))
		if key == "" {
			if v := strings.TrimSpace(get(valCol)); v != "" {
				cr.errAt(sheet, valCol, num, gapanalysis.ErrChecklistSyntax, "value %s has no field name beside it", quote(v))
			}
			continue
		}
		field, ok := aboutFields[clKey(key)]
		if !ok {
			cr.errAt(sheet, keyCol, num, gapanalysis.ErrChecklistSyntax,
				"unknown field %s (the fields are id, title, version, note, instrument.title, instrument.eli and instrument.not_bound)", quote(key))
			continue
		}
		if first, dup := seen[field]; dup {
			cr.errAt(sheet, keyCol, num, gapanalysis.ErrChecklistSyntax, "field %s is given twice (first in %s)", field, first)
			continue
		}
		seen[field] = cellName(keyCol, num)
		val := get(valCol)
		if val == "" {
			cr.formulaWithoutValue(sheet, valCol, num)
		}
		switch field {
		case "id":
			cl.ID = strings.TrimSpace(val)
		case "title":
			cl.Title = val
		case "version":
			cl.Version = strings.TrimSpace(val)
		case "note":
			cl.Note = val
		case "instrument.title":
			cl.Instrument.Title = val
		case "instrument.eli":
			cl.Instrument.ELI = strings.TrimSpace(val)
		case "instrument.not_bound":
			for _, s := range splitList(val) {
				code, ok := gapanalysis.LookupCountry(s)
				if !ok {
					cr.errAt(sheet, valCol, num, gapanalysis.ErrBadField,
						"instrument.not_bound: unknown country %s (use EU codes such as DK, EL)", quote(s))
					continue
				}
				cl.Instrument.NotBound = append(cl.Instrument.NotBound, code)
			}
		}
	}
}

// splitList splits a cell listing values separated by commas, semicolons or
// line breaks, trimming each and dropping empty ones.
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' })
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// criteriaColumns are the columns of the Criteria sheet.
var criteriaColumns = map[string]string{
	"id": "id", "criterion": "id", "criterionid": "id",
	"title": "title", "direction": "direction", "description": "description",
}

func (cr *checklistReader) readCriteria(cl *gapanalysis.Checklist) {
	cr.criteria = map[gapanalysis.CriterionID]bool{}
	sheet := cr.findSheet(checklistCriteria)
	if sheet == "" {
		return
	}
	t := cr.readTable(sheet, criteriaColumns, []string{"id"}, false)
	if t == nil || !hasCol(t, "id") {
		return
	}
	first := map[gapanalysis.CriterionID]string{}
	for _, r := range t.rows {
		id := gapanalysis.CriterionID(t.get(r, "id"))
		c := gapanalysis.Criterion{
			ID:          id,
			Title:       t.raw(r, "title"),
			Direction:   gapanalysis.Direction(cr.word(t, r, "direction", gapanalysis.ErrBadField, "benefit", "cost")),
			Description: t.raw(r, "description"),
		}
		switch {
		case id == "":
			cr.errAt(sheet, t.colOf("id"), r.num, gapanalysis.ErrEmptyID, "the criterion has no id")
		case first[id] != "":
			cr.errAt(sheet, t.colOf("id"), r.num, gapanalysis.ErrDuplicateID, "duplicate criterion id %s (first in %s)", quote(string(id)), first[id])
		default:
			first[id] = cellName(t.colOf("id"), r.num)
			cr.criteria[id] = true
		}
		cl.Criteria = append(cl.Criteria, c)
	}
}

// itemColumns are the columns of the Items sheet.
var itemColumns = map[string]string{
	"pillarid": "pillar_id", "pillar": "pillar_id", "pillartitle": "pillar_title", "pillarweight": "pillar_weight",
	"themeid": "theme_id", "theme": "theme_id", "themetitle": "theme_title", "themeweight": "theme_weight",
	"id": "id", "itemid": "id", "item": "id",
	"ref": "ref", "title": "title", "question": "question", "obligation": "obligation", "weight": "weight",
	"type": "type", "eli": "eli", "minmaxpenalty": "min_max_penalty", "minmaxpenaltyaboveconsent": "min_max_penalty_above_consent", "penaltynote": "penalty_note",
	"note": "note", "direction": "direction", "normalize": "normalize", "target": "target",
}

// levelInfo tracks where a pillar's or theme's title and weight were given.
type levelInfo struct {
	titleCell, weightCell string
	weightSet             bool
}

func (cr *checklistReader) readItems(cl *gapanalysis.Checklist) {
	cr.items = map[gapanalysis.ItemID]string{}
	sheet := cr.findSheet(checklistItems)
	if sheet == "" {
		cr.errAt("", -1, 0, gapanalysis.ErrChecklistSyntax, "the workbook has no %s sheet (one row per checklist item)", checklistItems)
		return
	}
	t := cr.readTable(sheet, itemColumns, []string{"pillar_id", "theme_id", "id"}, false)
	if t == nil || !hasCol(t, "pillar_id") || !hasCol(t, "theme_id") || !hasCol(t, "id") {
		return
	}
	cr.itemsFound = true
	pillars := map[gapanalysis.PillarID]*gapanalysis.Pillar{}
	themes := map[gapanalysis.ThemeID]*gapanalysis.Theme{}
	themePillar := map[gapanalysis.ThemeID]gapanalysis.PillarID{}
	info := map[string]*levelInfo{} // "p:ID" or "t:ID"
	for _, r := range t.rows {
		pid := gapanalysis.PillarID(t.get(r, "pillar_id"))
		tid := gapanalysis.ThemeID(t.get(r, "theme_id"))
		if pid == "" {
			cr.errAt(sheet, t.colOf("pillar_id"), r.num, gapanalysis.ErrEmptyID, "the pillar_id is empty")
		}
		if tid == "" {
			cr.errAt(sheet, t.colOf("theme_id"), r.num, gapanalysis.ErrEmptyID, "the theme_id is empty")
		}
		if pid == "" || tid == "" {
			continue
		}
		p := pillars[pid]
		if p == nil {
			p = &gapanalysis.Pillar{ID: pid, Weight: 1}
			pillars[pid] = p
			info["p:"+string(pid)] = &levelInfo{}
			cl.Pillars = append(cl.Pillars, p)
		}
		cr.level(t, r, info["p:"+string(pid)], "pillar", string(pid), &p.Title, &p.Weight)
		th := themes[tid]
		switch {
		case th == nil:
			th = &gapanalysis.Theme{ID: tid, Weight: 1}
			themes[tid] = th
			themePillar[tid] = pid
			info["t:"+string(tid)] = &levelInfo{}
			p.Themes = append(p.Themes, th)
		case themePillar[tid] != pid:
			cr.errAt(sheet, t.colOf("theme_id"), r.num, gapanalysis.ErrDuplicateID,
				"theme %s belongs to pillar %s in earlier rows, not to %s; theme IDs are unique", tid, themePillar[tid], pid)
			continue
		}
		cr.level(t, r, info["t:"+string(tid)], "theme", string(tid), &th.Title, &th.Weight)
		th.Items = append(th.Items, cr.item(t, r))
	}
}

// level reads the title and weight of a pillar or theme from a row, checking
// that they agree with earlier rows.
func (cr *checklistReader) level(t *table, r tableRow, li *levelInfo, kind, id string, title *string, weight *float64) {
	if s := t.raw(r, kind+"_title"); s != "" {
		cell := cellName(t.colOf(kind+"_title"), r.num)
		switch {
		case li.titleCell == "":
			*title, li.titleCell = s, cell
		case s != *title:
			cr.errAt(t.sheet, t.colOf(kind+"_title"), r.num, gapanalysis.ErrBadField,
				"%s %s has the title %s in %s but %s here; give it once, or the same each time", kind, id, quote(*title), li.titleCell, quote(s))
		}
	}
	if w, set := cr.weight(t, r, kind+"_weight"); set {
		cell := cellName(t.colOf(kind+"_weight"), r.num)
		switch {
		case !li.weightSet:
			*weight, li.weightSet, li.weightCell = w, true, cell
		case w != *weight:
			cr.errAt(t.sheet, t.colOf(kind+"_weight"), r.num, gapanalysis.ErrBadField,
				"%s %s has the weight %g in %s but %g here; give it once, or the same each time", kind, id, *weight, li.weightCell, w)
		}
	}
}

// item reads the item fields of an Items row.
func (cr *checklistReader) item(t *table, r tableRow) *gapanalysis.Item {
	it := &gapanalysis.Item{
		ID:                        gapanalysis.ItemID(t.get(r, "id")),
		Ref:                       t.get(r, "ref"),
		Title:                     t.raw(r, "title"),
		Question:                  t.raw(r, "question"),
		ELI:                       t.get(r, "eli"),
		MinMaxPenalty:             cr.number(t, r, "min_max_penalty", 0),
		MinMaxPenaltyAboveConsent: cr.number(t, r, "min_max_penalty_above_consent", 0),
		PenaltyNote:               t.raw(r, "penalty_note"),
		Note:                      t.raw(r, "note"),
		Target:                    cr.number(t, r, "target", 0),
	}
	it.Weight, _ = cr.weight(t, r, "weight")
	idCell := cellName(t.colOf("id"), r.num)
	switch first, dup := cr.items[it.ID]; {
	case it.ID == "":
		cr.errAt(t.sheet, t.colOf("id"), r.num, gapanalysis.ErrEmptyID, "the item id is empty")
	case dup:
		cr.errAt(t.sheet, t.colOf("id"), r.num, gapanalysis.ErrDuplicateID, "duplicate item id %s (first in %s)", quote(string(it.ID)), first)
	default:
		cr.items[it.ID] = idCell
		cr.itemIDs = append(cr.itemIDs, string(it.ID))
	}
	obl := cr.word(t, r, "obligation", gapanalysis.ErrBadObligation, "mandatory", "optional", "practice")
	if obl == "" {
		cr.errAt(t.sheet, t.colOf("obligation"), r.num, gapanalysis.ErrBadObligation,
			"item %s has no obligation (mandatory, optional or practice)", it.ID)
	}
	it.Obligation = gapanalysis.Obligation(obl)
	it.Type = gapanalysis.ItemType(cr.word(t, r, "type", gapanalysis.ErrBadField, "status", "numeric"))
	it.Direction = gapanalysis.Direction(cr.word(t, r, "direction", gapanalysis.ErrBadField, "higher", "lower"))
	it.Normalize = gapanalysis.Normalization(cr.word(t, r, "normalize", gapanalysis.ErrBadField, "minmax", "target"))
	if it.Normalize == gapanalysis.Target && it.Target <= 0 {
		cr.errAt(t.sheet, t.colOf("target"), r.num, gapanalysis.ErrBadField,
			"item %s is normalised to a target, but its target is not a number > 0", it.ID)
	}
	return it
}

// measureColumns are the fixed columns of the Measures sheet; every other
// header names a criterion.
var measureColumns = map[string]string{
	"id": "id", "measure": "id", "measureid": "id",
	"title": "title", "addresses": "addresses", "note": "note",
}

func (cr *checklistReader) readMeasures(cl *gapanalysis.Checklist) {
	sheet := cr.findSheet(checklistMeasures)
	if sheet == "" {
		return
	}
	t := cr.readTable(sheet, measureColumns, []string{"id"}, true)
	if t == nil || !hasCol(t, "id") {
		return
	}
	// Every other header is a criterion ID.
	type critCol struct {
		col int
		id  gapanalysis.CriterionID
	}
	var crit []critCol
	ids := make([]string, 0, len(cl.Criteria))
	for _, c := range cl.Criteria {
		ids = append(ids, string(c.ID))
	}
	for _, c := range t.extra {
		h := strings.TrimSpace(t.header[c])
		id := gapanalysis.CriterionID(h)
		if !cr.criteria[id] {
			msg := fmt.Sprintf("column %s is not a criterion of the %s sheet", quote(h), checklistCriteria)
			if sug, ok := gapanalysis.Suggest(h, ids); ok {
				msg += " — did you mean " + sug + "?"
			}
			cr.errAt(sheet, c, t.headerRow, gapanalysis.ErrUnknownCriterion,
				"%s (the other columns of sheet %s are id, title, addresses and note)", msg, sheet)
			continue
		}
		crit = append(crit, critCol{c, id})
	}
	first := map[gapanalysis.MeasureID]string{}
	for _, r := range t.rows {
		m := &gapanalysis.Measure{
			ID:    gapanalysis.MeasureID(t.get(r, "id")),
			Title: t.raw(r, "title"),
			Note:  t.raw(r, "note"),
		}
		switch {
		case m.ID == "":
			cr.errAt(sheet, t.colOf("id"), r.num, gapanalysis.ErrEmptyID, "the measure id is empty")
		case first[m.ID] != "":
			cr.errAt(sheet, t.colOf("id"), r.num, gapanalysis.ErrDuplicateID, "duplicate measure id %s (first in %s)", quote(string(m.ID)), first[m.ID])
		default:
			first[m.ID] = cellName(t.colOf("id"), r.num)
		}
		addrs := splitList(t.raw(r, "addresses"))
		if len(addrs) == 0 {
			cr.errAt(sheet, t.colOf("addresses"), r.num, gapanalysis.ErrBadField, "measure %s addresses no item", m.ID)
		}
		for _, a := range addrs {
			id := gapanalysis.ItemID(a)
			if _, ok := cr.items[id]; !ok && cr.itemsFound {
				msg := fmt.Sprintf("measure %s addresses unknown item %s", m.ID, quote(a))
				if sug, ok := gapanalysis.Suggest(a, cr.itemIDs); ok {
					msg += " — did you mean " + sug + "?"
				}
				cr.errAt(sheet, t.colOf("addresses"), r.num, gapanalysis.ErrUnknownAddress, "%s", msg)
			}
			m.Addresses = append(m.Addresses, id)
		}
		for _, c := range crit {
			s := ""
			if c.col < len(r.cells) {
				s = strings.TrimSpace(r.cells[c.col])
			}
			if s == "" {
				continue
			}
			v, ok := parseNumber(s)
			if !ok || math.IsNaN(v) {
				cr.errAt(sheet, c.col, r.num, gapanalysis.ErrBadField, "criterion %s: %s is not a number", c.id, quote(s))
				continue
			}
			if m.Criteria == nil {
				m.Criteria = map[gapanalysis.CriterionID]float64{}
			}
			m.Criteria[c.id] = v
		}
		cl.Measures = append(cl.Measures, m)
	}
}
