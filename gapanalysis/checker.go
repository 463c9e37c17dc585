package gapanalysis

import "strings"

// Checker finds duplicate and conflicting answers (SPEC 4) as responses stream
// in, with the same rules and diagnostics as Analyze, without keeping the
// responses: its memory grows with (respondents × countries × checklist items),
// one byte each, not with the number of responses. gapstudy validate uses it with
// importers.Options.Sink so that a survey-tool export of any length is checked in
// bounded memory. The one difference from Analyze: the diagnostic of a repeated
// answer cannot name the cell of the earlier one ("an earlier row").
//
// A Checker is not safe for concurrent use.
type Checker struct {
	cl     *Checklist
	items  map[ItemID]int
	nItems int
	slots  map[checkKey]int
	pages  [][]uint8 // pages of pageSlots slots; slot·nItems + item: 0 no answer yet, else the first answer

	values    map[int]float64
	diags     []Diagnostic
	responses int
	countries map[CountryCode]bool
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
		values: map[int]float64{}, countries: map[CountryCode]bool{}}
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
	c.diags = append(c.diags, repeatDiagnostic(r, prevStatus, prevHas, c.values[k], "", name, it))
}

// Diagnostics returns the duplicate and conflict diagnostics found so far, in
// the order of the responses that caused them.
func (c *Checker) Diagnostics() []Diagnostic { return c.diags }

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
