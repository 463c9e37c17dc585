package gapanalysis

import "github.com/gapstudy/gapstudy/scoring"

// alphaOrdinal returns Krippendorff's α with the ordinal metric (Krippendorff
// 2011; scoring.KrippendorffAlpha) of units with two or more known answers
// each, on the ordered categories none < partial < full. ok is false when α is
// undefined: every answer in one category, so that there is no variation to
// measure agreement against (D_e = 0).
func alphaOrdinal(units []agreementUnit) (alpha float64, ok bool) {
	values := make([][]float64, len(units))
	for i := range units {
		values[i] = units[i].values
	}
	a, err := scoring.KrippendorffAlpha(values, scoring.OrdinalMetric)
	return a, err == nil
}

// gwetAC1 returns Gwet's AC1 (Gwet 2008; scoring.GwetAC1) over the q = 3
// categories for units with a varying number m_u ≥ 2 of answers. p_e ≤ 1/3
// with q = 3, so AC1 is defined whenever there is a unit; ok is false when
// there is none.
func gwetAC1(units []agreementUnit) (ac1 float64, ok bool) {
	counts := make([][]int, len(units))
	for i := range units {
		counts[i] = units[i].counts[:]
	}
	a, err := scoring.GwetAC1(counts, AgreementCategories)
	return a, err == nil
}
