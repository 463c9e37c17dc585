package importers

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// How a column header of a respondents export was matched to an item.
type itemMatch int

const (
	matchNone     itemMatch = iota
	matchMapping            // an entry of Options.Mapping
	matchID                 // the header is the item ID
	matchQuestion           // the header is the item's question text
	matchToken              // the header holds the item ID as a token
)

// respondentsHead is the header of a sheet in the respondents layout.
type respondentsHead struct {
	row        int
	country    int // 0-based column; -1 when absent
	respondent int // -1 when absent
	items      []respItem
	unknown    []unknownItemHeader // headers holding something close to an item ID
	ignored    []string            // descriptions of the other header cells
	headed     []bool              // by column: the header cell is not empty
	matches    [matchToken + 1]int // item columns per kind of match
}

// respItem is the column of an item in a respondents export, with the columns
// of its evidence and comment (-1 when absent).
type respItem struct {
	col      int
	item     *gapanalysis.Item
	evidence int
	comment  int
}

// unknownItemHeader is a header that names no item but holds a token close to
// an item ID ("D-3.44 Engaging in…").
type unknownItemHeader struct {
	col        int
	token, sug string
}

// setMapping checks the mapping against the checklist and indexes it, together
// with the items' question texts.
func (r *reader) setMapping(cl *gapanalysis.Checklist, m Mapping) error {
	if err := m.Check(cl); err != nil {
		return err
	}
	r.mapping = map[string]*gapanalysis.Item{}
	for _, e := range m.Entries {
		r.mapping[textKey(e.Header)] = r.lookupItem(string(e.Item))
	}
	r.questions = map[string]*gapanalysis.Item{}
	ambiguous := map[string]bool{}
	for _, id := range r.itemIDs {
		it := r.byID[gapanalysis.ItemID(id)]
		k := textKey(it.Question)
		if k == "" {
			continue
		}
		if prev, dup := r.questions[k]; dup && prev != it {
			ambiguous[k] = true
		}
		r.questions[k] = it
	}
	for k := range ambiguous {
		delete(r.questions, k) // a question text shared by two items names neither
	}
	return nil
}

// headerItem returns the item a column header names, how, and for a header
// that holds an item ID as a token, the rest of the header without it.
func (r *reader) headerItem(text string) (*gapanalysis.Item, itemMatch, string) {
	k := textKey(text)
	if k == "" {
		return nil, matchNone, ""
	}
	if it := r.mapping[k]; it != nil {
		return it, matchMapping, ""
	}
	if it := r.lookupItem(text); it != nil {
		return it, matchID, ""
	}
	if it := r.questions[k]; it != nil {
		return it, matchQuestion, ""
	}
	for _, t := range idTokens(text) {
		if it := r.lookupItem(t.text); it != nil {
			return it, matchToken, strings.TrimSpace(text[:t.start] + " " + text[t.end:])
		}
	}
	return nil, matchNone, ""
}

// idToken is a run of a header that could be an item ID, at text[start:end].
type idToken struct {
	text       string
	start, end int
}

// idTokens splits a header into the runs of letters, digits and the marks item
// IDs use ("-", ".", "_", "/"), with trailing marks dropped: "D-3.4: Engaging
// (Art. 3(4))" gives "D-3.4", "Engaging", "Art", "3", "4".
func idTokens(s string) []idToken {
	var out []idToken
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		t := strings.TrimRight(s[start:end], "-._/")
		if t != "" {
			out = append(out, idToken{text: t, start: start, end: start + len(t)})
		}
		start = -1
	}
	for i, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '-' || c == '.' || c == '_' || c == '/' {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// findRespondentsHead looks for the header of a respondents export among the
// first headerScanRows non-empty rows: the first row with a country column and
// at least one column that names an item. When there is none and strict is
// false, it returns the first row with a country column, else the first row with
// an item column (whose country column is then missing), else nil.
func (r *reader) findRespondentsHead(head []bufRow, strict bool) *respondentsHead {
	var withCountry, withItems *respondentsHead
	for i, row := range head {
		if i >= headerScanRows {
			break
		}
		h := r.newRespondentsHead(row)
		switch {
		case h.country >= 0 && len(h.items) > 0:
			return h
		case h.country >= 0 && withCountry == nil:
			withCountry = h
		case len(h.items) > 0 && withItems == nil:
			withItems = h
		}
	}
	switch {
	case strict:
		return nil
	case withCountry != nil:
		return withCountry
	}
	return withItems
}

// newRespondentsHead sorts the cells of a header row into the country and
// respondent columns, the item columns with their evidence and comment columns,
// and ignored columns.
func (r *reader) newRespondentsHead(row bufRow) *respondentsHead {
	h := &respondentsHead{row: row.num, country: -1, respondent: -1, headed: make([]bool, len(row.cells))}
	byItem := map[gapanalysis.ItemID]int{} // item → index in h.items
	type note struct {
		col  int
		item *gapanalysis.Item
		f    field
		desc string
	}
	var notes []note
	ignore := func(c int, text, why string) {
		d := fmt.Sprintf("%s (%s)", quote(text), cellName(c, row.num))
		if why != "" {
			d += " (" + why + ")"
		}
		h.ignored = append(h.ignored, d)
	}
	for c, cell := range row.cells {
		text := strings.TrimSpace(cell)
		if text == "" {
			continue
		}
		h.headed[c] = true
		switch f := headerAliases[headerKey(text)]; {
		case f == fieldCountry && h.country < 0:
			h.country = c
			continue
		case f == fieldRespondent && h.respondent < 0:
			h.respondent = c
			continue
		}
		it, how, rest := r.headerItem(text)
		if it == nil {
			if u, ok := r.unknownItemHeader(text); ok {
				u.col = c
				h.unknown = append(h.unknown, u)
				continue
			}
			ignore(c, text, "")
			continue
		}
		if how == matchToken {
			if f := headerAliases[headerKey(rest)]; f == fieldEvidence || f == fieldComment || f == fieldSource {
				if f == fieldSource {
					f = fieldEvidence
				}
				notes = append(notes, note{col: c, item: it, f: f, desc: text})
				continue
			}
		}
		if i, dup := byItem[it.ID]; dup {
			ignore(c, text, fmt.Sprintf("%s is already read from column %s", it.ID, colName(h.items[i].col)))
			continue
		}
		byItem[it.ID] = len(h.items)
		h.items = append(h.items, respItem{col: c, item: it, evidence: -1, comment: -1})
		h.matches[how]++
	}
	for _, n := range notes {
		i, ok := byItem[n.item.ID]
		if !ok {
			ignore(n.col, n.desc, fmt.Sprintf("no column answers %s", n.item.ID))
			continue
		}
		target := &h.items[i].comment
		if n.f == fieldEvidence {
			target = &h.items[i].evidence
		}
		if *target >= 0 {
			ignore(n.col, n.desc, fmt.Sprintf("the %s of %s is already read from column %s", fieldNames[n.f], n.item.ID, colName(*target)))
			continue
		}
		*target = n.col
	}
	return h
}

// unknownItemHeader reports a header that holds a token close to an item ID
// (letters and digits, within the edit distance of Suggest).
func (r *reader) unknownItemHeader(text string) (unknownItemHeader, bool) {
	for _, t := range idTokens(text) {
		if !strings.ContainsFunc(t.text, unicode.IsLetter) || !strings.ContainsFunc(t.text, unicode.IsDigit) {
			continue
		}
		if sug, ok := gapanalysis.Suggest(t.text, r.itemIDs); ok {
			return unknownItemHeader{token: t.text, sug: sug}, true
		}
	}
	return unknownItemHeader{}, false
}

// readRespondents reads a sheet in the respondents layout: one row per
// respondent, with a country column, an optional respondent column and one
// column per item. Its data rows are the respondent rows: the non-empty rows
// below the header. A row is reported when its country is missing or unknown or
// one of its answers is bad, and used otherwise. Each answer's Respondent is the
// respondent cell or, when there is none, "file!sheet!row N", so that the rows of
// an export are different respondents (whose answers are averaged) and never
// conflict with each other.
func (r *reader) readRespondents(ds *gapanalysis.Dataset, src rowSource, file, sheet string, h *respondentsHead, how string) {
	s := r.newLayoutImport(ds, file, sheet)
	defer func() { ds.Accounts = append(ds.Accounts, s.acct) }()
	if h == nil {
		s.noHeader(src, func(scanned string) string {
			return "no header row with a country column or an item column among " + scanned + ", so " +
				"the sheet was not read: the respondents layout needs a header with a country column " +
				"(e.g. \"Country\") and one column per item, headed by the item ID, by a text holding it " +
				"(\"D-3.4 Engaging in…\"), by the item's question, or as a mapping file says"
		})
		return
	}
	rows, last := 0, 0
	for src.Next() {
		rows++
		num, _ := src.Row()
		last = num
		if s.overLimit(rows, num) {
			return
		}
		if num >= h.row {
			break
		}
	}
	s.layoutNote(LayoutRespondents, how, h.row, h.describe())
	if h.country < 0 {
		s.skipRows(src, rows, []field{fieldCountry}, h.row)
		return
	}
	for _, u := range h.unknown {
		s.diag(gapanalysis.SevError, gapanalysis.CodeUnknownItem, u.col, h.row, fmt.Sprintf(
			"unknown item %s in the header — did you mean %s? The answers in column %s were not read",
			quote(u.token), u.sug, colName(u.col)))
	}
	if len(h.ignored) > 0 {
		s.diag(gapanalysis.SevInfo, gapanalysis.CodeIgnoredColumn, -1, h.row, fmt.Sprintf(
			"columns ignored (their headers name no checklist item; a mapping file can name one): %s",
			listSome(h.ignored, maxIgnoredListed)))
	}
	var unheaded cellList
	for src.Next() {
		rows++
		num, cells := src.Row()
		last = num
		if s.overLimit(rows, num) {
			return
		}
		if blank(cells) {
			s.acct.BlankRows++
			continue
		}
		for c, cell := range cells {
			if (c >= len(h.headed) || !h.headed[c]) && strings.TrimSpace(cell) != "" {
				unheaded.add(s.cell(c, num))
			}
		}
		s.acct.RowsRead++
		if s.respondentRow(h, num, cells) && !s.r.faulty(num) {
			s.acct.RowsUsed++
		} else {
			s.acct.RowsReported++
		}
	}
	s.unheadedNote(unheaded)
	s.readError(src, last)
}

// describe says where the header found the columns, for the layout note.
func (h *respondentsHead) describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "header in row %d", h.row)
	if h.country >= 0 {
		fmt.Fprintf(&b, ", country in column %s", colName(h.country))
	}
	if h.respondent >= 0 {
		fmt.Fprintf(&b, ", respondent in column %s", colName(h.respondent))
	} else {
		b.WriteString(", no respondent column (each row is its own respondent)")
	}
	var by []string
	for _, m := range []struct {
		k    itemMatch
		name string
	}{{matchID, "item ID"}, {matchToken, "an item ID in the header"}, {matchQuestion, "question text"}, {matchMapping, "the mapping"}} {
		if n := h.matches[m.k]; n > 0 {
			by = append(by, fmt.Sprintf("%d by %s", n, m.name))
		}
	}
	fmt.Fprintf(&b, ", %d item columns", len(h.items))
	if len(by) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(by, ", "))
	}
	return b.String()
}

// respondentRow reads one respondent row. It reports whether the row is used
// (no error).
func (s *layoutImport) respondentRow(h *respondentsHead, num int, cells []string) bool {
	get := func(c int) string {
		if c >= 0 && c < len(cells) {
			return strings.TrimSpace(cells[c])
		}
		return ""
	}
	answers := 0
	for _, it := range h.items {
		if get(it.col) != "" || get(it.evidence) != "" || get(it.comment) != "" {
			answers++
		}
	}
	lost := answersLost(answers)
	text := get(h.country)
	country, ok := s.countries[text]
	if !ok {
		switch code, found := gapanalysis.LookupCountry(text); {
		case text == "":
			s.diag(gapanalysis.SevError, gapanalysis.CodeMissingValue, h.country, num, "the country is empty; "+lost)
			return false
		case !found:
			msg := fmt.Sprintf("unknown country %s", quote(text))
			if sug, ok := gapanalysis.SuggestCountry(text); ok {
				msg += fmt.Sprintf(" — did you mean %s (%s)?", gapanalysis.CountryName(sug), sug)
			}
			s.diag(gapanalysis.SevError, gapanalysis.CodeUnknownCountry, h.country, num, andThen(msg, lost))
			return false
		default:
			country = code
			if len(s.countries) < maxCache {
				s.countries[text] = code
			}
		}
	}
	respondent := get(h.respondent)
	if respondent == "" {
		respondent = gapanalysis.Source{File: s.file, Sheet: s.sheet}.String() + "!row " + strconv.Itoa(num)
	}
	good := true
	for _, it := range h.items {
		status, evidence, comment := get(it.col), get(it.evidence), get(it.comment)
		if status == "" && evidence == "" && comment == "" {
			continue
		}
		resp := gapanalysis.Response{Country: country, Item: it.item.ID, Respondent: respondent,
			Evidence: evidence, Comment: comment,
			Source: gapanalysis.Source{File: s.file, Sheet: s.sheet, Cell: s.cell(it.col, num)}}
		if status != "" && !s.answer(&resp, it.item, status, it.col, num) {
			good = false
		}
		s.emit(resp)
	}
	return good
}
