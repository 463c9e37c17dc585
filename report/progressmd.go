package report

import (
	"github.com/gapstudy/gapstudy/gapanalysis"
)

// maxMarkdownDeltas is the number of countries listed with the largest index
// changes in the Markdown summary.
const maxMarkdownDeltas = 5

// writeProgress writes the "Progress since the baseline" section when the
// result holds a comparison with a baseline.
func writeProgress(p func(string, ...any), res *gapanalysis.Result) {
	cmp := res.Progress
	if cmp == nil {
		return
	}
	h := ProgressHeadline(res)
	p("\n## Progress since the baseline\n\n")
	p("- Baseline: %s\n- Current wave: %s\n\n", mdInline(firstNonEmpty(cmp.OldLabel, "–")), mdInline(firstNonEmpty(cmp.NewLabel, "–")))
	p("| Figure | Value |\n| --- | ---: |\n")
	p("| Gaps closed | %d |\n", h.Closed)
	p("| Gaps still open | %d |\n", h.StillOpen())
	p("| … of which improved | %d |\n", h.Improved)
	p("| … of which unchanged | %d |\n", h.Remaining)
	p("| … of which worsened | %d |\n", h.Worsened)
	p("| New gaps | %d |\n", h.NewGaps)
	p("| Countries improved / worsened / unchanged | %d / %d / %d |\n", h.CountriesImproved, h.CountriesWorsened, h.CountriesUnchanged)

	if top := largestDeltas(cmp, maxMarkdownDeltas); len(top) > 0 {
		p("\n### Largest changes in the index\n\n")
		p("| Code | Country | Baseline | Current | Delta | Delta P5–P95 | P(improved) |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, c := range top {
			interval, pImp := "–", "–"
			if u := c.Uncertainty; u != nil {
				interval = mdSigned(num(u.P05)) + " – " + mdSigned(num(u.P95))
				pImp = mdPercent(num(u.PImproved))
			}
			p("| %s | %s | %s | %s | %s | %s | %s |\n", mdInline(string(c.Code)),
				mdInline(firstNonEmpty(c.Name, gapanalysis.CountryName(c.Code))),
				mdScore(c.IndexOld), mdScore(c.IndexNew), mdSigned(c.Delta), interval, pImp)
		}
	}
	if len(cmp.OnlyOld) > 0 {
		p("\nLeft out, in the baseline's checklist only: %s.\n", mdInline(joinItems(cmp.OnlyOld)))
	}
	if len(cmp.OnlyNew) > 0 {
		p("\nLeft out, in the current checklist only: %s.\n", mdInline(joinItems(cmp.OnlyNew)))
	}
}

// writeKnownIssues writes the "Known issues" section when the result holds a
// known-issues register.
func writeKnownIssues(p func(string, ...any), res *gapanalysis.Result) {
	if res.KnownIssues == nil {
		return
	}
	h := ProgressHeadline(res)
	p("\n## Known issues\n\n")
	p("%d issues read from the register, each judged against the current wave (rows that could not be read are in the diagnostics).\n\n", len(res.KnownIssues))
	p("| Verdict | Issues |\n| --- | ---: |\n")
	for _, v := range AllVerdicts() {
		p("| %s | %d |\n", v, h.Verdicts[v])
	}
}

// mdSigned formats a change with one decimal and its sign (+1.5, −0.3, 0.0), or
// "–" when unknown.
func mdSigned(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	t := mdScore(s)
	switch {
	case t == "0.0" || t == "-0.0":
		return "0.0"
	case t[0] == '-':
		return "−" + t[1:]
	}
	return "+" + t
}
