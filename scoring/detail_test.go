package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestTopsisMinMax(t *testing.T) {
	// Benefit column 1, 2, 4 → (x−1)/3 = 0, 1/3, 1; cost column 10, 30, 20 →
	// (30−x)/20 = 1, 0, 1/2. Weights 1, 1 → 1/2 each, so v = (0, 1/6, 1/2) and
	// (1/2, 0, 1/4); A⁺ = (1/2, 1/2), A⁻ = (0, 0):
	//	a1: d⁺ = 1/2,              d⁻ = 1/2        → 1/2
	//	a2: d⁺ = √(1/9 + 1/4) = √13/6, d⁻ = 1/6     → 1/(1 + √13)
	//	a3: d⁺ = 1/4,              d⁻ = √5/4       → √5/(1 + √5)
	p := &Problem{
		X:             mat.NewDense(3, 2, []float64{1, 10, 2, 30, 4, 20}),
		Weights:       []float64{1, 1},
		Dirs:          []Direction{Benefit, Cost},
		Normalization: MinMaxNormalization,
	}
	res, err := TopsisDetail(p, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.5, math.Sqrt(13) / 6, 0.25}, res.DPlus, 1e-12)
	assert.InDeltaSlice(t, []float64{0.5, 1.0 / 6, math.Sqrt(5) / 4}, res.DMinus, 1e-12)
	want := []float64{50, 100 / (1 + math.Sqrt(13)), 100 * math.Sqrt(5) / (1 + math.Sqrt(5))}
	assert.InDeltaSlice(t, want, res.Score, 1e-12)

	got, err := Solve(TOPSIS, p, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, res.Score, got, "Topsis and TopsisDetail agree")

	// The default is vector normalisation, which gives other scores here.
	p.Normalization = VectorNormalization
	vec, err := Topsis(p, nil, nil)
	require.NoError(t, err)
	assert.NotEqual(t, got, vec)

	p.Normalization = Normalization(7)
	_, err = Topsis(p, nil, nil)
	assert.Error(t, err)
}

func TestTopsisMinMaxConstantColumn(t *testing.T) {
	// A constant column normalises to 1 for everyone: it moves no distance, so
	// the scores are those of the other column alone (0 and 100).
	p := &Problem{X: mat.NewDense(2, 2, []float64{5, 1, 5, 2}), Weights: []float64{1, 1}, Normalization: MinMaxNormalization}
	got, err := Topsis(p, nil, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0, 100}, got, 1e-12)
}

func TestTopsisDetailVector(t *testing.T) {
	// Column 1: 3, 4, norm 5 → 0.6, 0.8; column 2: 1, 0, norm 1 → 1, 0.
	// Weights 1/2: v = (0.3, 0.5) and (0.4, 0); A⁺ = (0.4, 0.5), A⁻ = (0.3, 0).
	// a1: d⁺ = 0.1, d⁻ = 0.5 → 100·0.5/0.6; a2: d⁺ = 0.5, d⁻ = 0.1 → 100·0.1/0.6.
	p := &Problem{X: mat.NewDense(2, 2, []float64{3, 1, 4, 0}), Weights: []float64{1, 1}}
	res, err := TopsisDetail(p, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.1, 0.5}, res.DPlus, 1e-12)
	assert.InDeltaSlice(t, []float64{0.5, 0.1}, res.DMinus, 1e-12)
	assert.InDeltaSlice(t, []float64{100 * 0.5 / 0.6, 100 * 0.1 / 0.6}, res.Score, 1e-12)
}

func TestVikorDetail(t *testing.T) {
	// The example of TestVikor: S = (0.5, 0.5, 0.4, 0.5), R = (0.5, 0.5, 0.2,
	// 0.45); with v = 0.5, Q = (1, 1, 0, 0.5 + 0.5·5/6).
	x := mat.NewDense(4, 2, []float64{10, 0, 0, 10, 6, 6, 9, 1})
	res, err := VikorDetail(&Problem{X: x, Weights: []float64{1, 1}}, nil)
	require.NoError(t, err)
	q4 := 0.5 + 0.5*5.0/6
	assert.InDeltaSlice(t, []float64{0.5, 0.5, 0.4, 0.5}, res.S, 1e-12)
	assert.InDeltaSlice(t, []float64{0.5, 0.5, 0.2, 0.45}, res.R, 1e-12)
	assert.InDeltaSlice(t, []float64{1, 1, 0, q4}, res.Q, 1e-12)
	assert.InDeltaSlice(t, []float64{0, 0, 100, 100 * (1 - q4)}, res.Score, 1e-12)

	// v = 0 is reachable without a magic constant: Q is the normalised regret.
	res, err = VikorDetail(&Problem{X: x, Weights: []float64{1, 1}, V: new(0.0)}, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{1, 1, 0, 5.0 / 6}, res.Q, 1e-12)
}
