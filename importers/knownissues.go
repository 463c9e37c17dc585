package importers

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// LayoutKnownIssues is the SheetAccount.Layout of a sheet read as a
// known-issues register.
const LayoutKnownIssues = "known-issues"

// Columns of a known-issues register.
const (
	regCountry = iota
	regItem
	regSource
	regDate
	regNote
	numRegFields
)

var regFieldNames = [numRegFields]string{"country", "item", "source", "date", "note"}

// registerAliases maps header keys (see headerKey) to register columns. The
// country and item columns accept the survey's own headers for them; keep
// docs/input-format.md in step.
var registerAliases = func() map[string]int {
	m := map[string]int{}
	add := func(f int, names ...string) {
		for _, n := range names {
			k := headerKey(n)
			if _, dup := m[k]; dup {
				panic("importers: duplicate register header alias " + n)
			}
			m[k] = f
		}
	}
	for k, f := range headerAliases {
		switch f {
		case fieldCountry:
			m[k] = regCountry
		case fieldItem:
			m[k] = regItem
		case fieldComment:
			m[k] = regNote
		}
	}
	add(regItem, "article", "provision reference", "reference to the directive")
	add(regSource, "source", "sources", "raised in", "raised by", "found in", "reference",
		"document", "report", "infringement", "infringement number", "infringement procedure",
		"procedure", "case", "case number", "origin", "quelle", "fuente", "fonte")
	add(regDate, "date", "date raised", "raised on", "year", "datum", "fecha", "data")
	add(regNote, "description", "issue", "problem", "finding", "details", "remarques",
		"anmerkung", "anmerkungen", "observaciones", "osservazioni", "nota", "notas")
	return m
}()

// registerHeader maps a row's cells to register columns; ok is true when the
// country and item columns are both present.
func registerHeader(cells []string) (col [numRegFields]int, ignored []string, ok bool) {
	for i := range col {
		col[i] = -1
	}
	for i, c := range cells {
		f, known := registerAliases[headerKey(c)]
		if !known || col[f] >= 0 {
			continue
		}
		col[f] = i
	}
	if col[regCountry] < 0 || col[regItem] < 0 {
		return col, nil, false
	}
	used := map[int]bool{}
	for _, c := range col {
		used[c] = true
	}
	for i, c := range cells {
		if !used[i] && strings.TrimSpace(c) != "" {
			ignored = append(ignored, quote(strings.TrimSpace(c)))
		}
	}
	return col, ignored, true
}

// ReadKnownIssues reads a known-issues register (SPEC 12): CSV text or an xlsx
// workbook (told by its content, as ReadCSV does), with a header row naming
// the columns country, item and source, and optionally date and note (matched
// like survey headers: case, accents, spaces and punctuation do not count;
// see docs/input-format.md for the other names accepted). name is the file
// name used in diagnostics and in each issue's At.
//
// The country is a code or a name in any of the spellings a survey accepts;
// the item an item ID or a provision reference that names one item only
// ("Art. 25(1)"). A row whose country or item is unknown, or whose source is
// empty, is an error diagnostic at its cell (with a "did you mean" suggestion
// where one is close) and gives no issue. A date cell of a workbook is read as
// ISO text ("2019-01-24") by the default engine (EngineExcelize gives its
// serial number, as it does for every cell); any other date is kept as
// written. Every sheet of a
// workbook is read (or those of opts.Sheets); a sheet without a header row gets
// a no-header warning.
//
// The dataset returned holds the diagnostics and one SheetAccount per sheet
// (Layout LayoutKnownIssues), in which every data row is either used (an issue)
// or reported; it has no responses. Of opts, Checklist is required and
// Vocabulary, Layout, SheetLayouts, Mapping, Replies and Sink are not used. The
// error is non-nil only when opts is not usable or r fails; the issues read
// before a failure of r are returned with it.
func ReadKnownIssues(r io.Reader, name string, opts *Options) ([]gapanalysis.KnownIssue, *gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, nil, err
	}
	rd.sink = nil
	reg := &register{}
	rd.register = reg
	ds := newDataset(name)
	err = rd.readCSV(ds, r, name)
	return reg.issues, ds, err
}

// OpenKnownIssues reads the known-issues register at path, as ReadKnownIssues
// does; the file's base name is the File of every diagnostic and position.
func OpenKnownIssues(path string, opts *Options) ([]gapanalysis.KnownIssue, *gapanalysis.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("importers: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, nil, fmt.Errorf("importers: %s is a folder, not a known-issues register", path)
	}
	return ReadKnownIssues(f, filepath.Base(path), opts)
}

// register collects the issues of a known-issues register as its sheets are
// read.
type register struct {
	issues []gapanalysis.KnownIssue
}

// readRegister reads one sheet (or CSV file) of a known-issues register.
func (r *reader) readRegister(ds *gapanalysis.Dataset, src rowSource, file, sheet string) {
	s := &sheetImport{r: r, ds: ds, file: file, sheet: sheet,
		acct: gapanalysis.SheetAccount{File: file, Sheet: sheet}}
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()

	var (
		col     [numRegFields]int
		ignored []string
		hdrRow  int
	)
	found, nonBlank, rows, lastRow, ok := s.findHeader(src, func(num int, cells []string) bool {
		var found bool
		col, ignored, found = registerHeader(cells)
		hdrRow = num
		return found
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
			"no header row among the first %d non-empty rows, so the sheet was not read: a known-issues register "+
				"needs a header with country, item and source columns (e.g. \"Country\", \"Item\", \"Source\", \"Date\", \"Note\")",
			nonBlank))
		return
	}
	s.acct.Layout = LayoutKnownIssues
	if len(ignored) > 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, -1, hdrRow, fmt.Sprintf(
			"columns ignored: %s", listSome(ignored, maxIgnoredListed)))
	}
	first := -1 // the leftmost column of the register: the cell an issue is "at"
	for _, c := range col {
		if c >= 0 && (first < 0 || c < first) {
			first = c
		}
	}
	noSource := col[regSource] < 0
	firstRow, lastData := 0, 0
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
		if firstRow == 0 {
			firstRow = num
		}
		lastData = num
		if noSource {
			s.acct.RowsReported++
			continue
		}
		if s.registerRow(col, first, num, cells) && !r.faulty(num) {
			s.acct.RowsUsed++
		} else {
			s.acct.RowsReported++
		}
	}
	if noSource {
		what := "there are no data rows below it"
		switch {
		case s.acct.RowsRead == 1:
			what = fmt.Sprintf("its data row (row %d) was not read", firstRow)
		case s.acct.RowsRead > 1:
			what = fmt.Sprintf("its %d data rows (rows %d–%d) were not read", s.acct.RowsRead, firstRow, lastData)
		}
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingColumn, -1, hdrRow, fmt.Sprintf(
			"the header row has no source column (where the issue was raised, e.g. \"COM(2016) 871\" or an infringement number); %s", what))
	}
	s.readError(src, lastRow)
}

// registerRow reads one data row of a register; it reports whether the row
// gave an issue without an error.
func (s *sheetImport) registerRow(col [numRegFields]int, first, num int, cells []string) bool {
	get := func(f int) string {
		if c := col[f]; c >= 0 && c < len(cells) {
			return strings.TrimSpace(cells[c])
		}
		return ""
	}
	ok := true
	fail := func(code gapanalysis.Code, f int, msg string) {
		ok = false
		s.diag(gapanalysis.SevError, code, col[f], num, msg)
	}
	ki := gapanalysis.KnownIssue{Source: get(regSource), Date: get(regDate), Note: get(regNote)}
	switch c := get(regCountry); {
	case c == "":
		fail(gapanalysis.CodeMissingValue, regCountry, "the country of this known issue is empty")
	default:
		code, found := gapanalysis.LookupCountry(c)
		if found {
			ki.Country = code
			break
		}
		msg := fmt.Sprintf("unknown country %s; the known issue was not read", quote(c))
		if sug, ok := gapanalysis.SuggestCountry(c); ok {
			msg += fmt.Sprintf(" — did you mean %s (%s)?", gapanalysis.CountryName(sug), sug)
		}
		fail(gapanalysis.CodeUnknownCountry, regCountry, msg)
	}
	switch id := get(regItem); {
	case id == "":
		fail(gapanalysis.CodeMissingValue, regItem, "the item of this known issue is empty")
	default:
		it, cands := s.r.registerItem(id)
		if it != nil {
			ki.Item = it.ID
			break
		}
		msg := fmt.Sprintf("unknown item %s; the known issue was not read", quote(id))
		if sug, ok := gapanalysis.Suggest(id, s.r.itemIDs); ok {
			msg += fmt.Sprintf(" — did you mean %s?", sug)
		}
		if len(cands) > 1 {
			msg = fmt.Sprintf("provision reference %s names %d items of the checklist (%s), so the known issue was not read: give the item ID",
				quote(id), len(cands), listSome(cands, 10))
		}
		fail(gapanalysis.CodeUnknownItem, regItem, msg)
	}
	if ki.Source == "" {
		fail(gapanalysis.CodeMissingValue, regSource,
			"the source of this known issue is empty: say where it was raised (e.g. \"COM(2016) 871\" or an infringement number); the known issue was not read")
	}
	if !ok {
		return false
	}
	ki.At = gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: cellName(first, num)}
	s.r.register.issues = append(s.r.register.issues, ki)
	return true
}

// registerItem finds the item a register names: by ID or unique provision
// reference as a survey does (lookupItem), or else by a reference that begins
// the reference of one item only ("Art. 25(2)" names "Art. 25(2), first
// sentence" when no other item's reference begins with it). When several
// items match, it returns nil and their IDs.
func (r *reader) registerItem(s string) (*gapanalysis.Item, []string) {
	if it := r.lookupItem(s); it != nil {
		return it, nil
	}
	k := refKey(s)
	if k == "" {
		return nil, nil
	}
	var found []*gapanalysis.Item
	var ids []string
	for _, id := range r.itemIDs {
		it := r.byID[gapanalysis.ItemID(id)]
		rk := refKey(it.Ref)
		if rk == k || strings.HasPrefix(rk, k) && strings.ContainsRune("(,;", rune(rk[len(k)])) {
			found = append(found, it)
			ids = append(ids, id)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return nil, ids
}
