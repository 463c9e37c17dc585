package report

import (
	"fmt"
	"math"
	"sort"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Sheet names of the comparison with a baseline and of the known-issues
// register (SPEC 12). They stand between Items and Sensitivity, in this order,
// each only when it has content.
const (
	SheetProgress    = "Progress"
	SheetTransitions = "Transitions"
	SheetRemaining   = "Remaining"
	SheetKnownIssues = "Known issues"
)

// transitionColors gives the fill and font colour of each transition on the
// Transitions sheet: green for a gap closed, light green for one improved,
// amber for one remaining, red for one worsened or new, pale green for an item
// kept in full, blue for a change in what is known, grey and white for not
// applicable and unknown. The transition's name is always written in the cell
// too, so that the colour is never the only carrier of the meaning.
var transitionColors = map[gapanalysis.Transition][2]string{
	gapanalysis.TransClosed:        {"63BE7B", "003300"},
	gapanalysis.TransImproved:      {"C6EFCE", "006100"},
	gapanalysis.TransRemaining:     {"FFEB9C", "9C5700"},
	gapanalysis.TransWorsened:      {"F8696B", "3F0000"},
	gapanalysis.TransNewGap:        {"FFC7CE", "9C0006"},
	gapanalysis.TransKept:          {"EBF1DE", "375623"},
	gapanalysis.TransNowKnown:      {"DDEBF7", "1F4E78"},
	gapanalysis.TransNowUnknown:    {"BDD7EE", "1F4E78"},
	gapanalysis.TransUnknown:       {"FFFFFF", "000000"},
	gapanalysis.TransNotApplicable: {"D9D9D9", "595959"},
}

// transitionMeaning explains each transition in words, for the legend.
var transitionMeaning = map[gapanalysis.Transition]string{
	gapanalysis.TransClosed:        "a gap in the baseline, fully met now",
	gapanalysis.TransImproved:      "a gap in both waves, with a higher score now",
	gapanalysis.TransRemaining:     "a gap in both waves, with the same score",
	gapanalysis.TransWorsened:      "a gap in both waves, with a lower score now",
	gapanalysis.TransNewGap:        "fully met in the baseline, a gap now",
	gapanalysis.TransKept:          "fully met in both waves",
	gapanalysis.TransNowKnown:      "unknown in the baseline, assessed now",
	gapanalysis.TransNowUnknown:    "assessed in the baseline, unknown now",
	gapanalysis.TransUnknown:       "unknown in both waves",
	gapanalysis.TransNotApplicable: "not applicable (na, or an optional item not used) in either wave",
}

// verdictColors gives the fill and font colour of each known-issue verdict.
var verdictColors = map[gapanalysis.Verdict][2]string{
	gapanalysis.VerdictResolved:      {"C6EFCE", "006100"},
	gapanalysis.VerdictRemaining:     {"FFC7CE", "9C0006"},
	gapanalysis.VerdictNotApplicable: {"D9D9D9", "595959"},
	gapanalysis.VerdictUnknown:       {"FFFFFF", "000000"},
}

// AllVerdicts lists the verdicts of known issues in the order of SPEC 12.
func AllVerdicts() []gapanalysis.Verdict {
	return []gapanalysis.Verdict{gapanalysis.VerdictResolved, gapanalysis.VerdictRemaining,
		gapanalysis.VerdictNotApplicable, gapanalysis.VerdictUnknown}
}

// hasProgress reports whether the result holds a comparison with a baseline
// that has countries to show.
func hasProgress(res *gapanalysis.Result) bool {
	return res.Progress != nil && len(res.Progress.Countries) > 0
}

// hasChanges reports whether the comparison has transitions to show.
func hasChanges(res *gapanalysis.Result) bool {
	return res.Progress != nil && len(res.Progress.Changes) > 0
}

// stillOpen reports whether a transition is a gap found in both waves and not
// better now: the rows of the Remaining sheet.
func stillOpen(t gapanalysis.Transition) bool {
	return t == gapanalysis.TransRemaining || t == gapanalysis.TransWorsened
}

// hasRemaining reports whether any gap remains or worsened.
func hasRemaining(res *gapanalysis.Result) bool {
	if res.Progress == nil {
		return false
	}
	for _, c := range res.Progress.Changes {
		if stillOpen(c.Transition) {
			return true
		}
	}
	return false
}

// changeStatus returns the status text of one wave's side of an ItemChange
// (full, partial, none, na or unknown), as statusText does for an assessment.
func changeStatus(st gapanalysis.Status, score gapanalysis.Score) string {
	return statusText(st != gapanalysis.StatusNA, st, score)
}

// changeIndex maps (country, item) to the transition of the comparison.
func changeIndex(cmp *gapanalysis.Comparison) map[countryItem]*gapanalysis.ItemChange {
	m := make(map[countryItem]*gapanalysis.ItemChange, len(cmp.Changes))
	for i := range cmp.Changes {
		c := &cmp.Changes[i]
		m[countryItem{c.Country, c.Item}] = c
	}
	return m
}

// sinceBaseline returns the text of the Gaps sheet's "Since baseline" column
// for the gap of a country on an item: its transition, or why it has none.
func sinceBaseline(cmp *gapanalysis.Comparison, changes map[countryItem]*gapanalysis.ItemChange, g gapanalysis.Gap) string {
	if c := changes[countryItem{g.Country, g.Item}]; c != nil {
		return string(c.Transition)
	}
	for _, id := range cmp.OnlyNew {
		if id == g.Item {
			return "item not in the baseline checklist"
		}
	}
	return "country not in the baseline"
}

// progress writes the Progress sheet: one row per country of either wave (code
// order) with its index in each wave, the delta and its paired Monte Carlo
// interval, the ranks, and the count of each transition; and a bar chart of the
// index in each wave beside the table.
func (b *book) progress(s *sheetWriter) {
	cmp, st := b.res.Progress, b.st
	headers := []string{"Code", "Country", "In baseline", "In current wave", "Index (baseline)", "Index (current)",
		"Delta", "Delta P5", "Delta P95", "P(improved)", "Rank (baseline)", "Rank (current)"}
	for _, t := range gapanalysis.AllTransitions() {
		headers = append(headers, string(t))
	}
	s.header(1, headers...)
	yesNo := map[bool]string{true: "yes", false: "no"}
	for i, c := range cmp.Countries {
		r := i + 2
		s.text(1, r, string(c.Code), st.text)
		s.text(2, r, firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code)), st.text)
		s.text(3, r, yesNo[c.InOld], st.text)
		s.text(4, r, yesNo[c.InNew], st.text)
		s.score(5, r, c.IndexOld, st.dec1)
		s.score(6, r, c.IndexNew, st.dec1)
		s.score(7, r, c.Delta, st.dec1)
		if u := c.Uncertainty; u != nil {
			s.number(8, r, u.P05, st.dec1)
			s.number(9, r, u.P95, st.dec1)
			s.number(10, r, u.PImproved, st.pct0)
		}
		s.rank(11, r, c.RankOld)
		s.rank(12, r, c.RankNew)
		if c.Counts != nil {
			for j, t := range gapanalysis.AllTransitions() {
				s.integer(13+j, r, c.Counts[t])
			}
		}
	}
	last := len(cmp.Countries) + 1
	s.table(len(headers), 2)
	col, _ := excelize.ColumnNumberToName(len(headers) + 2)
	b.pairChart(s, col+"2", "Index by country: baseline and current wave (0–100)", 2, last, 1, 5, 6)
}

// pairChart adds a clustered bar chart at anchor comparing two value columns
// (valA, valB, named by their headers in row 1) for the categories in column
// catCol of rows first..last, on a 0–100 axis.
func (b *book) pairChart(s *sheetWriter, anchor, title string, first, last, catCol, valA, valB int) {
	if s.err != nil || last < first {
		return
	}
	ref := func(col, from, to int) string {
		c, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", s.name, c, from, c, to)
	}
	axisFont := excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}
	minimum, maximum := 0.0, 100.0
	height := max(chartFrame+2*barPixels*(last-first+1), chartMinHgt)
	series := func(col int, color string) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       ref(col, 1, 1),
			Categories: ref(catCol, first, last),
			Values:     ref(col, first, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
		}
	}
	chart := &excelize.Chart{
		Type:   excelize.Bar,
		Series: []excelize.ChartSeries{series(valA, "A5A5A5"), series(valB, "2F5597")},
		Title: excelize.ChartTitle{
			Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontFamily, Size: 12, Bold: true}}},
		},
		Legend:    excelize.ChartLegend{Position: "top"},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: uint(height)},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, Font: axisFont, Minimum: &minimum, Maximum: &maximum},
		Format:    excelize.GraphicOptions{AltText: title},
	}
	s.err = s.f.AddChart(s.name, anchor, chart)
}

// transitions writes the Transitions sheet: the items compared down (checklist
// order), the countries of both waves across (code order), each cell the name
// of the transition filled with its colour; below the table a legend, and the
// items left out because only one checklist version has them.
func (b *book) transitions(s *sheetWriter) {
	res, st := b.res, b.st
	cmp := res.Progress
	var codes []gapanalysis.CountryCode
	for _, c := range cmp.Countries {
		if c.InOld && c.InNew {
			codes = append(codes, c.Code)
		}
	}
	headers := []string{"ID", "Ref", "Title"}
	for _, c := range codes {
		headers = append(headers, string(c))
	}
	s.header(1, headers...)
	changes := changeIndex(cmp)
	r := 1
	for _, ip := range cmp.Items {
		r++
		s.text(1, r, string(ip.Item), st.text)
		if it := res.Checklist.Item(ip.Item); it != nil {
			s.text(2, r, it.Ref, st.text)
			s.text(3, r, it.Title, st.text)
		}
		for j, c := range codes {
			if ch := changes[countryItem{c, ip.Item}]; ch != nil {
				s.text(4+j, r, string(ch.Transition), st.trans[ch.Transition])
			}
		}
	}
	s.freeze(2, 4)
	s.filter(1, r, len(headers))

	r += 2
	s.text(1, r, "Legend", st.section)
	for _, t := range gapanalysis.AllTransitions() {
		r++
		s.text(1, r, string(t), st.trans[t])
		s.banner(2, r, transitionMeaning[t], st.text)
	}
	for _, only := range []struct {
		label string
		ids   []gapanalysis.ItemID
	}{
		{"Items left out, in the baseline's checklist only", cmp.OnlyOld},
		{"Items left out, in the current checklist only", cmp.OnlyNew},
	} {
		if len(only.ids) > 0 {
			r += 2
			s.text(1, r, only.label, st.label)
			r++
			s.banner(1, r, joinItems(only.ids), st.text)
		}
	}
}

// remaining writes the Remaining sheet: every gap that remains or worsened
// since the baseline, by country and then severity (index points lost now)
// descending, with both waves' statuses, scores and source cells.
func (b *book) remaining(s *sheetWriter) {
	res, st := b.res, b.st
	s.header(1, "Country", "Item", "Ref", "Title", "Obligation", "Transition", "Status (baseline)", "Status (current)",
		"Score (baseline)", "Score (current)", "Severity", "Source (baseline)", "Source (current)")
	rows := remainingRows(res)
	for i, row := range rows {
		r, c := i+2, row.change
		s.text(1, r, string(c.Country), st.text)
		s.text(2, r, string(c.Item), st.text)
		if it := res.Checklist.Item(c.Item); it != nil {
			s.text(3, r, it.Ref, st.text)
			s.text(4, r, it.Title, st.text)
			s.text(5, r, string(it.Obligation), st.text)
		}
		s.text(6, r, string(c.Transition), st.trans[c.Transition])
		s.text(7, r, changeStatus(c.Old, c.OldScore), st.text)
		s.text(8, r, changeStatus(c.New, c.NewScore), st.text)
		s.score(9, r, c.OldScore, st.dec2)
		s.score(10, r, c.NewScore, st.dec2)
		s.score(11, r, row.severity, st.dec2)
		s.text(12, r, joinSources(c.OldSources), st.text)
		s.text(13, r, joinSources(c.NewSources), st.text)
	}
	s.table(13, 2)
}

// remainingRow is a gap that remains or worsened, with its severity in the
// current wave (unknown when the result has no such gap).
type remainingRow struct {
	change   *gapanalysis.ItemChange
	severity gapanalysis.Score
}

// remainingRows returns the remaining and worsened gaps by country, then
// severity descending, then checklist order (the order of the changes).
func remainingRows(res *gapanalysis.Result) []remainingRow {
	if res.Progress == nil {
		return nil
	}
	sev := map[countryItem]float64{}
	for _, g := range res.Gaps {
		sev[countryItem{g.Country, g.Item}] = g.Severity
	}
	var rows []remainingRow
	for i := range res.Progress.Changes {
		c := &res.Progress.Changes[i]
		if !stillOpen(c.Transition) {
			continue
		}
		row := remainingRow{change: c}
		if v, ok := sev[countryItem{c.Country, c.Item}]; ok {
			row.severity = num(v)
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.change.Country != b.change.Country {
			return a.change.Country < b.change.Country
		}
		return sevKey(a.severity) > sevKey(b.severity)
	})
	return rows
}

// sevKey orders an unknown severity after every known one.
func sevKey(s gapanalysis.Score) float64 {
	if known(s) {
		return s.Value
	}
	return math.Inf(-1)
}

// knownIssues writes the Known issues sheet: one row per register row, in
// register order, with the verdict against the current wave (text in its
// colour), the current status and score and the cells of the current
// assessment.
func (b *book) knownIssues(s *sheetWriter) {
	res, st := b.res, b.st
	s.header(1, "Country", "Item", "Ref", "Title", "Source", "Date", "Note", "Verdict", "Status", "Score", "Current source", "Register cell")
	for i, k := range res.KnownIssues {
		r := i + 2
		s.text(1, r, string(k.Country), st.text)
		s.text(2, r, string(k.Item), st.text)
		if it := res.Checklist.Item(k.Item); it != nil {
			s.text(3, r, it.Ref, st.text)
			s.text(4, r, it.Title, st.text)
		}
		s.text(5, r, k.Source, st.text)
		s.text(6, r, k.Date, st.text)
		s.text(7, r, k.Note, st.text)
		s.text(8, r, string(k.Verdict), st.verdict[k.Verdict])
		s.text(9, r, changeStatus(k.Status, k.Score), st.text)
		s.score(10, r, k.Score, st.dec2)
		s.text(11, r, joinSources(k.Sources), st.text)
		s.text(12, r, k.At.String(), st.text)
	}
	s.table(12, 2)
}

// cellStyle registers a centred, bordered style with a fill and a font colour.
func cellStyle(f *excelize.File, c [2]string) (int, error) {
	return f.NewStyle(&excelize.Style{
		Font:      font(false, fontSize, c[1]),
		Fill:      solid(c[0]),
		Alignment: &excelize.Alignment{Horizontal: "center"},
		Border: []excelize.Border{
			{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
			{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
		},
	})
}

// progressStyles registers the styles of the transitions and verdicts.
func progressStyles(f *excelize.File, st *styles) error {
	st.trans = map[gapanalysis.Transition]int{}
	for _, t := range gapanalysis.AllTransitions() {
		id, err := cellStyle(f, transitionColors[t])
		if err != nil {
			return fmt.Errorf("report: style: %w", err)
		}
		st.trans[t] = id
	}
	st.verdict = map[gapanalysis.Verdict]int{}
	for _, v := range AllVerdicts() {
		id, err := cellStyle(f, verdictColors[v])
		if err != nil {
			return fmt.Errorf("report: style: %w", err)
		}
		st.verdict[v] = id
	}
	return nil
}

// countryProgressIndex maps each country code to its progress, nil without a
// baseline.
func countryProgressIndex(res *gapanalysis.Result) map[gapanalysis.CountryCode]*gapanalysis.CountryProgress {
	if res.Progress == nil {
		return nil
	}
	m := make(map[gapanalysis.CountryCode]*gapanalysis.CountryProgress, len(res.Progress.Countries))
	for i := range res.Progress.Countries {
		c := &res.Progress.Countries[i]
		m[c.Code] = c
	}
	return m
}

// progressMethodology returns the Methodology rows of a comparison with a
// baseline.
func progressMethodology(cmp *gapanalysis.Comparison) [][2]string {
	rows := [][2]string{
		{"Transition", "for each country in both waves and each item of both checklists, with s the item score (equal within 1e-9), the first row that applies: not-applicable (na in either wave, an optional item not used included); closed (old known < 1, new 1); improved (old known < 1, new known, > old and < 1); remaining (old known < 1, new equal to old); worsened (old known < 1, new known < old); new-gap (old 1, new known < 1); kept (old 1, new 1); now-known (old unknown, new known); now-unknown (old known, new unknown); unknown (unknown in both)"},
		{"Index delta", "index in the current wave − index in the baseline, each wave scored with its own answers and the same checklist and config; empty when either index is unknown"},
		{"Measure gap points by wave", "Σ severity of each wave's gaps on the items the measure addresses, over that wave's own countries"},
	}
	if cmp.Samples > 0 {
		rows = append(rows, [2]string{"Paired delta uncertainty", fmt.Sprintf("%d Monte Carlo samples, seed %d: each sample draws the value of partial, the checklist weights and the missing-data rule once and applies the draw to both waves; per country the 5th and 95th percentile of the delta and P(improved) = the share of samples with delta > 1e-9", cmp.Samples, cmp.Seed)})
	}
	if len(cmp.OnlyOld) > 0 || len(cmp.OnlyNew) > 0 {
		rows = append(rows, [2]string{"Items left out", "in the baseline's checklist only: " + firstNonEmpty(joinItems(cmp.OnlyOld), "none") + "; in the current checklist only: " + firstNonEmpty(joinItems(cmp.OnlyNew), "none")})
	}
	return rows
}

// summaryProgress writes, below the headline numbers of the Summary sheet (r:
// the last row written), the headline of the comparison with a baseline and
// of the known-issues register, when the result has them; it returns the last
// row written.
func (b *book) summaryProgress(s *sheetWriter, r int) int {
	res, st := b.res, b.st
	h := ProgressHeadline(res)
	if h.Baseline {
		r += 2
		s.text(1, r, "Since the baseline", st.section)
		r++
		s.text(1, r, "Baseline", st.label)
		s.text(2, r, res.Progress.OldLabel, st.text)
		for _, c := range []struct {
			label string
			n     int
		}{
			{"Gaps closed", h.Closed},
			{"Gaps still open", h.StillOpen()},
			{"… of which worsened", h.Worsened},
			{"New gaps", h.NewGaps},
			{"Countries improved", h.CountriesImproved},
			{"Countries worsened", h.CountriesWorsened},
			{"Countries unchanged", h.CountriesUnchanged},
		} {
			r++
			s.text(1, r, c.label, st.label)
			s.integer(2, r, c.n)
		}
	}
	if h.Register {
		r += 2
		s.text(1, r, "Known issues", st.section)
		for _, v := range AllVerdicts() {
			r++
			s.text(1, r, "Verdict: "+string(v), st.label)
			s.integer(2, r, h.Verdicts[v])
		}
	}
	return r
}
