package scoring

import (
	"math"
	"sort"
)

// MidRanks writes into dst (allocated when nil) the ascending ranks 1…n of x,
// tied values sharing the mean of the ranks they span ("1, 2.5, 2.5, 4"), and
// returns it. A NaN or infinite value in x gives an error wrapping
// ErrNonFinite (a NaN has no place in an order). It panics if dst is not nil and
// len(dst) != len(x).
func MidRanks(dst, x []float64) ([]float64, error) {
	if dst != nil && len(dst) != len(x) {
		panic("scoring: MidRanks: len(dst) != len(x)")
	}
	if err := checkFinite("MidRanks: x", x); err != nil {
		return nil, err
	}
	if dst == nil {
		dst = make([]float64, len(x))
	}
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && x[idx[hi]] == x[idx[lo]] {
			hi++
		}
		r := float64(lo+hi+1) / 2 // mean of the ranks lo+1 … hi
		for _, i := range idx[lo:hi] {
			dst[i] = r
		}
		lo = hi
	}
	return dst, nil
}

// Spearman returns Spearman's rank correlation coefficient of x and y: the
// Pearson correlation of their mid-ranks (MidRanks), which handles ties,
//
//	ρ = Σ (r_i − r̄)(s_i − s̄) / sqrt(Σ (r_i − r̄)² · Σ (s_i − s̄)²)
//
// with r = MidRanks(x), s = MidRanks(y). ρ lies in [−1, 1]: 1 when y orders the
// items as x does, −1 when in reverse. x and y may be scores or ranks (only
// their order matters). A NaN or infinite value gives an error wrapping
// ErrNonFinite. ρ is NaN, with a nil error, when x or y is constant or has fewer
// than 2 values (the correlation is not defined). It panics if len(x) != len(y).
func Spearman(x, y []float64) (float64, error) {
	if len(x) != len(y) {
		panic("scoring: Spearman: len(x) != len(y)")
	}
	r, err := MidRanks(nil, x)
	if err != nil {
		return 0, err
	}
	s, err := MidRanks(nil, y)
	if err != nil {
		return 0, err
	}
	if len(x) < 2 {
		return math.NaN(), nil
	}
	mean := float64(len(x)+1) / 2 // the mean of mid-ranks is always (n+1)/2
	var sxy, sxx, syy float64
	for i := range r {
		dr, ds := r[i]-mean, s[i]-mean
		sxy += dr * ds
		sxx += dr * dr
		syy += ds * ds
	}
	if sxx == 0 || syy == 0 {
		return math.NaN(), nil
	}
	return sxy / math.Sqrt(sxx*syy), nil
}

// KendallTauB returns Kendall's rank correlation τ_b of x and y, which corrects
// for ties:
//
//	τ_b = (n_c − n_d) / sqrt((n_0 − n_1)(n_0 − n_2))
//
// over the n_0 = n(n−1)/2 pairs (i, j): n_c pairs ordered alike by x and y
// (concordant), n_d ordered oppositely (discordant), n_1 pairs tied in x and n_2
// pairs tied in y. τ_b lies in [−1, 1]: 1 when y orders the items as x does, −1
// when in reverse. x and y may be scores or ranks. A NaN or infinite value
// gives an error wrapping ErrNonFinite. τ_b is NaN, with a nil error, when x or
// y is constant or has fewer than 2 values. It panics if len(x) != len(y). It
// takes O(n²) time.
func KendallTauB(x, y []float64) (float64, error) {
	if len(x) != len(y) {
		panic("scoring: KendallTauB: len(x) != len(y)")
	}
	if err := checkFinite("KendallTauB: x", x); err != nil {
		return 0, err
	}
	if err := checkFinite("KendallTauB: y", y); err != nil {
		return 0, err
	}
	n := len(x)
	var nc, nd, n1, n2 float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dx, dy := x[i]-x[j], y[i]-y[j]
			if dx == 0 {
				n1++
			}
			if dy == 0 {
				n2++
			}
			switch p := dx * dy; {
			case p > 0:
				nc++
			case p < 0:
				nd++
			}
		}
	}
	n0 := float64(n) * float64(n-1) / 2
	den := math.Sqrt((n0 - n1) * (n0 - n2))
	if n < 2 || den == 0 {
		return math.NaN(), nil
	}
	return (nc - nd) / den, nil
}

// WSCoefficient returns the WS rank similarity coefficient of Sałabun and
// Urbaniak (2020) of the ranking y against the reference ranking x:
//
//	WS = 1 − Σ_i 2^(−x_i) · |x_i − y_i| / max(|x_i − 1|, |x_i − N|)
//
// with N = len(x). x and y are rankings (1 is the best position; ties may share a
// position or a mid-rank). Unlike Spearman and KendallTauB it is asymmetric and
// weighs disagreements at the top of the reference ranking most: swapping the
// first two of five items gives 0.79, swapping the last two 0.97. WS is 1 when
// y = x; a term whose denominator is 0 (only when N = 1) counts 0, so fewer than
// two items give 1. A NaN or infinite position gives an error wrapping
// ErrNonFinite. It panics if len(x) != len(y).
func WSCoefficient(x, y []float64) (float64, error) {
	if len(x) != len(y) {
		panic("scoring: WSCoefficient: len(x) != len(y)")
	}
	if err := checkFinite("WSCoefficient: x", x); err != nil {
		return 0, err
	}
	if err := checkFinite("WSCoefficient: y", y); err != nil {
		return 0, err
	}
	nf := float64(len(x))
	ws := 1.0
	for i, xi := range x {
		den := math.Max(math.Abs(xi-1), math.Abs(xi-nf))
		if den == 0 {
			continue
		}
		ws -= math.Exp2(-xi) * math.Abs(xi-y[i]) / den
	}
	return ws, nil
}
