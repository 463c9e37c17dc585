package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestParseMethod(t *testing.T) {
	for _, m := range Methods() {
		got, err := ParseMethod(string(m))
		require.NoError(t, err)
		assert.Equal(t, m, got)
	}
	assert.Equal(t, []Method{WSM, TOPSIS, PROMETHEE2, VIKOR}, Methods())
	_, err := ParseMethod("VIKOR")
	assert.Error(t, err, "names are lower case")
}

func TestPreferenceDegree(t *testing.T) {
	tests := []struct {
		name string
		pref Preference
		d    float64
		want float64
	}{
		{"usual, worse", Preference{}, -1, 0},
		{"usual, equal", Preference{}, 0, 0},
		{"usual, slightly better", Preference{}, 1e-9, 1},
		{"u-shape at q", Preference{Func: UShape, Q: 2}, 2, 0},
		{"u-shape above q", Preference{Func: UShape, Q: 2}, 2.5, 1},
		{"v-shape, worse", Preference{Func: VShape, P: 4}, -1, 0},
		{"v-shape below p", Preference{Func: VShape, P: 4}, 1, 0.25},
		{"v-shape at p", Preference{Func: VShape, P: 4}, 4, 1},
		{"v-shape above p", Preference{Func: VShape, P: 4}, 5, 1},
		{"level at q", Preference{Func: Level, Q: 1, P: 3}, 1, 0},
		{"level between", Preference{Func: Level, Q: 1, P: 3}, 2, 0.5},
		{"level at p", Preference{Func: Level, Q: 1, P: 3}, 3, 0.5},
		{"level above p", Preference{Func: Level, Q: 1, P: 3}, 3.1, 1},
		{"linear at q", Preference{Func: Linear, Q: 1, P: 3}, 1, 0},
		{"linear (2−1)/(3−1)", Preference{Func: Linear, Q: 1, P: 3}, 2, 0.5},
		{"linear (2.5−1)/(3−1)", Preference{Func: Linear, Q: 1, P: 3}, 2.5, 0.75},
		{"linear at p", Preference{Func: Linear, Q: 1, P: 3}, 3, 1},
		{"linear above p", Preference{Func: Linear, Q: 1, P: 3}, 10, 1},
		{"linear q = 0 is v-shape", Preference{Func: Linear, P: 4}, 1, 0.25},
		{"gaussian, equal", Preference{Func: Gaussian, S: 2}, 0, 0},
		{"gaussian at s: 1 − e^(−1/2)", Preference{Func: Gaussian, S: 2}, 2, 1 - math.Exp(-0.5)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.pref.validate())
			assert.InDelta(t, tc.want, tc.pref.Degree(tc.d), 1e-15)
		})
	}
}

func TestPreferenceValidate(t *testing.T) {
	bad := []Preference{
		{Func: UShape, Q: -1},
		{Func: VShape},
		{Func: VShape, P: -2},
		{Func: VShape, P: math.NaN()},
		{Func: Level, Q: 3, P: 3},
		{Func: Level, Q: -1, P: 3},
		{Func: Linear, Q: 4, P: 3},
		{Func: Linear, Q: 0, P: math.Inf(1)},
		{Func: Gaussian},
		{Func: PreferenceFunc(9)},
	}
	for _, pr := range bad {
		assert.ErrorIs(t, pr.validate(), ErrPreference, "%+v", pr)
	}
	x := mat.NewDense(2, 1, []float64{1, 2})
	p := &Problem{X: x, Weights: []float64{1}, Dirs: []Direction{Benefit}, Pref: []Preference{{Func: Linear, Q: 2, P: 1}}}
	_, err := Promethee2(p, nil, nil)
	assert.ErrorIs(t, err, ErrPreference)
	assert.ErrorContains(t, err, "criterion 0")
	_, err = PreferenceIndex(p, nil)
	assert.ErrorIs(t, err, ErrPreference)

	// Thresholds a function does not use are ignored.
	p.Pref = []Preference{{Func: Usual, Q: -5, P: -1}}
	_, err = Promethee2(p, nil, nil)
	assert.NoError(t, err)

	assert.PanicsWithValue(t, "scoring: Problem: len(Pref) must be 0 or the number of columns of X", func() {
		_, _ = Promethee2(&Problem{X: x, Weights: []float64{1}, Dirs: []Direction{Benefit}, Pref: make([]Preference, 2)}, nil, nil)
	})
}

func TestPreferenceFuncNames(t *testing.T) {
	for f := Usual; f <= Gaussian; f++ {
		got, err := ParsePreferenceFunc(f.String())
		require.NoError(t, err)
		assert.Equal(t, f, got)
	}
	got, err := ParsePreferenceFunc("V-Shape")
	require.NoError(t, err)
	assert.Equal(t, VShape, got)
	_, err = ParsePreferenceFunc("triangle")
	assert.ErrorIs(t, err, ErrPreference)
	assert.Equal(t, "PreferenceFunc(7)", PreferenceFunc(7).String())
}

func TestPromethee2PreferenceFunctions(t *testing.T) {
	// One benefit criterion, values 0, 1, 3. Differences: a2−a1 = 1, a3−a1 = 3,
	// a3−a2 = 2; the worse side of each pair prefers with degree 0.
	x := mat.NewDense(3, 1, []float64{0, 1, 3})
	tests := []struct {
		name string
		pref []Preference
		want []float64
	}{
		// Usual: every better alternative fully preferred: φ = (0−2)/2, (1−1)/2, (2−0)/2.
		{"nil is usual", nil, []float64{-1, 0, 1}},
		{"zero value is usual", []Preference{{}}, []float64{-1, 0, 1}},
		// Linear q = 0.5, p = 2.5: P(1) = 0.25, P(2) = 0.75, P(3) = 1.
		// φ(a1) = (0 − 0.25 − 1)/2 = −0.625, φ(a2) = (0.25 − 0.75)/2 = −0.25,
		// φ(a3) = (1 + 0.75)/2 = 0.875.
		{"linear", []Preference{{Func: Linear, Q: 0.5, P: 2.5}}, []float64{-0.625, -0.25, 0.875}},
		// V-shape p = 2: P(1) = 0.5, P(2) = 1, P(3) = 1.
		// φ = (−0.5 − 1)/2, (0.5 − 1)/2, (1 + 1)/2.
		{"v-shape", []Preference{{Func: VShape, P: 2}}, []float64{-0.75, -0.25, 1}},
		// U-shape q = 1: P(1) = 0, P(2) = P(3) = 1: φ = −1/2, −1/2, 1.
		{"u-shape", []Preference{{Func: UShape, Q: 1}}, []float64{-0.5, -0.5, 1}},
		// Level q = 1, p = 2: P(1) = 0, P(2) = ½, P(3) = 1: φ = −1/2, −1/4, 3/4.
		{"level", []Preference{{Func: Level, Q: 1, P: 2}}, []float64{-0.5, -0.25, 0.75}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &Problem{X: x, Weights: []float64{2}, Dirs: []Direction{Benefit}, Pref: tc.pref}
			got, err := Promethee2(p, nil, nil)
			require.NoError(t, err)
			assert.InDeltaSlice(t, tc.want, got, 1e-12)

			// The same problem as a cost criterion on −x gives the same flows.
			neg := mat.NewDense(3, 1, []float64{0, -1, -3})
			got, err = Promethee2(&Problem{X: neg, Weights: []float64{2}, Dirs: []Direction{Cost}, Pref: tc.pref}, nil, nil)
			require.NoError(t, err)
			assert.InDeltaSlice(t, tc.want, got, 1e-12)
		})
	}
}

func TestPreferenceIndex(t *testing.T) {
	// Two benefit criteria, weights 3:1 → 0.75, 0.25, usual criterion.
	// a1 = (3, 4), a2 = (4, 3), a3 = (0, 5).
	// π(a1,a2) = 0.25 (c2), π(a1,a3) = 0.75 (c1), π(a2,a1) = 0.75, π(a2,a3) = 0.75,
	// π(a3,a1) = 0.25, π(a3,a2) = 0.25.
	p := &Problem{X: mat.NewDense(3, 2, []float64{3, 4, 4, 3, 0, 5}), Weights: []float64{3, 1}, Dirs: []Direction{Benefit, Benefit}}
	pi, err := PreferenceIndex(p, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0, 0.25, 0.75, 0.75, 0, 0.75, 0.25, 0.25, 0}, pi.RawMatrix().Data, 1e-12)

	// Net flows are (row sum − column sum)/(n−1).
	phi, err := Promethee2(p, nil, nil)
	require.NoError(t, err)
	for a := 0; a < 3; a++ {
		var out, in float64
		for b := 0; b < 3; b++ {
			out += pi.At(a, b)
			in += pi.At(b, a)
		}
		assert.InDelta(t, (out-in)/2, phi[a], 1e-12)
	}
	_, err = PreferenceIndex(&Problem{X: p.X, Weights: []float64{0, 0}, Dirs: p.Dirs}, nil)
	assert.ErrorIs(t, err, ErrWeights)
	assert.Panics(t, func() { _, _ = PreferenceIndex(p, mat.NewDense(2, 2, nil)) })
}

func TestVikorHandWorked(t *testing.T) {
	// Two benefit criteria on [0, 10], weights 1:1 → 0.5 each; d_jk = 0.5·(10 − x)/10.
	//
	//	     x         d            S     R
	//	a1 (10, 0)  (0,    0.5 )  0.5   0.5
	//	a2 (0, 10)  (0.5,  0   )  0.5   0.5
	//	a3 (6, 6)   (0.2,  0.2 )  0.4   0.2
	//	a4 (9, 1)   (0.05, 0.45)  0.5   0.45
	//
	// S* = 0.4, S⁻ = 0.5, R* = 0.2, R⁻ = 0.5, so Q_j = v·(S_j − 0.4)/0.1 +
	// (1−v)·(R_j − 0.2)/0.3: Q(a1) = Q(a2) = 1, Q(a3) = 0, Q(a4) = v + (1−v)·5/6.
	x := mat.NewDense(4, 2, []float64{10, 0, 0, 10, 6, 6, 9, 1})
	tests := []struct {
		name string
		v    *float64
		a4   float64 // score of a4 = 100·(1 − Q)
	}{
		{"default v = 0.5", nil, 100 * (1 - (0.5 + 0.5*5.0/6))},
		{"v = 0.5 given", new(0.5), 100 * (1 - (0.5 + 0.5*5.0/6))},
		{"v = 0.25", new(0.25), 100 * (1 - (0.25 + 0.75*5.0/6))},
		{"v = 1: group utility only", new(1.0), 0},
		{"v = 0: regret only", new(0.0), 100 * (1 - 5.0/6)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &Problem{X: x, Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Benefit}, V: tc.v}
			contrib := mat.NewDense(4, 2, nil)
			got, err := Vikor(p, nil, contrib)
			require.NoError(t, err)
			assert.InDeltaSlice(t, []float64{0, 0, 100, tc.a4}, got, 1e-9)
			assert.InDeltaSlice(t, []float64{0, 0.5, 0.5, 0, 0.2, 0.2, 0.05, 0.45}, contrib.RawMatrix().Data, 1e-12)
		})
	}

	t.Run("cost criteria mirror benefit ones", func(t *testing.T) {
		neg := mat.NewDense(4, 2, []float64{-10, 0, 0, -10, -6, -6, -9, -1})
		got, err := Vikor(&Problem{X: neg, Weights: []float64{1, 1}, Dirs: []Direction{Cost, Cost}}, nil, nil)
		require.NoError(t, err)
		assert.InDeltaSlice(t, []float64{0, 0, 100, 100 * (1 - (0.5 + 0.5*5.0/6))}, got, 1e-9)
	})

	t.Run("zero denominators", func(t *testing.T) {
		// Criterion 2 is constant: its regrets are 0. a1 = (1, 0) and a2 = (0, 1)
		// on two criteria have equal S and R: both Q terms are 0, both score 100.
		p := &Problem{X: mat.NewDense(3, 2, []float64{1, 5, 2, 5, 3, 5}), Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Benefit}}
		got, err := Vikor(p, nil, nil)
		require.NoError(t, err)
		// d = 0.5·(3 − x)/2 = 0.5, 0.25, 0 = S = R; Q = 1, 0.5, 0.
		assert.InDeltaSlice(t, []float64{0, 50, 100}, got, 1e-12)

		p = &Problem{X: mat.NewDense(2, 2, []float64{1, 0, 0, 1}), Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Benefit}}
		got, err = Vikor(p, nil, nil)
		require.NoError(t, err)
		assert.Equal(t, []float64{100, 100}, got)

		got, err = Vikor(&Problem{X: mat.NewDense(1, 2, []float64{3, 4}), Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Cost}}, nil, nil)
		require.NoError(t, err)
		assert.Equal(t, []float64{100}, got)
	})

	t.Run("bad v", func(t *testing.T) {
		for _, v := range []float64{1.5, -0.5, math.NaN(), math.Inf(1)} {
			_, err := Vikor(&Problem{X: x, Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Benefit}, V: &v}, nil, nil)
			assert.ErrorIs(t, err, ErrVikorV, "v = %g", v)
		}
		_, err := Vikor(&Problem{X: x, Weights: []float64{0, 0}, Dirs: []Direction{Benefit, Benefit}}, nil, nil)
		assert.ErrorIs(t, err, ErrWeights)
	})
}

func TestVikorThroughSolve(t *testing.T) {
	p := &Problem{X: mat.NewDense(3, 2, []float64{1, 3000, 2, 3750, 5, 4500}), Weights: []float64{1, 1}, Dirs: []Direction{Cost, Benefit}}
	got, err := Solve(VIKOR, p, make([]float64, 3), nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0, 100, 0}, got, 1e-12)
	_, err = Solve(Method("electre"), p, nil, nil)
	assert.ErrorIs(t, err, ErrMethod)
}

func TestContribShape(t *testing.T) {
	p := &Problem{X: mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6}), Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Benefit}}
	for _, m := range Methods() {
		assert.PanicsWithValue(t, "scoring: contrib must be n×k", func() { _, _ = Solve(m, p, nil, mat.NewDense(2, 2, nil)) }, "%s", m)
		assert.PanicsWithValue(t, "scoring: len(dst) != number of alternatives", func() { _, _ = Solve(m, p, make([]float64, 2), nil) }, "%s", m)
	}
}

func TestWeightsInfinite(t *testing.T) {
	p := &Problem{X: mat.NewDense(2, 2, []float64{1, 2, 3, 4}), Weights: []float64{math.Inf(1), 1}, Dirs: []Direction{Benefit, Benefit}}
	for _, m := range Methods() {
		_, err := Solve(m, p, nil, nil)
		assert.ErrorIs(t, err, ErrWeights, "%s", m)
	}
}
