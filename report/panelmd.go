package report

import (
	"fmt"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// writePanel writes the "Expert panel" section of the Markdown summary when
// the result holds a panel (SPEC 14): the size of the panel and its aggregate,
// Kendall's W per criterion the panel rated (with χ², p-value and the number
// of measures rated by every expert; "not defined" where W is not), and how the
// criteria weights were set, with AHP's consistency ratio.
func writePanel(p func(string, ...any), res *gapanalysis.Result) {
	rep := res.Panel
	if rep == nil {
		return
	}
	p("\n## Expert panel\n\n")
	p("Expert criteria: %s", mdInline(gapanalysis.PanelLabel(rep)))
	if rep.Label != "" {
		p(", read from %s", mdInline(rep.Label))
	}
	p(". The panel values replace the checklist's illustrative values.\n\n")
	rated := map[gapanalysis.CriterionID]bool{}
	for _, v := range rep.Values {
		rated[v.Criterion] = true
	}
	p("| Criterion | Kendall's W | χ² | p-value | Measures |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, c := range res.Criteria {
		if !rated[c.ID] {
			continue
		}
		w, ok := rep.KendallW[c.ID]
		if !ok {
			p("| %s | not defined | | | |\n", mdInline(string(c.ID)))
			continue
		}
		p("| %s | %s | %s | %s | %d |\n", mdInline(string(c.ID)), mdFixed(w.W, 3), mdFixed(w.Chi2, 2), mdPValue(w.P), w.NMeasures)
	}
	p("\nKendall's W (0–1) says how alike the experts order the measures, over the measures every expert rated; " +
		"it is not defined with fewer than two such measures or no variation. The Panel sheet has every rating.\n")
	switch res.Meta.WeightsMethod {
	case gapanalysis.WeightsAHP:
		if a := res.Meta.AHP; a != nil {
			p("\nCriteria weights by AHP: λmax %s, CI %s, CR %s", mdFixed(a.LambdaMax, 3), mdFixed(a.CI, 3), mdFixed(a.CR, 3))
			if a.CR > gapanalysis.AHPConsistencyLimit {
				p(" (above %s: the most inconsistent judgement is %s against %s)", mdFixed(gapanalysis.AHPConsistencyLimit, 1),
					mdInline(string(a.WorstA)), mdInline(string(a.WorstB)))
			}
			p("; %s.\n", mdWeights(res))
		}
	case gapanalysis.WeightsEntropy:
		p("\nCriteria weights by entropy of the criteria values: %s.\n", mdWeights(res))
	}
}

// mdWeights lists the normalised criteria weights in criteria order.
func mdWeights(res *gapanalysis.Result) string {
	parts := make([]string, 0, len(res.Criteria))
	for _, c := range res.Criteria {
		parts = append(parts, fmt.Sprintf("%s %s", mdInline(string(c.ID)), mdFixed(res.Meta.CriteriaWeights[c.ID], 3)))
	}
	return strings.Join(parts, ", ")
}

// mdPValue formats a p-value with three decimals, "< 0.001" below that, or "–"
// when not finite.
func mdPValue(p float64) string {
	if finite(p) && p < 0.001 {
		return "< 0.001"
	}
	return mdFixed(p, 3)
}
