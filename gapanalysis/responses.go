package gapanalysis

import (
	"iter"
	"strconv"
	"strings"
)

// Responses holds the responses of a dataset in a compact form: each response
// is a fixed-size record of 40 bytes (numbers for its country, item, status,
// value and cell, and indexes into a table of the strings it names), and every
// distinct string — a country code, an item ID, a respondent, a file or sheet
// name, an evidence or a comment — is stored once however many responses name
// it. A survey-tool export of 100,000 respondents × 60 questions (5.4 million
// responses) takes about 220 MB this way, against 820 MB as a []Response.
//
// The zero value is empty and ready to use. Responses are read with Len, At
// and All (or the field accessors Country, Item, Status, Respondent and
// Source, which do not build a whole Response) and added with Append. Like a
// slice, a copied Responses value shares its storage with the original:
// appending to one of two copies may overwrite what the other appends. A
// Responses may be read from several goroutines at once, but not while it is
// appended to.
type Responses struct {
	n     int
	pages [][]respRecord
	st    *stringTable
}

// pageSize is the number of records of one page. Records are stored in pages
// so that appending never copies the earlier ones (a growing slice would, and
// would for a moment hold them twice).
const (
	pageShift = 12
	pageSize  = 1 << pageShift
)

// respRecord is one response. Strings are indexes into the stringTable (0 is
// ""); src indexes the (file, sheet) pairs.
type respRecord struct {
	value      float64
	country    uint32
	item       uint32
	evidence   uint32
	comment    uint32
	respondent uint32
	src        uint32
	row        uint32 // the cell's row; with cellText, the index of the cell's text
	col        uint16 // the cell's column (1-based); 0: no cell
	status     Status
	flags      uint8
}

const (
	flagHasValue uint8 = 1 << iota
	flagCellText       // the cell is not an A1 reference: its text is in the string table
)

// stringTable stores each distinct string once.
type stringTable struct {
	strs  []string
	index map[string]uint32
	srcs  []srcPair
	srcIx map[srcPair]uint32
}

type srcPair struct{ file, sheet uint32 }

func newStringTable() *stringTable {
	return &stringTable{strs: []string{""}, index: map[string]uint32{"": 0},
		srcs: []srcPair{{}}, srcIx: map[srcPair]uint32{{}: 0}}
}

func (t *stringTable) intern(s string) uint32 {
	if s == "" {
		return 0
	}
	if i, ok := t.index[s]; ok {
		return i
	}
	i := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.index[s] = i
	return i
}

func (t *stringTable) pair(file, sheet string) uint32 {
	p := srcPair{t.intern(file), t.intern(sheet)}
	if i, ok := t.srcIx[p]; ok {
		return i
	}
	i := uint32(len(t.srcs))
	t.srcs = append(t.srcs, p)
	t.srcIx[p] = i
	return i
}

// NewResponses returns the responses rs in a Responses.
func NewResponses(rs ...Response) Responses {
	var out Responses
	out.Append(rs...)
	return out
}

// Len returns the number of responses.
func (rs *Responses) Len() int { return rs.n }

// Append adds responses at the end.
func (rs *Responses) Append(add ...Response) {
	for i := range add {
		rs.add(&add[i])
	}
}

func (rs *Responses) add(r *Response) {
	rec := rs.encode(r)
	p := rs.n >> pageShift
	if p == len(rs.pages) {
		rs.pages = append(rs.pages, make([]respRecord, 0, pageSize))
	}
	rs.pages[p] = append(rs.pages[p][:rs.n&(pageSize-1)], rec)
	rs.n++
}

// encode makes the record of r, adding its strings to the table.
func (rs *Responses) encode(r *Response) respRecord {
	if rs.st == nil {
		rs.st = newStringTable()
	}
	t := rs.st
	rec := respRecord{
		value:      r.Value,
		country:    t.intern(string(r.Country)),
		item:       t.intern(string(r.Item)),
		evidence:   t.intern(r.Evidence),
		comment:    t.intern(r.Comment),
		respondent: t.intern(r.Respondent),
		src:        t.pair(r.Source.File, r.Source.Sheet),
		status:     r.Status,
	}
	if r.HasValue {
		rec.flags |= flagHasValue
	}
	if col, row, ok := parseCell(r.Source.Cell); ok {
		rec.col, rec.row = uint16(col), uint32(row)
	} else if r.Source.Cell != "" {
		rec.flags |= flagCellText
		rec.row = t.intern(r.Source.Cell)
	}
	return rec
}

// appendAll appends the responses of other. When rs is empty it takes over
// other's storage (see Dataset.Merge), with the last page capped so that
// appending to rs never writes into other's pages.
func (rs *Responses) appendAll(other *Responses) {
	if other.n == 0 {
		return
	}
	if rs.n == 0 {
		*rs = *other
		last := len(rs.pages) - 1
		rs.pages = rs.pages[: last+1 : last+1]
		rs.pages[last] = rs.pages[last][:len(rs.pages[last]):len(rs.pages[last])]
		return
	}
	for i := range other.n {
		r := other.At(i)
		rs.add(&r)
	}
}

// clone returns a copy of rs whose records can be changed without changing
// rs's; the string table is shared (and must not be added to).
func (rs *Responses) clone() Responses {
	out := Responses{n: rs.n, st: rs.st, pages: make([][]respRecord, len(rs.pages))}
	for p := range out.pages {
		page := rs.pages[p][:min(pageSize, rs.n-p<<pageShift)]
		out.pages[p] = append(make([]respRecord, 0, len(page)), page...)
	}
	return out
}

// rec returns the record of response i; it panics when i is out of range.
func (rs *Responses) rec(i int) *respRecord {
	if i < 0 || i >= rs.n {
		panic("gapanalysis: response index " + strconv.Itoa(i) + " out of range [0, " + strconv.Itoa(rs.n) + ")")
	}
	return &rs.pages[i>>pageShift][i&(pageSize-1)]
}

func (rs *Responses) str(i uint32) string { return rs.st.strs[i] }

// At returns response i (0 ≤ i < Len).
func (rs *Responses) At(i int) Response {
	r := rs.rec(i)
	return Response{
		Country:    CountryCode(rs.str(r.country)),
		Item:       ItemID(rs.str(r.item)),
		Status:     r.status,
		Value:      r.value,
		HasValue:   r.flags&flagHasValue != 0,
		Evidence:   rs.str(r.evidence),
		Comment:    rs.str(r.comment),
		Respondent: rs.str(r.respondent),
		Source:     rs.source(r),
	}
}

// Country returns the country of response i.
func (rs *Responses) Country(i int) CountryCode { return CountryCode(rs.str(rs.rec(i).country)) }

// Item returns the item of response i.
func (rs *Responses) Item(i int) ItemID { return ItemID(rs.str(rs.rec(i).item)) }

// Status returns the status of response i.
func (rs *Responses) Status(i int) Status { return rs.rec(i).status }

// Respondent returns the respondent of response i ("" when none is named).
func (rs *Responses) Respondent(i int) string { return rs.str(rs.rec(i).respondent) }

// Source returns the cell response i came from.
func (rs *Responses) Source(i int) Source { return rs.source(rs.rec(i)) }

func (rs *Responses) source(r *respRecord) Source {
	p := rs.st.srcs[r.src]
	s := Source{File: rs.str(p.file), Sheet: rs.str(p.sheet)}
	switch {
	case r.flags&flagCellText != 0:
		s.Cell = rs.str(r.row)
	case r.col > 0:
		s.Cell = cellName(int(r.col), int(r.row))
	}
	return s
}

// Set replaces response i (0 ≤ i < Len) by r.
func (rs *Responses) Set(i int, r Response) {
	rs.rec(i) // the range check
	*rs.rec(i) = rs.encode(&r)
}

// All yields every response with its index, in order.
func (rs *Responses) All() iter.Seq2[int, Response] {
	return func(yield func(int, Response) bool) {
		for i := range rs.n {
			if !yield(i, rs.At(i)) {
				return
			}
		}
	}
}

// Slice returns the responses as a new slice, for small data: it takes about
// 150 bytes per response.
func (rs *Responses) Slice() []Response {
	out := make([]Response, rs.n)
	for i := range out {
		out[i] = rs.At(i)
	}
	return out
}

// parseCell reads an A1 cell reference whose text is exactly what cellName
// writes back (no "$", no leading zeros, upper case): ok is false otherwise,
// and the text is then kept as it is.
func parseCell(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
		if col > 1<<16-1 {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) || s[i] == '0' || len(s)-i > 9 {
		return 0, 0, false
	}
	for _, c := range s[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if row > 1<<32-1 {
		return 0, 0, false
	}
	return col, row, true
}

// cellName writes an A1 cell reference: column col (1-based) and row.
func cellName(col, row int) string {
	var b [24]byte
	n := len(b)
	for r := row; ; r /= 10 {
		n--
		b[n] = byte('0' + r%10)
		if r < 10 {
			break
		}
	}
	for c := col; c > 0; c = (c - 1) / 26 {
		n--
		b[n] = byte('A' + (c-1)%26)
	}
	return string(b[n:])
}

// each calls f with the index and record of every response, in order.
func (rs *Responses) each(f func(i int, r *respRecord)) {
	for p := 0; p<<pageShift < rs.n; p++ {
		page := rs.pages[p][:min(pageSize, rs.n-p<<pageShift)]
		for j := range page {
			f(p<<pageShift+j, &page[j])
		}
	}
}

// unitGroups lists the responses of each (country, item): the indexes of the
// responses of country c and item i (positions in the lists given to
// groupResponses) are idx[off[u]:off[u+1]] with u = c·items + i, in the order
// of the responses.
type unitGroups struct {
	items int
	off   []int32
	idx   []int32
}

// of returns the indexes of the responses of country position c and item
// position i.
func (g *unitGroups) of(c, i int) []int32 {
	u := c*g.items + i
	return g.idx[g.off[u]:g.off[u+1]]
}

// groupResponses groups the responses of rs by (country, item) for the
// countries and items given, keeping those for which keep (nil: all) is true.
// It takes 4 bytes per response kept, and no string is compared or copied.
func groupResponses(rs *Responses, countries []CountryCode, items []*Item, keep func(c CountryCode, it *Item) bool) unitGroups {
	g := unitGroups{items: len(items), off: make([]int32, len(countries)*len(items)+1)}
	if rs.n == 0 {
		return g
	}
	cpos := make(map[uint32]int32, len(countries))
	for c, code := range countries {
		if i, ok := rs.st.index[string(code)]; ok {
			cpos[i] = int32(c)
		}
	}
	ipos := make(map[uint32]int32, len(items))
	for i, it := range items {
		if s, ok := rs.st.index[string(it.ID)]; ok {
			ipos[s] = int32(i)
		}
	}
	// unit of each string pair, cached for the last one seen
	lastC, lastI, lastU := uint32(1<<32-1), uint32(1<<32-1), int32(-1)
	unit := func(r *respRecord) int32 {
		if r.country == lastC && r.item == lastI {
			return lastU
		}
		lastC, lastI, lastU = r.country, r.item, -1
		c, ok1 := cpos[r.country]
		i, ok2 := ipos[r.item]
		if ok1 && ok2 && (keep == nil || keep(countries[c], items[i])) {
			lastU = c*int32(len(items)) + i
		}
		return lastU
	}
	counts := g.off[1:]
	total := 0
	rs.each(func(_ int, r *respRecord) {
		if u := unit(r); u >= 0 {
			counts[u]++
			total++
		}
	})
	for u := 1; u < len(g.off); u++ {
		g.off[u] += g.off[u-1]
	}
	// g.off[u] is now the end of unit u-1's range; fill from the starts.
	next := make([]int32, len(g.off)-1)
	copy(next, g.off[:len(g.off)-1])
	g.idx = make([]int32, total)
	rs.each(func(i int, r *respRecord) {
		if u := unit(r); u >= 0 {
			g.idx[next[u]] = int32(i)
			next[u]++
		}
	})
	return g
}

// respondentSlots numbers the respondents of a Responses, names trimmed
// ("R1" and " R1 " are one respondent, and so are all responses that name
// none), and gives each a slot for the answer of the (country, item) being
// merged: no hashing per response.
type respondentSlots struct {
	key  []int32 // by string index: the respondent's number, -1 for strings no response names as respondent
	slot []int32 // by respondent number: the slot in use, -1 when none
	used []int32 // the respondent numbers whose slot is set
}

func newRespondentSlots(rs *Responses) *respondentSlots {
	s := &respondentSlots{}
	if rs.st == nil {
		return s
	}
	s.key = make([]int32, len(rs.st.strs))
	for i := range s.key {
		s.key[i] = -1
	}
	byName := map[string]int32{}
	rs.each(func(_ int, r *respRecord) {
		if s.key[r.respondent] >= 0 {
			return
		}
		name := strings.TrimSpace(rs.str(r.respondent))
		k, ok := byName[name]
		if !ok {
			k = int32(len(byName))
			byName[name] = k
		}
		s.key[r.respondent] = k
	})
	s.slot = make([]int32, len(byName))
	for i := range s.slot {
		s.slot[i] = -1
	}
	return s
}

// get returns the slot of the respondent of r, or -1.
func (s *respondentSlots) get(r *respRecord) int32 { return s.slot[s.key[r.respondent]] }

// set gives the respondent of r slot v.
func (s *respondentSlots) set(r *respRecord, v int32) {
	k := s.key[r.respondent]
	s.slot[k] = v
	s.used = append(s.used, k)
}

// reset frees every slot.
func (s *respondentSlots) reset() {
	for _, k := range s.used {
		s.slot[k] = -1
	}
	s.used = s.used[:0]
}
