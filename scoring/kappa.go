package scoring

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// KappaWeighting chooses the agreement weights of CohenKappa.
type KappaWeighting int

const (
	// Unweighted counts only identical ratings as agreement: w_ij = 1 if i = j,
	// else 0 (Cohen, 1960).
	Unweighted KappaWeighting = iota
	// LinearWeights gives partial credit falling linearly with the distance
	// between categories: w_ij = 1 − |i − j|/(k − 1) (Cicchetti and Allison, 1971).
	LinearWeights
	// QuadraticWeights gives partial credit falling with the squared distance:
	// w_ij = 1 − (i − j)²/(k − 1)² (Fleiss and Cohen, 1973).
	QuadraticWeights
)

// String returns "unweighted", "linear" or "quadratic".
func (w KappaWeighting) String() string {
	switch w {
	case Unweighted:
		return "unweighted"
	case LinearWeights:
		return "linear"
	case QuadraticWeights:
		return "quadratic"
	}
	return fmt.Sprintf("KappaWeighting(%d)", int(w))
}

// weight returns the agreement weight w_ij of categories i and j out of k.
func (w KappaWeighting) weight(i, j, k int) float64 {
	if i == j {
		return 1
	}
	if k < 2 {
		return 0
	}
	d := math.Abs(float64(i-j)) / float64(k-1)
	switch w {
	case Unweighted:
		return 0
	case LinearWeights:
		return 1 - d
	case QuadraticWeights:
		return 1 - d*d
	}
	panic(fmt.Sprintf("scoring: CohenKappa: unknown weighting %d", int(w)))
}

// CohenKappa returns Cohen's κ of two raters who rated the same units: a[u] and
// b[u] are the categories 0…k−1 that raters A and B gave unit u. With the
// proportions p_ij of units rated i by A and j by B, the margins p_i· and p_·j,
// and the agreement weights w_ij of w,
//
//	p_o = Σ_ij w_ij p_ij,  p_e = Σ_ij w_ij p_i· p_·j,  κ = (p_o − p_e)/(1 − p_e).
//
// Unweighted is Cohen's (1960) κ; LinearWeights and QuadraticWeights are the
// weighted κ of Cohen (1968), for ordered categories (with quadratic weights
// κ approaches the intraclass correlation, Fleiss and Cohen 1973). κ is 1 for perfect
// agreement, 0 for agreement at chance level, negative below it, and does not
// change when a and b are swapped.
//
// Errors: a category outside 0…k−1 wraps ErrRating; no units, or p_e = 1 (both
// raters used one and the same category throughout, so agreement cannot be
// told from chance), wraps ErrUndefined. It panics if len(a) != len(b), k < 1
// or w is not one of the constants.
func CohenKappa(a, b []int, k int, w KappaWeighting) (float64, error) {
	if len(a) != len(b) {
		panic("scoring: CohenKappa: len(a) != len(b)")
	}
	if k < 1 {
		panic("scoring: CohenKappa: k < 1")
	}
	if w < Unweighted || w > QuadraticWeights {
		panic(fmt.Sprintf("scoring: CohenKappa: unknown weighting %d", int(w)))
	}
	if len(a) == 0 {
		return 0, dataErr(ErrUndefined, "CohenKappa: no units")
	}
	table := make([]float64, k*k)
	ma, mb := make([]float64, k), make([]float64, k)
	for u := range a {
		if a[u] < 0 || a[u] >= k {
			return 0, dataErr(ErrRating, "CohenKappa: a[%d] = %d is not a category 0…%d", u, a[u], k-1)
		}
		if b[u] < 0 || b[u] >= k {
			return 0, dataErr(ErrRating, "CohenKappa: b[%d] = %d is not a category 0…%d", u, b[u], k-1)
		}
		table[a[u]*k+b[u]]++
		ma[a[u]]++
		mb[b[u]]++
	}
	n := float64(len(a))
	var po, pe float64
	for i := range k {
		for j := range k {
			wij := w.weight(i, j, k)
			po += wij * table[i*k+j] / n
			pe += wij * (ma[i] / n) * (mb[j] / n)
		}
	}
	if pe >= 1-1e-12 {
		return 0, dataErr(ErrUndefined, "CohenKappa: chance agreement is 1 (no variation in the ratings)")
	}
	return (po - pe) / (1 - pe), nil
}

// FleissResult is Fleiss' κ with its test statistics.
type FleissResult struct {
	// Kappa is Fleiss' κ over all categories.
	Kappa float64
	// Z is κ divided by its standard error under the hypothesis of no
	// agreement beyond chance, and P the two-sided p-value of Z under the
	// standard normal distribution.
	Z, P float64
	// PerCategory holds κ_j, the agreement on category j against all others,
	// and PerCategoryZ its z statistic; both are NaN for a category that no
	// rater used, or that every rater used for every unit (p_j q_j = 0).
	PerCategory  []float64
	PerCategoryZ []float64
}

// FleissKappa returns Fleiss' (1971) κ for N units each rated by the same
// number n ≥ 2 of raters (not necessarily the same raters) into k nominal
// categories: counts[i][j] is the number of raters who put unit i in category
// j. With p_j = Σ_i n_ij/(N n), q_j = 1 − p_j,
//
//	P_i = (Σ_j n_ij² − n)/(n(n − 1)),  P̄ = mean of P_i,  P̄_e = Σ_j p_j²,
//	κ = (P̄ − P̄_e)/(1 − P̄_e),
//	κ_j = 1 − Σ_i n_ij(n − n_ij) / (N n(n − 1) p_j q_j).
//
// The standard errors under the null hypothesis are those of Fleiss, Nee and
// Landis (1979):
//
//	se(κ)   = sqrt(2/(N n(n−1))) · sqrt((Σ p_j q_j)² − Σ p_j q_j(q_j − p_j)) / Σ p_j q_j,
//	se(κ_j) = sqrt(2/(N n(n−1))),
//
// Z = κ/se(κ), Z_j = κ_j/se(κ_j), P = 2(1 − Φ(|Z|)).
//
// Errors: no units, or P̄_e = 1 (all ratings in one category), wraps
// ErrUndefined; a negative count, a unit with fewer than 2 raters or with a
// number of raters different from the first unit's wraps ErrRating. It panics
// if the rows of counts differ in length or have no category.
func FleissKappa(counts [][]int) (FleissResult, error) {
	if len(counts) == 0 {
		return FleissResult{}, dataErr(ErrUndefined, "FleissKappa: no units")
	}
	k := len(counts[0])
	if k == 0 {
		panic("scoring: FleissKappa: no categories")
	}
	raters := -1
	for i, row := range counts {
		if len(row) != k {
			panic("scoring: FleissKappa: rows of counts differ in length")
		}
		sum := 0
		for j, c := range row {
			if c < 0 {
				return FleissResult{}, dataErr(ErrRating, "FleissKappa: counts[%d][%d] = %d is negative", i, j, c)
			}
			sum += c
		}
		if raters < 0 {
			raters = sum
		}
		if sum != raters {
			return FleissResult{}, dataErr(ErrRating, "FleissKappa: unit %d has %d raters, unit 0 has %d", i, sum, raters)
		}
	}
	if raters < 2 {
		return FleissResult{}, dataErr(ErrRating, "FleissKappa: %d rater(s) per unit, need at least 2", raters)
	}
	N, n := float64(len(counts)), float64(raters)
	p := make([]float64, k)
	disagree := make([]float64, k) // Σ_i n_ij (n − n_ij)
	var pbar float64
	for _, row := range counts {
		var sq float64
		for j, c := range row {
			x := float64(c)
			p[j] += x
			sq += x * x
			disagree[j] += x * (n - x)
		}
		pbar += (sq - n) / (n * (n - 1))
	}
	pbar /= N
	var pe, spq, spqqp float64
	for j := range p {
		p[j] /= N * n
		q := 1 - p[j]
		pe += p[j] * p[j]
		spq += p[j] * q
		spqqp += p[j] * q * (q - p[j])
	}
	if pe >= 1-1e-12 {
		return FleissResult{}, dataErr(ErrUndefined, "FleissKappa: all ratings fall in one category")
	}
	res := FleissResult{
		Kappa:        (pbar - pe) / (1 - pe),
		PerCategory:  make([]float64, k),
		PerCategoryZ: make([]float64, k),
	}
	c := math.Sqrt(2 / (N * n * (n - 1)))
	se := c * math.Sqrt(spq*spq-spqqp) / spq
	res.Z = res.Kappa / se
	res.P = 2 * distuv.UnitNormal.Survival(math.Abs(res.Z))
	for j := range p {
		pq := p[j] * (1 - p[j])
		if pq <= 0 {
			res.PerCategory[j], res.PerCategoryZ[j] = math.NaN(), math.NaN()
			continue
		}
		res.PerCategory[j] = 1 - disagree[j]/(N*n*(n-1)*pq)
		res.PerCategoryZ[j] = res.PerCategory[j] / c
	}
	return res, nil
}
