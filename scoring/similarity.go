package scoring

import (
	"errors"
	"fmt"
	"math"
)

// ErrUnitRange is returned, wrapped, by Similarity and SimilarityMatrix for a
// known score outside [0, 1].
var ErrUnitRange = errors.New("scoring: score outside [0, 1]")

// Similarity returns the similarity of two profiles of scores in [0, 1] over
// the positions known in both,
//
//	sim(a, b) = 1 − (1/n) Σ_j |a_j − b_j|,   j over the n positions where
//	                                         neither a_j nor b_j is NaN,
//
// and n. A NaN is a missing value (unknown, or not applicable): the position is
// left out. sim is in [0, 1]: 1 for profiles that agree wherever both are
// known, 0 for profiles at opposite ends everywhere. When no position is known
// in both (n = 0), sim is 0: two profiles with nothing in common are not
// similar. Every position counts the same (unweighted).
//
// An infinite value gives an error wrapping ErrNonFinite, a finite value
// outside [0, 1] one wrapping ErrUnitRange; sim and n are then 0. Similarity
// panics if len(a) != len(b).
func Similarity(a, b []float64) (sim float64, n int, err error) {
	if len(a) != len(b) {
		panic("scoring: Similarity: len(a) != len(b)")
	}
	if err := checkUnit("a", a); err != nil {
		return 0, 0, err
	}
	if err := checkUnit("b", b); err != nil {
		return 0, 0, err
	}
	sim, n = similarity(a, b)
	return sim, n, nil
}

// similarity is Similarity on checked values.
func similarity(a, b []float64) (float64, int) {
	var sum float64
	n := 0
	b = b[:len(a)]
	for j, x := range a {
		// d is NaN when a_j or b_j is: one test for both.
		if d := math.Abs(x - b[j]); !math.IsNaN(d) {
			sum += d
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return 1 - sum/float64(n), n
}

// SimilarityMatrix returns the similarity (as Similarity defines it) of every
// pair of rows of profiles, which must all have the same length: sim[r][s] and
// n[r][s] are Similarity(profiles[r], profiles[s]). Both matrices are
// symmetric; the diagonal holds 1 for a row with at least one known score and
// 0 for a row with none, as the formula gives. An infinite value gives an error
// wrapping ErrNonFinite, a known score outside [0, 1] one wrapping
// ErrUnitRange, both naming the row and column; the matrices are then nil.
// SimilarityMatrix panics if the rows differ in length.
func SimilarityMatrix(profiles [][]float64) (sim [][]float64, n [][]int, err error) {
	for r, row := range profiles {
		if len(row) != len(profiles[0]) {
			panic("scoring: SimilarityMatrix: rows of different lengths")
		}
		if err := checkUnit(fmt.Sprintf("profiles[%d]", r), row); err != nil {
			return nil, nil, err
		}
	}
	k := len(profiles)
	sim, n = make([][]float64, k), make([][]int, k)
	simBuf, nBuf := make([]float64, k*k), make([]int, k*k)
	for r := range profiles {
		sim[r], n[r] = simBuf[r*k:(r+1)*k], nBuf[r*k:(r+1)*k]
	}
	for r := range profiles {
		for s := r; s < k; s++ {
			v, m := similarity(profiles[r], profiles[s])
			sim[r][s], sim[s][r] = v, v
			n[r][s], n[s][r] = m, m
		}
	}
	return sim, n, nil
}

// checkUnit returns an error naming the first value of x (called name) that is
// infinite (ErrNonFinite) or a finite value outside [0, 1] (ErrUnitRange); NaN
// is a missing value and passes.
func checkUnit(name string, x []float64) error {
	for j, v := range x {
		switch {
		case math.IsNaN(v):
		case math.IsInf(v, 0):
			return nonFinite(nil, "%s[%d] is %g", name, j, v)
		case v < 0 || v > 1:
			return &dataError{msg: fmt.Sprintf("scoring: %s[%d] = %g is outside [0, 1]", name, j, v), errs: []error{ErrUnitRange}}
		}
	}
	return nil
}
