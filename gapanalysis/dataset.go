package gapanalysis

import (
	"fmt"
	"strings"
)

// Status is an answer to a status item. The zero value is StatusUnknown.
type Status uint8

// Statuses, in the order of the SPEC's vocabulary table.
const (
	StatusUnknown Status = iota // empty, unknown, don't know: missing data
	StatusFull                  // fully in place / compliant
	StatusPartial               // partly in place
	StatusNone                  // not in place
	StatusNA                    // not applicable: left out entirely
)

var statusNames = [...]string{"unknown", "full", "partial", "none", "na"}

// String returns the canonical name: "unknown", "full", "partial", "none" or "na".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

// Statuses lists the canonical statuses in a stable order (for dropdowns and docs).
func Statuses() []Status {
	return []Status{StatusFull, StatusPartial, StatusNone, StatusNA, StatusUnknown}
}

// CountryCode is a country's EU code: ISO 3166-1 alpha-2 except EL for Greece and
// UK for the United Kingdom.
type CountryCode string

// Source is where a datum came from: file, sheet and cell (A1 form). Sheet is ""
// for CSV files.
type Source struct {
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	Cell  string `json:"cell"`
}

// String returns "file!sheet!cell", leaving out empty parts.
func (s Source) String() string {
	var parts []string
	for _, p := range []string{s.File, s.Sheet, s.Cell} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "!")
}

// Response is one answer: what one respondent (or an unnamed source) said about
// one item for one country.
type Response struct {
	Country    CountryCode
	Item       ItemID
	Status     Status
	Value      float64 // numeric items: the value; meaningful only when HasValue
	HasValue   bool
	Evidence   string
	Comment    string
	Respondent string // "" when the survey names none
	Source     Source
}

// SheetAccount accounts for the data rows of one sheet (or CSV file):
// RowsRead = RowsUsed + RowsReported always holds for a complete import.
type SheetAccount struct {
	File         string
	Sheet        string
	Layout       string // "long", …
	RowsRead     int    // data rows below the header, blank rows excluded
	RowsUsed     int    // rows that produced a response without an error
	RowsReported int    // rows named in at least one error diagnostic
	BlankRows    int    // empty rows skipped (not data rows)
}

// Balanced reports whether every data row is either used or reported.
func (a SheetAccount) Balanced() bool { return a.RowsRead == a.RowsUsed+a.RowsReported }

// Dataset is the result of importing one or more survey files: the responses, every
// problem found, and the per-sheet accounting. Merge combines datasets.
type Dataset struct {
	// Responses are the answers read, in the order read (see Responses for
	// how to read and add them).
	Responses   Responses
	Diagnostics []Diagnostic
	Accounts    []SheetAccount
	// Synthetic marks data made up for testing and demonstration; every output
	// made from it says so.
	Synthetic bool
	// Label names the data in outputs (e.g. the file name).
	Label string
	// Seed is the seed synthetic data were generated with (0: not generated, or
	// not known — e.g. after reading a synthetic file back).
	Seed uint64
	// Panel holds an expert panel's ratings of the measures (SPEC 14): when
	// not nil, Analyze ranks the measures with the panel's values of the
	// expert criteria instead of the checklist's illustrative ones.
	Panel *Panel
}

// Merge appends the responses, diagnostics and accounts of other to d. When d
// has no responses yet, it takes over other's storage instead of copying it
// (a survey of millions of responses is then not held twice): other's
// responses must then not be used any more. The merged
// dataset is synthetic if either part is, and keeps d's Seed unless it is 0.
func (d *Dataset) Merge(other *Dataset) {
	if other == nil {
		return
	}
	d.Responses.appendAll(&other.Responses)
	d.Diagnostics = append(d.Diagnostics, other.Diagnostics...)
	d.Accounts = append(d.Accounts, other.Accounts...)
	d.Synthetic = d.Synthetic || other.Synthetic
	if d.Panel == nil {
		d.Panel = other.Panel
	}
	if d.Seed == 0 {
		d.Seed = other.Seed
	}
	switch {
	case d.Label == "":
		d.Label = other.Label
	case other.Label != "" && other.Label != d.Label:
		d.Label += ", " + other.Label
	}
}

// Countries returns the distinct countries of the responses, sorted by code.
func (d *Dataset) Countries() []CountryCode {
	seen := map[CountryCode]bool{}
	var out []CountryCode
	for i := range d.Responses.Len() {
		if c := d.Responses.Country(i); c != "" && !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sortCodes(out)
	return out
}
