package scoring

import (
	"fmt"

	"gonum.org/v1/gonum/stat/distuv"
)

// KendallWResult is Kendall's coefficient of concordance with its χ² test.
type KendallWResult struct {
	// W is the tie-corrected coefficient, 0 (no agreement) to 1 (identical
	// rankings).
	W float64
	// Chi2 = Raters·(Objects − 1)·W is approximately χ²-distributed with DF =
	// Objects − 1 degrees of freedom when the raters rank at random, and P is
	// the upper-tail probability P(χ²_DF ≥ Chi2).
	Chi2, P float64
	DF      int
	// Raters and Objects are m and n, the rows and columns of the scores.
	Raters, Objects int
}

// KendallW returns Kendall's coefficient of concordance W (Kendall and
// Babington Smith, 1939) of m raters who each scored the same n objects:
// scores[i][j] is rater i's score of object j (any scale: only the order
// within a row matters; higher or lower first makes no difference to W). Each
// row is ranked 1…n with mid-ranks for ties (MidRanks); with R_j the sum of
// object j's ranks and T_i = Σ (t³ − t) over the groups of t tied scores of
// rater i,
//
//	S = Σ_j (R_j − m(n + 1)/2)²,
//	W = 12 S / (m²(n³ − n) − m Σ_i T_i),
//	χ² = m(n − 1) W,  df = n − 1,  P = 1 − F_χ²(df)(χ²).
//
// The χ² approximation suits n > 7 or so; with fewer objects P is rough.
//
// Errors: a NaN or infinite score wraps ErrNonFinite; fewer than 2 raters or 2
// objects, or every rater giving every object the same score (the denominator
// is 0), wraps ErrUndefined. It panics if the rows differ in length.
func KendallW(scores [][]float64) (KendallWResult, error) {
	m := len(scores)
	n := 0
	if m > 0 {
		n = len(scores[0])
	}
	for _, row := range scores {
		if len(row) != n {
			panic("scoring: KendallW: rows of scores differ in length")
		}
	}
	if m < 2 || n < 2 {
		return KendallWResult{}, dataErr(ErrUndefined, "KendallW: %d rater(s) and %d object(s), need at least 2 of each", m, n)
	}
	sums := make([]float64, n)
	ranks := make([]float64, n)
	var ties float64
	for i, row := range scores {
		if err := checkFinite(fmt.Sprintf("KendallW: scores[%d]", i), row); err != nil {
			return KendallWResult{}, err
		}
		if _, err := MidRanks(ranks, row); err != nil {
			return KendallWResult{}, err
		}
		for j, r := range ranks {
			sums[j] += r
		}
		ties += tieSum(ranks)
	}
	mf, nf := float64(m), float64(n)
	mean := mf * (nf + 1) / 2
	var s float64
	for _, r := range sums {
		s += (r - mean) * (r - mean)
	}
	den := mf*mf*(nf*nf*nf-nf) - mf*ties
	if den <= 1e-9*mf*mf*(nf*nf*nf-nf) {
		return KendallWResult{}, dataErr(ErrUndefined, "KendallW: every rater gives every object the same score")
	}
	res := KendallWResult{W: 12 * s / den, DF: n - 1, Raters: m, Objects: n}
	res.Chi2 = mf * (nf - 1) * res.W
	res.P = distuv.ChiSquared{K: float64(res.DF)}.Survival(res.Chi2)
	return res, nil
}

// tieSum returns Σ (t³ − t) over the groups of t equal values in ranks
// (mid-ranks, so tied values are exactly equal).
func tieSum(ranks []float64) float64 {
	seen := make(map[float64]float64, len(ranks))
	for _, r := range ranks {
		seen[r]++
	}
	var t float64
	for _, c := range seen {
		t += c*c*c - c
	}
	return t
}
