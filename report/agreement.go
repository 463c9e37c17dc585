package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The sheets of the agreement between respondents (SPEC 14). Agreement is
// present when some (country, item) has known answers from two or more
// respondents, Reconcile when some respondents disagree.
const (
	SheetAgreement = "Agreement"
	SheetReconcile = "Reconcile"
)

// SplitText is the status shown on the Heatmap and the Gaps sheet for a merged
// partial that hides a disagreement between full and none: no respondent said
// partial, the mean of a full and a none is what reads as partial. The cell
// carries a note naming the answers.
const SplitText = "partial (split: full/none)"

// notNamed stands for a respondent the survey does not name.
const notNamed = "(not named)"

// hasAgreement reports whether the result has agreement statistics: at least
// one unit.
func hasAgreement(res *gapanalysis.Result) bool {
	return res.Agreement != nil && res.Agreement.Overall.Units > 0
}

// hasReconcile reports whether some respondents disagree.
func hasReconcile(res *gapanalysis.Result) bool {
	return res.Agreement != nil && len(res.Agreement.Reconcile) > 0
}

// agreementRow is one row of the Agreement sheet and of the Markdown table.
type agreementRow struct {
	code, name string
	st         gapanalysis.AgreementStats
	reconcile  int // units listed for reconciliation
	hidden     int // of which a merged partial hides a full against a none
}

// agreementRows returns the overall row, then one row per country with a unit
// or a unit to reconcile, by code.
func agreementRows(ar *gapanalysis.AgreementReport) []agreementRow {
	byCountry := map[gapanalysis.CountryCode]*agreementRow{}
	row := func(c gapanalysis.CountryCode) *agreementRow {
		if r := byCountry[c]; r != nil {
			return r
		}
		r := &agreementRow{code: string(c), name: gapanalysis.CountryName(c), st: ar.Countries[c]}
		byCountry[c] = r
		return r
	}
	all := agreementRow{code: "Overall", name: "All countries", st: ar.Overall}
	for c := range ar.Countries {
		row(c)
	}
	for _, u := range ar.Reconcile {
		r := row(u.Country)
		r.reconcile++
		all.reconcile++
		if u.Hidden {
			r.hidden++
			all.hidden++
		}
	}
	out := []agreementRow{all}
	for _, r := range byCountry {
		out = append(out, *r)
	}
	sort.Slice(out[1:], func(i, j int) bool { return out[1+i].code < out[1+j].code })
	return out
}

// agreementNote says why a statistic or its interval is missing, or that one
// unit gives no interval worth the name.
func agreementNote(st gapanalysis.AgreementStats) string {
	var notes []string
	switch {
	case st.Units == 0:
		notes = append(notes, "no unit: no country and item with known answers from two respondents")
	case st.Units == 1:
		notes = append(notes, "one unit: the bootstrap cannot show the uncertainty")
	}
	if st.Units > 0 && !st.AlphaOrdinal.Known {
		notes = append(notes, "alpha undefined: every answer is in one category, no variation to measure agreement against")
	}
	if st.AlphaOrdinal.Known && !st.AlphaOrdinalLo.Known {
		notes = append(notes, "alpha interval unknown: most resamples have no variation")
	}
	return strings.Join(notes, "; ")
}

// agreement writes the Agreement sheet: overall and per country, the units,
// percent agreement, Krippendorff's α (ordinal) and Gwet's AC1 with their 95%
// bootstrap intervals (empty when unknown, with a note saying why), and the
// number of units to reconcile.
func (b *book) agreement(s *sheetWriter) {
	st := b.st
	s.header(1, "Scope", "Country", "Units", "Percent agreement", "Percent agreement: 95% low", "Percent agreement: 95% high",
		"Krippendorff's alpha (ordinal)", "Alpha: 95% low", "Alpha: 95% high", "Gwet's AC1", "AC1: 95% low", "AC1: 95% high",
		"Units to reconcile", "Hidden splits", "Note")
	for i, row := range agreementRows(b.res.Agreement) {
		r := i + 2
		a := row.st
		s.text(1, r, row.code, st.text)
		s.text(2, r, row.name, st.text)
		s.integer(3, r, a.Units)
		for j, v := range []gapanalysis.Score{a.PercentAgreement, a.PercentAgreementLo, a.PercentAgreementHi} {
			s.score(4+j, r, v, st.pct1)
		}
		for j, v := range []gapanalysis.Score{a.AlphaOrdinal, a.AlphaOrdinalLo, a.AlphaOrdinalHi, a.AC1, a.AC1Lo, a.AC1Hi} {
			s.score(7+j, r, v, st.dec3)
		}
		s.integer(13, r, row.reconcile)
		s.integer(14, r, row.hidden)
		s.text(15, r, agreementNote(a), st.text)
	}
	s.table(15, 2)
}

// ReconcileSheetName returns the name of the n-th Reconcile sheet (n ≥ 1):
// "Reconcile" for the first, then "Reconcile 2", "Reconcile 3", … When the
// answers do not fit one sheet (1,048,575 rows under the header row), the
// Reconcile sheet continues on the next, with the same header row.
func ReconcileSheetName(n int) string {
	return continuedName(SheetReconcile, n)
}

// ReconcileHeaders is the header row of the Reconcile sheets.
var ReconcileHeaders = []string{"Unit", "Country", "Item", "Ref", "Title", "Obligation", "Merged status", "Disagreement", "Hidden split",
	"Respondent", "Answer", "Evidence", "Comment", "Source", "Agreed answer"}

// reconcileTable is the Reconcile sheets' table: one row per answer of every
// unit whose respondents disagree, units numbered in the order of the list
// (country, then checklist item), each row with the item, the merged status,
// what the disagreement is, the respondent, the answer with its evidence,
// comment and cell, and an empty column for the answer agreed with the
// experts. It is streamed (streamTable) like the Data sheets, since a large
// survey has millions of such rows.
func (b *book) reconcileTable() *streamTable {
	res, st := b.res, b.st
	type unit struct {
		u                      *gapanalysis.ReconcileUnit
		it                     *gapanalysis.Item
		merged, disagree, hide string
	}
	byKey := assessmentIndex(res)
	var units []unit
	// starts[n] is the row of the first answer of unit n; a row is found
	// from its number, so that nothing is held per row.
	starts := []int{0}
	if res.Agreement != nil {
		units = make([]unit, len(res.Agreement.Reconcile))
		for n := range res.Agreement.Reconcile {
			u := &res.Agreement.Reconcile[n]
			x := unit{u: u, it: res.Checklist.Item(u.Item), disagree: disagreement(*u)}
			if a := byKey[countryItem{u.Country, u.Item}]; a != nil {
				x.merged = heatmapText(a)
			}
			if u.Hidden {
				x.merged, x.hide = SplitText, "yes"
			}
			units[n] = x
			starts = append(starts, starts[n]+u.Answers.Len())
		}
	}
	return &streamTable{
		base:       SheetReconcile,
		headers:    ReconcileHeaders,
		freezeCols: 3,
		rows:       starts[len(units)],
		fill: func(i int, w *rowWriter) {
			n := unitOf(starts, i)
			x := &units[n]
			u, it := x.u, x.it
			ans := u.Answers.At(i - starts[n])
			w.integer(1, n+1, st.integer)
			w.text(2, string(u.Country), st.text)
			w.text(3, string(u.Item), st.text)
			if it != nil {
				w.text(4, it.Ref, st.text)
				w.text(5, it.Title, st.text)
				w.text(6, string(it.Obligation), st.text)
			}
			w.text(7, x.merged, st.text)
			w.text(8, x.disagree, st.text)
			w.text(9, x.hide, st.text)
			w.text(10, firstNonEmpty(ans.Respondent, notNamed), st.text)
			w.text(11, answerText(it, ans.Status), st.status[ans.Status])
			w.text(12, ans.Evidence, st.text)
			w.text(13, ans.Comment, st.text)
			w.source(14, ans.Source, st.text)
		},
	}
}

// unitOf returns the unit n whose answers hold row i: the last n with
// starts[n] ≤ i (starts ascending, starts[0] = 0 ≤ i).
func unitOf(starts []int, i int) int {
	lo, hi := 0, len(starts)-1 // starts[lo] ≤ i < starts[hi]
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if starts[mid] <= i {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// answerText is a respondent's answer as the Reconcile sheet shows it: the
// status, and for a none on an optional item "none (option not used)".
func answerText(it *gapanalysis.Item, st gapanalysis.Status) string {
	if st == gapanalysis.StatusNone && it != nil && it.Obligation == gapanalysis.Optional {
		return "none (" + OptionNotUsed + ")"
	}
	return st.String()
}

// disagreement says in words what the respondents of a unit disagree on: the
// categories they gave (full, partial, none, in that order), and whether an
// optional item's option is used.
func disagreement(u gapanalysis.ReconcileUnit) string {
	seen := map[gapanalysis.Status]bool{}
	for k := range u.Answers.Len() {
		seen[u.Answers.Status(k)] = true
	}
	var cats []string
	for _, st := range []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone} {
		if seen[st] && !(u.Option && st == gapanalysis.StatusNone) {
			cats = append(cats, st.String())
		}
	}
	var parts []string
	if u.Hidden {
		parts = append(parts, "full vs none: the merged partial hides it")
	} else if len(cats) > 1 {
		parts = append(parts, strings.Join(cats, " vs "))
	}
	if u.Option {
		parts = append(parts, "whether the option is used")
	}
	return strings.Join(parts, "; ")
}

// statusCell writes the status of (c, i) on the Heatmap or the Gaps sheet:
// text in style, or SplitText with a note naming the answers when the merged
// partial hides a disagreement between full and none.
func (b *book) statusCell(s *sheetWriter, col, row int, text string, style int, c gapanalysis.CountryCode, i gapanalysis.ItemID) {
	u := b.res.Agreement.Hidden(c, i)
	if u == nil {
		s.text(col, row, text, style)
		return
	}
	s.text(col, row, SplitText, style)
	s.comment(col, row, splitNote(u))
}

// splitNoteAnswers is the most answers a split note names; the others are
// counted (all of them are on the Reconcile sheet).
const splitNoteAnswers = 10

// splitNote is the note on a hidden split: each answer with its respondent and
// cell.
func splitNote(u *gapanalysis.ReconcileUnit) string {
	n := min(u.Answers.Len(), splitNoteAnswers)
	parts := make([]string, n, n+1)
	for i := range n {
		a := u.Answers.At(i)
		parts[i] = fmt.Sprintf("%s (%s", a.Status, firstNonEmpty(a.Respondent, notNamed))
		if at := a.Source.String(); at != "" {
			parts[i] += ", " + at
		}
		parts[i] += ")"
	}
	if more := u.Answers.Len() - n; more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", more))
	}
	return "Respondents disagree: " + strings.Join(parts, "; ") +
		". No respondent said partial: the mean of their scores reads as partial. See the Reconcile sheet."
}

// comment attaches a note (a cell comment) to a cell.
func (s *sheetWriter) comment(col, row int, text string) {
	if s.err != nil || text == "" {
		return
	}
	c := s.cell(col, row)
	if s.err == nil {
		s.err = s.f.AddComment(s.name, excelize.Comment{Cell: c, Author: "gapstudy", Text: cellText(text)})
	}
}

// agreementMethodology returns the Methodology rows of the agreement between
// respondents, none without agreement data.
func agreementMethodology(res *gapanalysis.Result) [][2]string {
	ar := res.Agreement
	if ar == nil {
		return nil
	}
	return [][2]string{
		{"Agreement units", "a unit is a (country, item) of a status item binding the country with known answers (full, partial, none) from two or more respondents; each respondent's first known answer counts (a respondent with conflicting answers makes the item unknown: no unit); on an optional item none means the option is not used and is no category (not applicable); numeric items are left out"},
		{"Percent agreement", "Σ agreeing pairs of answers ÷ Σ pairs, pooled over the units (a unit of m answers has m(m−1)/2 pairs)"},
		{"Krippendorff's alpha (ordinal)", "α = 1 − D_o/D_e over the coincidences of the answers within units, with the ordinal metric on none < partial < full (Krippendorff 2011); undefined (empty) when every answer is in one category"},
		{"Gwet's AC1", "AC1 = (p_a − p_e)/(1 − p_e), p_a = mean over the units of the share of agreeing pairs, p_e = Σ_k π_k(1 − π_k)/(q − 1) with q = 3 and π_k = mean over the units of the share of answers in category k (Gwet 2008)"},
		{"Agreement intervals", fmt.Sprintf("95%% percentile bootstrap over the units: %d resamples of the units with replacement, seed %d, resample r drawn from a stream seeded by (seed, scope, r); resamples in which a statistic is undefined are left out, and its interval is unknown when they are more than half", ar.Bootstrap, ar.Seed)},
		{"Reconciliation", "every (country, item) whose respondents give different categories, or disagree on whether an optional item's option is used, is listed on the Reconcile sheet with each answer and its cell; a merged partial from a full and a none (no respondent said partial) is a hidden split, shown as \"" + SplitText + "\" on the Heatmap and the Gaps sheet"},
	}
}
