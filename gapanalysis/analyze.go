package gapanalysis

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/gapstudy/gapstudy/scoring"
)

// Derived criteria: computed from the data for each measure (SPEC 6).
const (
	CritGapPoints   CriterionID = "gap_points"   // Σ severity of the gaps on the items addressed
	CritCountries   CriterionID = "countries"    // countries with at least one such gap
	CritBindingGaps CriterionID = "binding_gaps" // gaps on mandatory and optional items addressed
)

func isDerivedCriterion(id CriterionID) bool {
	return id == CritGapPoints || id == CritCountries || id == CritBindingGaps || id == CritAdopters
}

var derivedCriteria = []Criterion{
	{ID: CritGapPoints, Title: "Gap points", Direction: Benefit, Description: "Σ over countries and addressed items of the gap severity (index points)"},
	{ID: CritCountries, Title: "Countries with gaps", Direction: Benefit, Description: "number of countries with at least one gap on the addressed items"},
	{ID: CritBindingGaps, Title: "Binding gaps", Direction: Benefit, Description: "number of (country, item) gaps on addressed items that bind: mandatory items, and optional items whose option is used"},
}

// ErrConfig is wrapped by errors about study parameters.
var ErrConfig = errors.New("bad study configuration")

// Analyze runs the study: it merges the responses into one assessment per
// (country, item), scores items, themes, pillars and the index, finds the gaps and
// ranks the checklist's measures (SPEC 5–6). Every country with at least one
// response is assessed on every item. Problems with the data (duplicate or
// conflicting answers, missing criterion values) become diagnostics in the result;
// the error is for an unusable configuration only. Analyze does not modify cl or ds.
//
// Merging several responses for one (country, item): responses whose status is
// unknown carry no information and are ignored when others are known. From one
// respondent (or with none named), identical answers give a duplicate warning and
// count once; different answers give a conflict error and the (country, item) is
// unknown. From different respondents, the score is the mean of their known
// scores, and the merged status is full (mean 1), none (mean 0) or partial.
//
// Optional provisions (SPEC 5): on a status item of obligation Optional, each
// respondent's none means "option not used", which is lawful. It is mapped to not
// applicable before the answers are merged, so a none next to a full or partial
// from another respondent leaves the score to the respondents who say the option
// is used; when no respondent says so, the (country, item) is not applicable
// (Assessment.OptionNotUsed), left out of scores and coverage, counted in n_na and
// never a gap. A full or partial means the option is used with its conditions met
// fully or in part; a partial is a gap, and gaps on optional items count in
// binding_gaps.
func Analyze(cl *Checklist, ds *Dataset, cfg Config) (*Result, error) {
	if cl == nil || ds == nil {
		return nil, fmt.Errorf("%w: checklist and dataset are required", ErrConfig)
	}
	cl.ensureIndex()
	ds, err := checkInputs(cl, ds, cfg)
	if err != nil {
		return nil, err
	}
	cfg = withDefaults(cfg)
	method, err := scoring.ParseMethod(cfg.Ranking.Method)
	if err != nil {
		return nil, fmt.Errorf("%w: ranking.method: %v", ErrConfig, err)
	}
	switch cfg.Missing {
	case MissingExclude, MissingZero:
	default:
		return nil, fmt.Errorf("%w: missing: %q is not exclude or zero", ErrConfig, cfg.Missing)
	}
	res := &Result{Checklist: cl, Config: cfg, Dataset: ds}
	res.Meta = Meta{
		Tool: "gapstudy", ToolVersion: Version,
		ChecklistID: cl.ID, ChecklistTitle: cl.Title, ChecklistVersion: cl.Version,
		ChecklistSHA256: cl.SHA256, Synthetic: ds.Synthetic, DataLabel: ds.Label,
		Method: string(method), Missing: string(cfg.Missing), TopK: cfg.Ranking.TopK,
		Seed: cfg.Uncertainty.Seed, // Samples is set by MonteCarlo when it runs
	}
	res.Meta.Inputs = inputFiles(ds)
	res.Diagnostics = append(res.Diagnostics, ds.Diagnostics...)

	countries := ds.Countries()
	items := cl.Items()
	a := assess(cl, ds, countries, cfg, &res.Diagnostics)
	res.Assessments = a
	res.Countries = scoreCountries(cl, countries, items, a)
	res.Items = itemStats(items, countries, a)
	res.Gaps = findGaps(cl, countries, items, a)
	res.Agreement = respondentAgreement(cl, ds, cfg.Uncertainty, 0)
	itemPos := make(map[ItemID]int, len(res.Items))
	for i, st := range res.Items {
		itemPos[st.ID] = i
	}
	countryPos := make(map[CountryCode]int, len(res.Countries))
	for i, c := range res.Countries {
		countryPos[c.Code] = i
	}
	for _, g := range res.Gaps {
		res.Items[itemPos[g.Item]].Gaps++
		c := &res.Countries[countryPos[g.Country]]
		c.Gaps++
		c.GapPoints += g.Severity
	}
	if err := addPractices(res); err != nil {
		return nil, err
	}
	if err := rankMeasures(res, method); err != nil {
		return nil, err
	}
	return res, nil
}

func withDefaults(cfg Config) Config {
	def := DefaultConfig()
	if cfg.Scale == (Scale{}) {
		cfg.Scale = def.Scale
	}
	if cfg.Missing == "" {
		cfg.Missing = def.Missing
	}
	if cfg.Ranking.Method == "" {
		cfg.Ranking.Method = def.Ranking.Method
	}
	if cfg.Ranking.TopK == 0 {
		cfg.Ranking.TopK = def.Ranking.TopK
	}
	if cfg.Checklist == "" {
		cfg.Checklist = def.Checklist
	}
	return cfg
}

func inputFiles(ds *Dataset) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range ds.Accounts {
		if a.File != "" && !seen[a.File] {
			seen[a.File] = true
			out = append(out, a.File)
		}
	}
	return out
}

type ciKey struct {
	c CountryCode
	i ItemID
}

// assess merges the responses into one Assessment per (country, item), countries
// in code order and items in checklist order, then normalises numeric items.
func assess(cl *Checklist, ds *Dataset, countries []CountryCode, cfg Config, diags *[]Diagnostic) []Assessment {
	items := cl.Items()
	rs := &ds.Responses
	groups := groupResponses(rs, countries, items, nil)
	slots := newRespondentSlots(rs)
	out := make([]Assessment, 0, len(countries)*len(items))
	for ci, c := range countries {
		for ii, it := range items {
			a := Assessment{Country: c, Item: it.ID, Applicable: cl.Binds(c, it)}
			idx := groups.of(ci, ii)
			a.Sources = sourcesOf(rs, idx)
			for _, i := range idx {
				r := rs.rec(int(i))
				a.Evidence = joinText(a.Evidence, rs.str(r.evidence))
				a.Comment = joinText(a.Comment, rs.str(r.comment))
			}
			mergeResponses(&a, it, rs, idx, slots, cfg.Scale, diags)
			if !a.Applicable {
				a.Status = StatusNA
				a.Score = Score{}
			}
			if !cl.Binds(c, it) {
				a.OptionNotUsed = false // not bound: not applicable whatever the answer
			}
			out = append(out, a)
		}
	}
	normalizeNumeric(cl, countries, out)
	if cfg.Missing == MissingZero {
		for i := range out {
			if out[i].Applicable && out[i].Status == StatusUnknown {
				out[i].Score = Known(0)
			}
		}
	}
	return out
}

func joinText(a, b string) string {
	b = strings.TrimSpace(b)
	switch {
	case b == "" || a == b || strings.Contains(a, b):
		return a
	case a == "":
		return b
	}
	return a + " | " + b
}

// answer is one respondent's merged answer.
type answer struct {
	status     Status
	value      float64
	hasValue   bool
	conflict   bool
	respondent string // "" when none is named
	at         int32  // the response the answer is from
}

func mergeResponses(a *Assessment, it *Item, rs *Responses, idx []int32, slots *respondentSlots, scale Scale, diags *[]Diagnostic) {
	if len(idx) == 0 {
		return
	}
	defer slots.reset()
	// Group by respondent, in order of first appearance: answers[k] is the
	// k-th respondent's answer (its first informative response). Repeats give
	// diagnostics, listed by respondent, then in the order read.
	var answers []answer
	conflict := false
	type repeat struct {
		k int
		d Diagnostic
	}
	var repeats []repeat
	for _, i := range idx {
		r := rs.rec(int(i))
		k := int(slots.get(r))
		if k < 0 {
			k = len(answers)
			slots.set(r, int32(k))
			answers = append(answers, answer{respondent: strings.TrimSpace(rs.str(r.respondent)), at: -1})
		}
		name := answers[k].respondent
		if !informativeRec(r, it) {
			continue
		}
		ans := &answers[k]
		if ans.at < 0 {
			ans.status, ans.value, ans.hasValue, ans.at = r.status, r.value, r.flags&flagHasValue != 0, i
			continue
		}
		prev := rs.rec(int(ans.at))
		d := repeatDiagnostic(rs.At(int(i)), prev.status, prev.flags&flagHasValue != 0, prev.value, rs.source(prev).String(), name, it)
		repeats = append(repeats, repeat{k, d})
		if d.Code == CodeDuplicate {
			continue
		}
		ans.conflict = true
		conflict = true
	}
	sort.SliceStable(repeats, func(x, y int) bool { return repeats[x].k < repeats[y].k })
	for _, r := range repeats {
		*diags = append(*diags, r.d)
	}
	if conflict {
		a.Status = StatusUnknown
		return
	}
	known := answers[:0]
	for _, ans := range answers {
		if ans.at >= 0 {
			known = append(known, ans)
		}
	}
	answers = known
	// Combine respondents. On an optional status item, none is "option not used":
	// not applicable, like na.
	optional := it.Obligation == Optional && it.Type != NumericItem
	var scores []float64
	var values []float64
	counts := map[Status]int{}
	nNA := 0
	var notUsed, used []answer
	for _, ans := range answers {
		if optional && ans.status == StatusNone {
			nNA++
			notUsed = append(notUsed, ans)
			continue
		}
		if optional && (ans.status == StatusFull || ans.status == StatusPartial) {
			used = append(used, ans)
		}
		if it.Type == NumericItem {
			if ans.hasValue {
				values = append(values, ans.value)
			} else if ans.status == StatusNA {
				nNA++
			}
			continue
		}
		if s, ok := scale.Score(ans.status); ok {
			scores = append(scores, s)
			counts[ans.status]++
			a.statusCounts[ans.status-StatusFull]++
		} else if ans.status == StatusNA {
			nNA++
		}
	}
	switch {
	case it.Type == NumericItem && len(values) > 0:
		a.Value = mean(values)
		a.HasValue = true
		a.Respondents = len(values)
		a.Agreement = 1
		a.SD = sd(values)
		a.Status = StatusUnknown // set by normalizeNumeric
	case len(scores) > 0:
		m := mean(scores)
		a.Score = Known(m)
		a.Respondents = len(scores)
		a.SD = sd(scores)
		modal := 0
		for _, n := range counts {
			modal = max(modal, n)
		}
		a.Agreement = float64(modal) / float64(len(scores))
		if len(counts) == 1 {
			for st := range counts {
				a.Status = st
			}
		} else {
			a.Status = statusOfScore(m, scale)
		}
	case nNA > 0:
		a.Status = StatusNA
		a.Applicable = false
		a.OptionNotUsed = len(notUsed) > 0
	}
	if len(notUsed) > 0 && len(used) > 0 {
		*diags = append(*diags, optionDisagreement(a, rs, notUsed, used))
	}
}

// optionDisagreementNames is the most respondents an option-disagreement
// message names on each side; the others are counted.
const optionDisagreementNames = 10

// CodeOptionDisagreement (info): respondents disagree on whether a country uses
// an optional provision; the score comes from those who say it is used (SPEC 5).
const CodeOptionDisagreement Code = "option-disagreement"

// ErrOptionDisagreement is the sentinel of CodeOptionDisagreement.
var ErrOptionDisagreement = errors.New("respondents disagree on whether an option is used")

// optionDisagreement is the info diagnostic for respondents who disagree on
// whether the country uses the option of an optional item, at the cell of the
// first answer that says it is not used.
func optionDisagreement(a *Assessment, rs *Responses, notUsed, used []answer) Diagnostic {
	who := func(as []answer) string {
		n := min(len(as), optionDisagreementNames)
		parts := make([]string, n, n+1)
		for i, x := range as[:n] {
			parts[i] = firstNonEmptyString(x.respondent, "a respondent") + " (" + x.status.String()
			if at := rs.Source(int(x.at)).String(); at != "" {
				parts[i] += " at " + at
			}
			parts[i] += ")"
		}
		if more := len(as) - n; more > 0 {
			parts = append(parts, fmt.Sprintf("and %d more (all of them on the Reconcile sheet)", more))
		}
		return strings.Join(parts, ", ")
	}
	d := Diagnostic{Severity: SevInfo, Code: CodeOptionDisagreement, Err: ErrOptionDisagreement, Message: fmt.Sprintf(
		"respondents disagree on whether %s uses the option of %s: not used according to %s, used according to %s; "+
			"as an option not used is not applicable, the score comes from those who say it is used (%s) — worth checking with the respondents",
		a.Country, a.Item, who(notUsed), who(used), a.Status)}
	setPos(&d, rs.Source(int(notUsed[0].at)))
	return d
}

func firstNonEmptyString(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// informative reports whether a response says anything about the item.
func informative(r Response, it *Item) bool {
	return informativeAnswer(r.Status, r.HasValue, it)
}

// informativeRec reports whether a response says anything about the item.
func informativeRec(r *respRecord, it *Item) bool {
	return informativeAnswer(r.status, r.flags&flagHasValue != 0, it)
}

// informativeAnswer reports whether an answer of status st (with a value or
// not) says anything about the item: a value or na on a numeric item, a known
// status on a status item.
func informativeAnswer(st Status, hasValue bool, it *Item) bool {
	if it.Type == NumericItem {
		return hasValue || st == StatusNA
	}
	return st != StatusUnknown
}

func setPos(d *Diagnostic, s Source) {
	d.File, d.Sheet, d.Cell = s.File, s.Sheet, s.Cell
}

func statusOfScore(m float64, scale Scale) Status {
	switch {
	case m >= scale.Full:
		return StatusFull
	case m <= scale.None:
		return StatusNone
	}
	return StatusPartial
}

func mean(x []float64) float64 {
	m, _ := weightedMean(x, nil)
	return m
}

func sd(x []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	m := mean(x)
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	return math.Sqrt(ss / float64(len(x)))
}

// normalizeNumeric turns the raw values of numeric items into scores (SPEC 5).
func normalizeNumeric(cl *Checklist, countries []CountryCode, as []Assessment) {
	items := cl.Items()
	nItems := len(items)
	for ii, it := range items {
		if it.Type != NumericItem {
			continue
		}
		dir := scoring.Benefit
		if it.Direction.IsCost() {
			dir = scoring.Cost
		}
		x := make([]float64, len(countries))
		for ci := range countries {
			a := &as[ci*nItems+ii]
			x[ci] = math.NaN()
			if a.Applicable && a.HasValue {
				x[ci] = a.Value
			}
		}
		var s []float64
		if it.Normalize == Target {
			s = make([]float64, len(x))
			for i, v := range x {
				s[i] = math.NaN()
				if !math.IsNaN(v) {
					s[i] = targetScore(v, it.Target, dir)
				}
			}
		} else {
			s = minMaxScores(x, dir)
		}
		for ci := range countries {
			a := &as[ci*nItems+ii]
			if math.IsNaN(s[ci]) {
				continue
			}
			a.Score = Known(s[ci])
			a.Status = statusOfScore(s[ci], Scale{Full: 1, None: 0})
		}
	}
}

// RankNoteNotBound is the CountryResult.RankNote of a country that the
// checklist's instrument does not bind: its items of obligation mandatory and
// optional are not applicable, so its index and rank rest on the practice items.
const RankNoteNotBound = "not bound by the instrument: ranked on practice items only"

// notBound reports whether the checklist's instrument does not bind the country.
func notBound(cl *Checklist, c CountryCode) bool {
	for _, nb := range cl.Instrument.NotBound {
		if nb == c {
			return true
		}
	}
	return false
}

// scoreCountries aggregates item scores to themes, pillars and the index, and
// ranks the countries by index and by each pillar's score.
func scoreCountries(cl *Checklist, countries []CountryCode, items []*Item, as []Assessment) []CountryResult {
	nItems := len(items)
	pos := make(map[ItemID]int, nItems)
	for i, it := range items {
		pos[it.ID] = i
	}
	out := make([]CountryResult, len(countries))
	for ci, c := range countries {
		cr := CountryResult{Code: c, Name: CountryName(c), Pillars: map[PillarID]Score{}, Themes: map[ThemeID]Score{}}
		row := as[ci*nItems : (ci+1)*nItems]
		applicable, known := 0, 0
		for _, a := range row {
			switch {
			case !a.Applicable:
				cr.NNA++
			case a.Status == StatusFull:
				cr.NFull++
			case a.Status == StatusPartial:
				cr.NPartial++
			case a.Status == StatusNone:
				cr.NNone++
			default:
				cr.NUnknown++
			}
			if a.Applicable {
				applicable++
				if a.Status != StatusUnknown {
					known++
				}
			}
		}
		if applicable > 0 {
			cr.Coverage = float64(known) / float64(applicable)
		}
		pScores := make([]float64, len(cl.Pillars))
		pWeights := make([]float64, len(cl.Pillars))
		for pi, p := range cl.Pillars {
			tScores := make([]float64, len(p.Themes))
			tWeights := make([]float64, len(p.Themes))
			for ti, t := range p.Themes {
				x := make([]float64, len(t.Items))
				w := make([]float64, len(t.Items))
				for k, it := range t.Items {
					a := row[pos[it.ID]]
					x[k], w[k] = math.NaN(), it.Weight
					if a.Applicable && a.Score.Known {
						x[k] = a.Score.Value
					}
				}
				tScores[ti], tWeights[ti] = math.NaN(), t.Weight
				if m, ok := weightedMean(x, w); ok {
					tScores[ti] = m
					cr.Themes[t.ID] = Known(100 * m)
				} else {
					cr.Themes[t.ID] = Score{}
				}
			}
			pScores[pi], pWeights[pi] = math.NaN(), p.Weight
			if m, ok := weightedMean(tScores, tWeights); ok {
				pScores[pi] = m
				cr.Pillars[p.ID] = Known(100 * m)
			} else {
				cr.Pillars[p.ID] = Score{}
			}
		}
		if m, ok := weightedMean(pScores, pWeights); ok {
			cr.Index = Known(100 * m)
		}
		out[ci] = cr
	}
	idx := make([]float64, len(out))
	for i, cr := range out {
		idx[i] = math.NaN()
		if cr.Index.Known {
			idx[i] = cr.Index.Value
		}
	}
	// Scores are on 0–100 here; the SPEC's 1e-9 tolerance applies to the index.
	ranks := scoring.Rank(idx, 1e-9)
	for i := range out {
		out[i].Rank = ranks[i]
		out[i].PillarRanks = map[PillarID]int{}
		if notBound(cl, out[i].Code) {
			out[i].RankNote = RankNoteNotBound
		}
	}
	for _, p := range cl.Pillars {
		for i, cr := range out {
			idx[i] = math.NaN()
			if s := cr.Pillars[p.ID]; s.Known {
				idx[i] = s.Value
			}
		}
		for i, r := range scoring.Rank(idx, 1e-9) {
			out[i].PillarRanks[p.ID] = r
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := out[i].Rank, out[j].Rank
		if (ri == 0) != (rj == 0) {
			return rj == 0
		}
		if ri != rj {
			return ri < rj
		}
		return out[i].Code < out[j].Code
	})
	return out
}

func itemStats(items []*Item, countries []CountryCode, as []Assessment) []ItemStats {
	nItems := len(items)
	out := make([]ItemStats, nItems)
	for ii, it := range items {
		st := ItemStats{ID: it.ID}
		var sum float64
		n := 0
		for ci := range countries {
			a := as[ci*nItems+ii]
			switch {
			case !a.Applicable:
				st.NNA++
				continue
			case a.Status == StatusFull:
				st.NFull++
			case a.Status == StatusPartial:
				st.NPartial++
			case a.Status == StatusNone:
				st.NNone++
			default:
				st.NUnknown++
			}
			if a.Status != StatusUnknown && a.Score.Known {
				sum += a.Score.Value
				n++
			}
		}
		if n > 0 {
			st.Mean = Known(sum / float64(n))
		}
		out[ii] = st
	}
	return out
}

func findGaps(cl *Checklist, countries []CountryCode, items []*Item, as []Assessment) []Gap {
	nItems := len(items)
	var out []Gap
	for ci := range countries {
		start := len(out)
		for ii, it := range items {
			a := as[ci*nItems+ii]
			if !a.Applicable || a.Status == StatusUnknown || !a.Score.Known || a.Score.Value >= 1 {
				continue
			}
			g := 1 - a.Score.Value
			out = append(out, Gap{
				Country: a.Country, Item: it.ID, Status: a.Status, Score: a.Score.Value,
				Gap: g, Severity: 100 * g * cl.EffectiveWeight(it.ID),
				Evidence: a.Evidence, Comment: a.Comment, Sources: a.Sources,
			})
		}
		part := out[start:]
		sort.SliceStable(part, func(i, j int) bool { return part[i].Severity > part[j].Severity })
	}
	return out
}

// rankMeasures derives the criteria of every measure and ranks the measures.
func rankMeasures(res *Result, method scoring.Method) error {
	if err := applyPanel(res, res.Dataset.Panel); err != nil {
		return err
	}
	cl := res.Checklist
	crits, err := rankCriteria(cl, res.Config.Ranking)
	if err != nil {
		return err
	}
	res.Criteria = crits
	if len(cl.Measures) == 0 {
		setCriteriaWeights(res)
		return nil
	}
	expertValue := expertValues(res)
	// Gaps by item.
	byItem := map[ItemID][]Gap{}
	for _, g := range res.Gaps {
		byItem[g.Item] = append(byItem[g.Item], g)
	}
	n, k := len(cl.Measures), len(crits)
	x := mat.NewDense(n, k, nil)
	pr := make([]Priority, n)
	missing := make([][]bool, n)
	for j, m := range cl.Measures {
		p := Priority{ID: m.ID, Title: m.Title, Addresses: append([]ItemID(nil), m.Addresses...),
			Criteria: map[CriterionID]float64{}, Contributions: map[CriterionID]float64{}}
		var gapPoints float64
		binding := 0
		countries := map[CountryCode]bool{}
		for _, id := range uniqueItems(m.Addresses) {
			it := cl.Item(id)
			for _, g := range byItem[id] {
				gapPoints += g.Severity
				countries[g.Country] = true
				if it != nil && binds(it) {
					binding++
				}
				p.Closes = append(p.Closes, GapRef{Country: g.Country, Item: g.Item, Severity: g.Severity})
			}
		}
		sort.SliceStable(p.Closes, func(i, j int) bool { return p.Closes[i].Country < p.Closes[j].Country })
		for c := range countries {
			p.GapCountries = append(p.GapCountries, c)
		}
		sortCodes(p.GapCountries)
		p.Adopters = res.practices().adopters(uniqueItems(m.Addresses))
		missing[j] = make([]bool, k)
		for c, cr := range crits {
			var v float64
			switch cr.ID {
			case CritGapPoints:
				v = gapPoints
			case CritCountries:
				v = float64(len(countries))
			case CritBindingGaps:
				v = float64(binding)
			case CritAdopters:
				v = float64(len(p.Adopters))
			default:
				var ok bool
				v, ok = expertValue(m, cr.ID)
				missing[j][c] = !ok
			}
			x.Set(j, c, v)
		}
		pr[j] = p
	}
	// Fill missing expert values with the worst value the other measures have.
	for c, cr := range crits {
		worst, any := 0.0, false
		for j := range pr {
			if missing[j][c] {
				continue
			}
			v := x.At(j, c)
			if !any || (cr.Direction.IsCost() && v > worst) || (!cr.Direction.IsCost() && v < worst) {
				worst, any = v, true
			}
		}
		for j := range pr {
			if !missing[j][c] {
				continue
			}
			x.Set(j, c, worst)
			pr[j].Filled = append(pr[j].Filled, cr.ID)
			msg := fmt.Sprintf("measure %s has no value for criterion %s; it gets the worst value of the other measures (%g)", pr[j].ID, cr.ID, worst)
			if !any {
				msg = fmt.Sprintf("measure %s has no value for criterion %s, nor has any other measure; it gets 0", pr[j].ID, cr.ID)
			}
			if d, ok := panelMissing(res, pr[j].ID, cr.ID, worst, any); ok {
				res.Diagnostics = append(res.Diagnostics, d)
				continue
			}
			d := NewDiagnostic(SevWarning, CodeMissingCriterion, msg)
			d.File = cl.Source
			if d.File == "" {
				d.File = "checklist " + cl.ID
			}
			d.Row = cl.Measures[j].line // the measure's line in a YAML checklist (0: none)
			if d.Row > 0 {
				d.Message += fmt.Sprintf(" (line %d)", d.Row)
			}
			res.Diagnostics = append(res.Diagnostics, d)
		}
	}
	if err := judgedWeights(res, x); err != nil {
		return err
	}
	crits = res.Criteria
	setCriteriaWeights(res)
	prob := problem(x, crits, res.Config.Ranking)
	contrib := mat.NewDense(n, k, nil)
	scores, err := scoring.Solve(method, prob, nil, contrib)
	if err != nil {
		return fmt.Errorf("%w: ranking.criteria: %v", ErrConfig, err)
	}
	ranks := scoring.Rank(scores, 1e-9)
	for j := range pr {
		pr[j].Score = scores[j]
		pr[j].Rank = ranks[j]
		for c, cr := range crits {
			pr[j].Criteria[cr.ID] = x.At(j, c)
			pr[j].Contributions[cr.ID] = contrib.At(j, c)
		}
	}
	sort.SliceStable(pr, func(i, j int) bool {
		if pr[i].Rank != pr[j].Rank {
			return pr[i].Rank < pr[j].Rank
		}
		return pr[i].ID < pr[j].ID
	})
	res.Priorities = pr
	return nil
}

// binds reports whether a gap on the item is a gap in a legal duty: the item is
// mandatory, or optional (a gap on an optional item is an option used without
// its conditions, which binds the State that uses it; SPEC 6).
func binds(it *Item) bool {
	return it.Obligation == Mandatory || it.Obligation == Optional
}

func uniqueItems(ids []ItemID) []ItemID {
	seen := map[ItemID]bool{}
	var out []ItemID
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// rankCriteria returns the criteria of the ranking: by default the derived ones and
// every expert criterion of the checklist, weight 1; when the config lists
// criteria, exactly those, with their weights and directions.
func rankCriteria(cl *Checklist, r Ranking) ([]RankCriterion, error) {
	known := map[CriterionID]Criterion{}
	var all []Criterion
	for _, c := range derivedCriteria {
		known[c.ID] = c
		all = append(all, c)
	}
	for _, c := range cl.Criteria {
		known[c.ID] = c
		all = append(all, c)
	}
	for _, c := range selectableCriteria {
		known[c.ID] = c
	}
	var out []RankCriterion
	mk := func(c Criterion) RankCriterion {
		dir := Benefit
		if c.Direction.IsCost() {
			dir = Cost
		}
		return RankCriterion{ID: c.ID, Title: c.Title, Direction: dir, Weight: 1, Derived: isDerivedCriterion(c.ID)}
	}
	if len(r.Criteria) == 0 {
		for _, c := range all {
			out = append(out, mk(c))
		}
		return out, nil
	}
	seen := map[CriterionID]bool{}
	for _, cw := range r.Criteria {
		c, ok := known[cw.ID]
		if !ok {
			ids := make([]string, 0, len(all)+len(selectableCriteria))
			for _, a := range append(all, selectableCriteria...) {
				ids = append(ids, string(a.ID))
			}
			return nil, fmt.Errorf("%w: ranking.criteria: unknown criterion %q%s", ErrConfig, cw.ID, suggestion(string(cw.ID), ids))
		}
		if seen[cw.ID] {
			return nil, fmt.Errorf("%w: ranking.criteria: %q listed twice", ErrConfig, cw.ID)
		}
		seen[cw.ID] = true
		rc := mk(c)
		if cw.Weight != nil {
			if *cw.Weight < 0 {
				return nil, fmt.Errorf("%w: ranking.criteria: %s has a negative weight", ErrConfig, cw.ID)
			}
			rc.Weight = *cw.Weight
		}
		switch cw.Direction {
		case "":
		case Benefit, Higher:
			rc.Direction = Benefit
		case Cost, Lower:
			rc.Direction = Cost
		default:
			return nil, fmt.Errorf("%w: ranking.criteria: %s: direction %q is not benefit or cost", ErrConfig, cw.ID, cw.Direction)
		}
		if cw.Preference != "" {
			f, err := scoring.ParsePreferenceFunc(cw.Preference)
			if err != nil {
				return nil, fmt.Errorf("%w: ranking.criteria: %s: %v", ErrConfig, cw.ID, err)
			}
			rc.Pref = scoring.Preference{Func: f, Q: cw.Q, P: cw.P, S: cw.S}
		}
		out = append(out, rc)
	}
	return out, nil
}

// problem sets up the decision problem of the ranking: weights, directions,
// PROMETHEE preference functions and VIKOR's v.
func problem(x *mat.Dense, crits []RankCriterion, r Ranking) *scoring.Problem {
	k := len(crits)
	prob := &scoring.Problem{X: x, Weights: make([]float64, k), Dirs: make([]scoring.Direction, k)}
	for c, cr := range crits {
		prob.Weights[c] = cr.Weight
		if cr.Direction.IsCost() {
			prob.Dirs[c] = scoring.Cost
		}
		if cr.Pref != (scoring.Preference{}) {
			if prob.Pref == nil {
				prob.Pref = make([]scoring.Preference, k)
			}
			prob.Pref[c] = cr.Pref
		}
	}
	prob.V = r.VikorV
	return prob
}
