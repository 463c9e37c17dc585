package importers

import (
	"fmt"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// questionnaireMark is the start of the Cover's "File format" value
// (report.QuestionnaireFormat is "gapstudy questionnaire 1"), folded.
const questionnaireMark = "gapstudy questionnaire"

// coverSheet is the name of a questionnaire's first sheet (report.SheetCover).
const coverSheet = "Cover"

// questionnaireSheet is the name of a questionnaire's item sheet
// (report.SheetQuestionnaire).
const questionnaireSheet = "Questionnaire"

// coverScanRows is how many rows of a Cover sheet are searched for its fields.
const coverScanRows = 200

// Keys (headerKey of the label in column A) of the Cover's fields; the labels
// are report.Cover* ("Respondent (your name)" gives "respondent").
const (
	keyCountryCode      = "countrycode"
	keyCountry          = "country"
	keyRespondent       = "respondent"
	keyOrganisation     = "organisation"
	keyOrganization     = "organization"
	keyFileFormat       = "fileformat"
	keyChecklist        = "checklist"
	keyChecklistVersion = "checklistversion"
	keyChecklistSHA     = "checklistsha256"
	keyMadeFor          = "madeforcountry"
)

var coverKeys = map[string]bool{
	keyCountryCode: true, keyCountry: true, keyRespondent: true, keyOrganisation: true,
	keyOrganization: true, keyFileFormat: true, keyChecklist: true, keyChecklistVersion: true,
	keyChecklistSHA: true, keyMadeFor: true, keyDate: true,
}

// templateColumns are the header keys of the Questionnaire sheet's columns that
// hold the checklist's own text; they are not read and not reported as ignored.
var templateColumns = map[string]bool{
	"ref": true, "title": true, "question": true, "guidance": true, "elilink": true, "eli": true,
}

// coverField is a field of the Cover sheet: the value in column B of the row
// whose column A holds the label.
type coverField struct {
	value string
	row   int // 1-based sheet row
}

// cell returns the A1 name of the field's value cell.
func (c coverField) cell() string { return cellName(1, c.row) }

// cover holds the fields found on a Cover sheet, by key.
type cover map[string]coverField

// readCover reads the labelled fields of the first rows of a Cover sheet; the
// first row with a label counts.
func readCover(f *workbook, sheet string) (cover, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	fields := cover{}
	for n := 1; n <= coverScanRows && rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return fields, err
		}
		if len(cells) == 0 {
			continue
		}
		k := headerKey(cells[0])
		if !coverKeys[k] {
			continue
		}
		if _, dup := fields[k]; dup {
			continue
		}
		v := ""
		if len(cells) > 1 {
			v = strings.TrimSpace(cells[1])
		}
		fields[k] = coverField{value: v, row: n}
	}
	return fields, rows.Error()
}

// findCover returns the name of the workbook's Cover sheet (matched ignoring
// case), or "".
func findCover(sheets []string) string {
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), coverSheet) {
			return s
		}
	}
	return ""
}

// isQuestionnaireWorkbook reports whether f is a gapstudy questionnaire: its
// Cover sheet's "File format" field says "gapstudy questionnaire …". The Cover
// is the sheet named Cover or, when none is (an expert renamed it), the first
// sheet when its content is a Cover's. It returns the Cover sheet's name.
func isQuestionnaireWorkbook(f *workbook) (string, bool) {
	sheets := f.GetSheetList()
	name := findCover(sheets)
	if name == "" {
		if len(sheets) < 2 {
			return "", false
		}
		name = sheets[0] // a renamed Cover is still the first sheet
	}
	fields, err := readCover(f, name)
	if err != nil {
		return "", false
	}
	ff, ok := fields[keyFileFormat]
	return name, ok && strings.HasPrefix(gapanalysis.Fold(ff.value), questionnaireMark)
}

// coverOf returns the Cover sheet of a workbook read as a questionnaire: the
// sheet named Cover, else the first sheet when it is a questionnaire's Cover,
// else "".
func coverOf(f *workbook) string {
	if name := findCover(f.GetSheetList()); name != "" {
		return name
	}
	if name, ok := isQuestionnaireWorkbook(f); ok {
		return name
	}
	return ""
}

// questionnaireCover decides whether a workbook is read as a questionnaire, and
// returns its Cover sheet ("" when it has none). It is when some sheet's layout
// (Options.SheetLayouts, else Options.Layout) is forced to LayoutQuestionnaire,
// or when no sheet's layout is forced and the workbook is a questionnaire
// (isQuestionnaireWorkbook). A workbook where some sheet is forced to another
// layout is read sheet by sheet.
func (rd *reader) questionnaireCover(f *workbook) (string, bool) {
	sheets := f.GetSheetList()
	switch forced, other := rd.forcedLayouts(sheets); {
	case other:
		return "", false
	case forced:
		return coverOf(f), true
	}
	return isQuestionnaireWorkbook(f)
}

// forcedLayouts reports whether the options force some of the sheets to the
// questionnaire layout, and whether they force some to another layout.
func (rd *reader) forcedLayouts(sheets []string) (questionnaire, other bool) {
	for _, sheet := range sheets {
		switch rd.layoutFor(sheet) {
		case "":
		case LayoutQuestionnaire:
			questionnaire = true
		default:
			other = true
		}
	}
	return questionnaire, other
}

// questionnaire is the state of one questionnaire workbook being read.
type questionnaire struct {
	file       string
	country    gapanalysis.CountryCode // "" when the Cover names no known country
	respondent string
	seen       map[gapanalysis.ItemID]bool
	notRead    int    // answer rows not read for want of a country
	itemSheet  string // the first sheet with a questionnaire header
	how        string // "detected" or "as asked" (the options force the layout)
	whence     string // where the country and respondent come from, for the layout note
}

// readQuestionnaire reads a questionnaire workbook: the country and respondent
// from its Cover sheet (named coverName; "" when it has none), and the answers
// from every other sheet (of those selected) in the questionnaire layout.
//
// The Cover's country cell ("Country code", else "Country") is authoritative.
// When it is empty or not a known country, there is one error diagnostic at that
// cell, and the item rows are still checked, counted as read and reported, but
// give no responses. A country, checklist or checklist version other than the
// ones the questionnaire was made for (its "About this file" block) is a
// questionnaire-mismatch warning, as are checklist items that no sheet holds.
func (rd *reader) readQuestionnaire(ds *gapanalysis.Dataset, f *workbook, name, coverName string) {
	q := &questionnaire{file: name, seen: map[gapanalysis.ItemID]bool{}, how: "detected"}
	if forced, _ := rd.forcedLayouts(f.GetSheetList()); forced {
		q.how = "as asked"
	}
	countryDiag := -1 // index of the diagnostic explaining why there is no country
	addDiag := func(sev gapanalysis.Severity, code gapanalysis.Code, sheet, cell string, row int, msg string) {
		d := gapanalysis.NewDiagnostic(sev, code, msg)
		d.File, d.Sheet, d.Cell, d.Row = name, sheet, cell, row
		if cell != "" {
			d.Col = 2
		}
		ds.Diagnostics = append(ds.Diagnostics, d)
	}

	var fields cover
	if coverName == "" {
		countryDiag = len(ds.Diagnostics)
		addDiag(gapanalysis.SevError, gapanalysis.CodeMissingSheet, "", "", 0,
			"the questionnaire has no Cover sheet, so its country is not known")
	} else {
		var err error
		fields, err = readCover(f, coverName)
		if err != nil {
			fields = nil
			countryDiag = len(ds.Diagnostics)
			addDiag(gapanalysis.SevError, gapanalysis.CodeReadError, coverName, "", 0, fmt.Sprintf(
				"the Cover sheet could not be read (%v), so the questionnaire's country is not known", err))
		}
	}

	// The country: the Cover's country cell is authoritative.
	if fields != nil {
		cf, ok := fields[keyCountryCode]
		if !ok || cf.value == "" {
			if alt, altOK := fields[keyCountry]; altOK && (alt.value != "" || !ok) {
				cf, ok = alt, true
			}
		}
		code, found := gapanalysis.LookupCountry(cf.value)
		switch {
		case !ok:
			countryDiag = len(ds.Diagnostics)
			addDiag(gapanalysis.SevError, gapanalysis.CodeMissingValue, coverName, "", 0,
				`the Cover sheet has no "Country code" field (a row labelled "Country code" in column A, the code in column B), so the questionnaire's country is not known`)
		case cf.value == "":
			countryDiag = len(ds.Diagnostics)
			addDiag(gapanalysis.SevError, gapanalysis.CodeMissingValue, coverName, cf.cell(), cf.row,
				"the country is empty, so the questionnaire's answers cannot be attributed")
		case !found:
			msg := fmt.Sprintf("unknown country %s", quote(cf.value))
			if sug, ok := gapanalysis.SuggestCountry(cf.value); ok {
				msg += fmt.Sprintf(" — did you mean %s (%s)?", gapanalysis.CountryName(sug), sug)
			}
			countryDiag = len(ds.Diagnostics)
			addDiag(gapanalysis.SevError, gapanalysis.CodeUnknownCountry, coverName, cf.cell(), cf.row, msg)
		default:
			q.country = code
			if mf, ok := fields[keyMadeFor]; ok {
				if made, known := gapanalysis.LookupCountry(mf.value); known && made != code {
					addDiag(gapanalysis.SevWarning, gapanalysis.CodeQuestionnaireMismatch, coverName, cf.cell(), cf.row, fmt.Sprintf(
						"the Cover names %s (%s), but the questionnaire was made for %s (%s, cell %s); its answers are taken as %s's",
						gapanalysis.CountryName(code), code, gapanalysis.CountryName(made), made, mf.cell(), code))
				}
			}
		}
		q.respondent = respondentName(fields)
		q.whence = "country unknown"
		if q.country != "" {
			q.whence = "country " + string(q.country)
		}
		if cf.row > 0 {
			q.whence += fmt.Sprintf(" (%s!%s)", coverName, cf.cell())
		}
		if q.respondent != "" {
			q.whence += fmt.Sprintf(", respondent %s", quote(q.respondent))
		}
		rd.checkChecklist(fields, func(sev gapanalysis.Severity, cell string, row int, msg string) {
			addDiag(sev, gapanalysis.CodeQuestionnaireMismatch, coverName, cell, row, msg)
		})
	}

	if rd.holding {
		// OpenAll: the answers are held back until every file is read, so that
		// a later version of this reply can replace them (see settleReplies).
		rp := &reply{file: name, cover: coverName, country: q.country, respondent: q.respondent}
		if df, ok := fields[keyDate]; ok {
			rp.date, rp.dated = coverDate(df.value)
			rp.dateCell, rp.dateRow = df.cell(), df.row
		}
		rd.held = append(rd.held, rp)
		sink := rd.sink
		rd.sink = func(r gapanalysis.Response) { rp.responses = append(rp.responses, r) }
		defer func() { rd.sink = sink }()
	}

	itemSheets := 0
	for _, sheet := range rd.selectSheets(ds, f.GetSheetList(), name) {
		if sheet == coverName {
			continue
		}
		itemSheets++
		rows, err := f.Rows(sheet)
		if err != nil {
			addDiag(gapanalysis.SevError, gapanalysis.CodeReadError, sheet, "", 0, fmt.Sprintf("the sheet could not be read (%v)", err))
			continue
		}
		rd.readQuestionnaireSheet(ds, &xlsxRows{rows: rows}, sheet, q)
		_ = rows.Close()
	}

	if itemSheets == 0 && len(rd.sheets) == 0 {
		addDiag(gapanalysis.SevWarning, gapanalysis.CodeNoData, "", "", 0, fmt.Sprintf(
			"the questionnaire has no sheet besides the Cover (it should have a %s sheet), so it holds no answers", questionnaireSheet))
	}
	if countryDiag >= 0 && q.notRead > 0 {
		ds.Diagnostics[countryDiag].Message += fmt.Sprintf("; its %d answer %s not read", q.notRead, choose(q.notRead, "row was", "rows were"))
	}
	if q.itemSheet != "" {
		var missing []string
		for _, id := range rd.itemIDs {
			if !q.seen[gapanalysis.ItemID(id)] {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			addDiag(gapanalysis.SevWarning, gapanalysis.CodeQuestionnaireMismatch, q.itemSheet, "", 0, fmt.Sprintf(
				"%d %s not in the questionnaire (%s); %s as unknown",
				len(missing), choose(len(missing), "item of the checklist is", "items of the checklist are"),
				listSome(missing, 10), choose(len(missing), "it counts", "they count")))
		}
	}
}

// respondentName is the respondent of a questionnaire: the Cover's respondent
// name, with the organisation in brackets ("Jane Doe (Ministry of Justice)"),
// either one alone, or "" when both are empty.
func respondentName(fields cover) string {
	name := fields[keyRespondent].value
	org := fields[keyOrganisation].value
	if org == "" {
		org = fields[keyOrganization].value
	}
	switch {
	case name != "" && org != "":
		return name + " (" + org + ")"
	case name != "":
		return name
	}
	return org
}

// checkChecklist compares the checklist named in the Cover's "About this file"
// block with the one the study uses: another ID or version is a warning, another
// SHA-256 of the same version a note.
func (rd *reader) checkChecklist(fields cover, report func(sev gapanalysis.Severity, cell string, row int, msg string)) {
	cl := rd.cl
	id, idOK := fields[keyChecklist]
	ver, verOK := fields[keyChecklistVersion]
	sha, shaOK := fields[keyChecklistSHA]
	switch {
	case idOK && id.value != "" && id.value != cl.ID:
		report(gapanalysis.SevWarning, id.cell(), id.row, fmt.Sprintf(
			"the questionnaire was made from checklist %s, but the study uses %q; items are matched by ID", quote(id.value), cl.ID))
	case verOK && ver.value != "" && ver.value != cl.Version:
		report(gapanalysis.SevWarning, ver.cell(), ver.row, fmt.Sprintf(
			"the questionnaire was made from version %s of checklist %s, but the study uses version %s; items are matched by ID",
			ver.value, cl.ID, cl.Version))
	case shaOK && cl.SHA256 != "" && isHexDigest(sha.value) && !strings.EqualFold(sha.value, cl.SHA256):
		report(gapanalysis.SevInfo, sha.cell(), sha.row, fmt.Sprintf(
			"the questionnaire was made from a checklist file with another SHA-256 (%s…) than the study's (%s…), though of the same ID and version",
			sha.value[:12], cl.SHA256[:min(12, len(cl.SHA256))]))
	}
}

// isHexDigest reports whether s is a hex SHA-256 (64 hex digits).
func isHexDigest(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return false
		}
	}
	return true
}

// qheader is the column layout of a questionnaire sheet: 0-based columns, -1
// when absent.
type qheader struct {
	row                                int
	id, status, evidence, comment, val int
	ignored                            []string
}

// parseQuestionnaireHeader maps a row's cells to the questionnaire's columns.
// ok is true when the row has an ID and a Status column.
func parseQuestionnaireHeader(cells []string, rowNum int) (qheader, bool) {
	h := qheader{row: rowNum, id: -1, status: -1, evidence: -1, comment: -1, val: -1}
	for i, c := range cells {
		k := headerKey(c)
		if k == "" || templateColumns[k] {
			continue
		}
		var col *int
		switch headerAliases[k] {
		case fieldItem:
			col = &h.id
		case fieldStatus:
			col = &h.status
		case fieldEvidence:
			col = &h.evidence
		case fieldComment:
			col = &h.comment
		case fieldValue:
			col = &h.val
		}
		if col != nil && *col < 0 {
			*col = i
			continue
		}
		h.ignored = append(h.ignored, fmt.Sprintf("%s (%s)", quote(strings.TrimSpace(c)), cellName(i, rowNum)))
	}
	return h, h.id >= 0 && h.status >= 0
}

// readQuestionnaireSheet reads one item sheet of a questionnaire.
//
// A data row is a non-empty row below the header whose ID cell holds a
// checklist item, or that has an answer (a Status, Evidence, Comment or Value
// cell that is not empty). Other non-empty rows — the pillar and theme headings,
// with text in the ID column only — are headings: neither read nor reported, as
// they hold no answer. A data row of a known item gives one response; an item
// row left unanswered gives StatusUnknown and counts as used.
func (rd *reader) readQuestionnaireSheet(ds *gapanalysis.Dataset, src rowSource, sheet string, q *questionnaire) {
	s := &sheetImport{r: rd, ds: ds, file: q.file, sheet: sheet,
		acct: gapanalysis.SheetAccount{File: q.file, Sheet: sheet}}
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()

	var (
		h      qheader
		headed []bool
	)
	found, nonBlank, rows, lastRow, ok := s.findHeader(src, func(num int, cells []string) bool {
		var found bool
		if h, found = parseQuestionnaireHeader(cells, num); found {
			headed = headedColumns(cells)
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
		s.diag(gapanalysis.SevWarning, gapanalysis.CodeNoHeader, -1, 0, fmt.Sprintf(
			"no questionnaire header row (with an ID and a Status column) among the first %d non-empty rows, so the sheet was not read",
			nonBlank))
		return
	}
	whence := q.whence
	if whence == "" {
		whence = "country unknown"
	}
	s.layoutNote(LayoutQuestionnaire, q.how, h.row, fmt.Sprintf("header in row %d, %s", h.row, whence))
	if q.itemSheet == "" {
		q.itemSheet = sheet
	}
	if len(h.ignored) > 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, -1, h.row, fmt.Sprintf(
			"columns ignored: %s", listSome(h.ignored, maxIgnoredListed)))
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
		used, data := s.questionnaireRow(h, num, cells, q)
		switch {
		case !data:
		case used:
			s.acct.RowsRead++
			s.acct.RowsUsed++
		default:
			s.acct.RowsRead++
			s.acct.RowsReported++
		}
	}
	s.readError(src, lastRow)
}

// questionnaireRow reads one non-empty row below the header. data is false for
// a heading row; used is true for a data row without an error (and with a
// country).
func (s *sheetImport) questionnaireRow(h qheader, num int, cells []string, q *questionnaire) (used, data bool) {
	get := func(col int) string {
		if col >= 0 && col < len(cells) {
			return strings.TrimSpace(cells[col])
		}
		return ""
	}
	id := get(h.id)
	statusText, evidence, comment, valueText := get(h.status), get(h.evidence), get(h.comment), get(h.val)
	answered := statusText != "" || evidence != "" || comment != "" || valueText != ""
	var item *gapanalysis.Item
	if id != "" {
		item = s.r.lookupItem(id)
	}
	if item == nil && !answered {
		return false, false // a heading
	}
	ok := true
	fail := func(code gapanalysis.Code, col int, msg string) {
		ok = false
		s.diag(gapanalysis.SevError, code, col, num, msg)
	}
	switch {
	case id == "":
		fail(gapanalysis.CodeMissingValue, h.id, "the item ID is empty, but the row holds an answer")
	case item == nil:
		msg := fmt.Sprintf("unknown item %s", quote(id))
		if sug, found := gapanalysis.Suggest(id, s.r.itemIDs); found {
			msg += fmt.Sprintf(" — did you mean %s?", sug)
		}
		fail(gapanalysis.CodeUnknownItem, h.id, msg)
	}

	resp := gapanalysis.Response{Country: q.country, Evidence: evidence, Comment: comment, Respondent: q.respondent}
	srcCol := h.status
	status := func() {
		st, known := s.r.vocab.Parse(statusText)
		if !known {
			fail(gapanalysis.CodeBadStatus, h.status, s.r.badStatusMsg(statusText))
			return
		}
		resp.Status = st
	}
	if item != nil && item.Type == gapanalysis.NumericItem {
		valueCol := h.val
		_, statusIsNumber := parseNumber(statusText)
		if statusIsNumber && valueText == "" {
			valueText, valueCol = statusText, h.status
		}
		if valueText != "" {
			srcCol = valueCol
			if v, isNum := parseNumber(valueText); isNum {
				resp.Value, resp.HasValue = v, true
			} else {
				fail(gapanalysis.CodeBadValue, valueCol, fmt.Sprintf(
					"value %s of numeric item %s is not a number; the answer is counted as unknown", quote(valueText), item.ID))
			}
		}
		if !statusIsNumber {
			status()
		}
	} else {
		status()
	}
	if item == nil {
		return false, true
	}
	q.seen[item.ID] = true
	if q.country == "" {
		q.notRead++
		return false, true
	}
	resp.Item = item.ID
	resp.Source = gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: cellName(srcCol, num)}
	s.notBoundAnswer(item, q.country, h.status, num, statusText, resp.Status)
	s.emit(resp)
	return ok, true
}

// notBoundAnswer warns about an item that does not bind the country, which
// the questionnaire prefills "na" and locks, when its Status cell says
// something else: the sheet was unprotected and the cell overwritten (or
// cleared). The answer is kept as written, and the analysis treats the item as
// not applicable whatever it says.
func (s *sheetImport) notBoundAnswer(item *gapanalysis.Item, country gapanalysis.CountryCode, col, num int, text string, st gapanalysis.Status) {
	if s.r.cl.Binds(country, item) || st == gapanalysis.StatusNA && text != "" {
		return
	}
	what := fmt.Sprintf("says %s", quote(text))
	if text == "" {
		what = "is empty"
	}
	s.diag(gapanalysis.SevWarning, gapanalysis.CodeNotBoundAnswer, col, num, fmt.Sprintf(
		"item %s does not bind %s (%s), so the questionnaire prefilled its status \"na\" and locked the cell, "+
			"but the cell %s: the sheet was unprotected and the answer changed. The answer is kept as written; "+
			"the item is not applicable to %s in the results whatever it says",
		item.ID, gapanalysis.CountryName(country), country, what, country))
}

// listSome joins at most n strings with ", ", and says how many more there are.
func listSome(ss []string, n int) string {
	if len(ss) <= n {
		return strings.Join(ss, ", ")
	}
	return strings.Join(ss[:n], ", ") + fmt.Sprintf(" and %d more", len(ss)-n)
}

// choose returns one when n is 1, else many.
func choose(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
