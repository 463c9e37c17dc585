package importers

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// LayoutLong is the SheetAccount.Layout of a sheet read in the long layout.
const LayoutLong = "long"

// field is a column of the long layout.
type field int

const (
	fieldNone field = iota
	fieldCountry
	fieldItem
	fieldStatus
	fieldEvidence
	fieldComment
	fieldRespondent
	fieldValue
	fieldSource // "source": evidence when there is no evidence column
	numFields
)

var fieldNames = [numFields]string{"", "country", "item", "status", "evidence", "comment", "respondent", "value", "source"}

// headerAliases maps header keys (see headerKey) to fields. Keep
// docs/input-format.md in step with it.
var headerAliases = func() map[string]field {
	m := map[string]field{}
	add := func(f field, names ...string) {
		for _, n := range names {
			k := headerKey(n)
			if _, dup := m[k]; dup {
				panic("importers: duplicate header alias " + n)
			}
			m[k] = f
		}
	}
	add(fieldCountry, "country", "countries", "country code", "country name", "member state",
		"ms", "state", "nation", "jurisdiction", "pays", "état membre", "land", "mitgliedstaat",
		"país", "estado miembro", "stato membro", "paese")
	add(fieldItem, "item", "items", "item id", "item code", "id", "requirement", "requirement id",
		"provision", "question id", "qid", "indicator", "indicator id", "exigence",
		"anforderung", "requisito")
	add(fieldStatus, "status", "answer", "assessment", "compliance", "compliance status",
		"result", "transposition status", "conformity", "response", "statut", "réponse",
		"antwort", "respuesta", "risposta", "bewertung")
	add(fieldEvidence, "evidence", "legal basis", "national provision", "national provisions",
		"national law", "legislation", "base juridique", "rechtsgrundlage", "base jurídica")
	add(fieldComment, "comment", "comments", "notes", "note", "remarks", "remark",
		"observations", "explanation", "commentaire", "commentaires", "kommentar",
		"bemerkung", "bemerkungen", "comentario", "comentarios", "commento", "commenti")
	add(fieldRespondent, "respondent", "respondent id", "respondent name", "expert",
		"national expert", "author", "rapporteur", "contributor", "answered by")
	add(fieldValue, "value", "numeric value", "number", "figure", "amount", "valeur", "wert",
		"valor", "valore")
	add(fieldSource, "source")
	return m
}()

// headerKey normalises a header cell for alias matching: folded (lower case, no
// accents), with bracketed parts and trailing "*" removed, keeping only letters
// and digits. "Member-State (ISO)" and "member state" both give "memberstate".
func headerKey(s string) string {
	s = gapanalysis.Fold(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case r == ')' || r == ']':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// header is the column layout of a sheet: the 0-based column of each field
// (-1 when absent) and the columns that are ignored.
type header struct {
	row     int
	col     [numFields]int
	ignored []string // "Name" (C1) descriptions, for the info diagnostic
}

// parseHeader maps a row's cells to fields. ok is true when at least two of
// country, item and status are present.
func parseHeader(cells []string, rowNum int) (header, bool) {
	h := header{row: rowNum}
	for i := range h.col {
		h.col[i] = -1
	}
	for i, c := range cells {
		f := headerAliases[headerKey(c)]
		if f == fieldNone || h.col[f] >= 0 {
			continue
		}
		h.col[f] = i
	}
	n := 0
	for _, f := range []field{fieldCountry, fieldItem, fieldStatus} {
		if h.col[f] >= 0 {
			n++
		}
	}
	if n < 2 {
		return h, false
	}
	// "source" is evidence only when there is no evidence column; otherwise it is
	// the provenance column of a Data sheet.
	if h.col[fieldEvidence] < 0 && h.col[fieldSource] >= 0 {
		h.col[fieldEvidence] = h.col[fieldSource]
		h.col[fieldSource] = -1
	}
	used := map[int]bool{}
	for f := fieldCountry; f < fieldSource; f++ {
		if h.col[f] >= 0 {
			used[h.col[f]] = true
		}
	}
	for i, c := range cells {
		if used[i] || strings.TrimSpace(c) == "" {
			continue
		}
		desc := fmt.Sprintf("%s (%s)", quote(strings.TrimSpace(c)), cellName(i, rowNum))
		if i == h.col[fieldSource] {
			desc += " (provenance: the evidence column is used)"
		}
		h.ignored = append(h.ignored, desc)
	}
	return h, true
}

// rowSource yields the rows of one sheet in order.
type rowSource interface {
	// Next advances to the next row; false at the end or on error.
	Next() bool
	// Row returns the current row's number (1-based sheet row, or CSV line) and
	// cells (index 0 is column A). The slice is valid until the next call to Next.
	Row() (int, []string)
	// Err returns the error that stopped the rows early, if any.
	Err() error
}

// sheetImport reads one sheet in the long layout into a dataset.
type sheetImport struct {
	r     *reader
	ds    *gapanalysis.Dataset
	file  string
	sheet string
	acct  gapanalysis.SheetAccount
}

// readLong reads a sheet (or CSV file) in the long layout and appends its
// responses, diagnostics and account to ds. An error of the source that stops
// the rows early becomes a diagnostic (read-error, or the diagnostic the source
// returned, such as too-large).
func (r *reader) readLong(ds *gapanalysis.Dataset, src rowSource, file, sheet string) {
	s := &sheetImport{r: r, ds: ds, file: file, sheet: sheet,
		acct: gapanalysis.SheetAccount{File: file, Sheet: sheet}}
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()

	// Find the header among the first non-empty rows.
	var (
		h           header
		headerCells []string
	)
	found, nonBlank, rows, lastRow, ok := s.findHeader(src, func(num int, cells []string) bool {
		var found bool
		if h, found = parseHeader(cells, num); found {
			headerCells = append(headerCells, cells...)
		}
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
		where := fmt.Sprintf("its %d non-empty rows", nonBlank)
		if nonBlank >= headerScanRows {
			where = fmt.Sprintf("its first %d non-empty rows", nonBlank)
		}
		s.diag(gapanalysis.SevWarning, gapanalysis.CodeNoHeader, -1, 0, fmt.Sprintf(
			"no header row among %s, so the sheet was not read: the long layout needs a header "+
				"with at least two of country, item and status (e.g. \"Country\", \"Item\", \"Status\")", where))
		return
	}
	s.acct.Layout = LayoutLong
	// A second header row (under headings merged across columns, beside
	// header cells merged down) is part of the header; any other row is the
	// first data row, read again below.
	if src.Next() {
		num, cells := src.Row()
		if num == h.row+1 && continuesHeader(h, headerCells, cells) {
			rows++
			lastRow = num
			headerCells = joinHeader(headerCells, cells)
			h, _ = parseHeader(headerCells, h.row)
		} else {
			src = pushBack(src, num, cells)
		}
	}
	if len(h.ignored) > 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, -1, h.row, fmt.Sprintf(
			"columns ignored: %s", listSome(h.ignored, maxIgnoredListed)))
	}
	headed := headedColumns(headerCells)
	var missing []field
	for _, f := range []field{fieldCountry, fieldItem, fieldStatus} {
		if h.col[f] < 0 {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		s.skipRows(src, rows, missing, h.row)
		return
	}

	var unheaded cellList
	defer func() { s.unheadedNote(unheaded) }()
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
		unheaded.addUnheaded(cells, headed, num)
		s.acct.RowsRead++
		if s.row(h, num, cells) && !s.r.faulty(num) {
			s.acct.RowsUsed++
		} else {
			s.acct.RowsReported++
		}
	}
	s.readError(src, lastRow)
}

// headedColumns returns, for each column of a header row, whether its header
// cell holds something (the columns the header names, or ignores by name).
func headedColumns(headerCells []string) []bool {
	headed := make([]bool, len(headerCells))
	for i, c := range headerCells {
		headed[i] = strings.TrimSpace(c) != ""
	}
	return headed
}

// addUnheaded adds the non-empty cells of a row that lie in columns whose
// header cell is empty (headed[c] false, or past the header).
func (l *cellList) addUnheaded(cells []string, headed []bool, num int) {
	for c, cell := range cells {
		if (c >= len(headed) || !headed[c]) && strings.TrimSpace(cell) != "" {
			l.add(cellName(c, num))
		}
	}
}

// skipRows counts the rows below a header that lacks a required column, and
// reports each missing column once. Those rows are read (counted) and reported.
func (s *sheetImport) skipRows(src rowSource, rows int, missing []field, headerRow int) {
	first, last := 0, 0
	for src.Next() {
		rows++
		num, cells := src.Row()
		if s.overLimit(rows, num) {
			break
		}
		if blank(cells) {
			s.acct.BlankRows++
			continue
		}
		if first == 0 {
			first = num
		}
		last = num
		s.acct.RowsRead++
		s.acct.RowsReported++
	}
	what := "there are no data rows below it"
	switch {
	case s.acct.RowsRead == 1:
		what = fmt.Sprintf("its data row (row %d) was not read", first)
	case s.acct.RowsRead > 1:
		what = fmt.Sprintf("its %d data rows (rows %d–%d) were not read", s.acct.RowsRead, first, last)
	}
	for _, f := range missing {
		s.diag(gapanalysis.SevError, gapanalysis.CodeMissingColumn, -1, headerRow, fmt.Sprintf(
			"the header row has no %s column (see the accepted headers in docs/input-format.md); %s",
			fieldNames[f], what))
	}
	s.readError(src, last)
}

// findHeader reads rows until isHeader accepts one, headerScanRows non-empty rows
// were tried, or the rows end. It returns whether a header was found, the
// non-empty rows tried, the rows read and the number of the last one; ok is false
// when the row limit stopped the sheet (already reported).
func (s *sheetImport) findHeader(src rowSource, isHeader func(num int, cells []string) bool) (found bool, nonBlank, rows, lastRow int, ok bool) {
	for src.Next() {
		rows++
		num, cells := src.Row()
		lastRow = num
		if s.overLimit(rows, num) {
			return false, nonBlank, rows, lastRow, false
		}
		if blank(cells) {
			continue
		}
		nonBlank++
		if isHeader(num, cells) {
			return true, nonBlank, rows, lastRow, true
		}
		if nonBlank >= headerScanRows {
			break
		}
	}
	return false, nonBlank, rows, lastRow, true
}

// overLimit reports, once, a sheet with more rows than allowed.
func (s *sheetImport) overLimit(rows, num int) bool {
	if s.r.maxRows < 0 || rows <= s.r.maxRows {
		return false
	}
	s.diag(gapanalysis.SevError, gapanalysis.CodeTooLarge, -1, num, fmt.Sprintf(
		"the sheet has more than %d rows, the most that is read; the rows from row %d on were not read",
		s.r.maxRows, num))
	return true
}

// readError records the error that stopped a sheet early. It reports whether
// there was one.
func (s *sheetImport) readError(src rowSource, lastRow int) bool {
	err := src.Err()
	if err == nil {
		return false
	}
	// A diagnostic from the source (such as too-large from a partReader) may
	// come wrapped by the reader that met it.
	var d gapanalysis.Diagnostic
	if errors.As(err, &d) {
		d.File, d.Sheet = s.file, s.sheet
		s.ds.Diagnostics = append(s.ds.Diagnostics, d)
		return true
	}
	s.diag(gapanalysis.SevError, gapanalysis.CodeReadError, -1, lastRow+1, fmt.Sprintf(
		"the sheet could not be read past row %d (%v); the rows after it were not read", lastRow, err))
	return true
}

// row reads one data row. It reports whether the row is used (no error).
func (s *sheetImport) row(h header, num int, cells []string) bool {
	get := func(f field) string {
		if c := h.col[f]; c >= 0 && c < len(cells) {
			return strings.TrimSpace(cells[c])
		}
		return ""
	}
	ok := true
	fail := func(code gapanalysis.Code, f field, msg string) {
		ok = false
		s.diag(gapanalysis.SevError, code, h.col[f], num, msg)
	}

	var country gapanalysis.CountryCode
	switch c := get(fieldCountry); {
	case c == "":
		fail(gapanalysis.CodeMissingValue, fieldCountry, "the country is empty")
	default:
		code, found := gapanalysis.LookupCountry(c)
		if found {
			country = code
			break
		}
		msg := fmt.Sprintf("unknown country %s", quote(c))
		if sug, ok := gapanalysis.SuggestCountry(c); ok {
			msg += fmt.Sprintf(" — did you mean %s (%s)?", gapanalysis.CountryName(sug), sug)
		}
		fail(gapanalysis.CodeUnknownCountry, fieldCountry, msg)
	}

	var item *gapanalysis.Item
	switch id := get(fieldItem); {
	case id == "":
		fail(gapanalysis.CodeMissingValue, fieldItem, "the item is empty")
	default:
		if item = s.r.lookupItem(id); item != nil {
			break
		}
		msg := fmt.Sprintf("unknown item %s", quote(id))
		if sug, ok := gapanalysis.Suggest(id, s.r.itemIDs); ok {
			msg += fmt.Sprintf(" — did you mean %s?", sug)
		}
		fail(gapanalysis.CodeUnknownItem, fieldItem, msg)
	}

	resp := gapanalysis.Response{
		Country:    country,
		Evidence:   get(fieldEvidence),
		Comment:    get(fieldComment),
		Respondent: get(fieldRespondent),
	}
	statusText := get(fieldStatus)
	srcCol := h.col[fieldStatus]
	if item != nil && item.Type == gapanalysis.NumericItem {
		valueText, valueCol := get(fieldValue), h.col[fieldValue]
		statusIsNumber := false
		if _, isNum := parseNumber(statusText); isNum {
			statusIsNumber = true
			if valueText == "" {
				valueText, valueCol = statusText, h.col[fieldStatus]
			}
		}
		if valueText != "" {
			srcCol = valueCol
			if v, isNum := parseNumber(valueText); isNum {
				resp.Value, resp.HasValue = v, true
			} else {
				fail(gapanalysis.CodeBadValue, fieldValue, fmt.Sprintf(
					"value %s of numeric item %s is not a number; the answer is counted as unknown",
					quote(valueText), item.ID))
			}
		}
		if !statusIsNumber {
			resp.Status = s.status(statusText, h, num, &ok)
		}
	} else {
		resp.Status = s.status(statusText, h, num, &ok)
	}
	if country == "" || item == nil {
		return false
	}
	resp.Item = item.ID
	resp.Source = gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: cellName(srcCol, num)}
	s.emit(resp)
	return ok
}

// emit hands a response to the sink, or keeps it in the dataset.
func (s *sheetImport) emit(resp gapanalysis.Response) {
	s.longText(resp, "evidence", resp.Evidence)
	s.longText(resp, "comment", resp.Comment)
	if s.r.sink != nil {
		s.r.sink(resp)
		return
	}
	s.ds.Responses.Append(resp)
}

// maxCellText is the most characters (UTF-16 code units) a spreadsheet cell
// holds.
const maxCellText = excelize.TotalCellChars

// longText warns about an evidence or comment text longer than a spreadsheet
// cell holds: it is read whole, but the results workbook shows it cut.
func (s *sheetImport) longText(resp gapanalysis.Response, what, text string) {
	if len(text) <= maxCellText { // bytes ≥ UTF-16 units
		return
	}
	n := len(utf16.Encode([]rune(text)))
	if n <= maxCellText {
		return
	}
	d := gapanalysis.NewDiagnostic(gapanalysis.SevWarning, gapanalysis.CodeLongText, fmt.Sprintf(
		"the %s of this answer (%s / %s) has %s characters, more than the %s a spreadsheet cell holds: "+
			"it is read whole and kept whole in the JSON and CSV outputs, but the results workbook shows it cut, with a mark",
		what, resp.Country, resp.Item, gapanalysis.GroupThousands(n), gapanalysis.GroupThousands(maxCellText)))
	d.File, d.Sheet, d.Cell = resp.Source.File, resp.Source.Sheet, resp.Source.Cell
	s.ds.Diagnostics = append(s.ds.Diagnostics, d)
}

// status parses a status cell; a text outside the vocabulary is a bad-status
// error and gives StatusUnknown.
func (s *sheetImport) status(text string, h header, num int, ok *bool) gapanalysis.Status {
	st, known := s.r.vocab.Parse(text)
	if known {
		return st
	}
	*ok = false
	s.diag(gapanalysis.SevError, gapanalysis.CodeBadStatus, h.col[fieldStatus], num, s.r.badStatusMsg(text))
	return gapanalysis.StatusUnknown
}

// diag appends a diagnostic at a 0-based column (-1: none) and 1-based row (0:
// none) of the sheet.
func (s *sheetImport) diag(sev gapanalysis.Severity, code gapanalysis.Code, col, row int, msg string) {
	d := gapanalysis.NewDiagnostic(sev, code, msg)
	d.File, d.Sheet, d.Row = s.file, s.sheet, row
	if col >= 0 && row > 0 {
		d.Col = col + 1
		d.Cell = cellName(col, row)
	}
	s.ds.Diagnostics = append(s.ds.Diagnostics, d)
}

// cellName returns the A1 name of a 0-based column and 1-based row ("" when
// col < 0), or R1C1 form beyond Excel's grid.
func cellName(col, row int) string {
	if col < 0 || row <= 0 {
		return ""
	}
	if name, err := excelize.CoordinatesToCellName(col+1, row); err == nil {
		return name
	}
	return fmt.Sprintf("R%dC%d", row, col+1)
}

// blank reports whether every cell is empty or spaces.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// parseNumber reads a number as people and spreadsheets write it: "12", "12.5",
// "12,5", "1 234,5", "1,234.5", "1.5E-3". Spaces are thousands separators; when
// both "." and "," occur, the last one is the decimal mark; a single "," is a
// decimal mark, several are thousands separators. NaN, infinities, hexadecimal
// and units ("%") are not numbers.
func parseNumber(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\'' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || r == 'e' || r == 'E' || r == '+' || r == '-') {
			return 0, false
		}
	}
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && comma >= 0 && comma > dot:
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case dot >= 0 && comma >= 0:
		s = strings.ReplaceAll(s, ",", "")
	case comma >= 0 && strings.Count(s, ",") == 1:
		s = strings.Replace(s, ",", ".", 1)
	case comma >= 0:
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
