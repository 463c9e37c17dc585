package scoring

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Direction says whether larger (Benefit) or smaller (Cost) values are better.
type Direction int

// Directions of a criterion or numeric indicator. The zero value is Benefit.
const (
	Benefit Direction = iota
	Cost
)

// WeightedMean returns Σ wᵢxᵢ / Σ wᵢ over the known values of x. A NaN in x is a
// missing value and is left out together with its weight. nil weights mean all
// ones. ok is false (with a nil error) when no value is known or the known
// weights sum to 0.
//
// Like the MCDA functions, it rejects bad weights: a negative weight gives an
// error wrapping ErrWeights, a NaN or infinite weight one wrapping both
// ErrWeights and ErrNonFinite — whether or not its value is known. An infinite
// value of x gives an error wrapping ErrNonFinite. It panics if weights is not
// nil and len(weights) != len(x).
func WeightedMean(x, weights []float64) (mean float64, ok bool, err error) {
	if weights != nil && len(weights) != len(x) {
		panic("scoring: WeightedMean: len(weights) != len(x)")
	}
	for i, w := range weights {
		switch {
		case !finite(w):
			return 0, false, nonFinite([]error{ErrWeights}, "WeightedMean: weight %d is %g; weights must be finite and non-negative", i, w)
		case w < 0:
			return 0, false, fmt.Errorf("%w (WeightedMean: weight %d is %g)", ErrWeights, i, w)
		}
	}
	var sum, sw float64
	for i, v := range x {
		if math.IsNaN(v) {
			continue
		}
		if math.IsInf(v, 0) {
			return 0, false, nonFinite(nil, "WeightedMean: x[%d] is %g", i, v)
		}
		w := 1.0
		if weights != nil {
			w = weights[i]
		}
		sum += w * v
		sw += w
	}
	if sw == 0 {
		return 0, false, nil
	}
	return sum / sw, true, nil
}

// MinMax normalises x into dst (allocated when nil; dst may be x) and returns it:
// (x−min)/(max−min) for Benefit and (max−x)/(max−min) for Cost, min and max taken
// over the known (non-NaN) values. When max = min every known value becomes 1.
// NaN is a missing value and stays NaN. An infinite value gives an error wrapping
// ErrNonFinite (it would push every other value to 0 or 1) and leaves dst
// unchanged. It panics if dst is not nil and len(dst) != len(x).
func MinMax(dst, x []float64, dir Direction) ([]float64, error) {
	if dst == nil {
		dst = make([]float64, len(x))
	}
	if len(dst) != len(x) {
		panic("scoring: MinMax: len(dst) != len(x)")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, v := range x {
		if math.IsInf(v, 0) {
			return nil, nonFinite(nil, "MinMax: x[%d] is %g", i, v)
		}
		if !math.IsNaN(v) {
			lo = math.Min(lo, v)
			hi = math.Max(hi, v)
		}
	}
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			dst[i] = math.NaN()
		case hi == lo:
			dst[i] = 1
		case dir == Cost:
			dst[i] = (hi - v) / (hi - lo)
		default:
			dst[i] = (v - lo) / (hi - lo)
		}
	}
	return dst, nil
}

// TargetScore returns a value's distance-to-target score in [0, 1]: min(x/target, 1)
// for Benefit, and min(target/x, 1) for Cost (1 when x ≤ 0). Negative x scores 0 for
// Benefit. A NaN x is a missing value and scores NaN with a nil error; an
// infinite x gives an error wrapping ErrNonFinite. It panics if target is not a
// finite number > 0 (callers check targets where they are read).
func TargetScore(x, target float64, dir Direction) (float64, error) {
	if !(target > 0) || math.IsInf(target, 0) {
		panic("scoring: TargetScore: target must be finite and > 0")
	}
	switch {
	case math.IsNaN(x):
		return math.NaN(), nil
	case math.IsInf(x, 0):
		return 0, nonFinite(nil, "TargetScore: x is %g", x)
	}
	if dir == Cost {
		if x <= 0 {
			return 1, nil
		}
		return math.Min(target/x, 1), nil
	}
	return math.Max(0, math.Min(x/target, 1)), nil
}

// Rank returns competition ranks of scores, best (largest) first: equal scores
// (within tol) share the best rank, so ranks run "1, 2, 2, 4". A NaN score is
// missing: it has no rank (0) and does not take a place. +Inf ranks before every
// finite score and −Inf after (only the order counts). A negative or NaN tol
// panics.
func Rank(scores []float64, tol float64) []int {
	ranks := make([]int, len(scores))
	RankInto(ranks, scores, tol, nil)
	return ranks
}

// RankInto is Rank writing into ranks; idx, when not nil, is scratch space of
// len(scores) so that repeated calls do not allocate.
func RankInto(ranks []int, scores []float64, tol float64, idx []int) {
	if len(ranks) != len(scores) {
		panic("scoring: Rank: len(ranks) != len(scores)")
	}
	if !(tol >= 0) {
		panic("scoring: Rank: negative or NaN tolerance")
	}
	if idx == nil {
		idx = make([]int, len(scores))
	}
	idx = idx[:0]
	for i, s := range scores {
		ranks[i] = 0
		if !math.IsNaN(s) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) })
	for pos, i := range idx {
		if pos > 0 && (scores[idx[pos-1]] == scores[i] || scores[idx[pos-1]]-scores[i] <= tol) {
			ranks[i] = ranks[idx[pos-1]]
			continue
		}
		ranks[i] = pos + 1
	}
}
