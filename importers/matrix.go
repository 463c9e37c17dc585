package importers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// matrixHead is the header of a sheet in the matrix layout: items down,
// countries across.
type matrixHead struct {
	row       int  // 1-based sheet row of the header
	idCol     int  // 0-based column of the item IDs
	idsFound  bool // the ID column below the header holds mostly item IDs
	countries []matrixCountry
	unknown   []matrixColumn // header cells that look like countries but are none
	ignored   []string       // descriptions of the other header cells, for the note
	headed    map[int]bool   // the columns whose header cell is not empty
}

// matrixCountry is a country column of a matrix.
type matrixCountry struct {
	col  int
	code gapanalysis.CountryCode
}

// matrixColumn is a header cell of a matrix.
type matrixColumn struct {
	col  int
	text string
}

// descriptiveHeaders are header keys (see headerKey) of the columns that a
// matrix may have besides the item IDs and the countries. They are never taken
// for misspelt countries.
var descriptiveHeaders = func() map[string]bool {
	m := map[string]bool{}
	for _, h := range []string{"ref", "reference", "references", "title", "name", "description",
		"question", "question text", "obligation", "theme", "pillar", "article", "articles",
		"paragraph", "weight", "type", "topic", "section", "category", "level", "obligation type",
		"total", "mean", "average", "eu", "eu27", "eu average", "sum", "count", "score", "index",
		"link", "eli", "url", "label", "subject", "heading", "no", "nr", "number", "num", "n°"} {
		m[headerKey(h)] = true
	}
	return m
}()

// rowNumberHeader reports whether a header cell numbers the rows ("No.", "Nr",
// "#") rather than naming Norway, which must be written "NO" or by name.
func rowNumberHeader(s string) bool {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "no.", "nr", "nr.", "n°", "#", "no":
		return s != "NO"
	}
	return false
}

// countryLike reports whether a header cell that is not a country looks like a
// misspelt country: a country name or code is close to it, or it is two or three
// capital letters.
func countryLike(s string) bool {
	if _, ok := gapanalysis.SuggestCountry(s); ok {
		return true
	}
	s = strings.TrimSpace(s)
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// headerCountry returns the country a header cell names, if any.
func headerCountry(s string) (gapanalysis.CountryCode, bool) {
	if strings.TrimSpace(s) == "" || rowNumberHeader(s) {
		return "", false
	}
	return gapanalysis.LookupCountry(s)
}

// findMatrixHead looks for the header of a matrix among the first
// headerScanRows non-empty rows: the first row that names at least one country
// and whose ID column (see matrixIDColumn) holds mostly item IDs below it. When
// there is none and minCountries > 0, it returns the first row that names at
// least minCountries countries; else nil.
func (r *reader) findMatrixHead(head []bufRow, minCountries int) *matrixHead {
	var fallback *matrixHead
	for i, row := range head {
		if i >= headerScanRows {
			break
		}
		first, n := -1, 0
		for c, cell := range row.cells {
			if _, ok := headerCountry(cell); ok {
				if first < 0 {
					first = c
				}
				n++
			}
		}
		if n == 0 || first == 0 {
			continue
		}
		below := head[i+1 : min(len(head), i+1+sampleRows)]
		idCol, ids, values := r.matrixIDColumn(row.cells, below, first)
		if idCol < 0 {
			continue
		}
		if idCol < len(row.cells) && r.lookupItem(strings.TrimSpace(row.cells[idCol])) != nil {
			continue // an item row, not a header
		}
		found := ids > 0 && 2*ids > values
		if !found && (minCountries == 0 || n < minCountries || fallback != nil) {
			continue
		}
		mh := r.newMatrixHead(row, idCol)
		mh.idsFound = found
		if found {
			return mh
		}
		fallback = mh
	}
	return fallback
}

// matrixIDColumn chooses the column of the item IDs, left of the first country
// column: the one the header names as the item column, else the one with the
// most item IDs in the rows below (the leftmost on a tie), else the leftmost
// column with values below. It returns the column (-1: none), and how many of
// the values below in it are item IDs and not empty.
func (r *reader) matrixIDColumn(header []string, below []bufRow, firstCountry int) (col, ids, values int) {
	countIDs := func(c int) (ids, values int) {
		for _, row := range below {
			if c >= len(row.cells) {
				continue
			}
			v := strings.TrimSpace(row.cells[c])
			if v == "" {
				continue
			}
			values++
			if r.lookupItem(v) != nil {
				ids++
			}
		}
		return ids, values
	}
	for c := 0; c < firstCountry && c < len(header); c++ {
		if headerAliases[headerKey(header[c])] == fieldItem {
			ids, values = countIDs(c)
			return c, ids, values
		}
	}
	col, leftmost := -1, -1
	for c := 0; c < firstCountry; c++ {
		n, v := countIDs(c)
		if v > 0 && leftmost < 0 {
			leftmost = c
		}
		if n > ids {
			col, ids, values = c, n, v
		}
	}
	if col < 0 && leftmost >= 0 {
		col = leftmost
		_, values = countIDs(col)
	}
	return col, ids, values
}

// newMatrixHead sorts the cells of a header row into country columns,
// misspelt countries and ignored columns.
func (r *reader) newMatrixHead(row bufRow, idCol int) *matrixHead {
	mh := &matrixHead{row: row.num, idCol: idCol, headed: map[int]bool{}}
	for c, cell := range row.cells {
		text := strings.TrimSpace(cell)
		if c == idCol || text == "" {
			continue
		}
		mh.headed[c] = true
		if code, ok := headerCountry(text); ok {
			mh.countries = append(mh.countries, matrixCountry{col: c, code: code})
			continue
		}
		k := headerKey(text)
		if headerAliases[k] == fieldNone && !descriptiveHeaders[k] && !rowNumberHeader(text) && countryLike(text) {
			mh.unknown = append(mh.unknown, matrixColumn{col: c, text: text})
			continue
		}
		mh.ignored = append(mh.ignored, fmt.Sprintf("%s (%s)", quote(text), cellName(c, row.num)))
	}
	return mh
}

// layoutImport is the reading of one sheet in the matrix or respondents layout:
// the long layout's bookkeeping plus caches for repeated cell texts.
type layoutImport struct {
	*sheetImport
	statuses  map[string]gapanalysis.Status // cell text → status, for texts in the vocabulary
	countries map[string]gapanalysis.CountryCode
	cols      []string // column letters by 0-based column, filled as needed
	row       int      // the row rowText is the number of
	rowText   string
}

// maxExcelCols is the number of columns of an Excel sheet (A to XFD).
const maxExcelCols = 16384

// cell returns the A1 name of a 0-based column and 1-based row, as cellName
// does, with the column letters computed once.
func (s *layoutImport) cell(col, row int) string {
	if col < 0 || col >= maxExcelCols || row <= 0 {
		return cellName(col, row)
	}
	for len(s.cols) <= col {
		s.cols = append(s.cols, colName(len(s.cols)))
	}
	if row != s.row || s.rowText == "" {
		s.row, s.rowText = row, strconv.Itoa(row)
	}
	return s.cols[col] + s.rowText
}

// maxCache bounds the caches of a layoutImport, in entries.
const maxCache = 4096

func (r *reader) newLayoutImport(ds *gapanalysis.Dataset, file, sheet string) *layoutImport {
	return &layoutImport{
		sheetImport: &sheetImport{r: r, ds: ds, file: file, sheet: sheet,
			acct: gapanalysis.SheetAccount{File: file, Sheet: sheet}},
		statuses:  map[string]gapanalysis.Status{},
		countries: map[string]gapanalysis.CountryCode{},
	}
}

// readMatrix reads a sheet in the matrix layout: item IDs down the ID column,
// countries across the header row, answers in the cells where they meet. Its
// data rows are the item rows: the non-empty rows below the header except
// headings (rows with neither an item ID nor an answer, listed in one
// ignored-row note). An item row is reported when its ID is missing or unknown
// or one of its cells is bad, and used otherwise. Header cells that look like
// misspelt countries are unknown-country errors at the header cell; the answers
// below them are not read.
func (r *reader) readMatrix(ds *gapanalysis.Dataset, src rowSource, file, sheet string, h *matrixHead, how string) {
	s := r.newLayoutImport(ds, file, sheet)
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()
	if h == nil {
		s.noHeader(src, func(scanned string) string {
			return "no header row with a country among " + scanned + ", so the sheet was not read: " +
				"the matrix layout needs item IDs down the first column and countries across a header row " +
				"(e.g. \"ID\", \"AT\", \"BE\")"
		})
		return
	}
	rows, last := 0, 0
	codes := make([]string, len(h.countries))
	for i, c := range h.countries {
		codes[i] = string(c.code)
	}
	s.layoutNote(LayoutMatrix, how, h.row, fmt.Sprintf("header in row %d, item IDs in column %s, %d countries (%s)",
		h.row, colName(h.idCol), len(h.countries), strings.Join(codes, ", ")))
	for _, u := range h.unknown {
		msg := fmt.Sprintf("unknown country %s in the header", quote(u.text))
		if sug, ok := gapanalysis.SuggestCountry(u.text); ok {
			msg += fmt.Sprintf(" — did you mean %s (%s)?", gapanalysis.CountryName(sug), sug)
		}
		s.diag(gapanalysis.SevError, gapanalysis.CodeUnknownCountry, u.col, h.row,
			andThen(msg, fmt.Sprintf("the answers in column %s were not read", colName(u.col))))
	}
	if len(h.ignored) > 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, -1, h.row, fmt.Sprintf(
			"columns ignored: %s", listSome(h.ignored, maxIgnoredListed)))
	}

	var headings, unheaded cellList
	inHeader := false
	for src.Next() {
		rows++
		num, cells := src.Row()
		last = num
		if s.overLimit(rows, num) {
			return
		}
		if !inHeader {
			inHeader = num >= h.row
			continue
		}
		if blank(cells) {
			s.acct.BlankRows++
			continue
		}
		for c, cell := range cells {
			if c != h.idCol && !h.headed[c] && strings.TrimSpace(cell) != "" {
				unheaded.add(s.cell(c, num))
			}
		}
		outcome := s.matrixRow(h, num, cells)
		if outcome != rowReported && s.r.faulty(num) {
			outcome = rowReported
		}
		switch outcome {
		case rowHeading:
			headings.add(fmt.Sprintf("%d (%s)", num, quote(firstText(cells))))
		case rowUsed:
			s.acct.RowsRead++
			s.acct.RowsUsed++
		case rowReported:
			s.acct.RowsRead++
			s.acct.RowsReported++
		}
	}
	if headings.n > 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeIgnoredRow, -1, 0, fmt.Sprintf(
			"rows with neither an item ID nor an answer were taken for headings and skipped: %s %s",
			oneOrMany(headings.n, "row", "rows"), headings))
	}
	s.unheadedNote(unheaded)
	s.readError(src, last)
}

// unheadedNote lists, in one unnamed-column warning, the values found in
// columns without a header cell, which are not read.
func (s *sheetImport) unheadedNote(l cellList) {
	if l.n == 0 {
		return
	}
	s.diag(gapanalysis.SevWarning, gapanalysis.CodeUnnamedColumn, -1, 0, fmt.Sprintf(
		"%d %s in columns without a header %s not read: %s; give the column a header (or clear the cells) if it holds answers",
		l.n, oneOrMany(l.n, "value", "values"), oneOrMany(l.n, "was", "were"), l))
}

// rowOutcome is what became of a data row.
type rowOutcome int

const (
	rowUsed     rowOutcome = iota // read without an error
	rowReported                   // named in at least one error diagnostic
	rowHeading                    // a heading row of a matrix: not a data row
)

// matrixRow reads one non-empty row below a matrix header.
func (s *layoutImport) matrixRow(h *matrixHead, num int, cells []string) rowOutcome {
	get := func(c int) string {
		if c < len(cells) {
			return strings.TrimSpace(cells[c])
		}
		return ""
	}
	id := get(h.idCol)
	item := s.r.lookupItem(id)
	if item == nil {
		answers := 0
		for _, c := range h.countries {
			if get(c.col) != "" {
				answers++
			}
		}
		sug, hasSug := gapanalysis.Suggest(id, s.r.itemIDs)
		lost := answersLost(answers)
		switch {
		case answers == 0 && (id == "" || !hasSug):
			return rowHeading
		case id == "":
			s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, h.idCol, num, "the item ID is empty; "+lost)
		default:
			msg := fmt.Sprintf("unknown item %s", quote(id))
			if hasSug {
				msg += fmt.Sprintf(" — did you mean %s?", sug)
			}
			s.diag(gapanalysis.SevError, gapanalysis.CodeUnknownItem, h.idCol, num, andThen(msg, lost))
		}
		return rowReported
	}
	ok := true
	for _, c := range h.countries {
		text := get(c.col)
		if text == "" {
			continue
		}
		resp := gapanalysis.Response{Country: c.code, Item: item.ID,
			Source: gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: s.cell(c.col, num)}}
		if !s.answer(&resp, item, text, c.col, num) {
			ok = false
		}
		s.emit(resp)
	}
	if ok {
		return rowUsed
	}
	return rowReported
}

// answer reads a cell that answers an item into resp: a number for a numeric
// item, else a status from the vocabulary. A cell that is neither is a bad-value
// (numeric item) or bad-status error at the cell, and the answer is unknown. It
// reports whether the cell was good.
func (s *layoutImport) answer(resp *gapanalysis.Response, item *gapanalysis.Item, text string, col, num int) bool {
	if item.Type == gapanalysis.NumericItem {
		if v, ok := parseNumber(text); ok {
			resp.Value, resp.HasValue = v, true
			return true
		}
		if st, ok := s.status(text); ok {
			resp.Status = st
			return true
		}
		s.diag(gapanalysis.SevError, gapanalysis.CodeBadValue, col, num, fmt.Sprintf(
			"value %s of numeric item %s is not a number (nor n/a or unknown); the answer is counted as unknown",
			quote(text), item.ID))
		return false
	}
	if st, ok := s.status(text); ok {
		resp.Status = st
		return true
	}
	s.diag(gapanalysis.SevError, gapanalysis.CodeBadStatus, col, num, s.r.badStatusMsg(text))
	return false
}

// status parses a status with the vocabulary, remembering the texts it knows.
func (s *layoutImport) status(text string) (gapanalysis.Status, bool) {
	if st, ok := s.statuses[text]; ok {
		return st, true
	}
	st, ok := s.r.vocab.Parse(text)
	if ok && len(s.statuses) < maxCache {
		s.statuses[text] = st
	}
	return st, ok
}

// cellList collects positions for a message, keeping the first few.
type cellList struct {
	n     int
	items []string
}

const cellListMax = 10

func (l *cellList) add(s string) {
	l.n++
	if len(l.items) < cellListMax {
		l.items = append(l.items, s)
	}
}

func (l cellList) String() string {
	s := strings.Join(l.items, ", ")
	if l.n > len(l.items) {
		s += fmt.Sprintf(" and %d more", l.n-len(l.items))
	}
	return s
}

// firstText returns the first non-empty cell of a row, trimmed and shortened.
func firstText(cells []string) string {
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			if r := []rune(c); len(r) > 40 {
				return string(r[:40]) + "…"
			}
			return c
		}
	}
	return ""
}

// scanned says which rows were searched for a header: "its 3 non-empty rows"
// or "its first 20 non-empty rows".
func scanned(nonBlank int) string {
	if nonBlank >= headerScanRows {
		return fmt.Sprintf("its first %d non-empty rows", headerScanRows)
	}
	return fmt.Sprintf("its %d non-empty %s", nonBlank, oneOrMany(nonBlank, "row", "rows"))
}

// andThen joins a message and what follows from it: as a new sentence after a
// question ("did you mean D-3.4?"), else after a semicolon.
func andThen(msg, then string) string {
	if strings.HasSuffix(msg, "?") && then != "" {
		return msg + " " + strings.ToUpper(then[:1]) + then[1:]
	}
	return msg + "; " + then
}

// answersLost says what became of the answers of a row that was not read.
func answersLost(n int) string {
	switch n {
	case 0:
		return "the row has no answers"
	case 1:
		return "its answer was not read"
	}
	return fmt.Sprintf("its %d answers were not read", n)
}

// oneOrMany returns one when n is 1, else many.
func oneOrMany(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// colName returns the letters of a 0-based column ("A", "AB").
func colName(col int) string {
	name := cellName(col, 1)
	return strings.TrimSuffix(name, "1")
}

// noHeader reads a sheet without a header to its end, keeping the row limit, and
// reports it: empty-sheet when every row is blank, otherwise a no-header warning
// whose message is msg(the rows scanned).
func (s *sheetImport) noHeader(src rowSource, msg func(scanned string) string) {
	rows, last, nonBlank := 0, 0, 0
	for src.Next() {
		rows++
		num, cells := src.Row()
		last = num
		if s.overLimit(rows, num) {
			return
		}
		if !blank(cells) {
			nonBlank++
		}
	}
	if s.readError(src, last) {
		return
	}
	if nonBlank == 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, -1, 0, "the sheet is empty")
		return
	}
	s.diag(gapanalysis.SevWarning, gapanalysis.CodeNoHeader, -1, 0, msg(scanned(nonBlank)))
}
