package gapanalysis

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// UncertaintyOptions controls how the uncertainty analysis runs (not what it
// computes: that is Config.Uncertainty).
type UncertaintyOptions struct {
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The results do not
	// depend on it.
	Workers int
	// Progress, when not nil, is called from the running goroutines with the number
	// of model evaluations done so far and the total; it must be safe for
	// concurrent use.
	Progress func(done, total int)
}

// sampleStream returns the random stream of Monte Carlo sample i: derived from
// (seed, i) only, so results do not depend on the number of goroutines.
func sampleStream(seed uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)^0x9e3779b97f4a7c15))
}

// sampleInputs fills x with the first len(x) numbers of sampleStream(seed, i)'s
// Float64, without allocating: the generator stays on the stack rather than
// behind rand.Rand's interface.
func sampleInputs(seed uint64, i int, x []float64) {
	src := rand.NewPCG(seed, uint64(i)^0x9e3779b97f4a7c15)
	for d := range x {
		x[d] = float64(src.Uint64()<<11>>11) / (1 << 53) // rand.Rand.Float64
	}
}

// MonteCarlo runs res.Config.Uncertainty.Samples evaluations of the model with
// inputs drawn uniformly (SPEC 7) and stores, for every measure and country, the
// nominal rank, the median, 5th and 95th percentile rank and P(rank ≤ k) in
// res.Uncertainty and in each Priority's Uncertainty. Sample i draws its inputs
// from a stream seeded by (seed, i): the same seed gives the same numbers whatever
// the number of workers.
func MonteCarlo(ctx context.Context, res *Result, opts UncertaintyOptions) error {
	u := res.Config.Uncertainty
	if u.Samples <= 0 {
		return nil
	}
	m, err := NewModel(res)
	if err != nil {
		return err
	}
	n := u.Samples
	nm, nc := len(m.measures), len(m.countries)
	mr := make([]int32, n*nm)
	cr := make([]int32, n*nc)
	if err := m.run(ctx, n, opts, func(i int, x []float64) {
		sampleInputs(u.Seed, i, x)
	}, func(i int, measureRanks, countryRanks []int) {
		for j, r := range measureRanks {
			mr[i*nm+j] = int32(r)
		}
		for j, r := range countryRanks {
			cr[i*nc+j] = int32(r)
		}
	}); err != nil {
		return err
	}
	k := res.Config.Ranking.TopK
	unc := ensureUncertainty(res, m)
	unc.Samples = n
	for j, id := range m.measures {
		unc.Measures[id] = rankStats(mr, j, nm, n, m.nominalM[j], k)
	}
	for j, c := range m.countries {
		unc.Countries[c] = rankStats(cr, j, nc, n, m.nominalC[j], k)
	}
	for i := range res.Priorities {
		ru := unc.Measures[res.Priorities[i].ID]
		res.Priorities[i].Uncertainty = &ru
	}
	res.Meta.Samples = n
	return nil
}

func ensureUncertainty(res *Result, m *Model) *Uncertainty {
	if res.Uncertainty == nil {
		res.Uncertainty = &Uncertainty{}
	}
	u := res.Uncertainty
	u.Seed = res.Config.Uncertainty.Seed
	u.TopK = res.Config.Ranking.TopK
	u.Inputs = m.ActiveInputs()
	if u.Measures == nil {
		u.Measures = map[MeasureID]RankUncertainty{}
	}
	if u.Countries == nil {
		u.Countries = map[CountryCode]RankUncertainty{}
	}
	return u
}

// ActiveInputs lists the uncertain inputs that the configuration switches on.
func (m *Model) ActiveInputs() []string {
	var out []string
	on := []bool{m.partialOn, m.weightsOn, m.criteriaOn, len(m.rules) > 1, len(m.methods) > 1, m.panelOn}
	for i, name := range ModelInputs {
		if on[i] {
			out = append(out, name)
		}
	}
	return out
}

// run evaluates the model at n points in parallel: draw fills the input vector of
// point i, store receives its ranks. Each point is evaluated exactly once, and
// store is called for distinct i concurrently.
func (m *Model) run(ctx context.Context, n int, opts UncertaintyOptions, draw func(i int, x []float64), store func(i int, measureRanks, countryRanks []int)) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	const chunk = 16
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			ws := m.NewWorkspace()
			x := make([]float64, len(ModelInputs))
			mr := make([]int, len(m.measures))
			cr := make([]int, len(m.countries))
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= n || ctx.Err() != nil {
					return
				}
				end := min(start+chunk, n)
				for i := start; i < end; i++ {
					draw(i, x)
					if err := m.Eval(ws, x, mr, cr); err != nil {
						errs[w] = err
						return
					}
					store(i, mr, cr)
				}
				d := done.Add(int64(end - start))
				if opts.Progress != nil {
					opts.Progress(int(d), n)
				}
			}
		}(w)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// rankStats summarises column j of an n×stride rank matrix. Percentiles are
// empirical: the smallest rank r with at least the fraction p of the samples at or
// below r. Samples without a rank (0) count as worse than every ranked one.
func rankStats(ranks []int32, j, stride, n, nominal, k int) RankUncertainty {
	col := make([]int, n)
	unranked := int32(stride + 1)
	inTop := 0
	for i := 0; i < n; i++ {
		r := ranks[i*stride+j]
		if r == 0 {
			r = unranked
		}
		col[i] = int(r)
		if r <= int32(k) {
			inTop++
		}
	}
	sort.Ints(col)
	q := func(p float64) float64 {
		idx := int(math.Ceil(p*float64(n))) - 1
		idx = min(max(idx, 0), n-1)
		return float64(col[idx])
	}
	med := q(0.5)
	if n%2 == 0 {
		med = float64(col[n/2-1]+col[n/2]) / 2
	}
	return RankUncertainty{Nominal: nominal, Median: med, P05: q(0.05), P95: q(0.95), PTopK: float64(inTop) / float64(n)}
}
