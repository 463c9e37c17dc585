package gapanalysis

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// improvedBy is the smallest delta counted as an improvement in p_improved:
// index deltas within 1e-9 of 0 are no change, as equal indexes share a rank.
const improvedBy = 1e-9

// CompareUncertainty runs the paired Monte Carlo analysis of the index deltas
// of cmp (from Compare(old, new)) and fills cmp.Countries[].Uncertainty,
// cmp.Samples and cmp.Seed.
//
// It draws new.Config.Uncertainty.Samples samples; sample i draws, from a
// stream seeded by (seed, i), the item-level inputs of SPEC 7 — the value of
// partial (uniform over uncertainty.partial), the checklist weights (each
// multiplied by a uniform factor in 1 ± weight_jitter, the same factor for the
// same item, theme or pillar ID in both waves) and the missing-data rule (one
// of uncertainty.missing_rules) — and applies that one draw to both waves,
// scoring each country's index in each and taking delta = new − old. The
// criteria weights and the ranking method do not enter an index and are not
// drawn. The uncertainty settings are the later wave's.
//
// For every country with a known delta: P05 and P95 are the empirical 5th and
// 95th percentiles of the delta over the samples in which both indexes are
// known (the smallest value with at least 5 % / 95 % of them at or below it),
// and PImproved the share of those samples with delta > 0 (more than 1e-9).
// A country without a known delta, or without a sample with both indexes,
// gets no Uncertainty. Samples ≤ 0 does nothing. The numbers depend on the
// seed only, not on opts.Workers or GOMAXPROCS.
func CompareUncertainty(ctx context.Context, cmp *Comparison, old, new *Result, opts UncertaintyOptions) error {
	if cmp == nil || old == nil || new == nil {
		return fmt.Errorf("%w: CompareUncertainty needs the comparison and both waves", ErrIncompatibleWaves)
	}
	u := new.Config.Uncertainty
	if u.Samples <= 0 {
		return nil
	}
	pd, err := pairedDeltas(ctx, cmp, old, new, opts)
	if err != nil {
		return err
	}
	for j, ci := range pd.rows {
		cmp.Countries[ci].Uncertainty = deltaStats(pd.deltas, j, len(pd.rows), pd.n)
	}
	cmp.Samples, cmp.Seed = pd.n, u.Seed
	return nil
}

// paired holds the delta samples of CompareUncertainty: deltas[i·len(rows)+j]
// is the delta of country cmp.Countries[rows[j]] in sample i (NaN when either
// index is unknown in that sample).
type paired struct {
	n      int
	rows   []int
	deltas []float64
}

// drawIndex draws the item-level inputs of sample i (see CompareUncertainty).
// Every sample takes the same three numbers from its stream, whichever inputs
// are switched on.
func drawIndex(cfg Config, i int) IndexDraw {
	u := cfg.Uncertainty
	rng := sampleStream(u.Seed, i)
	xp, seed, xr := rng.Float64(), rng.Uint64(), rng.Float64()
	d := IndexDraw{Partial: cfg.Scale.Partial, Rule: missingRule(cfg.Missing)}
	if len(u.Partial) == 2 && u.Partial[1] > u.Partial[0] {
		d.Partial = u.Partial[0] + xp*(u.Partial[1]-u.Partial[0])
	}
	if u.WeightJitter > 0 {
		d.Jitter, d.WeightSeed = u.WeightJitter, seed
	}
	if len(u.MissingRules) > 0 {
		d.Rule = u.MissingRules[pick(xr, len(u.MissingRules))]
	}
	return d
}

func pairedDeltas(ctx context.Context, cmp *Comparison, old, new *Result, opts UncertaintyOptions) (*paired, error) {
	mOld, err := NewModel(old)
	if err != nil {
		return nil, err
	}
	mNew, err := NewModel(new)
	if err != nil {
		return nil, err
	}
	posOld, posNew := modelPositions(mOld), modelPositions(mNew)
	pd := &paired{n: new.Config.Uncertainty.Samples}
	var jOld, jNew []int
	for ci, cp := range cmp.Countries {
		if !cp.Delta.Known {
			continue
		}
		po, okO := posOld[cp.Code]
		pn, okN := posNew[cp.Code]
		if !okO || !okN {
			return nil, fmt.Errorf("%w: country %s of the comparison is not in both waves given", ErrIncompatibleWaves, cp.Code)
		}
		pd.rows = append(pd.rows, ci)
		jOld, jNew = append(jOld, po), append(jNew, pn)
	}
	nc := len(pd.rows)
	pd.deltas = make([]float64, pd.n*nc)
	if nc == 0 {
		return pd, nil
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, pd.n)
	var next, done atomic.Int64
	var wg sync.WaitGroup
	const chunk = 16
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wsOld, wsNew := mOld.NewWorkspace(), mNew.NewWorkspace()
			idxOld, idxNew := make([]float64, len(mOld.countries)), make([]float64, len(mNew.countries))
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= pd.n || ctx.Err() != nil {
					return
				}
				end := min(start+chunk, pd.n)
				for i := start; i < end; i++ {
					d := drawIndex(new.Config, i)
					mOld.EvalIndex(wsOld, d, idxOld)
					mNew.EvalIndex(wsNew, d, idxNew)
					row := pd.deltas[i*nc : (i+1)*nc]
					for j := range row {
						row[j] = idxNew[jNew[j]] - idxOld[jOld[j]] // NaN when either is
					}
				}
				d := done.Add(int64(end - start))
				if opts.Progress != nil {
					opts.Progress(int(d), pd.n)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return pd, nil
}

func modelPositions(m *Model) map[CountryCode]int {
	pos := make(map[CountryCode]int, len(m.countries))
	for j, c := range m.countries {
		pos[c] = j
	}
	return pos
}

// deltaStats summarises column j of an n×stride matrix of delta samples (see
// CompareUncertainty); nil when no sample is known.
func deltaStats(deltas []float64, j, stride, n int) *DeltaUncertainty {
	col := make([]float64, 0, n)
	improved := 0
	for i := 0; i < n; i++ {
		v := deltas[i*stride+j]
		if math.IsNaN(v) {
			continue
		}
		col = append(col, v)
		if v > improvedBy {
			improved++
		}
	}
	if len(col) == 0 {
		return nil
	}
	sort.Float64s(col)
	q := func(p float64) float64 {
		idx := int(math.Ceil(p*float64(len(col)))) - 1
		return col[min(max(idx, 0), len(col)-1)]
	}
	return &DeltaUncertainty{P05: q(0.05), P95: q(0.95), PImproved: float64(improved) / float64(len(col))}
}
