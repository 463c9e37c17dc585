package scoring

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Method names a multi-criteria ranking method.
type Method string

// Ranking methods.
const (
	WSM        Method = "wsm"        // weighted sum of min-max normalised criteria
	TOPSIS     Method = "topsis"     // closeness to the ideal solution
	PROMETHEE2 Method = "promethee2" // net outranking flow, usual preference function
)

// Methods lists the available methods.
func Methods() []Method { return []Method{WSM, TOPSIS, PROMETHEE2} }

// ParseMethod returns the method of the given name.
func ParseMethod(s string) (Method, error) {
	for _, m := range Methods() {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("scoring: unknown method %q (want wsm, topsis or promethee2)", s)
}

// ErrWeights is returned when criteria weights are negative or all zero.
var ErrWeights = errors.New("scoring: weights must be non-negative and not all zero")

// Problem is a decision problem: alternatives in the rows of X, criteria in its
// columns, one weight (≥ 0, not all 0, any scale) and one direction per criterion.
type Problem struct {
	X       *mat.Dense
	Weights []float64
	Dirs    []Direction
}

func (p *Problem) check() (n, k int, err error) {
	n, k = p.X.Dims()
	if len(p.Weights) != k || len(p.Dirs) != k {
		panic("scoring: Problem: len(Weights) and len(Dirs) must equal the number of columns of X")
	}
	var sw float64
	for _, w := range p.Weights {
		if w < 0 || math.IsNaN(w) {
			return n, k, ErrWeights
		}
		sw += w
	}
	if sw == 0 {
		return n, k, ErrWeights
	}
	return n, k, nil
}

// Solve scores the alternatives of p with method m into dst (allocated when nil)
// and returns it. contrib, when not nil, must be n×k and receives each criterion's
// contribution to each alternative's score (see WeightedSum and Topsis).
func Solve(m Method, p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	switch m {
	case WSM:
		return WeightedSum(p, dst, contrib)
	case TOPSIS:
		return Topsis(p, dst, contrib)
	case PROMETHEE2:
		return Promethee2(p, dst, contrib)
	}
	return nil, fmt.Errorf("scoring: unknown method %q", m)
}

func prepare(dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic("scoring: len(dst) != number of alternatives")
	}
	return dst
}

// WeightedSum scores each alternative j as
//
//	score_j = 100 × Σ_k w_k·n_jk / Σ_k w_k
//
// where n_jk is criterion k min-max normalised over the alternatives:
// (x−min)/(max−min) for benefit, (max−x)/(max−min) for cost, and 1 for every
// alternative when max = min. Scores lie in [0, 100]. contrib_jk = 100·w_k·n_jk/Σw,
// so a row of contrib adds up to the score.
func WeightedSum(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	dst = prepare(dst, n)
	var sw float64
	for _, w := range p.Weights {
		sw += w
	}
	for j := range dst {
		dst[j] = 0
	}
	for c := 0; c < k; c++ {
		lo, hi := colRange(p.X, c)
		for j := 0; j < n; j++ {
			v := normMinMax(p.X.At(j, c), lo, hi, p.Dirs[c])
			t := 100 * p.Weights[c] * v / sw
			dst[j] += t
			if contrib != nil {
				contrib.Set(j, c, t)
			}
		}
	}
	return dst, nil
}

func colRange(x *mat.Dense, c int) (lo, hi float64) {
	n, _ := x.Dims()
	lo, hi = math.Inf(1), math.Inf(-1)
	for j := 0; j < n; j++ {
		v := x.At(j, c)
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	return lo, hi
}

func normMinMax(v, lo, hi float64, d Direction) float64 {
	switch {
	case hi == lo:
		return 1
	case d == Cost:
		return (hi - v) / (hi - lo)
	default:
		return (v - lo) / (hi - lo)
	}
}

// Topsis scores alternatives by TOPSIS (Hwang and Yoon, 1981):
//
//	r_jk = x_jk / sqrt(Σ_j x_jk²)        (vector normalisation; 0 when the column is all 0)
//	v_jk = w_k·r_jk                       (weights normalised to sum 1)
//	A⁺_k = max_j v_jk (benefit) or min_j v_jk (cost); A⁻_k the opposite
//	d⁺_j = ‖v_j − A⁺‖, d⁻_j = ‖v_j − A⁻‖ (Euclidean)
//	score_j = 100 × d⁻_j / (d⁺_j + d⁻_j)  (100 when d⁺_j + d⁻_j = 0)
//
// contrib_jk is the weighted closeness of alternative j on criterion k alone,
// 100·w_k·|v_jk − A⁻_k| / |A⁺_k − A⁻_k| (w_k normalised; the full weight when
// A⁺_k = A⁻_k). These explain the score but do not add up to it.
func Topsis(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	dst = prepare(dst, n)
	var sw float64
	for _, w := range p.Weights {
		sw += w
	}
	dplus := make([]float64, n)
	dminus := make([]float64, n)
	for c := 0; c < k; c++ {
		var ss float64
		for j := 0; j < n; j++ {
			v := p.X.At(j, c)
			ss += v * v
		}
		norm := math.Sqrt(ss)
		w := p.Weights[c] / sw
		best, worst := math.Inf(-1), math.Inf(1)
		if p.Dirs[c] == Cost {
			best, worst = math.Inf(1), math.Inf(-1)
		}
		vals := make([]float64, n)
		for j := 0; j < n; j++ {
			r := 0.0
			if norm > 0 {
				r = p.X.At(j, c) / norm
			}
			vals[j] = w * r
			if p.Dirs[c] == Cost {
				best, worst = math.Min(best, vals[j]), math.Max(worst, vals[j])
			} else {
				best, worst = math.Max(best, vals[j]), math.Min(worst, vals[j])
			}
		}
		for j := 0; j < n; j++ {
			dplus[j] += (vals[j] - best) * (vals[j] - best)
			dminus[j] += (vals[j] - worst) * (vals[j] - worst)
			if contrib != nil {
				t := 100 * w
				if best != worst {
					t = 100 * w * math.Abs(vals[j]-worst) / math.Abs(best-worst)
				}
				contrib.Set(j, c, t)
			}
		}
	}
	for j := 0; j < n; j++ {
		dp, dm := math.Sqrt(dplus[j]), math.Sqrt(dminus[j])
		if dp+dm == 0 {
			dst[j] = 100
			continue
		}
		dst[j] = 100 * dm / (dp + dm)
	}
	return dst, nil
}

// Promethee2 scores alternatives by their PROMETHEE II net outranking flow with the
// usual preference function (P_k(a,b) = 1 when a is strictly better than b on
// criterion k, else 0) and weights normalised to sum 1:
//
//	π(a,b) = Σ_k w_k·P_k(a,b)
//	φ(a)   = 1/(n−1) × Σ_{b≠a} (π(a,b) − π(b,a))
//
// Scores lie in [−1, 1] (0 for a single alternative). contrib_ak is criterion k's
// part of φ(a), w_k/(n−1)·Σ_b (P_k(a,b) − P_k(b,a)); a row adds up to the score.
func Promethee2(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	dst = prepare(dst, n)
	for j := range dst {
		dst[j] = 0
	}
	if n < 2 {
		if contrib != nil {
			contrib.Zero()
		}
		return dst, nil
	}
	var sw float64
	for _, w := range p.Weights {
		sw += w
	}
	for c := 0; c < k; c++ {
		w := p.Weights[c] / sw / float64(n-1)
		for a := 0; a < n; a++ {
			var net float64
			for b := 0; b < n; b++ {
				d := p.X.At(a, c) - p.X.At(b, c)
				if p.Dirs[c] == Cost {
					d = -d
				}
				switch {
				case d > 0:
					net++
				case d < 0:
					net--
				}
			}
			t := w * net
			dst[a] += t
			if contrib != nil {
				contrib.Set(a, c, t)
			}
		}
	}
	return dst, nil
}
