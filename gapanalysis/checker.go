package gapanalysis

import "strings"

// Checker finds duplicate and conflicting answers (SPEC 4) as responses stream
// in, with the same rules and diagnostics as Analyze, without keeping the
// responses: its memory grows with (respondents × countries × checklist items),
// one byte each, not with the number of responses. gapstudy validate uses it with
// importers.Options.Sink so that a survey-tool export of any length is checked in
// bounded memory.
//
// The cell of the earlier answer of a repeat is not kept (that would take memory
// for every answer): the diagnostics name it as "an earlier row" until the
// responses are given again, in the same order, to Locate, which notes the cells
// of the earlier answers of the repeats found; the diagnostics are then worded
// as Analyze words them, naming both cells. Unlocated reports whether that
// second pass is needed.
//
// A Checker is not safe for concurrent use.
type Checker struct {
	cl     *Checklist
	items  map[ItemID]int
	nItems int
	slots  map[checkKey]int
	pages  [][]uint8 // pages of pageSlots slots; slot·nItems + item: 0 no answer yet, else the first answer

	values    map[int]float64
	repeats   []repeat
	first     map[int]string // key of a cell with a repeat → the cell of its first answer ("" until located)
	located   bool           // Locate has been given the responses
	responses int
	countries map[CountryCode]bool
}

// repeat is a later answer for a cell that already has one.
type repeat struct {
	r          Response
	prevStatus Status
	prevHas    bool
	prevValue  float64
	name       string
	key        int
}

type checkKey struct {
	respondent string
	country    CountryCode
}

// Encoding of a cell: the status + 1 in the low bits, hasValueBit for a number.
const hasValueBit = 0x80

// pageSlots is the number of (respondent, country) slots per page: memory grows
// a page at a time, never by copying what is there.
const pageSlots = 1024

// NewChecker returns a Checker for the items of cl.
func NewChecker(cl *Checklist) *Checker {
	c := &Checker{cl: cl, items: map[ItemID]int{}, slots: map[checkKey]int{},
		values: map[int]float64{}, first: map[int]string{}, countries: map[CountryCode]bool{}}
	for i, it := range cl.Items() {
		c.items[it.ID] = i
	}
	c.nItems = len(c.items)
	return c
}

// Add checks one response against the earlier ones.
func (c *Checker) Add(r Response) {
	c.responses++
	if r.Country != "" {
		c.countries[r.Country] = true
	}
	i, ok := c.items[r.Item]
	if !ok || r.Country == "" {
		return
	}
	it := c.cl.Item(r.Item)
	if !informative(r, it) {
		return
	}
	name := strings.TrimSpace(r.Respondent)
	key := checkKey{name, r.Country}
	slot, ok := c.slots[key]
	if !ok {
		slot = len(c.slots)
		c.slots[key] = slot
		if slot%pageSlots == 0 {
			c.pages = append(c.pages, make([]uint8, pageSlots*c.nItems))
		}
	}
	page := c.pages[slot/pageSlots]
	k := slot*c.nItems + i // key of the value map
	cell := &page[(slot%pageSlots)*c.nItems+i]
	code := uint8(r.Status) + 1
	if r.HasValue {
		code |= hasValueBit
	}
	first := *cell
	if first == 0 {
		*cell = code
		if r.HasValue {
			c.values[k] = r.Value
		}
		return
	}
	prevStatus := Status(first&^hasValueBit) - 1
	prevHas := first&hasValueBit != 0
	c.repeats = append(c.repeats, repeat{r: r, prevStatus: prevStatus, prevHas: prevHas,
		prevValue: c.values[k], name: name, key: k})
	c.first[k] = ""
}

// cellKey returns the key of the cell (respondent, country, item) of a response
// already added, and its item; ok is false for a response that says nothing.
func (c *Checker) cellKey(r Response) (key int, it *Item, ok bool) {
	i, known := c.items[r.Item]
	if !known || r.Country == "" {
		return 0, nil, false
	}
	it = c.cl.Item(r.Item)
	slot, known := c.slots[checkKey{strings.TrimSpace(r.Respondent), r.Country}]
	if !known || !informative(r, it) {
		return 0, nil, false
	}
	return slot*c.nItems + i, it, true
}

// Unlocated reports whether repeats were found whose earlier cell is not
// known yet (see Locate).
func (c *Checker) Unlocated() bool { return len(c.repeats) > 0 && !c.located }

// Locate is given the responses a second time, in the order Add was given
// them, and notes the cell of the first answer of every cell with a repeat,
// so that Diagnostics names it.
func (c *Checker) Locate(r Response) {
	c.located = true
	k, _, ok := c.cellKey(r)
	if !ok {
		return
	}
	if at, want := c.first[k]; want && at == "" {
		c.first[k] = r.Source.String()
	}
}

// Diagnostics returns the duplicate and conflict diagnostics found so far, in
// the order of the responses that caused them.
func (c *Checker) Diagnostics() []Diagnostic {
	out := make([]Diagnostic, 0, len(c.repeats))
	for _, rp := range c.repeats {
		out = append(out, repeatDiagnostic(rp.r, rp.prevStatus, rp.prevHas, rp.prevValue, c.first[rp.key], rp.name, c.cl.Item(rp.r.Item)))
	}
	return out
}

// Responses returns the number of responses added.
func (c *Checker) Responses() int { return c.responses }

// Countries returns the distinct countries of the responses added, by code.
func (c *Checker) Countries() []CountryCode {
	out := make([]CountryCode, 0, len(c.countries))
	for cc := range c.countries {
		out = append(out, cc)
	}
	sortCodes(out)
	return out
}
