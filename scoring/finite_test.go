package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// Every method returned scores with err == nil for these inputs before:
// WeightedSum NaN scores, Topsis and Vikor dropped the column, Promethee2
// treated NaN as a tie.
func TestSolveNonFinite(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name  string
		x     []float64
		w     []float64
		extra error // a second sentinel the error wraps
	}{
		{"NaN in X", []float64{1, 2, nan, 4, 5, 6}, []float64{1, 1}, nil},
		{"+Inf in X", []float64{1, 2, 3, inf, 5, 6}, []float64{1, 1}, nil},
		{"-Inf in X", []float64{-inf, 2, 3, 4, 5, 6}, []float64{1, 1}, nil},
		{"NaN weight", []float64{1, 2, 3, 4, 5, 6}, []float64{nan, 1}, ErrWeights},
		{"+Inf weight", []float64{1, 2, 3, 4, 5, 6}, []float64{1, inf}, ErrWeights},
		{"weights adding up to +Inf", []float64{1, 2, 3, 4, 5, 6}, []float64{math.MaxFloat64, math.MaxFloat64}, ErrWeights},
	}
	for _, tc := range tests {
		for _, m := range Methods() {
			t.Run(tc.name+"/"+string(m), func(t *testing.T) {
				p := &Problem{X: mat.NewDense(3, 2, tc.x), Weights: tc.w}
				got, err := Solve(m, p, nil, nil)
				require.ErrorIs(t, err, ErrNonFinite)
				if tc.extra != nil {
					assert.ErrorIs(t, err, tc.extra)
				}
				assert.Nil(t, got)
			})
		}
	}
	t.Run("PreferenceIndex", func(t *testing.T) {
		_, err := PreferenceIndex(&Problem{X: mat.NewDense(2, 1, []float64{1, nan}), Weights: []float64{1}}, nil)
		assert.ErrorIs(t, err, ErrNonFinite)
	})
	t.Run("details", func(t *testing.T) {
		p := &Problem{X: mat.NewDense(2, 1, []float64{1, nan}), Weights: []float64{1}}
		_, err := TopsisDetail(p, nil)
		assert.ErrorIs(t, err, ErrNonFinite)
		_, err = VikorDetail(p, nil)
		assert.ErrorIs(t, err, ErrNonFinite)
	})
	t.Run("the message names the cell", func(t *testing.T) {
		_, err := WeightedSum(&Problem{X: mat.NewDense(2, 2, []float64{1, 2, 3, nan}), Weights: []float64{1, 1}}, nil, nil)
		assert.EqualError(t, err, "scoring: X[1, 1] (alternative 1, criterion 1) is NaN")
	})
}

func TestPreferenceNonFinite(t *testing.T) {
	x := mat.NewDense(2, 1, []float64{1, 2})
	for _, pr := range []Preference{
		{Func: UShape, Q: nan},
		{Func: VShape, P: math.Inf(1)},
		{Func: Linear, Q: 0, P: nan},
		{Func: Level, Q: math.Inf(-1), P: 1},
		{Func: Gaussian, S: nan},
	} {
		_, err := Promethee2(&Problem{X: x, Weights: []float64{1}, Pref: []Preference{pr}}, nil, nil)
		assert.ErrorIs(t, err, ErrPreference, "%+v", pr)
		assert.ErrorIs(t, err, ErrNonFinite, "%+v", pr)
	}
	// A bad but finite threshold is not a NaN problem.
	_, err := Promethee2(&Problem{X: x, Weights: []float64{1}, Pref: []Preference{{Func: VShape, P: -1}}}, nil, nil)
	assert.ErrorIs(t, err, ErrPreference)
	assert.NotErrorIs(t, err, ErrNonFinite)
}

func TestVikorVNonFinite(t *testing.T) {
	x := mat.NewDense(2, 1, []float64{1, 2})
	_, err := Vikor(&Problem{X: x, Weights: []float64{1}, V: new(math.NaN())}, nil, nil)
	assert.ErrorIs(t, err, ErrVikorV)
	assert.ErrorIs(t, err, ErrNonFinite)
}

// A nil Dirs means every criterion is a benefit criterion.
func TestNilDirsMeansBenefit(t *testing.T) {
	x := mat.NewDense(4, 3, []float64{1, 7, 3, 4, 2, 9, 6, 5, 1, 2, 8, 4})
	w := []float64{2, 1, 1}
	for _, m := range Methods() {
		want, err := Solve(m, &Problem{X: x, Weights: w, Dirs: []Direction{Benefit, Benefit, Benefit}}, nil, nil)
		require.NoError(t, err)
		got, err := Solve(m, &Problem{X: x, Weights: w}, nil, nil)
		require.NoError(t, err, "%s", m)
		assert.Equal(t, want, got, "%s", m)
	}
	assert.PanicsWithValue(t, "scoring: Problem: len(Weights) and len(Dirs) must equal the number of columns of X", func() {
		_, _ = WeightedSum(&Problem{X: x, Weights: w, Dirs: []Direction{Cost}}, nil, nil)
	})
}

func TestParseMethodErrMethod(t *testing.T) {
	_, err := ParseMethod("electre")
	assert.ErrorIs(t, err, ErrMethod)
	assert.NotErrorIs(t, err, ErrPreference)
	_, err = ParsePreferenceFunc("steep")
	assert.ErrorIs(t, err, ErrPreference)
	assert.NotErrorIs(t, err, ErrMethod)
}

func TestWeightedMeanRejects(t *testing.T) {
	tests := []struct {
		name    string
		x, w    []float64
		want    []error
		notWant error
	}{
		{"negative weight", []float64{1, 2}, []float64{-1, 2}, []error{ErrWeights}, ErrNonFinite},
		{"NaN weight", []float64{1, 2}, []float64{nan, 2}, []error{ErrWeights, ErrNonFinite}, nil},
		{"NaN weight of a missing value", []float64{nan, 2}, []float64{nan, 2}, []error{ErrWeights, ErrNonFinite}, nil},
		{"negative weight of a missing value", []float64{nan, 2}, []float64{-3, 2}, []error{ErrWeights}, nil},
		{"infinite weight", []float64{1, 2}, []float64{math.Inf(1), 2}, []error{ErrWeights, ErrNonFinite}, nil},
		{"infinite value", []float64{1, math.Inf(1)}, nil, []error{ErrNonFinite}, ErrWeights},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ok, err := WeightedMean(tc.x, tc.w)
			for _, e := range tc.want {
				assert.ErrorIs(t, err, e)
			}
			if tc.notWant != nil {
				assert.NotErrorIs(t, err, tc.notWant)
			}
			assert.False(t, ok)
			assert.Zero(t, m)
		})
	}
}

func TestMinMaxTargetScoreNonFinite(t *testing.T) {
	// +Inf used to turn every finite value into 0 (and itself into NaN).
	x := []float64{1, math.Inf(1), 3}
	dst := []float64{7, 7, 7}
	got, err := MinMax(dst, x, Benefit)
	assert.ErrorIs(t, err, ErrNonFinite)
	assert.Nil(t, got)
	assert.Equal(t, []float64{7, 7, 7}, dst, "dst unchanged")

	_, err = TargetScore(math.Inf(1), 10, Benefit)
	assert.ErrorIs(t, err, ErrNonFinite)
	s, err := TargetScore(nan, 10, Benefit)
	require.NoError(t, err, "NaN is a missing value")
	assert.True(t, math.IsNaN(s))
	assert.Panics(t, func() { _, _ = TargetScore(1, nan, Benefit) })
	assert.Panics(t, func() { _, _ = TargetScore(1, 0, Benefit) })
}

func TestRankInfinite(t *testing.T) {
	inf := math.Inf(1)
	// Competition ranks: the two +Inf share 1, then 5 is third.
	assert.Equal(t, []int{3, 1, 5, 1, 4}, Rank([]float64{5, inf, -inf, inf, 1}, 1e-9))
	assert.Panics(t, func() { Rank([]float64{1}, nan) })
}

// Spearman returned 1 for these before.
func TestRankStatsNonFinite(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	for _, y := range [][]float64{{1, nan, 3, 4}, {1, 2, math.Inf(1), 4}} {
		_, err := Spearman(x, y)
		assert.ErrorIs(t, err, ErrNonFinite, "Spearman %v", y)
		_, err = Spearman(y, x)
		assert.ErrorIs(t, err, ErrNonFinite, "Spearman %v (first)", y)
		_, err = KendallTauB(x, y)
		assert.ErrorIs(t, err, ErrNonFinite, "KendallTauB %v", y)
		_, err = KendallTauB(y, x)
		assert.ErrorIs(t, err, ErrNonFinite, "KendallTauB %v (first)", y)
		_, err = WSCoefficient(x, y)
		assert.ErrorIs(t, err, ErrNonFinite, "WSCoefficient %v", y)
		_, err = WSCoefficient(y, x)
		assert.ErrorIs(t, err, ErrNonFinite, "WSCoefficient %v (first)", y)
		_, err = MidRanks(nil, y)
		assert.ErrorIs(t, err, ErrNonFinite, "MidRanks %v", y)
	}
}

func TestSobolConfidenceNaN(t *testing.T) {
	_, err := SobolIndices(func(x []float64) float64 { return x[0] }, 1, SobolOptions{N: 8, Confidence: nan})
	assert.ErrorIs(t, err, ErrSobolOptions)
	assert.ErrorIs(t, err, ErrNonFinite)
	_, err = SobolIndices(func(x []float64) float64 { return nan }, 1, SobolOptions{N: 8, Bootstrap: -1, Workers: 1})
	assert.ErrorIs(t, err, ErrModelValue)
	assert.ErrorIs(t, err, ErrNonFinite)
}
