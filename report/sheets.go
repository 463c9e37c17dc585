package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// priorities writes the Priorities sheet: one row per measure in rank order, the
// raw criterion values, the rank uncertainty (empty without Monte Carlo), the
// items addressed, each criterion's contribution to the score and the measure's
// adopters (SPEC 13: the countries where it is in place) and their number.
func (b *book) priorities(s *sheetWriter) {
	res, st := b.res, b.st
	headers := []string{"Rank", "Measure", "Title", "Score"}
	for _, c := range res.Criteria {
		headers = append(headers, criterionLabel(c))
	}
	headers = append(headers, "Median rank", "Rank P5", "Rank P95", "P(top k)", "Addresses", "Gaps closed")
	for _, c := range res.Criteria {
		headers = append(headers, "Contribution: "+criterionLabel(c))
	}
	headers = append(headers, "In place in", "N in place")
	s.header(1, headers...)
	nc := len(res.Criteria)
	for i := range res.Priorities {
		p := &res.Priorities[i]
		r := i + 2
		s.rank(1, r, p.Rank)
		s.text(2, r, string(p.ID), st.text)
		s.text(3, r, p.Title, st.text)
		s.number(4, r, p.Score, st.dec1)
		for j, c := range res.Criteria {
			if v, ok := p.Criteria[c.ID]; ok {
				s.number(5+j, r, v, st.dec2)
			}
		}
		col := 5 + nc
		if u := rankUncertainty(res, p); u != nil {
			s.number(col, r, u.Median, st.dec1)
			s.number(col+1, r, u.P05, st.dec1)
			s.number(col+2, r, u.P95, st.dec1)
			s.number(col+3, r, u.PTopK, st.pct0)
		}
		s.text(col+4, r, joinItems(p.Addresses), st.text)
		s.text(col+5, r, gapsClosed(p.Closes), st.text)
		for j, c := range res.Criteria {
			if v, ok := p.Contributions[c.ID]; ok {
				s.number(col+6+j, r, v, st.dec2)
			}
		}
		s.text(col+6+nc, r, joinStrings(p.Adopters), st.text)
		s.integer(col+7+nc, r, len(p.Adopters))
	}
	s.table(len(headers), 2)
}

// countries writes the Countries sheet: one row per country in rank order with
// its rank note (what the rank rests on, for a country the instrument does not
// bind), index, coverage, each pillar's score and the country's rank on it,
// theme scores (empty when unknown) and gaps; with a baseline, also the
// baseline index and the delta (empty for a country not in the baseline); last,
// the country's peers with their similarity (SPEC 13).
func (b *book) countries(s *sheetWriter) {
	res, st := b.res, b.st
	cl := res.Checklist
	themes := cl.Themes()
	headers := []string{"Rank", "Code", "Country", "Rank note", "Index", "Coverage"}
	var labels []string
	for _, p := range cl.Pillars {
		labels = append(labels, firstNonEmpty(p.Title, string(p.ID)))
	}
	for _, t := range themes {
		labels = append(labels, firstNonEmpty(t.Title, string(t.ID)))
	}
	labels = uniqueLabels(labels, pillarThemeIDs(cl))
	for i := range cl.Pillars {
		headers = append(headers, labels[i], "Rank: "+labels[i])
	}
	headers = append(headers, labels[len(cl.Pillars):]...)
	headers = append(headers, "Gaps", "Gap points")
	progress := countryProgressIndex(res)
	if progress != nil {
		headers = append(headers, "Index (baseline)", "Delta")
	}
	headers = append(headers, "Peers")
	s.header(1, headers...)
	for i, c := range res.Countries {
		r := i + 2
		s.rank(1, r, c.Rank)
		s.text(2, r, string(c.Code), st.text)
		s.text(3, r, firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code)), st.text)
		s.text(4, r, c.RankNote, st.text)
		s.score(5, r, c.Index, st.dec1)
		s.number(6, r, c.Coverage, st.pct1)
		col := 7
		for _, p := range cl.Pillars {
			s.score(col, r, c.Pillars[p.ID], st.dec1)
			s.rank(col+1, r, c.PillarRanks[p.ID])
			col += 2
		}
		for _, t := range themes {
			s.score(col, r, c.Themes[t.ID], st.dec1)
			col++
		}
		s.integer(col, r, c.Gaps)
		s.number(col+1, r, c.GapPoints, st.dec2)
		if cp := progress[c.Code]; cp != nil {
			s.score(col+2, r, cp.IndexOld, st.dec1)
			s.score(col+3, r, cp.Delta, st.dec1)
		}
		s.text(len(headers), r, peersText(c.Peers), st.text)
	}
	s.table(len(headers), 3)
}

func pillarThemeIDs(cl *gapanalysis.Checklist) []string {
	var ids []string
	for _, p := range cl.Pillars {
		ids = append(ids, string(p.ID))
	}
	for _, t := range cl.Themes() {
		ids = append(ids, string(t.ID))
	}
	return ids
}

// uniqueLabels returns labels with every label that occurs more than once
// followed by its ID in parentheses, so that no two headers are equal.
func uniqueLabels(labels, ids []string) []string {
	n := map[string]int{}
	for _, l := range labels {
		n[l]++
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l
		if n[l] > 1 {
			out[i] = fmt.Sprintf("%s (%s)", l, ids[i])
		}
	}
	return out
}

// heatmap writes the Heatmap sheet: items down, countries across (by code), each
// cell the status text filled with the status colour. An optional item that a
// country does not use reads "option not used" in the colour of na (SPEC 5).
func (b *book) heatmap(s *sheetWriter) {
	res, st := b.res, b.st
	codes := sortedCountryCodes(res)
	headers := []string{"ID", "Ref", "Title", "Obligation"}
	for _, c := range codes {
		headers = append(headers, string(c))
	}
	s.header(1, headers...)
	byKey := assessmentIndex(res)
	for i, it := range res.Checklist.Items() {
		r := i + 2
		s.text(1, r, string(it.ID), st.text)
		s.text(2, r, it.Ref, st.text)
		s.text(3, r, it.Title, st.text)
		s.text(4, r, string(it.Obligation), st.text)
		for j, c := range codes {
			status, style := gapanalysis.StatusUnknown.String(), st.status[gapanalysis.StatusUnknown]
			if a := byKey[countryItem{c, it.ID}]; a != nil {
				status = heatmapText(a)
				style = st.status[parseStatus(statusText(a.Applicable, a.Status, a.Score))]
			}
			b.statusCell(s, 5+j, r, status, style, c, it.ID)
		}
	}
	s.table(len(headers), 1)
}

// parseStatus maps a canonical status name back to its Status.
func parseStatus(name string) gapanalysis.Status {
	for _, st := range gapanalysis.Statuses() {
		if st.String() == name {
			return st
		}
	}
	return gapanalysis.StatusUnknown
}

// gaps writes the Gaps sheet: one row per gap, in the result's order (country,
// then severity descending); with a baseline, the "Since baseline" column holds
// the gap's transition (see sinceBaseline) and stays last. The two columns after
// Source name the gap's exemplars (SPEC 13) and quote their evidence and source
// cells.
func (b *book) gaps(s *sheetWriter) {
	res, st := b.res, b.st
	cl := res.Checklist
	headers := []string{"Country", "Item", "Ref", "Title", "Obligation", "Status", "Gap", "Severity", "Evidence", "Comment", "Source",
		"Exemplars", "Exemplar evidence"}
	var changes map[countryItem]*gapanalysis.ItemChange
	if res.Progress != nil {
		headers = append(headers, "Since baseline")
		changes = changeIndex(res.Progress)
	}
	s.header(1, headers...)
	for i, g := range res.Gaps {
		r := i + 2
		s.text(1, r, string(g.Country), st.text)
		s.text(2, r, string(g.Item), st.text)
		if it := cl.Item(g.Item); it != nil {
			s.text(3, r, it.Ref, st.text)
			s.text(4, r, it.Title, st.text)
			s.text(5, r, string(it.Obligation), st.text)
		}
		b.statusCell(s, 6, r, statusText(true, g.Status, num(g.Score)), st.text, g.Country, g.Item)
		s.number(7, r, g.Gap, st.dec2)
		s.number(8, r, g.Severity, st.dec2)
		s.text(9, r, g.Evidence, st.text)
		s.text(10, r, g.Comment, st.text)
		s.text(11, r, joinSources(g.Sources), st.text)
		s.text(12, r, exemplarCodes(g.Exemplars), st.text)
		s.text(13, r, exemplarEvidence(g.Exemplars), st.text)
		if changes != nil {
			t := sinceBaseline(res.Progress, changes, g)
			style := st.text
			if id, ok := st.trans[gapanalysis.Transition(t)]; ok {
				style = id
			}
			s.text(14, r, t, style)
		}
	}
	s.table(len(headers), 2)
}

// items writes the Items sheet: one row per checklist item with its place in the
// hierarchy, effective weight and statistics across countries.
func (b *book) items(s *sheetWriter) {
	res, st := b.res, b.st
	cl := res.Checklist
	s.header(1, "ID", "Ref", "Title", "Obligation", "Theme", "Pillar", "Effective weight",
		"N full", "N partial", "N none", "N na", "N unknown", "Mean", "Gaps", "Min. max. penalty", "ELI")
	stats := itemStatsIndex(res)
	for i, it := range cl.Items() {
		r := i + 2
		s.text(1, r, string(it.ID), st.text)
		s.text(2, r, it.Ref, st.text)
		s.text(3, r, it.Title, st.text)
		s.text(4, r, string(it.Obligation), st.text)
		if t := cl.ThemeOf(it.ID); t != nil {
			s.text(5, r, firstNonEmpty(t.Title, string(t.ID)), st.text)
			if p := cl.PillarOf(t.ID); p != nil {
				s.text(6, r, firstNonEmpty(p.Title, string(p.ID)), st.text)
			}
		}
		s.number(7, r, cl.EffectiveWeight(it.ID), st.dec4)
		if is := stats[it.ID]; is != nil {
			for j, n := range []int{is.NFull, is.NPartial, is.NNone, is.NNA, is.NUnknown} {
				s.integer(8+j, r, n)
			}
			s.score(13, r, is.Mean, st.dec2)
			s.integer(14, r, is.Gaps)
		}
		if it.MinMaxPenalty != 0 {
			s.number(15, r, it.MinMaxPenalty, st.general)
		}
		s.link(16, r, it.ELI)
	}
	s.table(16, 1)
}

// diagnostics writes the Diagnostics sheet in the result's order.
func (b *book) diagnostics(s *sheetWriter) {
	st := b.st
	s.header(1, "Severity", "Code", "Message", "File", "Sheet", "Cell")
	for i, d := range b.res.Diagnostics {
		r := i + 2
		for j, v := range []string{string(d.Severity), string(d.Code), d.Message, d.File, d.Sheet, d.Cell} {
			s.text(j+1, r, v, st.text)
		}
	}
	s.table(6, 0)
}

// methodology writes the Methodology sheet: every parameter of the study and the
// formulas in words, as Parameter/Value rows.
func (b *book) methodology(s *sheetWriter) {
	st := b.st
	s.header(1, "Parameter", "Value")
	r := 1
	for _, p := range parameters(b.res, topK(b.res, 0)) {
		r++
		s.text(1, r, p.name, st.label)
		switch v := p.value.(type) {
		case string:
			s.text(2, r, v, st.wrap)
		case int:
			s.integer(2, r, v)
		case float64:
			s.number(2, r, v, st.general)
		}
	}
	for _, f := range methodology(b.res) {
		r++
		s.text(1, r, "Formula: "+f[0], st.label)
		s.text(2, r, f[1], st.wrap)
	}
	s.table(2, 0)
}

// parameter is one row of the Methodology sheet; value is a string, an int or a
// float64.
type parameter struct {
	name  string
	value any
}

// parameters lists every parameter of a study run.
func parameters(res *gapanalysis.Result, k int) []parameter {
	cfg := res.Config
	id, title, version, sha := checklistInfo(res)
	yesNo := map[bool]string{true: "yes", false: "no"}
	ps := []parameter{
		{"Tool", firstNonEmpty(res.Meta.Tool, "gapstudy")},
		{"Tool version", res.Meta.ToolVersion},
		{"Checklist", cfg.Checklist},
		{"Checklist ID", id},
		{"Checklist title", title},
		{"Checklist version", version},
		{"Checklist SHA-256", sha},
		{"Inputs", strings.Join(res.Meta.Inputs, "; ")},
		{"Data", dataLabel(res)},
		{"Synthetic data", yesNo[synthetic(res)]},
		{"Scale: full", cfg.Scale.Full},
		{"Scale: partial", cfg.Scale.Partial},
		{"Scale: none", cfg.Scale.None},
		{"Missing rule", missingRule(res)},
		{"Ranking method", method(res)},
		{"Top k", k},
	}
	for _, c := range res.Criteria {
		kind := "expert"
		if c.Derived {
			kind = "derived from the data"
		}
		dir := c.Direction
		if dir == "" {
			dir = gapanalysis.Benefit
		}
		ps = append(ps, parameter{
			"Criterion: " + string(c.ID),
			fmt.Sprintf("%s; weight %g; %s; %s", criterionLabel(c), c.Weight, dir, kind),
		})
	}
	if cmp := res.Progress; cmp != nil {
		ps = append(ps, parameter{"Baseline", cmp.OldLabel}, parameter{"Current wave", cmp.NewLabel},
			parameter{"Paired delta samples", cmp.Samples})
		if cmp.Samples > 0 {
			ps = append(ps, parameter{"Paired delta seed", seedValue(cmp.Seed)})
		}
	}
	if len(res.KnownIssues) > 0 {
		ps = append(ps, parameter{"Known-issues register", res.KnownIssues[0].At.File},
			parameter{"Known issues read", len(res.KnownIssues)})
	}
	ps = append(ps, panelParameters(res)...)
	u := cfg.Uncertainty
	ps = append(ps,
		parameter{"Monte Carlo samples", samplesRun(res)},
		parameter{"Random seed", seedValue(firstNonZero(res.Meta.Seed, u.Seed))},
		parameter{"Uncertainty: partial range", floats(u.Partial)},
		parameter{"Uncertainty: weight jitter", u.WeightJitter},
		parameter{"Uncertainty: criteria jitter", u.CriteriaJitter},
		parameter{"Uncertainty: missing rules", joinStrings(u.MissingRules)},
		parameter{"Uncertainty: methods", strings.Join(u.Methods, ", ")},
		parameter{"Uncertainty: Sobol base samples", u.Sobol},
		parameter{"Uncertainty: bootstrap resamples", bootstrapResamples(res)},
	)
	statuses := make([]string, 0, len(cfg.Vocabulary))
	for st := range cfg.Vocabulary {
		statuses = append(statuses, st)
	}
	sort.Strings(statuses)
	for _, st := range statuses {
		ps = append(ps, parameter{"Vocabulary: " + st, strings.Join(cfg.Vocabulary[st], "; ")})
	}
	return ps
}

// seedValue returns a seed as an int when a spreadsheet number holds it exactly,
// else as text.
func seedValue(seed uint64) any {
	if seed <= 1<<53 {
		return int(seed)
	}
	return strconv.FormatUint(seed, 10)
}

func firstNonZero(a, b uint64) uint64 {
	if a != 0 {
		return a
	}
	return b
}

func floats(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(parts, " – ")
}

func joinStrings[S ~string](v []S) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = string(x)
	}
	return strings.Join(parts, ", ")
}

// gapsClosed lists the gaps a measure would close as "AT: D-3.4, D-5.2; BE: D-3.4".
func gapsClosed(gs []gapanalysis.GapRef) string {
	var b strings.Builder
	for i, g := range gs {
		switch {
		case i == 0:
		case gs[i-1].Country != g.Country:
			b.WriteString("; ")
		default:
			b.WriteString(", ")
		}
		if i == 0 || gs[i-1].Country != g.Country {
			b.WriteString(string(g.Country) + ": ")
		}
		b.WriteString(string(g.Item))
	}
	return b.String()
}

// samplesRun is the number of Monte Carlo samples behind the result: 0 when the
// analysis did not run, whatever the config asks.
func samplesRun(res *gapanalysis.Result) int {
	if res.Uncertainty != nil && res.Uncertainty.Samples > 0 {
		return res.Uncertainty.Samples
	}
	return res.Meta.Samples
}
