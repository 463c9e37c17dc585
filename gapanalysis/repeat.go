package gapanalysis

import (
	"fmt"
	"unicode/utf8"
)

// Repeated answers (SPEC 4): a second answer of the same respondent for the
// same country and item. Analyze and Checker (gapstudy run and gapstudy
// validate) judge and word them with repeatDiagnostic, so that both name the
// two cells the same way.

// describe writes an answer for a message: the number of a numeric item, else
// the status.
func describe(st Status, hasValue bool, v float64, it *Item) string {
	if it.Type == NumericItem && hasValue {
		return fmt.Sprintf("%g", v)
	}
	return st.String()
}

// repeatDiagnostic judges a later answer r of the same respondent (name, "" for
// none) for the same country and item as an earlier one (its status, value and
// cell; "" when not known): a duplicate warning when they are the same, a
// conflict error otherwise, at r's cell. The message names both cells:
//
//	conflicting answers for AT / D-3.5 from respondent Ana: full at b.csv!C3, none at a.csv!C3; …
func repeatDiagnostic(r Response, prevStatus Status, prevHas bool, prevValue float64, prevAt string, name string, it *Item) Diagnostic {
	who := "with no respondent named"
	if name != "" {
		who = "from respondent " + clip(name)
	}
	if prevAt == "" {
		prevAt = "an earlier row"
	}
	at := r.Source.String()
	if at == "" {
		at = "a later row"
	}
	var d Diagnostic
	if r.Status == prevStatus && r.HasValue == prevHas && (!r.HasValue || r.Value == prevValue) {
		d = NewDiagnostic(SevWarning, CodeDuplicate, fmt.Sprintf(
			"duplicate answer for %s / %s %s: %s at %s, the same at %s; counted once",
			r.Country, r.Item, who, describe(r.Status, r.HasValue, r.Value, it), at, prevAt))
	} else {
		d = NewDiagnostic(SevError, CodeConflict, fmt.Sprintf(
			"conflicting answers for %s / %s %s: %s at %s, %s at %s; this country and item are treated as unknown",
			r.Country, r.Item, who, describe(r.Status, r.HasValue, r.Value, it), at,
			describe(prevStatus, prevHas, prevValue, it), prevAt))
	}
	setPos(&d, r.Source)
	return d
}

// clip cuts a text from a file to QuoteMax characters for a message, marking
// the cut with "…".
func clip(s string) string {
	if utf8.RuneCountInString(s) <= QuoteMax {
		return s
	}
	return string([]rune(s)[:QuoteMax]) + "…"
}
