package scoring

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// Method names a multi-criteria ranking method.
type Method string

// Ranking methods.
const (
	WSM        Method = "wsm"        // weighted sum of min-max normalised criteria
	TOPSIS     Method = "topsis"     // closeness to the ideal solution
	PROMETHEE2 Method = "promethee2" // net outranking flow
	VIKOR      Method = "vikor"      // compromise ranking by group utility and individual regret
)

// Methods lists the available methods.
func Methods() []Method { return []Method{WSM, TOPSIS, PROMETHEE2, VIKOR} }

// ParseMethod returns the method of the given name; an unknown name gives an
// error wrapping ErrMethod.
func ParseMethod(s string) (Method, error) {
	for _, m := range Methods() {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("%w %q (want wsm, topsis, promethee2 or vikor)", ErrMethod, s)
}

// ErrWeights is returned when criteria weights are negative or all zero. A NaN
// or infinite weight gives an error wrapping both ErrWeights and ErrNonFinite.
var ErrWeights = errors.New("scoring: weights must be non-negative and not all zero")

// ErrPreference is returned when a PROMETHEE preference function has thresholds
// that do not fit it (see Preference).
var ErrPreference = errors.New("scoring: invalid preference function")

// ErrVikorV is returned when the VIKOR weight v of a Problem lies outside [0, 1].
var ErrVikorV = errors.New("scoring: VIKOR v must lie in [0, 1]")

// Normalization says how TOPSIS brings the criteria to a common scale.
type Normalization int

// Normalizations of TOPSIS. The zero value is VectorNormalization.
const (
	// VectorNormalization divides each value by the Euclidean norm of its
	// column, x/sqrt(Σ x²), as Hwang and Yoon (1981) did; the ideal is the
	// largest weighted value of a benefit criterion and the smallest of a cost
	// criterion.
	VectorNormalization Normalization = iota
	// MinMaxNormalization maps each column onto [0, 1], (x−min)/(max−min) for
	// a benefit criterion and (max−x)/(max−min) for a cost criterion (1 for
	// every alternative when max = min), so that 1 is always best: the default
	// of the Python library pymcdm.
	MinMaxNormalization
)

// String returns "vector" or "minmax".
func (n Normalization) String() string {
	switch n {
	case VectorNormalization:
		return "vector"
	case MinMaxNormalization:
		return "minmax"
	}
	return fmt.Sprintf("Normalization(%d)", int(n))
}

// Problem is a decision problem: alternatives in the rows of X, criteria in its
// columns, one weight (finite, ≥ 0, not all 0, any scale) and one direction per
// criterion.
//
// Every value of X, every weight and every threshold must be finite: a NaN or
// an infinite value gives an error wrapping ErrNonFinite (a NaN is not a tie,
// and no column is left out). Pref, V and Normalization tune single methods and
// are ignored by the others.
type Problem struct {
	X       *mat.Dense
	Weights []float64
	// Dirs holds the direction of each criterion. nil means Benefit for all;
	// otherwise len(Dirs) equals the number of criteria.
	Dirs []Direction

	// Pref holds the PROMETHEE preference function of each criterion. nil means
	// the usual criterion for all; otherwise len(Pref) equals the number of
	// criteria, and a zero Preference is the usual criterion.
	Pref []Preference

	// V is VIKOR's weight v ∈ [0, 1] of the group utility S against the
	// individual regret R. nil means the customary v = 0.5; V = new(0.0) ranks
	// by the largest individual regret alone.
	V *float64

	// Normalization is TOPSIS's normalisation of the criteria; the zero value
	// is VectorNormalization.
	Normalization Normalization
}

// dir returns the direction of criterion c (Benefit when Dirs is nil).
func (p *Problem) dir(c int) Direction {
	if p.Dirs == nil {
		return Benefit
	}
	return p.Dirs[c]
}

// check checks the shape (panicking on a broken contract) and the numbers of p.
func (p *Problem) check() (n, k int, err error) {
	n, k = p.X.Dims()
	if len(p.Weights) != k || (p.Dirs != nil && len(p.Dirs) != k) {
		panic("scoring: Problem: len(Weights) and len(Dirs) must equal the number of columns of X")
	}
	if p.Pref != nil && len(p.Pref) != k {
		panic("scoring: Problem: len(Pref) must be 0 or the number of columns of X")
	}
	if err := checkWeights(p.Weights); err != nil {
		return n, k, err
	}
	for j := 0; j < n; j++ {
		for c := 0; c < k; c++ {
			if v := p.X.At(j, c); !finite(v) {
				return n, k, nonFinite(nil, "X[%d, %d] (alternative %d, criterion %d) is %g", j, c, j, c, v)
			}
		}
	}
	return n, k, nil
}

// checkWeights returns an error when a weight is NaN, infinite or negative, or
// when all are 0.
func checkWeights(weights []float64) error {
	var sw float64
	for c, w := range weights {
		if !finite(w) {
			return nonFinite([]error{ErrWeights}, "weight %d is %g; weights must be finite, non-negative and not all zero", c, w)
		}
		if w < 0 {
			return fmt.Errorf("%w (weight %d is %g)", ErrWeights, c, w)
		}
		sw += w
	}
	if sw == 0 {
		return ErrWeights
	}
	if math.IsInf(sw, 0) {
		return nonFinite([]error{ErrWeights}, "the weights add up to %g", sw)
	}
	return nil
}

// normWeights writes the weights of p divided by their sum into w (of length
// len(p.Weights)) and returns it.
func (p *Problem) normWeights(w []float64) []float64 {
	var sw float64
	for _, wc := range p.Weights {
		sw += wc
	}
	for c, wc := range p.Weights {
		w[c] = wc / sw
	}
	return w
}

// Solve scores the alternatives of p with method m into dst (allocated when nil)
// and returns it. contrib, when not nil, must be n×k and receives each criterion's
// contribution to each alternative's score (see WeightedSum, Topsis, Promethee2
// and Vikor for what a contribution is under each method). An unknown method
// gives an error wrapping ErrMethod; a NaN or infinite value in p an error
// wrapping ErrNonFinite; bad weights an error wrapping ErrWeights.
func Solve(m Method, p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	return SolveScratch(m, p, dst, contrib, nil)
}

// Scratch holds the work vectors of the ranking methods, so that repeated calls
// of SolveScratch (a Monte Carlo or Sobol analysis evaluating the same problem
// under other weights or values) do not allocate. The zero value is ready to
// use; a Scratch grows to the largest problem it has been given and keeps that
// size. A Scratch must not be used by two goroutines at once.
type Scratch struct {
	w       []float64 // normalised weights, one per criterion
	a, b, c []float64 // one value per alternative
}

// Grow makes s large enough for problems of n alternatives and k criteria, so
// that not even the first SolveScratch on such a problem allocates.
func (s *Scratch) Grow(n, k int) { s.vecs(n, k) }

// vecs returns the weight vector (length k) and the three alternative vectors
// (length n) of s, grown when too short. The contents are left as they were.
func (s *Scratch) vecs(n, k int) (w, a, b, c []float64) {
	if cap(s.w) < k {
		s.w = make([]float64, k)
	}
	if cap(s.a) < n {
		s.a, s.b, s.c = make([]float64, n), make([]float64, n), make([]float64, n)
	}
	return s.w[:k], s.a[:n], s.b[:n], s.c[:n]
}

// SolveScratch is Solve using the work vectors of s; with a non-nil dst (of
// length n) and a Scratch already grown to the problem's size it does not
// allocate, whatever the method. A nil s means a fresh Scratch. The scores are
// those of Solve, bit for bit.
func SolveScratch(m Method, p *Problem, dst []float64, contrib *mat.Dense, s *Scratch) ([]float64, error) {
	if s == nil {
		s = new(Scratch)
	}
	switch m {
	case WSM:
		return WeightedSum(p, dst, contrib)
	case TOPSIS:
		return topsisScratch(p, dst, contrib, s)
	case PROMETHEE2:
		return promethee2Scratch(p, dst, contrib, s)
	case VIKOR:
		return vikorScratch(p, dst, contrib, s)
	}
	return nil, fmt.Errorf("%w %q", ErrMethod, m)
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

func checkContrib(contrib *mat.Dense, n, k int) {
	if contrib == nil {
		return
	}
	if r, c := contrib.Dims(); r != n || c != k {
		panic("scoring: contrib must be n×k")
	}
}

// WeightedSum scores each alternative j as
//
//	score_j = 100 × Σ_k w_k·n_jk / Σ_k w_k
//
// where n_jk is criterion k min-max normalised over the alternatives:
// (x−min)/(max−min) for benefit, (max−x)/(max−min) for cost, and 1 for every
// alternative when max = min. Scores lie in [0, 100]. contrib_jk = 100·w_k·n_jk/Σw,
// so a row of contrib adds up to the score. A NaN or infinite value in X or the
// weights gives an error wrapping ErrNonFinite, never a NaN score.
func WeightedSum(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	checkContrib(contrib, n, k)
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
			t := 100 * p.Weights[c] * normMinMax(p.X.At(j, c), lo, hi, p.dir(c)) / sw
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

// Topsis scores alternatives by TOPSIS (Hwang and Yoon, 1981) into dst
// (allocated when nil) and returns it:
//
//	r_jk = x_jk / sqrt(Σ_j x_jk²)        (vector normalisation, the default; 0 when the column is all 0)
//	v_jk = w_k·r_jk                       (weights normalised to sum 1)
//	A⁺_k = max_j v_jk (benefit) or min_j v_jk (cost); A⁻_k the opposite
//	d⁺_j = ‖v_j − A⁺‖, d⁻_j = ‖v_j − A⁻‖ (Euclidean)
//	score_j = 100 × d⁻_j / (d⁺_j + d⁻_j)  (100 when d⁺_j + d⁻_j = 0)
//
// With p.Normalization = MinMaxNormalization, r_jk is instead the min-max
// normalised value, 1 best (see MinMaxNormalization), and A⁺_k = max_j v_jk,
// A⁻_k = min_j v_jk for every criterion: the scores of pymcdm's TOPSIS.
//
// contrib_jk is the weighted closeness of alternative j on criterion k alone,
// 100·w_k·|v_jk − A⁻_k| / |A⁺_k − A⁻_k| (w_k normalised; the full weight when
// A⁺_k = A⁻_k). These explain the score but do not add up to it; TopsisDetail
// returns the distances d⁺ and d⁻ themselves.
func Topsis(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	return topsisScratch(p, dst, contrib, new(Scratch))
}

func topsisScratch(p *Problem, dst []float64, contrib *mat.Dense, s *Scratch) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	checkContrib(contrib, n, k)
	dst = prepare(dst, n)
	w, dplus, dminus, vals := s.vecs(n, k)
	if err := topsis(p, k, dst, dplus, dminus, contrib, w, vals); err != nil {
		return nil, err
	}
	return dst, nil
}

// TopsisResult is the outcome of TOPSIS for each alternative (formulas at
// Topsis).
type TopsisResult struct {
	Score  []float64 // 100 × d⁻/(d⁺ + d⁻), in [0, 100]
	DPlus  []float64 // d⁺: Euclidean distance to the ideal alternative A⁺, in the weighted normalised space
	DMinus []float64 // d⁻: Euclidean distance to the anti-ideal alternative A⁻
}

// TopsisDetail is Topsis returning the distances to the ideal and anti-ideal
// alternatives beside the scores. contrib is as for Topsis.
func TopsisDetail(p *Problem, contrib *mat.Dense) (*TopsisResult, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	checkContrib(contrib, n, k)
	res := &TopsisResult{Score: make([]float64, n), DPlus: make([]float64, n), DMinus: make([]float64, n)}
	if err := topsis(p, k, res.Score, res.DPlus, res.DMinus, contrib, make([]float64, k), make([]float64, n)); err != nil {
		return nil, err
	}
	return res, nil
}

// topsis computes the TOPSIS scores of a checked problem into dst and the
// distances into dplus and dminus (all of length n, overwritten), with w (length
// k) and vals (length n) as work space.
func topsis(p *Problem, k int, dst, dplus, dminus []float64, contrib *mat.Dense, w, vals []float64) error {
	n := len(dst)
	minmax := false
	switch p.Normalization {
	case VectorNormalization:
	case MinMaxNormalization:
		minmax = true
	default:
		return fmt.Errorf("scoring: Topsis: unknown normalization %v", p.Normalization)
	}
	p.normWeights(w)
	clear(dplus)
	clear(dminus)
	for c := 0; c < k; c++ {
		topsisColumn(p, c, minmax, vals)
		// After min-max normalisation 1 is best whatever the direction.
		cost := p.dir(c) == Cost && !minmax
		best, worst := math.Inf(-1), math.Inf(1)
		if cost {
			best, worst = math.Inf(1), math.Inf(-1)
		}
		for j := range vals {
			vals[j] *= w[c]
			if cost {
				best, worst = math.Min(best, vals[j]), math.Max(worst, vals[j])
			} else {
				best, worst = math.Max(best, vals[j]), math.Min(worst, vals[j])
			}
		}
		for j := 0; j < n; j++ {
			dplus[j] += (vals[j] - best) * (vals[j] - best)
			dminus[j] += (vals[j] - worst) * (vals[j] - worst)
			if contrib != nil {
				t := 100 * w[c]
				if best != worst {
					t = 100 * w[c] * math.Abs(vals[j]-worst) / math.Abs(best-worst)
				}
				contrib.Set(j, c, t)
			}
		}
	}
	for j := 0; j < n; j++ {
		dp, dm := math.Sqrt(dplus[j]), math.Sqrt(dminus[j])
		dplus[j], dminus[j] = dp, dm
		if dp+dm == 0 {
			dst[j] = 100
			continue
		}
		dst[j] = 100 * dm / (dp + dm)
	}
	return nil
}

// topsisColumn writes the normalised values r_jk of criterion c into r.
func topsisColumn(p *Problem, c int, minmax bool, r []float64) {
	if minmax {
		lo, hi := colRange(p.X, c)
		for j := range r {
			r[j] = normMinMax(p.X.At(j, c), lo, hi, p.dir(c))
		}
		return
	}
	var ss float64
	for j := range r {
		v := p.X.At(j, c)
		ss += v * v
	}
	norm := math.Sqrt(ss)
	for j := range r {
		r[j] = 0
		if norm > 0 {
			r[j] = p.X.At(j, c) / norm
		}
	}
}

// PreferenceFunc names one of the six generalised criteria of PROMETHEE (Brans
// and Vincke, 1985). Each maps the difference d = g(a) − g(b) of two alternatives
// on a criterion (sign flipped for a cost criterion, so that d > 0 means a is
// better) to a degree of preference P(d) ∈ [0, 1]; P(d) = 0 for d ≤ 0. The zero
// value is Usual.
type PreferenceFunc int

// Preference functions, with their thresholds q (indifference), p (strict
// preference) and s (Gaussian), all in the criterion's units:
const (
	Usual    PreferenceFunc = iota // type I:   P = 1 for d > 0
	UShape                         // type II:  P = 0 for d ≤ q, 1 above
	VShape                         // type III: P = d/p for 0 < d ≤ p, 1 above
	Level                          // type IV:  P = 0 for d ≤ q, ½ for q < d ≤ p, 1 above
	Linear                         // type V:   P = 0 for d ≤ q, (d−q)/(p−q) for q < d ≤ p, 1 above
	Gaussian                       // type VI:  P = 1 − exp(−d²/(2s²)) for d > 0
)

var prefNames = [...]string{"usual", "u-shape", "v-shape", "level", "linear", "gaussian"}

// String returns the name of f: usual, u-shape, v-shape, level, linear or gaussian.
func (f PreferenceFunc) String() string {
	if f < 0 || int(f) >= len(prefNames) {
		return fmt.Sprintf("PreferenceFunc(%d)", int(f))
	}
	return prefNames[f]
}

// ParsePreferenceFunc returns the preference function of the given name (as
// String writes it; case is ignored).
func ParsePreferenceFunc(s string) (PreferenceFunc, error) {
	for i, name := range prefNames {
		if strings.EqualFold(s, name) {
			return PreferenceFunc(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown preference function %q (want %s)", ErrPreference, s, strings.Join(prefNames[:], ", "))
}

// Preference is the PROMETHEE preference function of one criterion with its
// thresholds, in the criterion's units: Q the indifference threshold (UShape,
// Level, Linear; 0 ≤ Q, and Q < P for Level and Linear), P the strict
// preference threshold (VShape, Level, Linear; P > 0) and S the inflection
// point of Gaussian (S > 0). Thresholds a function does not use are ignored.
// The zero value is the usual criterion.
//
// Brans and Vincke (1985) wrote the thresholds of Level and Linear as q and an
// increment, strict preference starting at q + p; here P is the threshold itself.
type Preference struct {
	Func    PreferenceFunc
	Q, P, S float64
}

func (pr Preference) validate() error {
	bad := func(want string) error {
		msg := fmt.Sprintf("%s needs %s (q=%g, p=%g, s=%g)", pr.Func, want, pr.Q, pr.P, pr.S)
		for _, v := range []float64{pr.Q, pr.P, pr.S} {
			if !finite(v) {
				return nonFinite([]error{ErrPreference}, "invalid preference function: %s", msg)
			}
		}
		return fmt.Errorf("%w: %s", ErrPreference, msg)
	}
	switch pr.Func {
	case Usual:
	case UShape:
		if !(pr.Q >= 0) || math.IsInf(pr.Q, 0) {
			return bad("0 ≤ q")
		}
	case VShape:
		if !(pr.P > 0) || math.IsInf(pr.P, 0) {
			return bad("p > 0")
		}
	case Level, Linear:
		if !(pr.Q >= 0 && pr.Q < pr.P) || math.IsInf(pr.P, 0) {
			return bad("0 ≤ q < p")
		}
	case Gaussian:
		if !(pr.S > 0) || math.IsInf(pr.S, 0) {
			return bad("s > 0")
		}
	default:
		return fmt.Errorf("%w: unknown preference function %d", ErrPreference, int(pr.Func))
	}
	return nil
}

// Degree returns the degree of preference P(d) ∈ [0, 1] of an alternative
// that is better than another by d on the criterion (formulas at
// PreferenceFunc). The thresholds are assumed valid; a NaN d gives NaN.
func (pr Preference) Degree(d float64) float64 {
	if math.IsNaN(d) {
		return math.NaN()
	}
	if d <= 0 {
		return 0
	}
	switch pr.Func {
	case UShape:
		if d <= pr.Q {
			return 0
		}
	case VShape:
		if d <= pr.P {
			return d / pr.P
		}
	case Level:
		switch {
		case d <= pr.Q:
			return 0
		case d <= pr.P:
			return 0.5
		}
	case Linear:
		switch {
		case d <= pr.Q:
			return 0
		case d <= pr.P:
			return (d - pr.Q) / (pr.P - pr.Q)
		}
	case Gaussian:
		return 1 - math.Exp(-d*d/(2*pr.S*pr.S))
	}
	return 1
}

// checkPrefs checks the preference functions of p for PROMETHEE.
func (p *Problem) checkPrefs() error {
	for c, pr := range p.Pref {
		if err := pr.validate(); err != nil {
			return fmt.Errorf("criterion %d: %w", c, err)
		}
	}
	return nil
}

// pref returns the preference function of criterion c (the usual criterion
// when Pref is nil).
func (p *Problem) pref(c int) Preference {
	if p.Pref == nil {
		return Preference{}
	}
	return p.Pref[c]
}

// diff returns g(a) − g(b) on criterion c, sign flipped for a cost criterion.
func (p *Problem) diff(a, b, c int) float64 {
	d := p.X.At(a, c) - p.X.At(b, c)
	if p.dir(c) == Cost {
		return -d
	}
	return d
}

// PreferenceIndex writes the PROMETHEE preference index (the valued outranking
// graph) of p into dst (allocated n×n when nil) and returns it:
//
//	π(a,b) = Σ_k w_k·P_k(d_k(a,b))   (weights normalised to sum 1; π(a,a) = 0)
//
// with P_k the preference function of criterion k (p.Pref). The positive and
// negative outranking flows of a are the mean of row a and of column a over the
// other alternatives.
func PreferenceIndex(p *Problem, dst *mat.Dense) (*mat.Dense, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	if err := p.checkPrefs(); err != nil {
		return nil, err
	}
	if dst == nil {
		dst = mat.NewDense(n, n, nil)
	}
	if r, c := dst.Dims(); r != n || c != n {
		panic("scoring: PreferenceIndex: dst must be n×n")
	}
	w := p.normWeights(make([]float64, k))
	for a := 0; a < n; a++ {
		for b := 0; b < n; b++ {
			var pi float64
			if a != b {
				for c := 0; c < k; c++ {
					pi += w[c] * p.pref(c).Degree(p.diff(a, b, c))
				}
			}
			dst.Set(a, b, pi)
		}
	}
	return dst, nil
}

// Promethee2 scores alternatives by their PROMETHEE II net outranking flow (Brans
// and Vincke, 1985) with the preference function of each criterion (p.Pref; the
// usual criterion when nil) and weights normalised to sum 1:
//
//	π(a,b) = Σ_k w_k·P_k(d_k(a,b))
//	φ(a)   = 1/(n−1) × Σ_{b≠a} (π(a,b) − π(b,a))
//
// Scores lie in [−1, 1] and add up to 0 (0 for a single alternative).
// contrib_ak is criterion k's part of φ(a),
// w_k/(n−1)·Σ_b (P_k(d_k(a,b)) − P_k(d_k(b,a))); a row adds up to the score.
// Invalid thresholds give an error wrapping ErrPreference.
func Promethee2(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	return promethee2Scratch(p, dst, contrib, new(Scratch))
}

func promethee2Scratch(p *Problem, dst []float64, contrib *mat.Dense, s *Scratch) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	if err := p.checkPrefs(); err != nil {
		return nil, err
	}
	checkContrib(contrib, n, k)
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
	w, _, _, _ := s.vecs(0, k)
	p.normWeights(w)
	for c := 0; c < k; c++ {
		wc := w[c] / float64(n-1)
		pr := p.pref(c)
		for a := 0; a < n; a++ {
			var net float64
			for b := 0; b < n; b++ {
				if a == b {
					continue
				}
				d := p.diff(a, b, c)
				net += pr.Degree(d) - pr.Degree(-d)
			}
			t := wc * net
			dst[a] += t
			if contrib != nil {
				contrib.Set(a, c, t)
			}
		}
	}
	return dst, nil
}

// vikorV returns the v of p.
func (p *Problem) vikorV() (float64, error) {
	switch {
	case p.V == nil:
		return 0.5, nil
	case !finite(*p.V):
		return 0, nonFinite([]error{ErrVikorV}, "VIKOR v is %g; it must lie in [0, 1]", *p.V)
	case *p.V >= 0 && *p.V <= 1:
		return *p.V, nil
	}
	return 0, fmt.Errorf("%w: got %g", ErrVikorV, *p.V)
}

// Vikor scores alternatives by VIKOR (Opricovic, 1998; Opricovic and Tzeng,
// 2004) into dst (allocated when nil) and returns it, with weights normalised
// to sum 1 and v = *p.V (0.5 when p.V is nil):
//
//	f*_k = best value of criterion k (max for benefit, min for cost), f⁻_k the worst
//	d_jk = w_k·(f*_k − x_jk)/(f*_k − f⁻_k)   (absolute values for cost; 0 when f*_k = f⁻_k)
//	S_j  = Σ_k d_jk     (group utility)       R_j = max_k d_jk   (individual regret)
//	Q_j  = v·(S_j − S*)/(S⁻ − S*) + (1−v)·(R_j − R*)/(R⁻ − R*)
//
// with S* = min S, S⁻ = max S, R* = min R, R⁻ = max R, and a term 0 when its
// denominator is 0. Lower Q is better; since a higher score ranks first here,
// score_j = 100 × (1 − Q_j), in [0, 100]: 100 for the alternative(s) best on both
// S and R, 0 for one worst on both. (The acceptance conditions of the compromise
// solution — advantage and stability — are not applied; the ranking is by Q.)
// VikorDetail returns S, R and Q themselves.
//
// contrib_jk is the weighted regret d_jk ∈ [0, w_k] — larger is worse —, so a row
// of contrib adds up to S_j and its largest entry is R_j. A V outside [0, 1]
// gives an error wrapping ErrVikorV.
func Vikor(p *Problem, dst []float64, contrib *mat.Dense) ([]float64, error) {
	return vikorScratch(p, dst, contrib, new(Scratch))
}

func vikorScratch(p *Problem, dst []float64, contrib *mat.Dense, sc *Scratch) ([]float64, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	v, err := p.vikorV()
	if err != nil {
		return nil, err
	}
	checkContrib(contrib, n, k)
	dst = prepare(dst, n)
	w, s, r, _ := sc.vecs(n, k)
	vikor(p, k, v, dst, s, r, nil, contrib, w)
	return dst, nil
}

// VikorResult is the outcome of VIKOR for each alternative (formulas at Vikor).
type VikorResult struct {
	Score []float64 // 100 × (1 − Q), in [0, 100]; higher ranks first
	S     []float64 // group utility S_j, in [0, 1]; lower is better
	R     []float64 // individual regret R_j, in [0, 1]; lower is better
	Q     []float64 // Q_j, in [0, 1]; lower is better
}

// VikorDetail is Vikor returning S, R and Q beside the scores. contrib is as for
// Vikor.
func VikorDetail(p *Problem, contrib *mat.Dense) (*VikorResult, error) {
	n, k, err := p.check()
	if err != nil {
		return nil, err
	}
	v, err := p.vikorV()
	if err != nil {
		return nil, err
	}
	checkContrib(contrib, n, k)
	res := &VikorResult{Score: make([]float64, n), S: make([]float64, n), R: make([]float64, n), Q: make([]float64, n)}
	vikor(p, k, v, res.Score, res.S, res.R, res.Q, contrib, make([]float64, k))
	return res, nil
}

// vikor computes VIKOR on a checked problem: scores into dst, S, R and (when q
// is not nil) Q into s, r and q, all of length n, with w (length k) as work
// space.
func vikor(p *Problem, k int, v float64, dst, s, r, q []float64, contrib *mat.Dense, w []float64) {
	n := len(dst)
	p.normWeights(w)
	clear(s)
	clear(r)
	for c := 0; c < k; c++ {
		lo, hi := colRange(p.X, c)
		for j := 0; j < n; j++ {
			var d float64
			if hi > lo {
				x := p.X.At(j, c)
				if p.dir(c) == Cost {
					d = w[c] * (x - lo) / (hi - lo)
				} else {
					d = w[c] * (hi - x) / (hi - lo)
				}
			}
			s[j] += d
			r[j] = math.Max(r[j], d)
			if contrib != nil {
				contrib.Set(j, c, d)
			}
		}
	}
	sBest, sWorst := minMax(s)
	rBest, rWorst := minMax(r)
	for j := range dst {
		var qj float64
		if sWorst > sBest {
			qj += v * (s[j] - sBest) / (sWorst - sBest)
		}
		if rWorst > rBest {
			qj += (1 - v) * (r[j] - rBest) / (rWorst - rBest)
		}
		if q != nil {
			q[j] = qj
		}
		dst[j] = 100 * (1 - qj)
	}
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo = math.Min(lo, v)
		hi = math.Max(hi, v)
	}
	return lo, hi
}
