package scoring

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"
)

// SequenceKind says how the base samples of a Sobol analysis are drawn.
type SequenceKind int

// Sequences. The zero value is SobolSequence.
const (
	// SobolSequence takes the two base matrices from the first 2·dim coordinates
	// of the Sobol' low-discrepancy sequence (SobolSeq): deterministic, and the
	// most accurate for a given N; needs 2·dim ≤ MaxSobolDim.
	SobolSequence SequenceKind = iota
	// PseudoRandom draws them uniformly from a PCG stream seeded by the seed.
	PseudoRandom
)

// String returns "sobol" or "pseudo-random".
func (k SequenceKind) String() string {
	switch k {
	case SobolSequence:
		return "sobol"
	case PseudoRandom:
		return "pseudo-random"
	}
	return fmt.Sprintf("SequenceKind(%d)", int(k))
}

// Defaults of SobolOptions.
const (
	DefaultSobolN          = 1024
	DefaultSobolBootstrap  = 1000
	DefaultSobolConfidence = 0.95
)

// ErrSobolOptions is returned for SobolOptions out of range.
var ErrSobolOptions = errors.New("scoring: invalid Sobol options")

// ErrModelValue is returned when a model gives a value that is NaN or infinite.
// It wraps ErrNonFinite, so errors.Is(err, ErrNonFinite) holds as well.
var ErrModelValue error = &dataError{msg: "scoring: model value is not finite", errs: []error{ErrNonFinite}}

// SobolOptions configures SobolIndices and SobolIndicesMulti. The zero value
// asks for the defaults.
type SobolOptions struct {
	// N is the number of base samples (rows of A and B); the model is evaluated
	// N·(dim+2) times. 0 means DefaultSobolN; otherwise N ≥ 2 and N ≤ 2^31. With
	// SobolSequence a power of two keeps the balance properties of the sequence.
	N int
	// Bootstrap is the number of bootstrap resamples behind the confidence
	// intervals. 0 means DefaultSobolBootstrap; a negative value computes no
	// intervals (the Lo/Hi slices of the results are nil).
	Bootstrap int
	// Confidence is the level of the intervals, in (0, 1); 0 means 0.95.
	Confidence float64
	// Seed seeds every random stream: the bootstrap resamples and, with
	// PseudoRandom, the base samples.
	Seed uint64
	// Sequence selects how the base samples are drawn (default SobolSequence).
	Sequence SequenceKind
	// Workers is the number of goroutines evaluating the model and the
	// resamples: 0 means runtime.GOMAXPROCS(0), 1 evaluates everything in the
	// calling goroutine. Results do not depend on it.
	Workers int
	// Progress, when not nil, is called from the calling goroutine with the
	// number of model evaluations done so far and their total, as they complete
	// (the bootstrap that follows is not counted).
	Progress func(done, total int)
}

// SobolResult holds the Sobol indices of every input on one output. Slices have
// one element per input. Indices are estimates: sampling error can put them
// slightly outside [0, 1], and First can exceed Total. When the output does not
// vary (Variance = 0) every index and bound is 0.
type SobolResult struct {
	First, Total []float64 // first-order S_i and total S_Ti
	// FirstLo … TotalHi bound the bootstrap percentile confidence intervals of
	// First and Total at the level of SobolOptions.Confidence; nil when the
	// bootstrap is off.
	FirstLo, FirstHi, TotalLo, TotalHi []float64
	Variance                           float64 // V, the variance of the output over A and B
	Evaluations                        int     // model evaluations, N·(dim+2)
}

// SobolIndices estimates the first-order and total Sobol indices of each of the
// dim inputs of model, which maps a point of the unit hypercube [0, 1)^dim to a
// value (callers map each coordinate to the range or the categories of their
// input). It is SobolIndicesMulti with one output; see there for the method and
// the contract of model.
func SobolIndices(model func(x []float64) float64, dim int, opts SobolOptions) (*SobolResult, error) {
	if model == nil {
		panic("scoring: SobolIndices: nil model")
	}
	res, err := SobolIndicesMulti(func(x, out []float64) { out[0] = model(x) }, dim, 1, opts)
	if err != nil {
		return nil, err
	}
	return res[0], nil
}

// SobolIndicesMulti estimates the first-order and total Sobol indices of each of
// the dim inputs of a model with nOut outputs: model(x, out) writes into out
// (len nOut) the outputs at the point x of [0, 1)^dim (len dim). One result per
// output is returned.
//
// Sampling (Saltelli, 2002): two N×dim matrices A and B of base samples
// (SobolOptions.Sequence; with SobolSequence, A holds coordinates 1…dim of the
// first N points of the 2·dim-dimensional Sobol' sequence and B coordinates
// dim+1…2·dim), and for each input i the matrix AB_i, A with column i taken from
// B. With f(M) the vector of outputs over the rows of M, the estimators (Jansen,
// 1999; Saltelli et al., 2010) are
//
//	V    = variance of f over the 2N rows of A and B (divisor 2N)
//	S_i  = (V − ½·mean_j (f(B)_j − f(AB_i)_j)²) / V
//	S_Ti = ½·mean_j (f(A)_j − f(AB_i)_j)² / V
//
// and all indices are 0 when V = 0. Confidence intervals are bootstrap
// percentile intervals: rows j of (A, B, AB_1…AB_dim) are resampled with
// replacement (the same rows for every output), the estimators recomputed, and
// the (1−c)/2 and (1+c)/2 quantiles of the resampled indices taken (linear
// interpolation). Resample r draws from a PCG stream seeded with (Seed, r).
//
// The model is called N·(dim+2) times, from SobolOptions.Workers goroutines at
// once: it must be safe for concurrent use unless Workers is 1. x and out are
// valid only during a call, and the model must write every out[o]. Results are
// the same, bit for bit, whatever the number of workers.
//
// Errors: SobolOptions out of range (ErrSobolOptions), 2·dim > MaxSobolDim with
// SobolSequence (ErrSobolDim; PseudoRandom has no limit), a NaN or infinite
// output (ErrModelValue). It panics when model is nil, dim < 1 or nOut < 1, and
// re-panics, in the calling goroutine, a panic of the model.
func SobolIndicesMulti(model func(x, out []float64), dim, nOut int, opts SobolOptions) ([]*SobolResult, error) {
	if model == nil {
		panic("scoring: SobolIndicesMulti: nil model")
	}
	if dim < 1 || nOut < 1 {
		panic("scoring: SobolIndicesMulti: dim < 1 or nOut < 1")
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	a, b, err := saltelliBase(dim, o)
	if err != nil {
		return nil, err
	}
	n := o.N
	stride := dim + 2 // evaluations per base row: A, B, AB_1 … AB_dim
	rows := n * stride
	y := make([]float64, rows*nOut)

	// Evaluate the model: row e = j·stride + t is A_j (t = 0), B_j (t = 1) or
	// AB_{t−2},j.
	xs := make([][]float64, o.Workers)
	for w := range xs {
		xs[w] = make([]float64, dim)
	}
	parallelFor(rows, o.Workers, evalBatch(rows, o.Workers), o.Progress, func(w, lo, hi int) {
		x := xs[w]
		for e := lo; e < hi; e++ {
			j, t := e/stride, e%stride
			if t == 1 {
				copy(x, b[j*dim:(j+1)*dim])
			} else {
				copy(x, a[j*dim:(j+1)*dim])
				if t >= 2 {
					x[t-2] = b[j*dim+t-2]
				}
			}
			model(x, y[e*nOut:(e+1)*nOut])
		}
	})
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			e := i / nOut
			j, t := e/stride, e%stride
			which := "A"
			switch {
			case t == 1:
				which = "B"
			case t >= 2:
				which = fmt.Sprintf("AB_%d", t-1)
			}
			return nil, fmt.Errorf("%w: output %d is %g at row %d of %s", ErrModelValue, i%nOut, v, j, which)
		}
	}

	est := sobolEstimator{n: n, dim: dim, nOut: nOut, y: y}
	first := make([]float64, nOut*dim)
	total := make([]float64, nOut*dim)
	variance := make([]float64, nOut)
	est.estimate(nil, first, total, variance, est.newScratch())

	res := make([]*SobolResult, nOut)
	for k := range res {
		res[k] = &SobolResult{
			First:       first[k*dim : (k+1)*dim : (k+1)*dim],
			Total:       total[k*dim : (k+1)*dim : (k+1)*dim],
			Variance:    variance[k],
			Evaluations: rows,
		}
	}
	if o.Bootstrap > 0 {
		est.bootstrap(res, o)
	}
	return res, nil
}

// withDefaults validates o and fills in its defaults.
func (o SobolOptions) withDefaults() (SobolOptions, error) {
	bad := func(format string, args ...any) (SobolOptions, error) {
		return o, fmt.Errorf("%w: "+format, append([]any{ErrSobolOptions}, args...)...)
	}
	switch {
	case o.N == 0:
		o.N = DefaultSobolN
	case o.N < 2 || o.N > 1<<31:
		return bad("N = %d, want 2 ≤ N ≤ 2^31", o.N)
	}
	if o.Bootstrap == 0 {
		o.Bootstrap = DefaultSobolBootstrap
	}
	switch {
	case o.Confidence == 0:
		o.Confidence = DefaultSobolConfidence
	case !finite(o.Confidence):
		return o, nonFinite([]error{ErrSobolOptions}, "invalid Sobol options: Confidence = %g, want 0 < Confidence < 1", o.Confidence)
	case !(o.Confidence > 0 && o.Confidence < 1):
		return bad("Confidence = %g, want 0 < Confidence < 1", o.Confidence)
	}
	if o.Sequence != SobolSequence && o.Sequence != PseudoRandom {
		return bad("unknown sequence %v", o.Sequence)
	}
	switch {
	case o.Workers == 0:
		o.Workers = runtime.GOMAXPROCS(0)
	case o.Workers < 0:
		return bad("Workers = %d, want ≥ 0", o.Workers)
	}
	return o, nil
}

// Stream selectors mixed into the seed, so that the streams of a Sobol analysis
// differ from streams a caller derives from the same seed.
const (
	sampleStreamMix    = 0x53616d706c654142 // "SampleAB"
	bootstrapStreamMix = 0x426f6f7473747270 // "Bootstrp"
)

// saltelliBase returns the base matrices A and B, row-major N×dim each.
func saltelliBase(dim int, o SobolOptions) (a, b []float64, err error) {
	n := o.N
	a = make([]float64, n*dim)
	b = make([]float64, n*dim)
	switch o.Sequence {
	case SobolSequence:
		seq, err := NewSobolSeq(2 * dim)
		if err != nil {
			return nil, nil, fmt.Errorf("%w (a Sobol analysis of %d inputs needs %d; use PseudoRandom)", err, dim, 2*dim)
		}
		pt := make([]float64, 2*dim)
		for j := 0; j < n; j++ {
			seq.Next(pt)
			copy(a[j*dim:(j+1)*dim], pt[:dim])
			copy(b[j*dim:(j+1)*dim], pt[dim:])
		}
	case PseudoRandom:
		rng := rand.New(rand.NewPCG(o.Seed^sampleStreamMix, 0))
		for j := 0; j < n; j++ {
			for i := 0; i < dim; i++ {
				a[j*dim+i] = rng.Float64()
			}
			for i := 0; i < dim; i++ {
				b[j*dim+i] = rng.Float64()
			}
		}
	}
	return a, b, nil
}

// sobolEstimator computes the Jansen estimators from the model outputs y, laid
// out as y[(j·(dim+2) + t)·nOut + o] (see SobolIndicesMulti).
type sobolEstimator struct {
	n, dim, nOut int
	y            []float64
}

type sobolScratch struct {
	mean, ss, sa, sb []float64
}

func (s *sobolEstimator) newScratch() *sobolScratch {
	return &sobolScratch{
		mean: make([]float64, s.nOut),
		ss:   make([]float64, s.nOut),
		sa:   make([]float64, s.nOut*s.dim),
		sb:   make([]float64, s.nOut*s.dim),
	}
}

// estimate computes the indices of every output over the base rows idx (all N
// rows when nil) into first, total (nOut×dim) and variance (nOut).
func (s *sobolEstimator) estimate(idx []int, first, total, variance []float64, sc *sobolScratch) {
	n, dim, nOut, stride := s.n, s.dim, s.nOut, s.dim+2
	clear(sc.mean)
	clear(sc.ss)
	clear(sc.sa)
	clear(sc.sb)
	row := func(r int) int {
		if idx == nil {
			return r
		}
		return idx[r]
	}
	for r := 0; r < n; r++ {
		base := row(r) * stride * nOut
		for o := 0; o < nOut; o++ {
			sc.mean[o] += s.y[base+o] + s.y[base+nOut+o]
		}
	}
	m := float64(2 * n)
	for o := range sc.mean {
		sc.mean[o] /= m
	}
	for r := 0; r < n; r++ {
		base := row(r) * stride * nOut
		for o := 0; o < nOut; o++ {
			fa, fb := s.y[base+o], s.y[base+nOut+o]
			da, db := fa-sc.mean[o], fb-sc.mean[o]
			sc.ss[o] += da*da + db*db
			for i := 0; i < dim; i++ {
				fab := s.y[base+(2+i)*nOut+o]
				sc.sa[o*dim+i] += (fa - fab) * (fa - fab)
				sc.sb[o*dim+i] += (fb - fab) * (fb - fab)
			}
		}
	}
	for o := 0; o < nOut; o++ {
		v := sc.ss[o] / m
		variance[o] = v
		for i := 0; i < dim; i++ {
			k := o*dim + i
			if v == 0 {
				first[k], total[k] = 0, 0
				continue
			}
			first[k] = (v - sc.sb[k]/m) / v
			total[k] = sc.sa[k] / m / v
		}
	}
}

// bootstrap fills the confidence intervals of res.
func (s *sobolEstimator) bootstrap(res []*SobolResult, o SobolOptions) {
	nb, per := o.Bootstrap, s.nOut*s.dim
	bFirst := make([]float64, nb*per)
	bTotal := make([]float64, nb*per)
	type scratch struct {
		idx      []int
		variance []float64
		sc       *sobolScratch
	}
	scr := make([]*scratch, o.Workers)
	for w := range scr {
		scr[w] = &scratch{idx: make([]int, s.n), variance: make([]float64, s.nOut), sc: s.newScratch()}
	}
	parallelFor(nb, o.Workers, 1, nil, func(w, lo, hi int) {
		sw := scr[w]
		for r := lo; r < hi; r++ {
			rng := rand.New(rand.NewPCG(o.Seed^bootstrapStreamMix, uint64(r)))
			for j := range sw.idx {
				sw.idx[j] = rng.IntN(s.n)
			}
			s.estimate(sw.idx, bFirst[r*per:(r+1)*per], bTotal[r*per:(r+1)*per], sw.variance, sw.sc)
		}
	})
	pLo, pHi := (1-o.Confidence)/2, (1+o.Confidence)/2
	col := make([]float64, nb)
	interval := func(src []float64, k int) (lo, hi float64) {
		for r := range col {
			col[r] = src[r*per+k]
		}
		slices.Sort(col)
		return stat.Quantile(pLo, stat.LinInterp, col, nil), stat.Quantile(pHi, stat.LinInterp, col, nil)
	}
	for out, rs := range res {
		rs.FirstLo, rs.FirstHi = make([]float64, s.dim), make([]float64, s.dim)
		rs.TotalLo, rs.TotalHi = make([]float64, s.dim), make([]float64, s.dim)
		for i := 0; i < s.dim; i++ {
			k := out*s.dim + i
			rs.FirstLo[i], rs.FirstHi[i] = interval(bFirst, k)
			rs.TotalLo[i], rs.TotalHi[i] = interval(bTotal, k)
		}
	}
}

// evalBatch returns the number of model evaluations a worker takes at a time:
// small enough to balance the load and report progress often, large enough to
// keep the overhead low.
func evalBatch(rows, workers int) int {
	return max(1, min(256, rows/(16*workers)))
}

// parallelFor calls body(worker, lo, hi) over consecutive batches [lo, hi) of
// [0, n) on the given number of workers (in the calling goroutine when
// workers ≤ 1); worker is in [0, workers), and a worker runs one batch at a
// time. progress, when not nil, is called from the calling goroutine after each
// batch with the count done. A panic in body is re-raised in the calling
// goroutine once every worker has stopped.
func parallelFor(n, workers, batch int, progress func(done, total int), body func(worker, lo, hi int)) {
	if workers <= 1 {
		for lo := 0; lo < n; lo += batch {
			hi := min(lo+batch, n)
			body(0, lo, hi)
			if progress != nil {
				progress(hi, n)
			}
		}
		return
	}
	var (
		next     atomic.Int64
		stop     atomic.Bool
		once     sync.Once
		panicVal any
		wg       sync.WaitGroup
	)
	done := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicVal = r })
					stop.Store(true)
				}
			}()
			for !stop.Load() {
				lo := int(next.Add(int64(batch))) - batch
				if lo >= n {
					return
				}
				hi := min(lo+batch, n)
				body(w, lo, hi)
				done <- hi - lo
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	count := 0
	for c := range done {
		count += c
		if progress != nil {
			progress(count, n)
		}
	}
	if stop.Load() {
		panic(panicVal)
	}
}
