package scoring

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// ErrPairwise is returned, wrapped, for a pairwise comparison matrix or a set
// of judgements that the analytic hierarchy process cannot use: not square, a
// value that is not positive, not reciprocal, outside Saaty's 1/9…9 scale, a
// pair missing or given twice, matrices of different sizes, more than 10
// criteria.
var ErrPairwise = errors.New("scoring: invalid pairwise comparisons")

// saatyRI is Saaty's random consistency index RI for n = 0…10 criteria (0 for
// n ≤ 2, where every reciprocal matrix is consistent).
var saatyRI = [...]float64{0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49}

// ahpReciprocalTol is how far a_ij·a_ji may be from 1 (and a_ii from 1): 2 %,
// so that reciprocals typed with two decimals (0.33 for 1/3, 0.11 for 1/9) are
// accepted.
const ahpReciprocalTol = 0.02

// AHPResult is the outcome of the analytic hierarchy process for one pairwise
// comparison matrix.
type AHPResult struct {
	// Weights is the principal eigenvector, normalised to sum 1; all weights
	// are positive.
	Weights []float64
	// LambdaMax is the principal eigenvalue λmax (≥ n; n for a consistent
	// matrix).
	LambdaMax float64
	// CI = (λmax − n)/(n − 1) is the consistency index and CR = CI/RI the
	// consistency ratio; both are 0 for n ≤ 2. A CR above 0.1 is
	// conventionally too inconsistent (Saaty 1980).
	CI, CR float64
}

// Judgement is one pairwise comparison: criterion A is Value times as
// important as criterion B (Saaty's scale 1/9…9: 1 equal, 3 moderate, 5
// strong, 7 very strong, 9 extreme importance of A over B; 1/3 … 1/9 the
// reverse). A and B are 0-based criterion indices.
type Judgement struct {
	A, B  int
	Value float64
}

// AHP returns the weights of the n criteria of the pairwise comparison matrix m
// (a_ij: how many times criterion i is as important as j, a_ji = 1/a_ij,
// a_ii = 1) by Saaty's (1980) eigenvector method: the weights are the
// principal right eigenvector of m (computed with gonum's mat.Eigen),
// normalised to sum 1, λmax its eigenvalue, CI = (λmax − n)/(n − 1) and
// CR = CI/RI with Saaty's random index RI = 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
// 1.45, 1.49 for n = 3…10. For n ≤ 2, CI = CR = 0; a CI below 0 from rounding
// (λmax ≥ n in exact arithmetic) is reported as 0.
//
// Errors: a NaN or infinite entry wraps ErrNonFinite; a matrix that is not
// square, an entry ≤ 0, a diagonal entry other than 1 or a pair with
// |a_ij·a_ji − 1| > 0.02, or more than 10 criteria (no random index), wraps
// ErrPairwise. It panics if m is nil.
func AHP(m *mat.Dense) (AHPResult, error) {
	if m == nil {
		panic("scoring: AHP: nil matrix")
	}
	if err := checkPairwise("AHP", m); err != nil {
		return AHPResult{}, err
	}
	n, _ := m.Dims()
	if n > 10 {
		return AHPResult{}, dataErr(ErrPairwise, "AHP: %d criteria; Saaty's random index is given for at most 10", n)
	}
	if n == 1 {
		return AHPResult{Weights: []float64{1}, LambdaMax: 1}, nil
	}
	var eig mat.Eigen
	if !eig.Factorize(m, mat.EigenRight) {
		return AHPResult{}, dataErr(ErrPairwise, "AHP: the eigen decomposition did not converge")
	}
	vals := eig.Values(nil)
	best := 0
	for i, v := range vals {
		if real(v) > real(vals[best]) {
			best = i
		}
	}
	var vecs mat.CDense
	eig.VectorsTo(&vecs)
	w := make([]float64, n)
	var sum float64
	for i := range n {
		w[i] = real(vecs.At(i, best))
		sum += w[i]
	}
	for i := range w {
		w[i] = math.Abs(w[i] / sum)
	}
	lambda := real(vals[best])
	if math.Abs(imag(vals[best])) > 1e-9*cmplx.Abs(vals[best]) {
		return AHPResult{}, dataErr(ErrPairwise, "AHP: no real principal eigenvalue")
	}
	res := AHPResult{Weights: w, LambdaMax: lambda}
	if n > 2 {
		res.CI = math.Max(0, (lambda-float64(n))/float64(n-1))
		res.CR = res.CI / saatyRI[n]
	}
	return res, nil
}

// checkPairwise returns an error if m is not a square, positive, reciprocal
// matrix with a unit diagonal.
func checkPairwise(fn string, m *mat.Dense) error {
	r, c := m.Dims()
	if r != c {
		return dataErr(ErrPairwise, "%s: the matrix is %d×%d, not square", fn, r, c)
	}
	for i := range r {
		for j := range c {
			v := m.At(i, j)
			if !finite(v) {
				return nonFinite([]error{ErrPairwise}, "%s: a[%d][%d] is %g", fn, i, j, v)
			}
			if v <= 0 {
				return dataErr(ErrPairwise, "%s: a[%d][%d] = %g is not positive", fn, i, j, v)
			}
		}
	}
	for i := range r {
		if math.Abs(m.At(i, i)-1) > ahpReciprocalTol {
			return dataErr(ErrPairwise, "%s: a[%d][%d] = %g, the diagonal must be 1", fn, i, i, m.At(i, i))
		}
		for j := i + 1; j < c; j++ {
			if p := m.At(i, j) * m.At(j, i); math.Abs(p-1) > ahpReciprocalTol {
				return dataErr(ErrPairwise, "%s: a[%d][%d] = %g and a[%d][%d] = %g are not reciprocal", fn, i, j, m.At(i, j), j, i, m.At(j, i))
			}
		}
	}
	return nil
}

// AHPMatrix builds the n×n pairwise comparison matrix from judgements, each
// pair of distinct criteria given once in either order (a_AB = Value,
// a_BA = 1/Value, a_ii = 1). Value must lie on Saaty's scale from 1/9 to 9
// (0.111 is accepted for 1/9).
//
// Errors: a NaN or infinite value wraps ErrNonFinite; a criterion index
// outside 0…n−1, A = B, a value outside the scale, a pair given twice or a
// pair missing wraps ErrPairwise and names the pair. It panics if n < 1.
func AHPMatrix(n int, judgements []Judgement) (*mat.Dense, error) {
	if n < 1 {
		panic("scoring: AHPMatrix: n < 1")
	}
	m := mat.NewDense(n, n, nil)
	for i := range n {
		m.Set(i, i, 1)
	}
	for k, j := range judgements {
		if j.A < 0 || j.A >= n || j.B < 0 || j.B >= n {
			return nil, dataErr(ErrPairwise, "AHPMatrix: judgement %d compares criteria %d and %d, outside 0…%d", k, j.A, j.B, n-1)
		}
		if j.A == j.B {
			return nil, dataErr(ErrPairwise, "AHPMatrix: judgement %d compares criterion %d with itself", k, j.A)
		}
		if !finite(j.Value) {
			return nil, nonFinite([]error{ErrPairwise}, "AHPMatrix: judgement %d (%d, %d) is %g", k, j.A, j.B, j.Value)
		}
		if j.Value < 1.0/9-1e-3 || j.Value > 9 {
			return nil, dataErr(ErrPairwise, "AHPMatrix: judgement %d (%d, %d) = %g is outside Saaty's scale 1/9…9", k, j.A, j.B, j.Value)
		}
		if m.At(j.A, j.B) != 0 {
			return nil, dataErr(ErrPairwise, "AHPMatrix: the pair (%d, %d) is judged twice", j.A, j.B)
		}
		m.Set(j.A, j.B, j.Value)
		m.Set(j.B, j.A, 1/j.Value)
	}
	for a := range n {
		for b := a + 1; b < n; b++ {
			if m.At(a, b) == 0 {
				return nil, dataErr(ErrPairwise, "AHPMatrix: no judgement for the pair (%d, %d)", a, b)
			}
		}
	}
	return m, nil
}

// AHPCombine returns the element-wise geometric mean of several experts'
// pairwise comparison matrices, c_ij = (Π_e a^e_ij)^(1/E), which is again
// reciprocal (Aczél and Saaty, 1983). Errors: no matrices, matrices of
// different sizes, or a matrix that AHP would reject (see AHP) wraps
// ErrPairwise, or ErrNonFinite for a NaN or infinite entry.
func AHPCombine(ms []*mat.Dense) (*mat.Dense, error) {
	if len(ms) == 0 {
		return nil, dataErr(ErrPairwise, "AHPCombine: no matrices")
	}
	n, _ := ms[0].Dims()
	for e, m := range ms {
		if r, c := m.Dims(); r != n || c != n {
			return nil, dataErr(ErrPairwise, "AHPCombine: matrix %d is %d×%d, matrix 0 is %d×%d", e, r, c, n, n)
		}
		if err := checkPairwise(fmt.Sprintf("AHPCombine: matrix %d", e), m); err != nil {
			return nil, err
		}
	}
	out := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			var s float64
			for _, m := range ms {
				s += math.Log(m.At(i, j))
			}
			out.Set(i, j, math.Exp(s/float64(len(ms))))
		}
	}
	return out, nil
}

// AHPWorstPair returns the judgement of m that departs most from the weights w:
// the pair a < b with the largest |ln(a_ab · w_b / w_a)| (0 when a_ab = w_a/w_b,
// as in a consistent matrix). Revising it is the quickest way to lower CR. The
// first such pair in row order wins a tie; for n < 2 it returns (−1, −1). It
// panics if m is not square or len(w) differs from its size.
func AHPWorstPair(m *mat.Dense, w []float64) (a, b int) {
	r, c := m.Dims()
	if r != c {
		panic("scoring: AHPWorstPair: matrix not square")
	}
	if len(w) != r {
		panic("scoring: AHPWorstPair: len(w) != size of m")
	}
	a, b = -1, -1
	worst := -1.0
	for i := range r {
		for j := i + 1; j < r; j++ {
			d := math.Abs(math.Log(m.At(i, j) * w[j] / w[i]))
			if d > worst {
				worst, a, b = d, i, j
			}
		}
	}
	return a, b
}
