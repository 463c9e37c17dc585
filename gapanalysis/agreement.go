package gapanalysis

import (
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat"
)

// Agreement between respondents (SPEC 14).
//
// A unit is a (country, item) of a status item that binds the country, with
// known answers — full, partial or none — from two or more distinct
// respondents. Answers are taken as Analyze merges them: per respondent (the
// name trimmed; answers with no respondent named count as one respondent) the
// first answer that is not unknown; a respondent whose answers conflict makes
// the (country, item) unknown, so it is no unit. On an optional item none means
// "option not used" and is mapped to not applicable first (SPEC 5): it is no
// category of the statistics. Numeric items are no units: their answers are
// numbers, not categories.

// AgreementCategories is q, the number of categories of the agreement
// statistics: none < partial < full.
const AgreementCategories = 3

// agreementConfidence is the level of the bootstrap intervals.
const agreementConfidence = 0.95

// agreementStreamMix separates the random streams of the agreement bootstrap
// from the other streams drawn from the study seed.
const agreementStreamMix = 0x41677265656d6e74 // "Agreemnt"

// ordinal codes of the categories, for Krippendorff's α: none < partial < full.
const (
	codeNone    = 0
	codePartial = 1
	codeFull    = 2
)

// agreementUnit is one unit with its respondents' answers.
type agreementUnit struct {
	country CountryCode
	item    ItemID
	// counts[k] is the number of respondents who answered category k (ordinal
	// code: 0 none, 1 partial, 2 full).
	counts [AgreementCategories]int
}

// respondents returns m, the number of known answers of the unit.
func (u *agreementUnit) respondents() int {
	return u.counts[0] + u.counts[1] + u.counts[2]
}

// respondentAgreement computes the agreement between respondents of ds on the
// status items of cl, overall and per country, with bootstrap intervals
// (u.Bootstrap resamples, 1000 when 0, and u.Seed), and lists the units whose
// respondents disagree. It returns nil when there is no unit and nothing to
// reconcile. workers ≤ 0 means GOMAXPROCS; the result does not depend on it.
func respondentAgreement(cl *Checklist, ds *Dataset, u UncertaintyConfig, workers int) *AgreementReport {
	units, rec := agreementUnits(cl, ds)
	if len(units) == 0 && len(rec) == 0 {
		return nil
	}
	nb := u.Bootstrap
	if nb <= 0 {
		nb = DefaultConfig().Uncertainty.Bootstrap
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ar := &AgreementReport{Countries: map[CountryCode]AgreementStats{}, Reconcile: rec, Bootstrap: nb, Seed: u.Seed}
	ar.Overall = agreementStats(units, nb, u.Seed, "", workers)
	for start := 0; start < len(units); {
		end := start
		for end < len(units) && units[end].country == units[start].country {
			end++
		}
		c := units[start].country
		ar.Countries[c] = agreementStats(units[start:end], nb, u.Seed, string(c), workers)
		start = end
	}
	return ar
}

// agreementUnits returns the units of ds, by country code then checklist item
// order, and the units to reconcile in the same order.
func agreementUnits(cl *Checklist, ds *Dataset) ([]agreementUnit, []ReconcileUnit) {
	rs := &ds.Responses
	countries := ds.Countries()
	items := cl.Items()
	groups := groupResponses(rs, countries, items, func(c CountryCode, it *Item) bool {
		return it.Type != NumericItem && cl.Binds(c, it)
	})
	slots := newRespondentSlots(rs)
	var units []agreementUnit
	var rec []ReconcileUnit
	for ci, c := range countries {
		for ii, it := range items {
			idx := groups.of(ci, ii)
			if len(idx) < 2 {
				continue
			}
			answers, ok := respondentAnswers(rs, idx, slots)
			if !ok || len(answers) < 2 {
				continue
			}
			u, ru := agreementUnitOf(c, it, rs, answers)
			if u.respondents() >= 2 {
				units = append(units, u)
			}
			if ru != nil {
				rec = append(rec, *ru)
			}
		}
	}
	return units, rec
}

// respondentAnswers returns each respondent's answer on one (country, item), in
// the order of first appearance: the first response that is not unknown (its
// index in rs). ok is false when a respondent gave different answers (a
// conflict: the (country, item) is unknown).
func respondentAnswers(rs *Responses, idx []int32, slots *respondentSlots) (answers []int32, ok bool) {
	defer slots.reset()
	for _, i := range idx {
		r := rs.rec(int(i))
		if r.status == StatusUnknown {
			continue
		}
		if p := slots.get(r); p >= 0 {
			if rs.rec(int(answers[p])).status != r.status {
				return nil, false
			}
			continue
		}
		slots.set(r, int32(len(answers)))
		answers = append(answers, i)
	}
	return answers, true
}

// agreementUnitOf makes the unit of one (country, item) from its respondents' answers,
// and its entry in the reconciliation list when the respondents disagree: on the
// category (two or more categories among the known answers), or, on an
// optional item, on whether the option is used (a none next to a full or
// partial).
func agreementUnitOf(c CountryCode, it *Item, rs *Responses, answers []int32) (agreementUnit, *ReconcileUnit) {
	u := agreementUnit{country: c, item: it.ID}
	optional := it.Obligation == Optional
	notUsed, used := false, false
	for _, i := range answers {
		code := -1
		switch rs.rec(int(i)).status {
		case StatusFull:
			code = codeFull
		case StatusPartial:
			code = codePartial
		case StatusNone:
			code = codeNone
		}
		if code < 0 {
			continue
		}
		if optional && code == codeNone {
			notUsed = true
			continue
		}
		used = true
		u.counts[code]++
	}
	categories := 0
	for _, n := range u.counts {
		if n > 0 {
			categories++
		}
	}
	option := optional && notUsed && used
	if categories < 2 && !option {
		return u, nil
	}
	ru := &ReconcileUnit{
		Country: c, Item: it.ID, Answers: RespondentAnswers{rs: rs, idx: answers}, Option: option,
		Hidden: u.counts[codeFull] > 0 && u.counts[codeNone] > 0 && u.counts[codePartial] == 0,
	}
	return u, ru
}

// agreementStats computes the statistics of a set of units with their bootstrap
// intervals; group names the set ("" overall, else the country code) and
// separates its random streams from those of the other sets.
func agreementStats(units []agreementUnit, nb int, seed uint64, group string, workers int) AgreementStats {
	st := AgreementStats{Units: len(units)}
	if len(units) == 0 {
		return st
	}
	point := unitStatistics(units)
	st.PercentAgreement, st.AlphaOrdinal, st.AC1 = point[0], point[1], point[2]

	h := fnv.New64a()
	h.Write([]byte(group))
	streamSeed := seed ^ agreementStreamMix ^ h.Sum64()
	boot := make([][3]Score, nb)
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, nb) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sample := make([]agreementUnit, len(units))
			for r := range next {
				rng := rand.New(rand.NewPCG(streamSeed, uint64(r)))
				for j := range sample {
					sample[j] = units[rng.IntN(len(units))]
				}
				boot[r] = unitStatistics(sample)
			}
		}()
	}
	for r := range nb {
		next <- r
	}
	close(next)
	wg.Wait()

	lo, hi := make([]Score, 3), make([]Score, 3)
	for k := range 3 {
		if !point[k].Known {
			continue
		}
		lo[k], hi[k] = percentileInterval(boot, k)
	}
	st.PercentAgreementLo, st.PercentAgreementHi = lo[0], hi[0]
	st.AlphaOrdinalLo, st.AlphaOrdinalHi = lo[1], hi[1]
	st.AC1Lo, st.AC1Hi = lo[2], hi[2]
	return st
}

// percentileInterval returns the 95% percentile interval of statistic k over
// the bootstrap resamples in which it is defined (gonum's LinInterp quantiles,
// 2.5% and 97.5%); unknown when it is undefined in more than half of them.
func percentileInterval(boot [][3]Score, k int) (lo, hi Score) {
	x := make([]float64, 0, len(boot))
	for _, b := range boot {
		if b[k].Known {
			x = append(x, b[k].Value)
		}
	}
	if len(x) == 0 || 2*len(x) < len(boot) {
		return Score{}, Score{}
	}
	slices.Sort(x)
	pLo, pHi := (1-agreementConfidence)/2, (1+agreementConfidence)/2
	return Known(stat.Quantile(pLo, stat.LinInterp, x, nil)), Known(stat.Quantile(pHi, stat.LinInterp, x, nil))
}

// unitStatistics returns the percent agreement, Krippendorff's α (ordinal) and
// Gwet's AC1 of a set of units (each with two or more known answers), in that
// order; a statistic that is undefined is unknown.
func unitStatistics(units []agreementUnit) [3]Score {
	var out [3]Score
	if len(units) == 0 {
		return out
	}
	var pairs, agree float64
	for i := range units {
		m := float64(units[i].respondents())
		pairs += m * (m - 1) / 2
		for _, n := range units[i].counts {
			agree += float64(n*(n-1)) / 2
		}
	}
	out[0] = Known(agree / pairs)
	if a, ok := alphaOrdinal(units); ok {
		out[1] = Known(a)
	}
	if a, ok := gwetAC1(units); ok {
		out[2] = Known(a)
	}
	return out
}

// Hidden returns the unit of the reconciliation list for (c, i) when its merged
// status partial hides a disagreement between full and none (no respondent said
// partial), else nil. A nil report has none.
func (ar *AgreementReport) Hidden(c CountryCode, i ItemID) *ReconcileUnit {
	if ar == nil {
		return nil
	}
	for k := range ar.Reconcile {
		if u := &ar.Reconcile[k]; u.Hidden && u.Country == c && u.Item == i {
			return u
		}
	}
	return nil
}
