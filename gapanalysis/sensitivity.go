package gapanalysis

import (
	"context"
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/mat"

	"github.com/gapstudy/gapstudy/scoring"
)

// OutputMeanShift names the Sobol output "mean absolute rank shift": the mean over
// the measures of |rank − nominal rank|.
const OutputMeanShift = "mean_abs_rank_shift"

// Sensitivity computes first-order and total Sobol indices (Saltelli sampling on
// a Sobol' sequence, Jansen estimators, percentile bootstrap intervals; see
// scoring.SobolIndicesMulti) of every active uncertain input (Model.ActiveInputs)
// on the rank of every measure and on the mean absolute rank shift, with
// res.Config.Uncertainty.Sobol base samples, and stores them in
// res.Uncertainty.Sobol. Nothing is computed when no input is active or Sobol is 0.
// The results do not depend on opts.Workers.
func Sensitivity(ctx context.Context, res *Result, opts UncertaintyOptions) error {
	u := res.Config.Uncertainty
	if u.Sobol <= 0 {
		return nil
	}
	m, err := NewModel(res)
	if err != nil {
		return err
	}
	unc := ensureUncertainty(res, m)
	active := m.ActiveInputs()
	if len(active) == 0 || len(m.measures) == 0 {
		return nil
	}
	dims := make([]int, len(active))
	for i, name := range active {
		for j, n := range ModelInputs {
			if n == name {
				dims[i] = j
			}
		}
	}
	nominal := m.Nominal()
	nm := len(m.measures)
	pool := sync.Pool{New: func() any {
		return &evalScratch{ws: m.NewWorkspace(), x: make([]float64, len(ModelInputs)),
			mr: make([]int, nm), cr: make([]int, len(m.countries))}
	}}
	var (
		errOnce sync.Once
		evalErr error
	)
	model := func(x, out []float64) {
		sc := pool.Get().(*evalScratch)
		defer pool.Put(sc)
		copy(sc.x, nominal)
		for i, d := range dims {
			sc.x[d] = x[i]
		}
		if err := m.Eval(sc.ws, sc.x, sc.mr, sc.cr); err != nil {
			errOnce.Do(func() { evalErr = err })
		}
		var shift float64
		for j, r := range sc.mr {
			out[j] = float64(r)
			shift += math.Abs(float64(r - m.nominalM[j]))
		}
		out[nm] = shift / float64(nm)
	}
	sopts := scoring.SobolOptions{N: u.Sobol, Bootstrap: u.Bootstrap, Seed: u.Seed, Workers: opts.Workers, Progress: opts.Progress}
	if err := ctx.Err(); err != nil {
		return err
	}
	results, err := scoring.SobolIndicesMulti(model, len(dims), nm+1, sopts)
	if err != nil {
		return fmt.Errorf("gapanalysis: Sobol analysis: %w", err)
	}
	if evalErr != nil {
		return evalErr
	}
	rep := &SobolReport{N: u.Sobol, Sequence: scoring.SobolSequence.String(), Confidence: scoring.DefaultSobolConfidence, Inputs: active}
	for j, r := range results {
		name := OutputMeanShift
		if j < nm {
			name = string(m.measures[j])
		}
		rep.Evaluations = r.Evaluations
		rep.Outputs = append(rep.Outputs, SobolOutput{Name: name, Variance: r.Variance,
			First: r.First, FirstLo: r.FirstLo, FirstHi: r.FirstHi,
			Total: r.Total, TotalLo: r.TotalLo, TotalHi: r.TotalHi})
	}
	unc.Sobol = rep
	return nil
}

type evalScratch struct {
	ws     *Workspace
	x      []float64
	mr, cr []int
}

// CompareMethods ranks the measures with every method of scoring.Methods on the
// nominal criteria values and weights, and compares each pair of rankings with
// Spearman's rho, Kendall's tau-b and the WS coefficient (the first method of the
// pair is the reference). The result is stored in res.Uncertainty.Agreement and
// also returned.
func CompareMethods(res *Result) ([]MethodAgreement, error) {
	n, k := len(res.Priorities), len(res.Criteria)
	if n < 2 || k == 0 {
		return nil, nil
	}
	x := mat.NewDense(n, k, nil)
	prob := problem(x, res.Criteria, res.Config.Ranking)
	for c, cr := range res.Criteria {
		for j, p := range res.Priorities {
			x.Set(j, c, p.Criteria[cr.ID])
		}
	}
	methods := scoring.Methods()
	ranks := make([][]float64, len(methods))
	for i, meth := range methods {
		scores, err := scoring.Solve(meth, prob, nil, nil)
		if err != nil {
			return nil, err
		}
		r := scoring.Rank(scores, 1e-9)
		ranks[i] = make([]float64, n)
		for j, v := range r {
			ranks[i][j] = float64(v)
		}
	}
	var out []MethodAgreement
	for a := range methods {
		for b := a + 1; b < len(methods); b++ {
			ag, err := agreement(ranks[a], ranks[b])
			if err != nil {
				return nil, err
			}
			ag.A, ag.B = string(methods[a]), string(methods[b])
			out = append(out, ag)
		}
	}
	if res.Uncertainty == nil {
		res.Uncertainty = &Uncertainty{Seed: res.Config.Uncertainty.Seed, TopK: res.Config.Ranking.TopK}
	}
	res.Uncertainty.Agreement = out
	return out, nil
}

// agreement compares two rankings (x the reference) by Spearman's rho,
// Kendall's tau-b and the WS coefficient.
func agreement(x, y []float64) (MethodAgreement, error) {
	var ag MethodAgreement
	var err error
	if ag.Spearman, err = scoring.Spearman(x, y); err != nil {
		return ag, err
	}
	if ag.Kendall, err = scoring.KendallTauB(x, y); err != nil {
		return ag, err
	}
	ag.WS, err = scoring.WSCoefficient(x, y)
	return ag, err
}
