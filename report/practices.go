package report

import (
	"fmt"
	"io"
	"iter"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// SheetPractices is the name of the practice inventory sheet (SPEC 13).
const SheetPractices = "Practices"

// themeLeaderCount is the number of leading countries listed per theme: the
// countries with the highest theme score (known and above 0), ties by code.
const themeLeaderCount = 3

// markdownLargestGaps is the number of gaps listed, with their exemplars, in the
// Markdown summary.
const markdownLargestGaps = 10

// practiceRow is one row of the practice inventory: a country at full on an
// item, or (a nil assessment) an item on which no country is at full.
type practiceRow struct {
	item  *gapanalysis.Item
	theme *gapanalysis.Theme
	nFull int
	a     *gapanalysis.Assessment
}

// atFull reports whether the merged answer is applicable, known and at full
// (s = 1, SPEC 13), as Analyze decides it for exemplars and adopters.
func atFull(a *gapanalysis.Assessment) bool {
	return a != nil && a.Applicable && known(a.Score) && a.Score.Value >= 1
}

// hasPractices reports whether some country is at full on some item: the
// Practices sheet has content.
func hasPractices(res *gapanalysis.Result) bool {
	for i := range res.Assessments {
		if atFull(&res.Assessments[i]) {
			return true
		}
	}
	return false
}

// practiceRows lists, per checklist item in checklist order, the countries at
// full on it in code order; an item on which no country is at full has one row
// without a country.
func practiceRows(res *gapanalysis.Result) []practiceRow {
	cl := res.Checklist
	byItem := map[gapanalysis.ItemID][]*gapanalysis.Assessment{}
	for i := range res.Assessments {
		if a := &res.Assessments[i]; atFull(a) {
			byItem[a.Item] = append(byItem[a.Item], a)
		}
	}
	var rows []practiceRow
	for _, it := range cl.Items() {
		full := byItem[it.ID]
		sort.SliceStable(full, func(i, j int) bool { return full[i].Country < full[j].Country })
		theme := cl.ThemeOf(it.ID)
		if len(full) == 0 {
			rows = append(rows, practiceRow{item: it, theme: theme})
			continue
		}
		for _, a := range full {
			rows = append(rows, practiceRow{item: it, theme: theme, nFull: len(full), a: a})
		}
	}
	return rows
}

// themeLeader is a country leading a theme, with its theme score (0–100).
type themeLeader struct {
	country gapanalysis.CountryCode
	score   float64
}

// themeLeaders returns, per theme, the themeLeaderCount countries with the
// highest known theme score above 0, highest first, ties (within 1e-9) by code.
func themeLeaders(res *gapanalysis.Result) map[gapanalysis.ThemeID][]themeLeader {
	out := map[gapanalysis.ThemeID][]themeLeader{}
	for _, t := range res.Checklist.Themes() {
		var ls []themeLeader
		for _, c := range res.Countries {
			if s := c.Themes[t.ID]; known(s) && s.Value > 0 {
				ls = append(ls, themeLeader{c.Code, s.Value})
			}
		}
		sort.Slice(ls, func(i, j int) bool {
			if math.Abs(ls[i].score-ls[j].score) > 1e-9 {
				return ls[i].score > ls[j].score
			}
			return ls[i].country < ls[j].country
		})
		if len(ls) > themeLeaderCount {
			ls = ls[:themeLeaderCount]
		}
		out[t.ID] = ls
	}
	return out
}

// leadersText writes theme leaders as "SE (95.0), FI (90.0)".
func leadersText(ls []themeLeader) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = fmt.Sprintf("%s (%s)", l.country, strconv.FormatFloat(math.Round(l.score*10)/10, 'f', 1, 64))
	}
	return strings.Join(parts, ", ")
}

// leaderCodes writes theme leaders' codes as "SE, FI".
func leaderCodes(ls []themeLeader) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = string(l.country)
	}
	return strings.Join(parts, ", ")
}

// themeLabel returns a theme's title, or its ID when it has none.
func themeLabel(t *gapanalysis.Theme) string {
	if t == nil {
		return ""
	}
	return firstNonEmpty(t.Title, string(t.ID))
}

// practices writes the Practices sheet: one row per (item, country at full) in
// checklist then code order, with the item, the number of countries at full,
// the country's evidence, comment and source cells, its score on the item's
// theme and the theme's leading countries; an item without any country at full
// has one row with N at full 0 and no country.
func (b *book) practices(s *sheetWriter) {
	res, st := b.res, b.st
	s.header(1, "ID", "Ref", "Title", "Theme", "Obligation", "N at full", "Country", "Evidence", "Comment", "Source",
		"Theme score", "Theme leaders")
	leaders := themeLeaders(res)
	themes := map[gapanalysis.CountryCode]map[gapanalysis.ThemeID]gapanalysis.Score{}
	for _, c := range res.Countries {
		themes[c.Code] = c.Themes
	}
	for i, p := range practiceRows(res) {
		r := i + 2
		s.text(1, r, string(p.item.ID), st.text)
		s.text(2, r, p.item.Ref, st.text)
		s.text(3, r, p.item.Title, st.text)
		s.text(4, r, themeLabel(p.theme), st.text)
		s.text(5, r, string(p.item.Obligation), st.text)
		s.integer(6, r, p.nFull)
		if p.a != nil {
			s.text(7, r, string(p.a.Country), st.text)
			s.text(8, r, p.a.Evidence, st.text)
			s.text(9, r, p.a.Comment, st.text)
			s.text(10, r, joinSources(p.a.Sources), st.text)
			if p.theme != nil {
				s.score(11, r, themes[p.a.Country][p.theme.ID], st.dec1)
			}
		}
		if p.theme != nil {
			s.text(12, r, leadersText(leaders[p.theme.ID]), st.text)
		}
	}
	s.table(12, 1)
}

// exemplarCodes writes the exemplars' codes as "SE, FI, NL".
func exemplarCodes(ex []gapanalysis.Exemplar) string {
	parts := make([]string, len(ex))
	for i, e := range ex {
		parts[i] = string(e.Country)
	}
	return strings.Join(parts, ", ")
}

// exemplarEvidence writes each exemplar's evidence and source cells as
// "SE: <evidence> [file!sheet!cell]; FI: …", with "(no evidence given)" for an
// exemplar whose answer cites none, and no brackets when it has no source.
func exemplarEvidence(ex []gapanalysis.Exemplar) string {
	parts := make([]string, len(ex))
	for i, e := range ex {
		p := string(e.Country)
		ev := strings.Join(strings.Fields(e.Evidence), " ")
		if ev == "" {
			ev = "(no evidence given)"
		}
		p += ": " + ev
		if src := joinSources(e.Sources); src != "" {
			p += " [" + src + "]"
		}
		parts[i] = p
	}
	return strings.Join(parts, "; ")
}

// peersText writes peers as "AT (0.93), DE (0.91)".
func peersText(ps []gapanalysis.Peer) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%s)", p.Country, strconv.FormatFloat(p.Similarity, 'f', 2, 64))
	}
	return strings.Join(parts, ", ")
}

// peerCodes writes the peers' codes as "AT, DE".
func peerCodes(ps []gapanalysis.Peer) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = string(p.Country)
	}
	return strings.Join(parts, ", ")
}

// similarities writes similarities in full precision, joined by ", ".
func similarities[T any](v []T, sim func(T) float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = csvNum(sim(x))
	}
	return strings.Join(parts, ", ")
}

func practicesCSV(res *gapanalysis.Result) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if !yield([]string{"item", "ref", "title", "theme", "obligation", "n_full", "country", "evidence", "comment", "source",
			"theme_score", "theme_leaders"}) {
			return
		}
		leaders := themeLeaders(res)
		themes := map[gapanalysis.CountryCode]map[gapanalysis.ThemeID]gapanalysis.Score{}
		for _, c := range res.Countries {
			themes[c.Code] = c.Themes
		}
		for _, p := range practiceRows(res) {
			var theme, leaderList string
			if p.theme != nil {
				theme, leaderList = string(p.theme.ID), leaderCodes(leaders[p.theme.ID])
			}
			rec := []string{csvText(string(p.item.ID)), csvText(p.item.Ref), csvText(p.item.Title), csvText(theme),
				string(p.item.Obligation), strconv.Itoa(p.nFull)}
			if p.a != nil {
				score := ""
				if p.theme != nil {
					score = csvScore(themes[p.a.Country][p.theme.ID])
				}
				rec = append(rec, csvText(string(p.a.Country)), csvText(p.a.Evidence), csvText(p.a.Comment),
					csvText(joinSources(p.a.Sources)), score)
			} else {
				rec = append(rec, "", "", "", "", "")
			}
			if !yield(append(rec, csvText(leaderList))) {
				return
			}
		}
	}
}

// largestGaps returns up to n gaps by severity, largest first, ties by country
// code and then checklist item order.
func largestGaps(res *gapanalysis.Result, n int) []gapanalysis.Gap {
	order := map[gapanalysis.ItemID]int{}
	for i, it := range res.Checklist.Items() {
		order[it.ID] = i
	}
	gs := append([]gapanalysis.Gap{}, res.Gaps...)
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if math.Abs(a.Severity-b.Severity) > 1e-9 {
			return a.Severity > b.Severity
		}
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		return order[a.Item] < order[b.Item]
	})
	if len(gs) > n {
		gs = gs[:n]
	}
	return gs
}

// writeLargestGaps writes the "Largest gaps and where the item is in place"
// section: the largest gaps with their exemplars (SPEC 13).
func writeLargestGaps(w io.Writer, res *gapanalysis.Result) {
	if len(res.Gaps) == 0 {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	gs := largestGaps(res, markdownLargestGaps)
	p("\n## Largest gaps and where the item is in place\n\n")
	p("The %d largest gaps by severity (index points) and their exemplars: the countries at full on the item, most similar first.\n\n", len(gs))
	p("| Country | Item | Ref | Severity | Exemplars |\n| --- | --- | --- | ---: | --- |\n")
	for _, g := range gs {
		var ref string
		if it := res.Checklist.Item(g.Item); it != nil {
			ref = it.Ref
		}
		ex := exemplarCodes(g.Exemplars)
		if ex == "" {
			ex = "no country at full"
		}
		p("| %s | %s | %s | %s | %s |\n", mdInline(string(g.Country)), mdInline(string(g.Item)), mdInline(ref),
			mdFixed(g.Severity, 2), mdInline(ex))
	}
}
