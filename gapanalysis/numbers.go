package gapanalysis

import (
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// keyLine returns the line of key in the mapping n, the line of n when the key
// is absent, and 0 when n is nil (built in code).
func keyLine(n *yaml.Node, key string) int {
	if n == nil {
		return 0
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i].Line
			}
		}
	}
	return n.Line
}

// criterionLine returns the line of a measure's value for criterion id.
func (m *Measure) criterionLine(id CriterionID) int {
	if crit := mapping(m.node, "criteria"); crit != nil {
		return keyLine(crit, string(id))
	}
	return m.line
}

// addFunc records one problem of a checklist at a line.
type addFunc func(line int, sentinel error, format string, args ...any)

// validateNumbers checks every number of the checklist: weights finite and ≥ 0
// and not all 0 within a level, penalties finite and ≥ 0, targets and criteria
// values finite. Problems go to add with the line of the key.
func (c *Checklist) validateNumbers(add addFunc) {
	pw := make([]float64, 0, len(c.Pillars))
	pillarsLine := 0 // the first pillar's weight
	for _, p := range c.Pillars {
		if p == nil {
			continue
		}
		if len(pw) == 0 {
			pillarsLine = keyLine(p.node, "weight")
		}
		checkWeight(add, keyLine(p.node, "weight"), "pillar "+string(p.ID), p.Weight)
		pw = append(pw, p.Weight)
		tw := make([]float64, 0, len(p.Themes))
		for _, t := range p.Themes {
			if t == nil {
				continue
			}
			checkWeight(add, keyLine(t.node, "weight"), "theme "+string(t.ID), t.Weight)
			tw = append(tw, t.Weight)
			iw := make([]float64, 0, len(t.Items))
			for _, it := range t.Items {
				if it == nil {
					continue
				}
				checkWeight(add, keyLine(it.node, "weight"), "item "+string(it.ID), it.Weight)
				iw = append(iw, it.Weight)
				checkItemNumbers(add, it)
			}
			if allZero(iw) {
				add(keyLine(t.node, "items"), ErrZeroWeights, "theme %s: every item weight is 0, so the theme has no score; give at least one item a weight > 0", t.ID)
			}
		}
		if allZero(tw) {
			add(keyLine(p.node, "themes"), ErrZeroWeights, "pillar %s: every theme weight is 0, so the pillar has no score; give at least one theme a weight > 0", p.ID)
		}
	}
	if allZero(pw) {
		add(pillarsLine, ErrZeroWeights, "every pillar weight is 0, so no country has an index; give at least one pillar a weight > 0")
	}
	for _, m := range c.Measures {
		if m == nil {
			continue
		}
		for _, k := range sortedCriterionKeys(m.Criteria) {
			if v := m.Criteria[k]; !isFinite(v) {
				add(m.criterionLine(k), ErrNonFinite, "measure %s: criteria.%s is %g; criteria values must be finite numbers", m.ID, k, v)
			}
		}
	}
}

func checkWeight(add addFunc, line int, what string, w float64) {
	switch {
	case !isFinite(w):
		add(line, ErrNonFinite, "%s: weight is %g; weights must be finite numbers ≥ 0", what, w)
	case w < 0:
		add(line, ErrNegativeWeight, "%s: negative weight %g; weights must be ≥ 0", what, w)
	}
}

func checkItemNumbers(add addFunc, it *Item) {
	for _, p := range []struct {
		key string
		v   float64
	}{{"min_max_penalty", it.MinMaxPenalty}, {"min_max_penalty_above_consent", it.MinMaxPenaltyAboveConsent}} {
		switch {
		case !isFinite(p.v):
			add(keyLine(it.node, p.key), ErrNonFinite, "item %s: %s is %g; it must be a finite number of years ≥ 0", it.ID, p.key, p.v)
		case p.v < 0:
			add(keyLine(it.node, p.key), ErrBadField, "item %s: %s %g is negative; it must be a number of years ≥ 0", it.ID, p.key, p.v)
		}
	}
	if !isFinite(it.Target) {
		add(keyLine(it.node, "target"), ErrNonFinite, "item %s: target is %g; it must be a finite number > 0", it.ID, it.Target)
	}
}

// allZero reports whether w is not empty and every weight in it is 0.
func allZero(w []float64) bool {
	for _, v := range w {
		if v != 0 {
			return false
		}
	}
	return len(w) > 0
}

// itemKey is the form in which surveys match item IDs: case and spaces ignored.
func itemKey(id ItemID) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, string(id))
}

// validateItemKeys reports item IDs that differ only by case or spaces (such
// as "D-3.4" and "d-3.4 "): a survey could not tell them apart. Exact
// duplicates are reported by validateItem.
func (c *Checklist) validateItemKeys(add addFunc) {
	first := map[string]*Item{}
	for _, p := range c.Pillars {
		if p == nil {
			continue
		}
		for _, t := range p.Themes {
			if t == nil {
				continue
			}
			for _, it := range t.Items {
				if it == nil || it.ID == "" {
					continue
				}
				k := itemKey(it.ID)
				prev, seen := first[k]
				switch {
				case !seen:
					first[k] = it
				case prev.ID != it.ID:
					at := ""
					if prev.line > 0 {
						at = " at line " + strconv.Itoa(prev.line)
					}
					add(it.line, ErrDuplicateID, "item id %q differs from item id %q%s only by case or spaces; surveys could not tell them apart", it.ID, prev.ID, at)
				}
			}
		}
	}
}
