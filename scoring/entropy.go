package scoring

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
)

// ErrNegative is returned, wrapped, by EntropyWeights for a negative value:
// entropy weights treat each criterion's values as shares of its total.
var ErrNegative = errors.New("scoring: negative value")

// EntropyWeights returns objective criteria weights by the entropy method
// (Shannon's entropy as used in multi-criteria analysis, e.g. Hwang and Yoon
// 1981): x holds n alternatives in rows and the raw, non-negative values of m
// criteria in columns. For each criterion k,
//
//	p_jk = x_jk / Σ_j x_jk,
//	E_k = −(1/ln n) Σ_j p_jk ln p_jk   (0·ln 0 = 0; 0 ≤ E_k ≤ 1),
//	w_k = (1 − E_k) / Σ_l (1 − E_l).
//
// A criterion whose values are all equal has E_k = 1 and weight 0: it does
// not tell the alternatives apart. A column of zeros is treated the same way
// (E_k = 1, weight 0), as all its values are equal, rather than as an error.
// A criterion that only one alternative has (one value > 0, the others 0)
// has E_k = 0, the most weight. Only the shape of a column matters: scaling
// it by a positive factor leaves the weights unchanged. Cost criteria are not
// flipped.
//
// Errors: a NaN or infinite value wraps ErrNonFinite; a negative value wraps
// ErrNegative; fewer than 2 alternatives (ln n = 0), no criteria, or every
// criterion with E_k = 1 (nothing to weigh) wraps ErrUndefined. It panics if x
// is nil.
func EntropyWeights(x *mat.Dense) ([]float64, error) {
	if x == nil {
		panic("scoring: EntropyWeights: nil matrix")
	}
	n, m := x.Dims()
	for j := range n {
		for k := range m {
			v := x.At(j, k)
			if !finite(v) {
				return nil, nonFinite(nil, "EntropyWeights: x[%d][%d] is %g", j, k, v)
			}
			if v < 0 {
				return nil, dataErr(ErrNegative, "EntropyWeights: x[%d][%d] = %g is negative", j, k, v)
			}
		}
	}
	if n < 2 || m < 1 {
		return nil, dataErr(ErrUndefined, "EntropyWeights: %d alternative(s) and %d criteria, need at least 2 and 1", n, m)
	}
	lnN := math.Log(float64(n))
	w := make([]float64, m)
	var total float64
	for k := range m {
		var sum float64
		for j := range n {
			sum += x.At(j, k)
		}
		if sum == 0 {
			continue // a column of zeros: E = 1, weight 0
		}
		var h float64
		for j := range n {
			if p := x.At(j, k) / sum; p > 0 {
				h -= p * math.Log(p)
			}
		}
		d := 1 - h/lnN
		if d < 1e-12 {
			d = 0 // all values equal, up to rounding
		}
		w[k] = d
		total += d
	}
	if total == 0 {
		return nil, dataErr(ErrUndefined, "EntropyWeights: every criterion has equal values for all alternatives")
	}
	for k := range w {
		w[k] /= total
	}
	return w, nil
}
