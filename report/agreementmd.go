package report

import (
	"strconv"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// writeAgreement writes the "Agreement between respondents" section when some
// (country, item) has answers from two or more respondents to compare: per
// scope (overall, then each country) the units, percent agreement, α and AC1
// with their 95% bootstrap intervals, and the units to reconcile.
func writeAgreement(p func(string, ...any), res *gapanalysis.Result) {
	if !hasAgreement(res) && !hasReconcile(res) {
		return
	}
	ar := res.Agreement
	p("\n## Agreement between respondents\n\n")
	p("Units are (country, item) pairs answered by two or more respondents; 95%% bootstrap intervals in brackets (%d resamples, seed %d); – where undefined.\n\n", ar.Bootstrap, ar.Seed)
	p("| Scope | Units | Percent agreement | Krippendorff's alpha (ordinal) | Gwet's AC1 | To reconcile | Hidden splits |\n")
	p("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range agreementRows(ar) {
		a := r.st
		p("| %s | %d | %s | %s | %s | %d | %d |\n", mdInline(r.code), a.Units,
			mdInterval(a.PercentAgreement, a.PercentAgreementLo, a.PercentAgreementHi, mdPercent),
			mdInterval(a.AlphaOrdinal, a.AlphaOrdinalLo, a.AlphaOrdinalHi, mdCoefficient),
			mdInterval(a.AC1, a.AC1Lo, a.AC1Hi, mdCoefficient), r.reconcile, r.hidden)
	}
	if n := len(ar.Reconcile); n > 0 {
		p("\n%d (country, item) pairs where respondents disagree are listed with each answer and its cell on the workbook's Reconcile sheet", n)
		if h := agreementRows(ar)[0].hidden; h > 0 {
			p("; in %d of them a full and a none merge into a partial (\"%s\" on the Heatmap and Gaps sheets)", h, SplitText)
		}
		p(".\n")
	}
}

// mdInterval formats a statistic with its interval, "0.712 [0.601, 0.804]", or
// "–" when unknown.
func mdInterval(v, lo, hi gapanalysis.Score, format func(gapanalysis.Score) string) string {
	if !known(v) {
		return "–"
	}
	if !known(lo) || !known(hi) {
		return format(v)
	}
	return format(v) + " [" + format(lo) + ", " + format(hi) + "]"
}

// mdCoefficient formats an agreement coefficient with three decimals, or "–"
// when unknown.
func mdCoefficient(s gapanalysis.Score) string {
	if !known(s) {
		return "–"
	}
	return strconv.FormatFloat(s.Value, 'f', 3, 64)
}
