package report

import "github.com/gapstudy/gapstudy/gapanalysis"

// progressJSON adds the comparison with a baseline to the JSON document: the
// keys transitions, progress, item_transitions and measure_progress of SPEC 12,
// and meta.baseline.
func progressJSON(doc *jsonDoc, cmp *gapanalysis.Comparison) {
	base := &jsonBaseline{
		Old: cmp.OldLabel, New: cmp.NewLabel, Samples: cmp.Samples,
		ItemsOnlyOld: itemStrings(cmp.OnlyOld), ItemsOnlyNew: itemStrings(cmp.OnlyNew),
	}
	if cmp.Samples > 0 {
		seed := cmp.Seed
		base.Seed = &seed
	}
	doc.Meta.Baseline = base

	trans := make([]jsonTransition, 0, len(cmp.Changes))
	for _, c := range cmp.Changes {
		trans = append(trans, jsonTransition{
			Country: string(c.Country), Item: string(c.Item),
			Old: changeStatus(c.Old, c.OldScore), New: changeStatus(c.New, c.NewScore),
			Transition: string(c.Transition),
		})
	}
	prog := make([]jsonProgress, 0, len(cmp.Countries))
	for _, c := range cmp.Countries {
		p := jsonProgress{
			Code:     string(c.Code),
			IndexOld: clean(c.IndexOld), IndexNew: clean(c.IndexNew), Delta: clean(c.Delta),
			RankOld: rankPtr(c.RankOld), RankNew: rankPtr(c.RankNew),
			Counts: transitionCounts(c.Counts),
		}
		if u := c.Uncertainty; u != nil {
			p.DeltaP05, p.DeltaP95, p.PImproved = num(u.P05), num(u.P95), num(u.PImproved)
		}
		prog = append(prog, p)
	}
	items := make([]jsonItemTransition, 0, len(cmp.Items))
	for _, it := range cmp.Items {
		items = append(items, jsonItemTransition{Item: string(it.Item), Counts: transitionCounts(it.Counts)})
	}
	measures := make([]jsonMeasure, 0, len(cmp.Measures))
	for _, m := range cmp.Measures {
		measures = append(measures, jsonMeasure{ID: string(m.ID), GapPointsOld: num(m.GapPointsOld), GapPointsNew: num(m.GapPointsNew)})
	}
	doc.Transitions, doc.Progress, doc.ItemTransitions, doc.MeasureProgress = &trans, &prog, &items, &measures
}

// knownIssuesJSON adds the key known_issues of SPEC 12 to the JSON document.
func knownIssuesJSON(doc *jsonDoc, issues []gapanalysis.KnownIssueVerdict) {
	out := make([]jsonKnownIssue, 0, len(issues))
	for _, k := range issues {
		out = append(out, jsonKnownIssue{
			Country: string(k.Country), Item: string(k.Item), Source: k.Source,
			Date: stringPtr(k.Date), Note: stringPtr(k.Note),
			Verdict: string(k.Verdict), Status: changeStatus(k.Status, k.Score),
		})
	}
	doc.KnownIssues = &out
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
