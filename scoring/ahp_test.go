package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// saatyDrinks is the "relative consumption of drinks in the United States"
// matrix of T. L. Saaty, "Decision making with the analytic hierarchy process",
// Int. J. Services Sciences 1(1) (2008) 83–98, Table 2 (rows and columns:
// coffee, wine, tea, beer, sodas, milk, water). Saaty gives the eigenvector
// 0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327 and CR = 0.022; the test
// suite of the Python package ahpy (test_drinks_weights_dd) reproduces it to
// four decimals: 0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268.
var saatyDrinks = []float64{
	1, 9, 5, 2, 1, 1, 1.0 / 2,
	1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9,
	1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9,
	1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,
	1, 9, 4, 2, 1, 2, 1.0 / 2,
	1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,
	2, 9, 9, 3, 2, 3, 1,
}

func TestAHPSaatyDrinks(t *testing.T) {
	got, err := AHP(mat.NewDense(7, 7, saatyDrinks))
	require.NoError(t, err)
	want := []float64{0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268}
	for i := range want {
		assert.InDelta(t, want[i], got.Weights[i], 5e-5, "weight %d", i)
	}
	assert.InDelta(t, 0.022, got.CR, 5e-4)
	// CI = CR·RI(7) and λmax = 7 + 6·CI, consistently.
	assert.InDelta(t, got.CR*1.32, got.CI, 1e-12)
	assert.InDelta(t, 7+6*got.CI, got.LambdaMax, 1e-9)
	assert.InDelta(t, 1, floats(got.Weights).sum(), 1e-12)
}

type floats []float64

func (f floats) sum() float64 {
	var s float64
	for _, v := range f {
		s += v
	}
	return s
}

// consistent returns the matrix a_ij = w_i/w_j.
func consistent(w []float64) *mat.Dense {
	n := len(w)
	m := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			m.Set(i, j, w[i]/w[j])
		}
	}
	return m
}

func TestAHPConsistent(t *testing.T) {
	tests := []struct {
		name string
		w    []float64
	}{
		{"one criterion", []float64{1}},
		{"two", []float64{0.75, 0.25}},
		{"three", []float64{0.5, 0.3, 0.2}},
		{"five", []float64{0.05, 0.4, 0.1, 0.25, 0.2}},
		{"ten", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AHP(consistent(tc.w))
			require.NoError(t, err)
			s := floats(tc.w).sum()
			for i := range tc.w {
				assert.InDelta(t, tc.w[i]/s, got.Weights[i], 1e-9)
			}
			assert.InDelta(t, float64(len(tc.w)), got.LambdaMax, 1e-9)
			assert.InDelta(t, 0, got.CI, 1e-9)
			assert.InDelta(t, 0, got.CR, 1e-9)
		})
	}
}

func TestAHPErrors(t *testing.T) {
	nonRecip := consistent([]float64{0.5, 0.3, 0.2})
	nonRecip.Set(0, 1, 3) // a_10 stays 0.6: 3·0.6 = 1.8
	negative := consistent([]float64{0.5, 0.3, 0.2})
	negative.Set(2, 0, -0.4)
	nan := consistent([]float64{0.5, 0.3, 0.2})
	nan.Set(1, 2, math.NaN())
	diag := consistent([]float64{0.5, 0.3, 0.2})
	diag.Set(1, 1, 2)
	eleven := make([]float64, 11)
	for i := range eleven {
		eleven[i] = float64(i + 1)
	}
	tests := []struct {
		name string
		m    *mat.Dense
		want error
	}{
		{"not square", mat.NewDense(2, 3, []float64{1, 1, 1, 1, 1, 1}), ErrPairwise},
		{"not reciprocal", nonRecip, ErrPairwise},
		{"negative", negative, ErrPairwise},
		{"diagonal", diag, ErrPairwise},
		{"NaN", nan, ErrNonFinite},
		{"eleven criteria", consistent(eleven), ErrPairwise},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := AHP(tc.m)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
		})
	}
	// Reciprocals typed with two decimals are accepted.
	typed := mat.NewDense(3, 3, []float64{1, 3, 9, 0.33, 1, 3, 0.11, 0.33, 1})
	_, err := AHP(typed)
	assert.NoError(t, err)
}

func TestAHPMatrix(t *testing.T) {
	// The upper triangle of Saaty's drinks matrix, some pairs given in the
	// reverse order, rebuilds the whole matrix.
	var js []Judgement
	for a := range 7 {
		for b := a + 1; b < 7; b++ {
			if (a+b)%2 == 0 {
				js = append(js, Judgement{A: a, B: b, Value: saatyDrinks[a*7+b]})
			} else {
				js = append(js, Judgement{A: b, B: a, Value: saatyDrinks[b*7+a]})
			}
		}
	}
	m, err := AHPMatrix(7, js)
	require.NoError(t, err)
	assert.True(t, mat.EqualApprox(m, mat.NewDense(7, 7, saatyDrinks), 1e-12))

	full := []Judgement{{0, 1, 3}, {0, 2, 5}, {1, 2, 2}}
	tests := []struct {
		name string
		js   []Judgement
		want error
		msg  string
	}{
		{"missing pair", full[:2], ErrPairwise, "no judgement for the pair (1, 2)"},
		{"repeated pair", append(full[:3:3], Judgement{2, 1, 0.5}), ErrPairwise, "judged twice"},
		{"above 9", []Judgement{{0, 1, 10}, {0, 2, 5}, {1, 2, 2}}, ErrPairwise, "outside Saaty's scale"},
		{"below 1/9", []Judgement{{0, 1, 0.1}, {0, 2, 5}, {1, 2, 2}}, ErrPairwise, "outside Saaty's scale"},
		{"self", []Judgement{{1, 1, 1}}, ErrPairwise, "with itself"},
		{"out of range", []Judgement{{0, 3, 2}}, ErrPairwise, "outside 0…2"},
		{"NaN", []Judgement{{0, 1, math.NaN()}}, ErrNonFinite, "is NaN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := AHPMatrix(3, tc.js)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
			assert.ErrorContains(t, err, tc.msg)
		})
	}
	// 0.111 stands for 1/9.
	_, err = AHPMatrix(2, []Judgement{{0, 1, 0.111}})
	assert.NoError(t, err)
}

func TestAHPCombine(t *testing.T) {
	// Two experts: a_01 = 2 and 8 give 4, a_10 = 1/4.
	e1 := mat.NewDense(2, 2, []float64{1, 2, 0.5, 1})
	e2 := mat.NewDense(2, 2, []float64{1, 8, 0.125, 1})
	got, err := AHPCombine([]*mat.Dense{e1, e2})
	require.NoError(t, err)
	assert.True(t, mat.EqualApprox(got, mat.NewDense(2, 2, []float64{1, 4, 0.25, 1}), 1e-12))

	// Consistent experts: the combined matrix is consistent, with weights
	// proportional to the geometric means of the experts' weights.
	w1, w2, w3 := []float64{0.5, 0.3, 0.2}, []float64{0.2, 0.2, 0.6}, []float64{0.4, 0.4, 0.2}
	c, err := AHPCombine([]*mat.Dense{consistent(w1), consistent(w2), consistent(w3)})
	require.NoError(t, err)
	res, err := AHP(c)
	require.NoError(t, err)
	g := make([]float64, 3)
	for i := range g {
		g[i] = math.Cbrt(w1[i] * w2[i] * w3[i])
	}
	s := floats(g).sum()
	for i := range g {
		assert.InDelta(t, g[i]/s, res.Weights[i], 1e-9)
	}
	assert.InDelta(t, 0, res.CR, 1e-9)

	_, err = AHPCombine(nil)
	assert.True(t, errors.Is(err, ErrPairwise))
	_, err = AHPCombine([]*mat.Dense{e1, consistent(w1)})
	assert.True(t, errors.Is(err, ErrPairwise))
	bad := mat.NewDense(2, 2, []float64{1, 2, 2, 1})
	_, err = AHPCombine([]*mat.Dense{e1, bad})
	assert.True(t, errors.Is(err, ErrPairwise))
}

func TestAHPWorstPair(t *testing.T) {
	// A consistent matrix with one judgement overstated fourfold: that pair is
	// the most inconsistent one.
	w := []float64{0.4, 0.3, 0.2, 0.1}
	m := consistent(w)
	m.Set(0, 2, 4*m.At(0, 2))
	m.Set(2, 0, 1/m.At(0, 2))
	res, err := AHP(m)
	require.NoError(t, err)
	assert.Greater(t, res.CR, 0.0)
	a, b := AHPWorstPair(m, res.Weights)
	assert.Equal(t, [2]int{0, 2}, [2]int{a, b})

	a, b = AHPWorstPair(mat.NewDense(1, 1, []float64{1}), []float64{1})
	assert.Equal(t, [2]int{-1, -1}, [2]int{a, b})
	assert.Panics(t, func() { AHPWorstPair(m, []float64{1}) })
}
