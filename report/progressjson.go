package report

import (
	"iter"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// baselineJSON returns meta.baseline of a comparison with a baseline.
func baselineJSON(cmp *gapanalysis.Comparison) *jsonBaseline {
	base := &jsonBaseline{
		Old: cmp.OldLabel, New: cmp.NewLabel, Samples: cmp.Samples,
		ItemsOnlyOld: itemStrings(cmp.OnlyOld), ItemsOnlyNew: itemStrings(cmp.OnlyNew),
	}
	if cmp.Samples > 0 {
		seed := cmp.Seed
		base.Seed = &seed
	}
	return base
}

// transitionsJSON yields the elements of the key transitions of SPEC 12.
func transitionsJSON(cmp *gapanalysis.Comparison) iter.Seq[jsonTransition] {
	return func(yield func(jsonTransition) bool) {
		for i := range cmp.Changes {
			c := &cmp.Changes[i]
			if !yield(jsonTransition{
				Country: string(c.Country), Item: string(c.Item),
				Old: changeStatus(c.Old, c.OldScore), New: changeStatus(c.New, c.NewScore),
				Transition: string(c.Transition),
			}) {
				return
			}
		}
	}
}

// progressRowsJSON yields the elements of the key progress of SPEC 12.
func progressRowsJSON(cmp *gapanalysis.Comparison) iter.Seq[jsonProgress] {
	return func(yield func(jsonProgress) bool) {
		for i := range cmp.Countries {
			c := &cmp.Countries[i]
			p := jsonProgress{
				Code:     string(c.Code),
				IndexOld: clean(c.IndexOld), IndexNew: clean(c.IndexNew), Delta: clean(c.Delta),
				RankOld: rankPtr(c.RankOld), RankNew: rankPtr(c.RankNew),
				Counts: transitionCounts(c.Counts),
			}
			if u := c.Uncertainty; u != nil {
				p.DeltaP05, p.DeltaP95, p.PImproved = num(u.P05), num(u.P95), num(u.PImproved)
			}
			if !yield(p) {
				return
			}
		}
	}
}

// itemTransitionsJSON yields the elements of the key item_transitions of
// SPEC 12.
func itemTransitionsJSON(cmp *gapanalysis.Comparison) iter.Seq[jsonItemTransition] {
	return func(yield func(jsonItemTransition) bool) {
		for _, it := range cmp.Items {
			if !yield(jsonItemTransition{Item: string(it.Item), Counts: transitionCounts(it.Counts)}) {
				return
			}
		}
	}
}

// measureProgressJSON yields the elements of the key measure_progress of
// SPEC 12.
func measureProgressJSON(cmp *gapanalysis.Comparison) iter.Seq[jsonMeasure] {
	return func(yield func(jsonMeasure) bool) {
		for _, m := range cmp.Measures {
			if !yield(jsonMeasure{ID: string(m.ID), GapPointsOld: num(m.GapPointsOld), GapPointsNew: num(m.GapPointsNew)}) {
				return
			}
		}
	}
}

// knownIssuesJSON yields the elements of the key known_issues of SPEC 12.
func knownIssuesJSON(issues []gapanalysis.KnownIssueVerdict) iter.Seq[jsonKnownIssue] {
	return func(yield func(jsonKnownIssue) bool) {
		for i := range issues {
			k := &issues[i]
			if !yield(jsonKnownIssue{
				Country: string(k.Country), Item: string(k.Item), Source: k.Source,
				Date: stringPtr(k.Date), Note: stringPtr(k.Note),
				Verdict: string(k.Verdict), Status: changeStatus(k.Status, k.Score),
			}) {
				return
			}
		}
	}
}

// transitionCounts returns the counts keyed by transition name, every
// transition a key; nil (null) when counts is nil (a country in one wave only).
func transitionCounts(counts map[gapanalysis.Transition]int) map[string]int {
	if counts == nil {
		return nil
	}
	out := make(map[string]int, len(gapanalysis.AllTransitions()))
	for _, t := range gapanalysis.AllTransitions() {
		out[string(t)] = counts[t]
	}
	return out
}

func itemStrings(ids []gapanalysis.ItemID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}
