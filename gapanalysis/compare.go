package gapanalysis

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrIncompatibleWaves is wrapped by the error Compare returns when two waves
// were not scored in a way that makes their scores comparable.
var ErrIncompatibleWaves = errors.New("the two waves cannot be compared")

// sameScore is the tolerance within which two item scores are equal (SPEC 12).
const sameScore = 1e-9

// itemState is an item score as the transitions read it: not applicable,
// unknown, or known with its value.
type itemState struct {
	na    bool
	known bool
	s     float64
}

// stateOf reads an assessment: not applicable when the item does not apply (na,
// an optional item not used, an instrument that does not bind the country);
// unknown when the merged status is unknown, whatever the missing-data rule
// (under missing: zero an unknown scores 0 in the averages but is never a gap,
// so it is no known score here either).
func stateOf(a *Assessment) itemState {
	switch {
	case a == nil:
		return itemState{}
	case !a.Applicable || a.Status == StatusNA:
		return itemState{na: true}
	case a.Status == StatusUnknown || !a.Score.Known:
		return itemState{}
	}
	return itemState{known: true, s: a.Score.Value}
}

// isOne reports whether an item score is 1 (within 1e-9).
func isOne(s float64) bool { return s >= 1-sameScore }

// transition applies SPEC 12's table, first matching row first.
func transition(old, new itemState) Transition {
	switch {
	case old.na || new.na:
		return TransNotApplicable
	case old.known && new.known && !isOne(old.s):
		switch {
		case isOne(new.s):
			return TransClosed
		case new.s > old.s+sameScore:
			return TransImproved
		case math.Abs(new.s-old.s) <= sameScore:
			return TransRemaining
		default:
			return TransWorsened
		}
	case old.known && new.known:
		if isOne(new.s) {
			return TransKept
		}
		return TransNewGap
	case !old.known && new.known:
		return TransNowKnown
	case old.known:
		return TransNowUnknown
	}
	return TransUnknown
}

// zeroCounts returns a count of every transition, all zero.
func zeroCounts() map[Transition]int {
	m := make(map[Transition]int, 10)
	for _, t := range AllTransitions() {
		m[t] = 0
	}
	return m
}

// Compare compares two waves analysed with the same config (old: the baseline,
// new: the current wave) as SPEC 12 defines it.
//
// The items compared are those of both waves' checklists, matched by ID, in the
// later checklist's order; the others are listed in OnlyOld and OnlyNew and left
// out of Changes and Items (each wave's index is still its own checklist's).
// Countries are those of either wave in code order; a country in one wave only
// has the other wave's index, delta and rank unknown and no transitions. Per
// measure, the gap points are Σ severity of each wave's gaps on the items the
// measure addresses (the items of the later checklist's measure, or the earlier
// one's when only it has the measure), over that wave's own countries.
//
// The error wraps ErrIncompatibleWaves when the waves' scores cannot be
// compared: different checklists (IDs; versions of one checklist may differ),
// different scales (the scores of full, partial and none) or different
// missing-data rules. The ranking method, criteria and uncertainty settings may
// differ: they do not change item scores or indexes.
func Compare(old, new *Result) (*Comparison, error) {
	if old == nil || new == nil || old.Checklist == nil || new.Checklist == nil {
		return nil, fmt.Errorf("%w: both waves need an analysed result with its checklist", ErrIncompatibleWaves)
	}
	if err := compatible(old, new); err != nil {
		return nil, err
	}
	cmp := &Comparison{OldLabel: waveLabel(old), NewLabel: waveLabel(new)}

	oldItems, newItems := old.Checklist.Items(), new.Checklist.Items()
	inOld := make(map[ItemID]bool, len(oldItems))
	for _, it := range oldItems {
		inOld[it.ID] = true
	}
	inNew := make(map[ItemID]bool, len(newItems))
	var common []ItemID
	for _, it := range newItems {
		inNew[it.ID] = true
		if inOld[it.ID] {
			common = append(common, it.ID)
		} else {
			cmp.OnlyNew = append(cmp.OnlyNew, it.ID)
		}
	}
	for _, it := range oldItems {
		if !inNew[it.ID] {
			cmp.OnlyOld = append(cmp.OnlyOld, it.ID)
		}
	}

	oldA, newA := assessmentIndex(old), assessmentIndex(new)
	oldC, newC := waveCountries(old), waveCountries(new)
	var codes []CountryCode
	for c := range oldC {
		codes = append(codes, c)
	}
	for c := range newC {
		if _, ok := oldC[c]; !ok {
			codes = append(codes, c)
		}
	}
	sortCodes(codes)

	itemCounts := make(map[ItemID]map[Transition]int, len(common))
	for _, id := range common {
		itemCounts[id] = zeroCounts()
	}
	for _, code := range codes {
		o, inO := oldC[code]
		n, inN := newC[code]
		cp := CountryProgress{Code: code, Name: CountryName(code), InOld: inO, InNew: inN}
		if inO {
			cp.IndexOld, cp.RankOld = o.Index, o.Rank
		}
		if inN {
			cp.IndexNew, cp.RankNew = n.Index, n.Rank
		}
		if cp.IndexOld.Known && cp.IndexNew.Known {
			cp.Delta = Known(cp.IndexNew.Value - cp.IndexOld.Value)
		}
		if inO && inN {
			cp.Counts = zeroCounts()
			for _, id := range common {
				ao, an := oldA[ciKey{code, id}], newA[ciKey{code, id}]
				tr := transition(stateOf(ao), stateOf(an))
				cp.Counts[tr]++
				itemCounts[id][tr]++
				cmp.Changes = append(cmp.Changes, change(code, id, ao, an, tr))
			}
		}
		cmp.Countries = append(cmp.Countries, cp)
	}
	for _, id := range common {
		cmp.Items = append(cmp.Items, ItemProgress{Item: id, Counts: itemCounts[id]})
	}
	cmp.Measures = measureProgress(old, new)
	return cmp, nil
}

// compatible checks that the two waves were scored alike (see Compare).
func compatible(old, new *Result) error {
	if o, n := old.Checklist.ID, new.Checklist.ID; o != n {
		return fmt.Errorf("%w: they were scored with different checklists (%s and %s)", ErrIncompatibleWaves, o, n)
	}
	if o, n := old.Config.Scale, new.Config.Scale; o != n {
		return fmt.Errorf("%w: they were scored with different scales (full/partial/none %g/%g/%g and %g/%g/%g)",
			ErrIncompatibleWaves, o.Full, o.Partial, o.None, n.Full, n.Partial, n.None)
	}
	if o, n := missingRule(old.Config.Missing), missingRule(new.Config.Missing); o != n {
		return fmt.Errorf("%w: they were scored with different missing-data rules (%s and %s)", ErrIncompatibleWaves, o, n)
	}
	return nil
}

func missingRule(r MissingRule) MissingRule {
	if r == "" {
		return MissingExclude
	}
	return r
}

// waveLabel names a wave: its data label, or else its input files.
func waveLabel(res *Result) string {
	if res.Meta.DataLabel != "" {
		return res.Meta.DataLabel
	}
	if res.Dataset != nil && res.Dataset.Label != "" {
		return res.Dataset.Label
	}
	return strings.Join(res.Meta.Inputs, ", ")
}

func assessmentIndex(res *Result) map[ciKey]*Assessment {
	m := make(map[ciKey]*Assessment, len(res.Assessments))
	for i := range res.Assessments {
		a := &res.Assessments[i]
		m[ciKey{a.Country, a.Item}] = a
	}
	return m
}

func waveCountries(res *Result) map[CountryCode]*CountryResult {
	m := make(map[CountryCode]*CountryResult, len(res.Countries))
	for i := range res.Countries {
		m[res.Countries[i].Code] = &res.Countries[i]
	}
	return m
}

// change builds the ItemChange of one (country, item).
func change(code CountryCode, id ItemID, ao, an *Assessment, tr Transition) ItemChange {
	ch := ItemChange{Country: code, Item: id, Transition: tr, Old: StatusUnknown, New: StatusUnknown}
	if ao != nil {
		ch.Old, ch.OldSources = waveStatus(ao), ao.Sources
		if st := stateOf(ao); st.known {
			ch.OldScore = Known(st.s)
		}
	}
	if an != nil {
		ch.New, ch.NewSources = waveStatus(an), an.Sources
		if st := stateOf(an); st.known {
			ch.NewScore = Known(st.s)
		}
	}
	return ch
}

// waveStatus is the status of an assessment as a comparison shows it: na when
// the item does not apply (an optional item not used included).
func waveStatus(a *Assessment) Status {
	if !a.Applicable {
		return StatusNA
	}
	return a.Status
}

// measureProgress sums each wave's gap severities per measure (see Compare), in
// the order of the later wave's priorities, then measures of the earlier wave
// only.
func measureProgress(old, new *Result) []MeasureProgress {
	addresses := map[MeasureID][]ItemID{}
	for _, ms := range old.Checklist.Measures {
		addresses[ms.ID] = uniqueItems(ms.Addresses)
	}
	for _, ms := range new.Checklist.Measures {
		addresses[ms.ID] = uniqueItems(ms.Addresses)
	}
	var ids []MeasureID
	seen := map[MeasureID]bool{}
	for _, res := range []*Result{new, old} {
		for _, p := range res.Priorities {
			if !seen[p.ID] {
				seen[p.ID] = true
				ids = append(ids, p.ID)
			}
		}
		for _, ms := range res.Checklist.Measures {
			if !seen[ms.ID] {
				seen[ms.ID] = true
				ids = append(ids, ms.ID)
			}
		}
	}
	oldPts, newPts := severityByItem(old), severityByItem(new)
	out := make([]MeasureProgress, 0, len(ids))
	for _, id := range ids {
		mp := MeasureProgress{ID: id}
		for _, it := range addresses[id] {
			mp.GapPointsOld += oldPts[it]
			mp.GapPointsNew += newPts[it]
		}
		out = append(out, mp)
	}
	return out
}

// severityByItem sums the gaps' severities per item over the wave's countries.
func severityByItem(res *Result) map[ItemID]float64 {
	m := map[ItemID]float64{}
	for _, g := range res.Gaps {
		m[g.Item] += g.Severity
	}
	return m
}
