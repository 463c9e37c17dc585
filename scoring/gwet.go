package scoring

import "fmt"

// GwetAC1 returns Gwet's (2008) first-order agreement coefficient AC1 of units
// rated by a varying number of raters into q nominal categories:
// counts[i][k] = r_ik is the number of raters who put unit i in category k,
// and r_i = Σ_k r_ik. Units with r_i < 2 are left out (a single rating agrees
// with nothing, and it does not enter π either). Over the n remaining units,
//
//	p_a = (1/n) Σ_i Σ_k r_ik(r_ik − 1) / (r_i(r_i − 1)),
//	π_k = (1/n) Σ_i r_ik/r_i,
//	p_e = Σ_k π_k(1 − π_k)/(q − 1),
//	AC1 = (p_a − p_e)/(1 − p_e).
//
// p_a is the mean share of agreeing rater pairs per unit, so a unit counts as
// much with 2 raters as with 6. Unlike κ, AC1 stays high when agreement is
// high but one category dominates (p_e ≤ 1/q never reaches 1), which is why it
// suits survey answers where most items are "full". AC1 is 1 for perfect
// agreement.
//
// Note that Gwet's R package irrCAC (gwet.ac1.raw) averages π over all rated
// units, including those rated once; here they are left out, as SPEC 14 says.
//
// Errors: a negative count wraps ErrRating; no unit with 2 or more raters
// wraps ErrUndefined. It panics if q < 2 or a row of counts does not have q
// entries.
func GwetAC1(counts [][]int, q int) (float64, error) {
	if q < 2 {
		panic("scoring: GwetAC1: q < 2")
	}
	pi := make([]float64, q)
	var pa float64
	n := 0
	for i, row := range counts {
		if len(row) != q {
			panic(fmt.Sprintf("scoring: GwetAC1: len(counts[%d]) != q", i))
		}
		r := 0
		for k, c := range row {
			if c < 0 {
				return 0, dataErr(ErrRating, "GwetAC1: counts[%d][%d] = %d is negative", i, k, c)
			}
			r += c
		}
		if r < 2 {
			continue
		}
		n++
		rf := float64(r)
		for k, c := range row {
			x := float64(c)
			pa += x * (x - 1) / (rf * (rf - 1))
			pi[k] += x / rf
		}
	}
	if n == 0 {
		return 0, dataErr(ErrUndefined, "GwetAC1: no unit with 2 or more raters")
	}
	pa /= float64(n)
	var pe float64
	for k := range pi {
		p := pi[k] / float64(n)
		pe += p * (1 - p)
	}
	pe /= float64(q - 1)
	return (pa - pe) / (1 - pe), nil
}
