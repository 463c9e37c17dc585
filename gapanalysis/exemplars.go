package gapanalysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/gapstudy/gapstudy/scoring"
)

// Best practices (SPEC 13): similarity of countries, exemplars of gaps, peers
// and adopters of measures.
//
// An item is known for a country when it is applicable to it and its merged
// answer is known (Assessment.Status is not unknown): the missing-data rule does
// not make an unknown answer known, so similarity, exemplars, peers and adopters
// are the same under missing: exclude and missing: zero. A country is at full on
// an item when the item is known for it with a score of 1 (s ≥ 1: not a gap).

// CritAdopters is the derived criterion "adopters" (SPEC 13, benefit): the
// number of assessed countries in which every applicable item the measure
// addresses is known and at full, at least one being applicable. A study config
// may select it under ranking.criteria; it is not one of the default criteria.
const CritAdopters CriterionID = "adopters"

// selectableCriteria are derived criteria that a config may select but that the
// default criteria leave out.
var selectableCriteria = []Criterion{
	{ID: CritAdopters, Title: "Adopters", Direction: Benefit, Description: "number of assessed countries where every applicable item addressed is known and at full (at least one applicable): proof that the measure can be done"},
}

// SimilarityTol is the tolerance within which two similarities are equal when
// exemplars and peers are ordered: equal similarities are ordered by country
// code.
const SimilarityTol = 1e-9

// practiceIndex finds the assessments of a result by country and item, and
// holds the similarity of every pair of assessed countries, computed when first
// needed.
type practiceIndex struct {
	countries []CountryCode // assessed countries, code order (as Assessments)
	pos       map[CountryCode]int
	items     map[ItemID]int
	nItems    int
	as        []Assessment

	once   sync.Once
	sim    [][]float64 // countries × countries
	pairs  [][]int     // items known for both
	near   [][]int     // country → the other countries, most similar first
	full   []bool      // country·nItems + item: at full
	simErr error
}

// knownItem reports whether an assessment is applicable and known.
func knownItem(a *Assessment) bool {
	return a.Applicable && a.Status != StatusUnknown && a.Score.Known
}

// atFull reports whether an assessment is applicable, known and at full.
func atFull(a *Assessment) bool { return knownItem(a) && a.Score.Value >= 1 }

// newPracticeIndex indexes res.Assessments (one per assessed country and
// checklist item, countries in code order, items in checklist order).
func newPracticeIndex(res *Result) (*practiceIndex, error) {
	p := &practiceIndex{pos: map[CountryCode]int{}, items: map[ItemID]int{}, as: res.Assessments}
	for i, it := range res.Checklist.Items() {
		p.items[it.ID] = i
	}
	p.nItems = len(p.items)
	if p.nItems == 0 || len(p.as)%p.nItems != 0 {
		return nil, fmt.Errorf("gapanalysis: %d assessments for %d items", len(p.as), p.nItems)
	}
	for k := 0; k < len(p.as); k += p.nItems {
		p.pos[p.as[k].Country] = len(p.countries)
		p.countries = append(p.countries, p.as[k].Country)
	}
	return p, nil
}

// similarities computes, once, the similarity of every pair of countries
// (SPEC 13): each country's profile holds its score on the items known for it
// and NaN elsewhere.
func (p *practiceIndex) similarities() error {
	p.once.Do(func() {
		profiles := make([][]float64, len(p.countries))
		buf := make([]float64, len(p.as))
		p.full = make([]bool, len(p.as))
		for c := range profiles {
			row := buf[c*p.nItems : (c+1)*p.nItems]
			for i := range row {
				row[i] = math.NaN()
				if a := p.at(c, i); knownItem(a) {
					row[i] = a.Score.Value
					p.full[c*p.nItems+i] = a.Score.Value >= 1
				}
			}
			profiles[c] = row
		}
		p.sim, p.pairs, p.simErr = scoring.SimilarityMatrix(profiles)
		if p.simErr != nil {
			p.simErr = fmt.Errorf("gapanalysis: similarity of countries: %w", p.simErr)
			return
		}
		p.near = make([][]int, len(p.countries))
		for c := range p.countries {
			others := make([]int, 0, len(p.countries)-1)
			for e := range p.countries {
				if e != c {
					others = append(others, e)
				}
			}
			p.near[c] = p.order(c, others)
		}
	})
	return p.simErr
}

func (p *practiceIndex) at(c, i int) *Assessment { return &p.as[c*p.nItems+i] }

// order sorts the countries cand (indices, which follow the codes) in
// descending similarity to c; a similarity within SimilarityTol of the one
// before it is a tie (as in scoring.Rank), and ties are ordered by code. It
// returns cand.
func (p *practiceIndex) order(c int, cand []int) []int {
	row := p.sim[c]
	slices.SortFunc(cand, func(a, b int) int { return cmp.Or(cmp.Compare(row[b], row[a]), cmp.Compare(a, b)) })
	for start := 0; start < len(cand); {
		end := start + 1
		for end < len(cand) && row[cand[end-1]]-row[cand[end]] <= SimilarityTol {
			end++
		}
		slices.Sort(cand[start:end])
		start = end
	}
	return cand
}

// exemplars returns every exemplar of country c on item i, in order (nil when c
// or i is not in the study, or no other country is at full on i).
func (p *practiceIndex) exemplars(c CountryCode, i ItemID) []Exemplar {
	ci, ok := p.pos[c]
	ii, ok2 := p.items[i]
	if !ok || !ok2 || p.similarities() != nil {
		return nil
	}
	out, _ := p.firstExemplars(ci, ii, len(p.countries), nil)
	return out
}

// firstExemplars returns the first n exemplars of country ci on item ii
// (indices): the countries at full on ii, taken in ci's order of similarity.
// The exemplars share their Sources with the assessments. They are appended to
// slab, which is returned with them, when it has room.
func (p *practiceIndex) firstExemplars(ci, ii, n int, slab []Exemplar) (out, rest []Exemplar) {
	start := len(slab)
	for _, e := range p.near[ci] {
		if len(slab)-start == n {
			break
		}
		if !p.full[e*p.nItems+ii] {
			continue
		}
		a := p.at(e, ii)
		slab = append(slab, Exemplar{Country: p.countries[e], Similarity: p.sim[ci][e], Evidence: a.Evidence, Sources: a.Sources})
	}
	if len(slab) == start {
		return nil, slab
	}
	return slab[start:len(slab):len(slab)], slab
}

// peers returns every other assessed country in order of similarity to c.
func (p *practiceIndex) peers(c CountryCode) []Peer {
	ci, ok := p.pos[c]
	if !ok || p.similarities() != nil {
		return nil
	}
	return p.firstPeers(ci, len(p.countries))
}

// firstPeers returns the first n peers of country ci (index).
func (p *practiceIndex) firstPeers(ci, n int) []Peer {
	var out []Peer
	for _, e := range p.near[ci][:min(n, len(p.near[ci]))] {
		out = append(out, Peer{Country: p.countries[e], Similarity: p.sim[ci][e]})
	}
	return out
}

// adopters returns the assessed countries, in code order, in which every
// applicable item of ids is known and at full, at least one being applicable.
func (p *practiceIndex) adopters(ids []ItemID) []CountryCode {
	var out []CountryCode
	for ci, c := range p.countries {
		applicable, ok := 0, true
		for _, id := range ids {
			ii, found := p.items[id]
			if !found {
				continue
			}
			a := p.at(ci, ii)
			if !a.Applicable {
				continue
			}
			applicable++
			if !atFull(a) {
				ok = false
				break
			}
		}
		if ok && applicable > 0 {
			out = append(out, c)
		}
	}
	return out
}

// addPractices indexes the assessments of res and, unless res.Config.Exemplars
// is 0, computes the similarity of the assessed countries and fills the
// exemplars of every gap and the peers of every country, at most
// res.Config.Exemplars of each.
func addPractices(res *Result) error {
	p, err := newPracticeIndex(res)
	if err != nil {
		return err
	}
	res.practice = p
	n := res.Config.Exemplars
	if n <= 0 {
		return nil
	}
	if err := p.similarities(); err != nil {
		return err
	}
	// One array holds the exemplars of every gap.
	slab := make([]Exemplar, 0, len(res.Gaps)*min(n, len(p.countries)))
	ci := -1
	for k := range res.Gaps {
		g := &res.Gaps[k]
		if ci < 0 || p.countries[ci] != g.Country {
			ci = p.pos[g.Country]
		}
		g.Exemplars, slab = p.firstExemplars(ci, p.items[g.Item], n, slab)
	}
	for k := range res.Countries {
		c := &res.Countries[k]
		c.Peers = p.firstPeers(p.pos[c.Code], n)
	}
	return nil
}

// practices returns the similarity index of the result, computing it when the
// result was not built by Analyze.
func (r *Result) practices() *practiceIndex {
	if r.practice != nil {
		return r.practice
	}
	if r.Checklist == nil {
		return &practiceIndex{}
	}
	p, err := newPracticeIndex(r)
	if err != nil {
		return &practiceIndex{}
	}
	return p
}

// Similarity returns sim(c, e) of SPEC 13 — 1 − the mean absolute difference of
// the two countries' item scores over the items known and applicable for both,
// unweighted, 0 when there is none — and whether both countries were assessed.
// Similarity(c, c) is 1 when c has a known item.
func (r *Result) Similarity(c, e CountryCode) (float64, bool) {
	p := r.practices()
	ci, ok := p.pos[c]
	ei, ok2 := p.pos[e]
	if !ok || !ok2 || p.similarities() != nil {
		return 0, false
	}
	return p.sim[ci][ei], true
}

// Exemplars returns every exemplar of country c on item i: the other assessed
// countries at full on i (applicable, known, score 1), most similar to c first,
// similarities within SimilarityTol by country code, each with its evidence and
// source cells. It works for any assessed country and checklist item, not only
// for a gap: for an item where c is at full it lists the other countries at
// full. Gap.Exemplars holds the first Config.Exemplars of them. Nil when c was
// not assessed, i is not a checklist item or nobody else is at full on i.
func (r *Result) Exemplars(c CountryCode, i ItemID) []Exemplar {
	return r.practices().exemplars(c, i)
}

// Peers returns every other assessed country, most similar to c first,
// similarities within SimilarityTol by country code; CountryResult.Peers holds
// the first Config.Exemplars of them. Nil when c was not assessed.
func (r *Result) Peers(c CountryCode) []Peer {
	return r.practices().peers(c)
}

func hasCriterion(crits []RankCriterion, id CriterionID) bool {
	for _, c := range crits {
		if c.ID == id {
			return true
		}
	}
	return false
}

// adopts reports whether country c (model order) adopts a measure addressing
// items under the draw whose item scores are in ws: every applicable item is
// known and scores at least 1, at least one being applicable. An unknown item
// is NaN in ws.score under either missing-data rule, so, as in Analyze, the
// rule never makes a country an adopter; a partial answer is an adopter's only
// if the draw's value of partial is 1.
func (m *Model) adopts(ws *Workspace, c int, items []int) bool {
	applicable := 0
	for _, i := range items {
		k := c*m.nItems + i
		if m.kind[k] == cellNA {
			continue
		}
		applicable++
		if s := ws.score[k]; math.IsNaN(s) || s < 1 {
			return false
		}
	}
	return applicable > 0
}
