package report

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// SyntheticBanner is the notice every output made from synthetic data carries.
const SyntheticBanner = "SYNTHETIC DATA — for demonstration and testing only; not an assessment of any real Member State"

// defaultTopK is the number of top priorities shown when neither the options nor
// the result name one.
const defaultTopK = 5

var (
	errNilResult   = errors.New("report: nil result")
	errNoChecklist = errors.New("report: result has no checklist")
	errBadTopK     = errors.New("report: negative TopK")
)

// check returns an error when res cannot be reported: nil, or without a checklist
// when needChecklist is set.
func check(res *gapanalysis.Result, needChecklist bool) error {
	if res == nil {
		return errNilResult
	}
	if needChecklist && res.Checklist == nil {
		return errNoChecklist
	}
	return nil
}

// studyTitle returns the title of the study: the given one, or one derived from
// the checklist ("Gap study: <checklist title>").
func studyTitle(res *gapanalysis.Result, title string) string {
	if title != "" {
		return title
	}
	ct := res.Meta.ChecklistTitle
	if ct == "" && res.Checklist != nil {
		ct = res.Checklist.Title
	}
	if ct == "" {
		return "Gap study"
	}
	return "Gap study: " + ct
}

// topK returns the number of top priorities to show: want when positive, else the
// result's own k (Meta, then Config), else 5.
func topK(res *gapanalysis.Result, want int) int {
	switch {
	case want > 0:
		return want
	case res.Meta.TopK > 0:
		return res.Meta.TopK
	case res.Config.Ranking.TopK > 0:
		return res.Config.Ranking.TopK
	}
	return defaultTopK
}

// synthetic reports whether the result was computed from synthetic data.
func synthetic(res *gapanalysis.Result) bool {
	return res.Meta.Synthetic || (res.Dataset != nil && res.Dataset.Synthetic)
}

// checklistInfo returns the checklist's ID, title, version and SHA-256, from the
// result's Meta, completed from the checklist itself.
func checklistInfo(res *gapanalysis.Result) (id, title, version, sha string) {
	m := res.Meta
	id, title, version, sha = m.ChecklistID, m.ChecklistTitle, m.ChecklistVersion, m.ChecklistSHA256
	if cl := res.Checklist; cl != nil {
		id = firstNonEmpty(id, cl.ID)
		title = firstNonEmpty(title, cl.Title)
		version = firstNonEmpty(version, cl.Version)
		sha = firstNonEmpty(sha, cl.SHA256)
	}
	return id, title, version, sha
}

func method(res *gapanalysis.Result) string {
	return firstNonEmpty(res.Meta.Method, res.Config.Ranking.Method, "wsm")
}

func missingRule(res *gapanalysis.Result) string {
	return firstNonEmpty(res.Meta.Missing, string(res.Config.Missing), string(gapanalysis.MissingExclude))
}

func dataLabel(res *gapanalysis.Result) string {
	if res.Meta.DataLabel != "" {
		return res.Meta.DataLabel
	}
	if res.Dataset != nil {
		return res.Dataset.Label
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// known reports whether a score has a value that can be written.
func known(s gapanalysis.Score) bool { return s.Known && finite(s.Value) }

// num wraps a plain number as a Score, unknown when not finite, so that it
// marshals to null rather than failing on NaN.
func num(v float64) gapanalysis.Score { return gapanalysis.Score{Value: v, Known: finite(v)} }

// summary holds the headline numbers of a study.
type summary struct {
	countries    int
	items        int
	gaps         int
	meanIndex    gapanalysis.Score // 0–100, over countries with a known index
	meanCoverage gapanalysis.Score // 0–1, over all countries
	errors       int
	warnings     int
	infos        int
}

func summarize(res *gapanalysis.Result) summary {
	s := summary{countries: len(res.Countries), gaps: len(res.Gaps)}
	if res.Checklist != nil {
		s.items = len(res.Checklist.Items())
	} else {
		s.items = len(res.Items)
	}
	var sumIdx, sumCov float64
	var nIdx, nCov int
	for _, c := range res.Countries {
		if known(c.Index) {
			sumIdx += c.Index.Value
			nIdx++
		}
		if finite(c.Coverage) {
			sumCov += c.Coverage
			nCov++
		}
	}
	if nIdx > 0 {
		s.meanIndex = gapanalysis.Known(sumIdx / float64(nIdx))
	}
	if nCov > 0 {
		s.meanCoverage = gapanalysis.Known(sumCov / float64(nCov))
	}
	s.errors, s.warnings, s.infos = gapanalysis.CountBySeverity(res.Diagnostics)
	return s
}

// statusText returns the status shown for an answer: "na" when not applicable,
// the merged status when known, and otherwise, for a numeric item with a known
// score, the status the score corresponds to (1 full, 0 none, else partial).
func statusText(applicable bool, st gapanalysis.Status, score gapanalysis.Score) string {
	switch {
	case !applicable:
		return gapanalysis.StatusNA.String()
	case st != gapanalysis.StatusUnknown:
		return st.String()
	case !known(score):
		return gapanalysis.StatusUnknown.String()
	case score.Value >= 1:
		return gapanalysis.StatusFull.String()
	case score.Value <= 0:
		return gapanalysis.StatusNone.String()
	}
	return gapanalysis.StatusPartial.String()
}

// OptionNotUsed is the text shown for an optional item that a country does not
// use: not applicable, and lawful (SPEC 5).
const OptionNotUsed = "option not used"

// heatmapText returns the text shown for a merged assessment on the Heatmap: the
// status of statusText, or OptionNotUsed.
func heatmapText(a *gapanalysis.Assessment) string {
	if a.OptionNotUsed {
		return OptionNotUsed
	}
	return statusText(a.Applicable, a.Status, a.Score)
}

// rankUncertainty returns the Monte Carlo rank distribution of a priority: its
// own, else the one in res.Uncertainty.Measures, else nil.
func rankUncertainty(res *gapanalysis.Result, p *gapanalysis.Priority) *gapanalysis.RankUncertainty {
	if p.Uncertainty != nil {
		return p.Uncertainty
	}
	if res.Uncertainty != nil {
		if ru, ok := res.Uncertainty.Measures[p.ID]; ok {
			return &ru
		}
	}
	return nil
}

// joinSources returns the sources as "file!sheet!cell" joined by "; ".
func joinSources(srcs gapanalysis.Sources) string {
	return srcs.String()
}

// joinItems returns item IDs joined by ", ".
func joinItems(ids []gapanalysis.ItemID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id)
	}
	return strings.Join(parts, ", ")
}

// criterionLabel returns the title of a criterion, or its ID when it has none.
func criterionLabel(c gapanalysis.RankCriterion) string {
	return firstNonEmpty(c.Title, string(c.ID))
}

// sortedCountryCodes returns the codes of the countries of the result, sorted.
func sortedCountryCodes(res *gapanalysis.Result) []gapanalysis.CountryCode {
	codes := make([]gapanalysis.CountryCode, len(res.Countries))
	for i, c := range res.Countries {
		codes[i] = c.Code
	}
	sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
	return codes
}

type countryItem struct {
	country gapanalysis.CountryCode
	item    gapanalysis.ItemID
}

func assessmentIndex(res *gapanalysis.Result) map[countryItem]*gapanalysis.Assessment {
	m := make(map[countryItem]*gapanalysis.Assessment, len(res.Assessments))
	for i := range res.Assessments {
		a := &res.Assessments[i]
		m[countryItem{a.Country, a.Item}] = a
	}
	return m
}

func itemStatsIndex(res *gapanalysis.Result) map[gapanalysis.ItemID]*gapanalysis.ItemStats {
	m := make(map[gapanalysis.ItemID]*gapanalysis.ItemStats, len(res.Items))
	for i := range res.Items {
		m[res.Items[i].ID] = &res.Items[i]
	}
	return m
}

// responseOrder returns the indexes of the dataset's responses sorted by
// country, then checklist item order (unknown items last, by ID), then
// respondent, without copying the responses; equal keys keep their order of
// import (duplicates stay in the order read). Each response gets a sort
// key of its country's rank, its item's position and its respondent's rank,
// and the (key, index) pairs are sorted, so that equal keys keep the order of
// import.
func responseOrder(res *gapanalysis.Result) []int32 {
	if res.Dataset == nil {
		return nil
	}
	rs := &res.Dataset.Responses
	n := rs.Len()
	countries := map[gapanalysis.CountryCode]uint64{}
	items := map[gapanalysis.ItemID]uint64{}
	respondents := map[string]uint64{}
	for i := range n {
		countries[rs.Country(i)] = 0
		items[rs.Item(i)] = 0
		respondents[rs.Respondent(i)] = 0
	}
	rank(countries, func(a, b gapanalysis.CountryCode) int { return strings.Compare(string(a), string(b)) })
	rank(respondents, strings.Compare)
	pos := map[gapanalysis.ItemID]int{}
	if res.Checklist != nil {
		for i, it := range res.Checklist.Items() {
			pos[it.ID] = i
		}
	}
	// checklist items in checklist order, then the others by ID
	rank(items, func(a, b gapanalysis.ItemID) int {
		pa, oka := pos[a]
		pb, okb := pos[b]
		switch {
		case oka && okb:
			return pa - pb
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		}
		return strings.Compare(string(a), string(b))
	})
	// The key packs the three ranks and the index, in as many bits as each
	// needs, into one number when they fit (a survey of millions of responses
	// needs about 55 bits): 8 bytes a response to sort.
	cb, ib, rb, nb := bitsFor(len(countries)), bitsFor(len(items)), bitsFor(len(respondents)), bitsFor(n)
	out := make([]int32, n)
	key := func(i int) (c, it, r uint64) {
		return countries[rs.Country(i)], items[rs.Item(i)], respondents[rs.Respondent(i)]
	}
	if packOrderKeys && cb+ib+rb+nb <= 64 {
		keys := make([]uint64, n)
		for i := range n {
			c, it, r := key(i)
			keys[i] = ((c<<ib|it)<<rb|r)<<nb | uint64(i)
		}
		slices.Sort(keys)
		mask := uint64(1)<<nb - 1
		for j, k := range keys {
			out[j] = int32(k & mask)
		}
		return out
	}
	type keyed struct {
		c, it, r uint64
		i        int32
	}
	keys := make([]keyed, n)
	for i := range n {
		c, it, r := key(i)
		keys[i] = keyed{c, it, r, int32(i)}
	}
	slices.SortFunc(keys, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.c, b.c), cmp.Compare(a.it, b.it), cmp.Compare(a.r, b.r), cmp.Compare(a.i, b.i))
	})
	for j, k := range keys {
		out[j] = k.i
	}
	return out
}

// packOrderKeys lets responseOrder pack its keys into one number when they
// fit; tests switch it off to check the other way.
var packOrderKeys = true

// bitsFor returns the number of bits that numbers 0 … n-1 need.
func bitsFor(n int) int {
	b := 0
	for n > 1<<b {
		b++
	}
	return b
}

// rank replaces the values of m by the ranks of its keys in the order of
// compare (0 for the first).
func rank[K comparable](m map[K]uint64, compare func(a, b K) int) {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compare)
	for r, k := range keys {
		m[k] = uint64(r)
	}
}

// responseStatus returns the status written for a response in the tidy data: the
// status name, or "" for an unknown status that comes with a numeric value (the
// value is the answer).
func responseStatus(r gapanalysis.Response) string {
	if r.Status == gapanalysis.StatusUnknown && r.HasValue {
		return ""
	}
	return r.Status.String()
}

// methodology returns the formulas of the study in words, one (name, text) pair
// each, for the Methodology sheet.
func methodology(res *gapanalysis.Result) [][2]string {
	sc := res.Config.Scale
	var missing string
	if missingRule(res) == string(gapanalysis.MissingZero) {
		missing = "unknown answers score 0"
	} else {
		missing = "unknown answers are left out of the averages and counted against coverage"
	}
	rows := [][2]string{
		{"Item score", fmt.Sprintf("full %g, partial %g, none %g; na, and items of an instrument that does not bind the country, are not applicable and left out; %s. Numeric items: min-max (x−min)/(max−min) across countries, or min(x/target, 1) against a target (reversed for lower-is-better).",
			sc.Full, sc.Partial, sc.None, missing)},
		{"Optional provisions", "on an optional item (\"Member States may …\"), none means the option is not used, which is lawful: the item is not applicable for that country (left out of scores and coverage, never a gap, counted as na; the Heatmap shows \"option not used\"); full and partial mean the option is used with its conditions met fully or in part, and a partial is a gap. With several respondents each answer is mapped this way before the answers are merged."},
		{"Theme score", "100 × weighted mean of the theme's known item scores, with item weights; missing when no item is known"},
		{"Pillar score", "weighted mean of the pillar's known theme scores, with theme weights; missing when no theme is known"},
		{"Index", "weighted mean of the known pillar scores, with pillar weights (0–100); missing when no pillar is known"},
		{"Coverage", "known applicable items ÷ applicable items, unweighted (0–1)"},
		{"Effective weight", "(item weight ÷ Σ item weights in its theme) × (theme weight ÷ Σ theme weights in its pillar) × (pillar weight ÷ Σ pillar weights)"},
		{"Gap", "an applicable, known item with score < 1; gap = 1 − score"},
		{"Gap severity", "100 × gap × effective weight: the index points the country loses on the item"},
		{"Country rank", "by index, descending; equal indexes (within 1e-9) share the best rank; a country without an index has no rank. A country the instrument does not bind is ranked on the practice items only (rank note). Pillar ranks: the same rule on each pillar's score"},
		{"Derived criteria", "gap_points = Σ severity of the gaps on the items a measure addresses; countries = countries with at least one such gap; binding_gaps = such gaps on mandatory and optional items (a gap on an optional item is an option used without its conditions); adopters (only when the config selects it) = countries where every applicable addressed item is known and at full"},
		{"Missing expert values", "a measure without a value for an expert criterion gets the worst value the other measures have (with a warning)"},
		{"Ranking method", rankingInWords(method(res))},
		{"Ranking ties", "equal scores share the best rank and are listed by measure ID"},
		{"Contribution", "each criterion's share of a measure's score (for wsm the contributions add up to the score)"},
	}
	if res.Uncertainty != nil || res.Meta.Samples > 0 {
		rows = append(rows, [2]string{"Monte Carlo summary", "every sample draws each varied input independently (see the Sensitivity sheet for the ranges) and ranks the countries and measures again; per country and measure: the nominal rank, the median rank (the mean of the two middle ranks when the number of samples is even), the 5th and 95th percentile rank (the smallest rank r with at least 5% resp. 95% of the samples at or below r) and P(top k) = the share of samples with rank ≤ k; a sample without a rank counts as worse than every ranked one. Sample i draws from a random stream seeded by (seed, i), so the numbers do not depend on the number of CPUs."})
	}
	if res.Progress != nil {
		rows = append(rows, progressMethodology(res.Progress)...)
	}
	rows = append(rows, agreementMethodology(res)...)
	if res.KnownIssues != nil {
		rows = append(rows, [2]string{"Known-issue verdict", "each row of the register against the current wave's merged assessment of its country and item: resolved (score 1), remaining (known, < 1), not-applicable (na, or an optional item not used), unknown (no known score, or the country not assessed)"})
	}
	if u := res.Uncertainty; u != nil && u.Sobol != nil {
		rows = append(rows, [2]string{"Sobol estimators (Jansen)", "Saltelli sampling: base matrices A and B of N rows (" + sequenceText(u.Sobol.Sequence) + " sequence) and, per input i, AB_i = A with column i from B: N·(d+2) model evaluations for d inputs. V = variance of f over the 2N rows of A and B; first-order S_i = (V − ½·mean (f(B) − f(AB_i))²) ÷ V; total S_Ti = ½·mean (f(A) − f(AB_i))² ÷ V (Jansen 1999; Saltelli et al. 2010); all indices 0 when V = 0. Estimates can fall slightly outside 0–1. Intervals: bootstrap percentile intervals from resampling the rows with replacement. Outputs: each measure's rank, and the mean absolute rank shift = mean over the measures of |rank − nominal rank|."})
	}
	if u := res.Uncertainty; u != nil && len(u.Agreement) > 0 {
		rows = append(rows, [2]string{"Method agreement", "the measures are ranked by each method on the nominal criteria values and weights; each pair of rankings is compared with Spearman's rho (Pearson correlation of the mid-ranks), Kendall's tau-b (concordant minus discordant pairs, corrected for ties) and the WS coefficient of Sałabun and Urbaniak (2020), WS = 1 − Σ 2^(−x_i)·|x_i − y_i| ÷ max(|x_i − 1|, |x_i − N|) with method A's ranks x as the reference. Rho and tau-b are undefined (empty) when a ranking is constant."})
	}
	return rows
}

func rankingInWords(m string) string {
	switch m {
	case "topsis":
		return "topsis: vector normalisation, weights normalised to sum 1, ideal and anti-ideal by direction; score = 100 × closeness coefficient"
	case "promethee2":
		return "promethee2: usual preference function unless thresholds are given; score = net outranking flow"
	case "vikor":
		return "vikor: compromise ranking by group utility and individual regret"
	case "wsm":
		return "wsm: each criterion min-max normalised over the measures (benefit (x−min)/(max−min), cost (max−x)/(max−min), all 1 when max = min); score = 100 × Σ wₖ·nₖ ÷ Σ wₖ"
	}
	return m
}
