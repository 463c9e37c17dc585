package gapanalysis

// alphaOrdinal returns Krippendorff's α with the ordinal metric (Krippendorff
// 2011) of units with two or more known answers each:
//
//	o_ck = Σ_u n_uc·(n_uk − [c = k]) / (m_u − 1)   (coincidences)
//	n_c  = Σ_k o_ck,  n = Σ_c n_c
//	δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²       (ordinal metric, c ≤ k)
//	α = 1 − (n − 1)·Σ_{c<k} o_ck·δ²_ck / Σ_{c<k} n_c·n_k·δ²_ck
//
// ok is false when α is undefined: every answer in one category, so that
// there is no variation to measure agreement against (the denominator is 0).
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
			d2 := d * d
			do += o[c][k] * d2
			de += nc[c] * nc[k] * d2
		}
	}
	if de == 0 {
		return 0, false
	}
	return 1 - (n-1)*do/de, true
}

// gwetAC1 returns Gwet's AC1 (Gwet 2008) over q = 3 categories for units with a
// varying number m_u ≥ 2 of answers:
//
//	p_a = mean over the units of Σ_k n_uk·(n_uk − 1) / (m_u·(m_u − 1))
//	π_k = mean over the units of n_uk / m_u
//	p_e = Σ_k π_k·(1 − π_k) / (q − 1)
//	AC1 = (p_a − p_e) / (1 − p_e)
//
// p_e ≤ 1/3 with q = 3, so AC1 is defined whenever there is a unit.
func gwetAC1(units []agreementUnit) (ac1 float64, ok bool) {
	const q = AgreementCategories
	if len(units) == 0 {
		return 0, false
	}
	var pa float64
	var pi [q]float64
	for i := range units {
		m := float64(units[i].respondents())
		for k, n := range units[i].counts {
			pa += float64(n*(n-1)) / (m * (m - 1))
			pi[k] += float64(n) / m
		}
	}
	nu := float64(len(units))
	pa /= nu
	var pe float64
	for k := range pi {
		pi[k] /= nu
		pe += pi[k] * (1 - pi[k])
	}
	pe /= q - 1
	return (pa - pe) / (1 - pe), true
}
