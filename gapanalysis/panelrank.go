package gapanalysis

import (
	"fmt"
)

// applyPanel computes the panel report of p (nil: no panel) into res.Panel,
// adds the panel's import diagnostics to res and records in the meta where the
// expert values come from.
func applyPanel(res *Result, p *Panel) error {
	res.Meta.ExpertValues = PanelLabel(nil)
	if p == nil {
		return nil
	}
	res.Diagnostics = append(res.Diagnostics, p.Diagnostics...)
	if len(p.Ratings) == 0 {
		return nil // nothing rated: the checklist's values stay
	}
	rep, err := buildPanel(res.Checklist, p, res.Config.Panel.Aggregate)
	if err != nil {
		return err
	}
	rep.Label = p.Label
	res.Panel = rep
	res.Meta.ExpertValues = PanelLabel(rep)
	res.Meta.Synthetic = res.Meta.Synthetic || p.Synthetic
	return nil
}

// expertValues returns the source of the expert criteria values of the
// ranking: the panel's value of a criterion the panel rated (a measure it did
// not rate on it has none, and SPEC 6's rule fills it), else the checklist's
// illustrative value.
func expertValues(res *Result) func(m *Measure, c CriterionID) (float64, bool) {
	if res.Panel == nil {
		return func(m *Measure, c CriterionID) (float64, bool) {
			v, ok := m.Criteria[c]
			return v, ok
		}
	}
	vals, rated := res.Panel.lookup()
	return func(m *Measure, c CriterionID) (float64, bool) {
		if !rated[c] {
			v, ok := m.Criteria[c]
			return v, ok
		}
		v, ok := vals[m.ID][c]
		return v, ok
	}
}

// panelMissing returns the warning for a measure the panel did not rate on a
// criterion it rates, filled with the worst panel value of the others; false
// when the criterion's values do not come from the panel.
func panelMissing(res *Result, m MeasureID, c CriterionID, worst float64, any bool) (Diagnostic, bool) {
	if res.Panel == nil {
		return Diagnostic{}, false
	}
	_, rated := res.Panel.lookup()
	if !rated[c] {
		return Diagnostic{}, false
	}
	msg := fmt.Sprintf("no expert of the panel rated measure %s on criterion %s; it gets the worst panel value of the other measures (%g)", m, c, worst)
	if !any {
		msg = fmt.Sprintf("no expert of the panel rated measure %s on criterion %s, nor any other measure; it gets 0", m, c)
	}
	d := NewPanelDiagnostic(SevWarning, CodePanelMissing, msg)
	d.File = res.Panel.Label
	return d, true
}
