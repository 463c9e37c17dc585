package gapanalysis

import (
	"context"
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEvalIndexNominal: the nominal draw reproduces each country's index.
func TestEvalIndexNominal(t *testing.T) {
	cl := testChecklist(t)
	for _, missing := range []MissingRule{MissingExclude, MissingZero} {
		t.Run(string(missing), func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Missing = missing
			res, err := Analyze(cl, testDataset(), cfg)
			require.NoError(t, err)
			m, err := NewModel(res)
			require.NoError(t, err)
			idx := make([]float64, len(m.Countries()))
			m.EvalIndex(m.NewWorkspace(), m.NominalDraw(), idx)
			for j, c := range m.Countries() {
				cr := country(t, res, c)
				if !cr.Index.Known {
					assert.True(t, math.IsNaN(idx[j]), c)
					continue
				}
				assert.InDelta(t, cr.Index.Value, idx[j], 1e-9, c)
			}
		})
	}
}

func TestEvalIndexDoesNotAllocate(t *testing.T) {
	res, err := Analyze(testChecklist(t), testDataset(), DefaultConfig())
	require.NoError(t, err)
	m, err := NewModel(res)
	require.NoError(t, err)
	ws := m.NewWorkspace()
	idx := make([]float64, len(m.Countries()))
	d := drawIndex(res.Config, 3)
	assert.Zero(t, testing.AllocsPerRun(100, func() { m.EvalIndex(ws, d, idx) }))
}

func uncertainWaves(t *testing.T, cfg Config) (old, new *Result, cmp *Comparison) {
	t.Helper()
	cl := testChecklist(t)
	dsOld, dsNew := waveDatasets()
	old, err := Analyze(cl, dsOld, cfg)
	require.NoError(t, err)
	new, err = Analyze(cl, dsNew, cfg)
	require.NoError(t, err)
	cmp, err = Compare(old, new)
	require.NoError(t, err)
	return old, new, cmp
}

// TestCompareUncertaintyHandWorked varies only the value of partial, p uniform
// on [0.25, 0.75]. In waveDatasets the index is the compliance pillar, the mean
// of offences (A alone is known) and victims (D = 1):
//
//	AT: A partial → full:    (p+1)/2 → 1:      delta = 50(1 − p) ∈ [12.5, 37.5]
//	BE: A none → partial:    1/2 → (p+1)/2:    delta = 50p       ∈ [12.5, 37.5]
//	CZ: A partial → none:                      delta = −50p      ∈ [−37.5, −12.5]
//	CY: A partial in both:                     delta = 0 in every sample (paired)
//
// so P05 ≈ 12.5 + 0.05·25 = 13.75 and P95 ≈ 36.25 for AT and BE.
func TestCompareUncertaintyHandWorked(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Uncertainty.Samples = 4000
	cfg.Uncertainty.WeightJitter = 0
	cfg.Uncertainty.MissingRules = nil
	old, new, cmp := uncertainWaves(t, cfg)
	require.NoError(t, CompareUncertainty(context.Background(), cmp, old, new, UncertaintyOptions{}))
	assert.Equal(t, 4000, cmp.Samples)
	assert.Equal(t, cfg.Uncertainty.Seed, cmp.Seed)
	tests := []struct {
		code     CountryCode
		p05, p95 float64
		improved float64
	}{
		{"AT", 13.75, 36.25, 1},
		{"BE", 13.75, 36.25, 1},
		{"CZ", -36.25, -13.75, 0},
		{"CY", 0, 0, 0},
		{"EE", 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(string(tc.code), func(t *testing.T) {
			u := findProgress(t, cmp, tc.code).Uncertainty
			require.NotNil(t, u)
			assert.InDelta(t, tc.p05, u.P05, 0.5)
			assert.InDelta(t, tc.p95, u.P95, 0.5)
			assert.Equal(t, tc.improved, u.PImproved)
		})
	}
	pd, err := pairedDeltas(context.Background(), cmp, old, new, UncertaintyOptions{})
	require.NoError(t, err)
	for j, ci := range pd.rows {
		if cmp.Countries[ci].Code != "CY" {
			continue
		}
		for i := 0; i < pd.n; i++ {
			require.Equal(t, 0.0, pd.deltas[i*len(pd.rows)+j], "CY's delta in sample %d", i)
		}
	}
	// A country in one wave only has no delta, hence no interval.
	assert.Nil(t, findProgress(t, cmp, "LU").Uncertainty)
	assert.Nil(t, findProgress(t, cmp, "MT").Uncertainty)
}

func TestCompareUncertaintyWithItself(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Uncertainty.Samples = 300
	cl := testChecklist(t)
	res, err := Analyze(cl, testDataset(), cfg)
	require.NoError(t, err)
	cmp, err := Compare(res, res)
	require.NoError(t, err)
	pd, err := pairedDeltas(context.Background(), cmp, res, res, UncertaintyOptions{})
	require.NoError(t, err)
	require.NotEmpty(t, pd.rows)
	for i, d := range pd.deltas {
		require.Equal(t, 0.0, d, "sample value %d", i)
	}
	require.NoError(t, CompareUncertainty(context.Background(), cmp, res, res, UncertaintyOptions{}))
	for _, cp := range cmp.Countries {
		if !cp.Delta.Known {
			continue
		}
		assert.Equal(t, &DeltaUncertainty{}, cp.Uncertainty, cp.Code)
	}
}

func TestCompareUncertaintySwapped(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Uncertainty.Samples = 200
	old, new, fwd := uncertainWaves(t, cfg)
	back, err := Compare(new, old)
	require.NoError(t, err)
	a, err := pairedDeltas(context.Background(), fwd, old, new, UncertaintyOptions{})
	require.NoError(t, err)
	b, err := pairedDeltas(context.Background(), back, new, old, UncertaintyOptions{})
	require.NoError(t, err)
	require.Equal(t, a.rows, b.rows)
	for i := range a.deltas {
		require.Equal(t, -a.deltas[i], b.deltas[i])
	}
}

func TestCompareUncertaintyDeterministic(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Uncertainty.Samples = 250 // not a multiple of the chunk
	old, new, _ := uncertainWaves(t, cfg)
	run := func(workers, procs int) []CountryProgress {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		cmp, err := Compare(old, new)
		require.NoError(t, err)
		require.NoError(t, CompareUncertainty(context.Background(), cmp, old, new, UncertaintyOptions{Workers: workers}))
		return cmp.Countries
	}
	one := run(1, 1)
	assert.Equal(t, one, run(2, 2))
	assert.Equal(t, one, run(0, 2))
	assert.Equal(t, one, run(7, 1))
	var withU int
	for _, cp := range one {
		if cp.Uncertainty != nil {
			withU++
		}
	}
	assert.Equal(t, 11, withU, "every country in both waves")

	// Another seed gives other numbers.
	new2 := *new
	new2.Config.Uncertainty.Seed = 99
	cmp, err := Compare(old, &new2)
	require.NoError(t, err)
	require.NoError(t, CompareUncertainty(context.Background(), cmp, old, &new2, UncertaintyOptions{}))
	assert.NotEqual(t, one, cmp.Countries)
}

func TestCompareUncertaintyCancelled(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Uncertainty.Samples = 100
	old, new, cmp := uncertainWaves(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, CompareUncertainty(ctx, cmp, old, new, UncertaintyOptions{}), context.Canceled)
}
