package report

import (
	"bytes"
	"encoding/json"
	"iter"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// SetSheetRows sets the number of rows a Data or Reconcile sheet holds
// (header row included) and returns a function that restores it.
func SetSheetRows(n int) (restore func()) {
	old := sheetRows
	sheetRows = n
	return func() { sheetRows = old }
}

// jsonDoc is the JSON document of WriteJSON as one value: the model it was
// encoded from in one piece before it was written element by element.
type jsonDoc struct {
	Meta            jsonMeta              `json:"meta"`
	Countries       []jsonCountry         `json:"countries"`
	Items           []jsonItem            `json:"items"`
	Gaps            []jsonGap             `json:"gaps"`
	Priorities      []jsonPriority        `json:"priorities"`
	Diagnostics     []jsonDiagnostic      `json:"diagnostics"`
	Transitions     *[]jsonTransition     `json:"transitions,omitempty"`
	Progress        *[]jsonProgress       `json:"progress,omitempty"`
	ItemTransitions *[]jsonItemTransition `json:"item_transitions,omitempty"`
	MeasureProgress *[]jsonMeasure        `json:"measure_progress,omitempty"`
	KnownIssues     *[]jsonKnownIssue     `json:"known_issues,omitempty"`
	Agreement       *jsonAgreementDoc     `json:"agreement,omitempty"`
	Panel           *jsonPanel            `json:"panel,omitempty"`
}

// JSONInOnePiece returns the document of WriteJSON built whole and encoded in
// one piece by a json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false), as WriteJSON wrote it before it wrote element by
// element.
func JSONInOnePiece(res *gapanalysis.Result) ([]byte, error) {
	if err := check(res, false); err != nil {
		return nil, err
	}
	doc := jsonDoc{
		Meta:        *metaJSON(res),
		Countries:   collect(countriesJSON(res)),
		Items:       collect(itemsJSON(res)),
		Gaps:        collect(gapsJSON(res)),
		Priorities:  collect(prioritiesJSON(res)),
		Diagnostics: collect(diagnosticsJSON(res)),
		Agreement:   agreementJSON(res),
		Panel:       panelJSON(res),
	}
	if cmp := res.Progress; cmp != nil {
		trans, prog := collect(transitionsJSON(cmp)), collect(progressRowsJSON(cmp))
		items, measures := collect(itemTransitionsJSON(cmp)), collect(measureProgressJSON(cmp))
		doc.Transitions, doc.Progress, doc.ItemTransitions, doc.MeasureProgress = &trans, &prog, &items, &measures
	}
	if res.KnownIssues != nil {
		issues := collect(knownIssuesJSON(res.KnownIssues))
		doc.KnownIssues = &issues
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(doc)
	return buf.Bytes(), err
}

// collect returns the values of seq, [] (not nil) when there is none.
func collect[T any](seq iter.Seq[T]) []T {
	out := []T{}
	for v := range seq {
		out = append(out, v)
	}
	return out
}
