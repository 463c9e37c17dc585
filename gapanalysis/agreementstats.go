package gapanalysis

import "github.com/gapstudy/gapstudy/scoring"

// alphaOrdinal returns Krippendorff's α with the ordinal metric (Krippendorff
// 2011) of units with two or more known answers each, on the ordered
// categories none < partial < full. ok is false when α is undefined: every
// answer in one category, so that there is no variation to measure agreement
// against (D_e = 0).
//
// It is scoring.KrippendorffAlpha with scoring.OrdinalMetric on the units'
// answers (the tests hold them equal), computed from each unit's category
// counts instead of its answers, so that a resample of the bootstrap costs
// O(units) whatever the number of respondents (a survey-tool export can have
// thousands per country):
//
//	o_ck = Σ_u n_uc·(n_uk − [c = k]) / (m_u − 1)   (coincidences)
//	n_c  = Σ_k o_ck,  n = Σ_c n_c
//	δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²       (ordinal metric, c ≤ k)
//	α = 1 − (n − 1)·Σ_{c<k} o_ck·δ²_ck / Σ_{c<k} n_c·n_k·δ²_ck
func alphaOrdinal(units []agreementUnit) (alpha float64, ok bool) {
	const q = AgreementCategories
	var o [q][q]float64
	for i := range units {
		cnt := units[i].counts
		m := float64(units[i].respondents())
		for c := range q {
			for k := range q {
				pairs := float64(cnt[c] * cnt[k])
				if c == k {
					pairs = float64(cnt[c] * (cnt[c] - 1))
				}
				o[c][k] += pairs / (m - 1)
			}
		}
	}
	var nc [q]float64
	var n float64
	for c := range q {
		for k := range q {
			nc[c] += o[c][k]
		}
		n += nc[c]
	}
	var do, de float64
	for c := range q {
		for k := c + 1; k < q; k++ {
			var s float64
			for g := c; g <= k; g++ {
				s += nc[g]
			}
			d := s - (nc[c]+nc[k])/2
			do += o[c][k] * d * d
			de += nc[c] * nc[k] * d * d
		}
	}
	if de <= 0 {
		return 0, false
	}
	return 1 - (n-1)*do/de, true
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
