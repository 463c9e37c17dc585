package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

var nan = math.NaN()

func TestWeightedMean(t *testing.T) {
	tests := []struct {
		name   string
		x, w   []float64
		want   float64
		wantOK bool
	}{
		{"plain mean", []float64{1, 0, 0.5}, nil, 0.5, true},
		{"weights", []float64{1, 0}, []float64{3, 1}, 0.75, true},
		{"missing left out with its weight", []float64{1, nan, 0.5}, []float64{1, 5, 3}, 2.5 / 4, true},
		{"all missing", []float64{nan, nan}, nil, 0, false},
		{"empty", nil, nil, 0, false},
		{"zero weights", []float64{1, 1}, []float64{0, 0}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := WeightedMean(tc.x, tc.w)
			require.NoError(t, err)
			assert.Equal(t, tc.wantOK, ok)
			assert.InDelta(t, tc.want, got, 1e-12)
		})
	}
	assert.PanicsWithValue(t, "scoring: WeightedMean: len(weights) != len(x)", func() { _, _, _ = WeightedMean([]float64{1}, []float64{1, 2}) })
}

func TestWeightedMeanScaleInvariant(t *testing.T) {
	x := []float64{0.2, 0.9, nan, 0.4}
	w := []float64{1, 2, 3, 0.5}
	a, _, err := WeightedMean(x, w)
	require.NoError(t, err)
	for _, f := range []float64{0.001, 3, 1e6} {
		ws := make([]float64, len(w))
		for i := range w {
			ws[i] = w[i] * f
		}
		b, _, err := WeightedMean(x, ws)
		require.NoError(t, err)
		assert.InDelta(t, a, b, 1e-12)
	}
}

func TestMinMax(t *testing.T) {
	tests := []struct {
		name string
		x    []float64
		dir  Direction
		want []float64
	}{
		{"benefit", []float64{10, 20, 15}, Benefit, []float64{0, 1, 0.5}},
		{"cost", []float64{10, 20, 15}, Cost, []float64{1, 0, 0.5}},
		{"all equal", []float64{3, 3}, Benefit, []float64{1, 1}},
		{"missing kept", []float64{0, nan, 4}, Benefit, []float64{0, nan, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := MinMax(nil, tc.x, tc.dir)
			require.NoError(t, err)
			require.Len(t, got, len(tc.want))
			for i := range got {
				if math.IsNaN(tc.want[i]) {
					assert.True(t, math.IsNaN(got[i]))
					continue
				}
				assert.InDelta(t, tc.want[i], got[i], 1e-12)
			}
		})
	}
}

func TestTargetScore(t *testing.T) {
	tests := []struct {
		x, target float64
		dir       Direction
		want      float64
	}{
		{5, 10, Benefit, 0.5},
		{20, 10, Benefit, 1},
		{-1, 10, Benefit, 0},
		{20, 10, Cost, 0.5},
		{5, 10, Cost, 1},
		{0, 10, Cost, 1},
	}
	for _, tc := range tests {
		got, err := TargetScore(tc.x, tc.target, tc.dir)
		require.NoError(t, err)
		assert.InDelta(t, tc.want, got, 1e-12, "%+v", tc)
	}
}

func TestRank(t *testing.T) {
	tests := []struct {
		name   string
		scores []float64
		want   []int
	}{
		{"distinct", []float64{0.1, 0.9, 0.5}, []int{3, 1, 2}},
		{"ties share the best rank", []float64{0.5, 0.9, 0.9, 0.1}, []int{3, 1, 1, 4}},
		{"1,2,2,4", []float64{4, 3, 3, 1}, []int{1, 2, 2, 4}},
		{"within tolerance", []float64{1, 1 - 1e-12, 0}, []int{1, 1, 3}},
		{"NaN has no rank", []float64{nan, 2, 1}, []int{0, 1, 2}},
		{"empty", nil, []int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Rank(tc.scores, 1e-9))
		})
	}
}

func TestWeightedSum(t *testing.T) {
	// Benefit column 10, 20, 15 → 0, 1, 0.5; cost column 1, 3, 2 → 1, 0, 0.5.
	// Weights 3 and 1: 100×(3×0+1×1)/4 = 25, 100×3/4 = 75, 100×(1.5+0.5)/4 = 50.
	p := &Problem{X: mat.NewDense(3, 2, []float64{10, 1, 20, 3, 15, 2}), Weights: []float64{3, 1}, Dirs: []Direction{Benefit, Cost}}
	contrib := mat.NewDense(3, 2, nil)
	got, err := WeightedSum(p, nil, contrib)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{25, 75, 50}, got, 1e-12)
	assert.InDeltaSlice(t, []float64{0, 25, 75, 0, 37.5, 12.5}, contrib.RawMatrix().Data, 1e-12)

	_, err = WeightedSum(&Problem{X: p.X, Weights: []float64{0, 0}, Dirs: p.Dirs}, nil, nil)
	assert.ErrorIs(t, err, ErrWeights)
	_, err = WeightedSum(&Problem{X: p.X, Weights: []float64{-1, 2}, Dirs: p.Dirs}, nil, nil)
	assert.ErrorIs(t, err, ErrWeights)
}

func TestTopsisHandWorked(t *testing.T) {
	// X = [[3,4],[4,3],[0,5]], equal weights, both benefit.
	// Column norms 5 and √50; v = 0.5·r:
	//   v = [[0.3, 0.2828], [0.4, 0.2121], [0, 0.3536]]
	//   A⁺ = (0.4, 0.3536), A⁻ = (0, 0.2121)
	// d⁺ = (√0.015, √0.02, 0.4), d⁻ = (√0.095, 0.4, √0.02).
	p := &Problem{X: mat.NewDense(3, 2, []float64{3, 4, 4, 3, 0, 5}), Weights: []float64{1, 1}, Dirs: []Direction{Benefit, Benefit}}
	got, err := Topsis(p, nil, nil)
	require.NoError(t, err)
	want := []float64{
		100 * math.Sqrt(0.095) / (math.Sqrt(0.015) + math.Sqrt(0.095)),
		100 * 0.4 / (0.4 + math.Sqrt(0.02)),
		100 * math.Sqrt(0.02) / (0.4 + math.Sqrt(0.02)),
	}
	assert.InDeltaSlice(t, want, got, 1e-9)
	assert.InDelta(t, 71.5635, got[0], 1e-4)
	assert.InDelta(t, 73.8796, got[1], 1e-4)
}

func TestPromethee2HandWorked(t *testing.T) {
	// Weights 3:1 → 0.75, 0.25; n−1 = 2. Criterion 1: nets 0, +2, −2; criterion 2:
	// nets 0, −2, +2. φ = (0.75·net₁ + 0.25·net₂)/2 = 0, 0.5, −0.5.
	p := &Problem{X: mat.NewDense(3, 2, []float64{3, 4, 4, 3, 0, 5}), Weights: []float64{3, 1}, Dirs: []Direction{Benefit, Benefit}}
	contrib := mat.NewDense(3, 2, nil)
	got, err := Promethee2(p, nil, contrib)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0, 0.5, -0.5}, got, 1e-12)
	assert.InDeltaSlice(t, []float64{0, 0, 0.75, -0.25, -0.75, 0.25}, contrib.RawMatrix().Data, 1e-12)
	var sum float64
	for _, v := range got {
		sum += v
	}
	assert.InDelta(t, 0, sum, 1e-12, "net flows add up to zero")
}

func TestMethodsInvariants(t *testing.T) {
	x := mat.NewDense(4, 3, []float64{1, 5, 2, 3, 2, 2, 2, 4, 5, 5, 1, 3})
	dirs := []Direction{Benefit, Cost, Benefit}
	for _, m := range Methods() {
		t.Run(string(m), func(t *testing.T) {
			base, err := Solve(m, &Problem{X: x, Weights: []float64{1, 2, 3}, Dirs: dirs}, nil, nil)
			require.NoError(t, err)
			scaled, err := Solve(m, &Problem{X: x, Weights: []float64{10, 20, 30}, Dirs: dirs}, nil, nil)
			require.NoError(t, err)
			assert.InDeltaSlice(t, base, scaled, 1e-9, "scaling all weights changes nothing")

			// Permuting the alternatives permutes the scores.
			perm := []int{2, 0, 3, 1}
			xp := mat.NewDense(4, 3, nil)
			for i, p := range perm {
				xp.SetRow(i, mat.Row(nil, p, x))
			}
			pscores, err := Solve(m, &Problem{X: xp, Weights: []float64{1, 2, 3}, Dirs: dirs}, nil, nil)
			require.NoError(t, err)
			for i, p := range perm {
				assert.InDelta(t, base[p], pscores[i], 1e-9)
			}

			// Improving an alternative on a benefit criterion never lowers its score.
			xb := mat.DenseCopyOf(x)
			xb.Set(1, 0, 4.5)
			better, err := Solve(m, &Problem{X: xb, Weights: []float64{1, 2, 3}, Dirs: dirs}, nil, nil)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, better[1], base[1]-1e-12)
		})
	}
	_, err := ParseMethod("electre")
	assert.Error(t, err)
}
