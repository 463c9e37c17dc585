package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestEntropyWeights(t *testing.T) {
	// Worked by hand: three alternatives, four criteria.
	//   column 0: 1, 1, 2 → p = 1/4, 1/4, 1/2, −Σ p ln p = (1/2)ln 4 + (1/2)ln 2 = 1.5 ln 2,
	//             E_0 = 1.5 ln 2 / ln 3, d_0 = 1 − E_0 ≈ 0.0536;
	//   column 1: 0, 0, 5 → p = 0, 0, 1, E_1 = 0, d_1 = 1;
	//   column 2: 2, 2, 2 → E_2 = 1, d_2 = 0 (equal values);
	//   column 3: 0, 0, 0 → E_3 = 1, d_3 = 0 (a column of zeros).
	x := mat.NewDense(3, 4, []float64{
		1, 0, 2, 0,
		1, 0, 2, 0,
		2, 5, 2, 0,
	})
	got, err := EntropyWeights(x)
	require.NoError(t, err)
	d0 := 1 - 1.5*math.Ln2/math.Log(3)
	want := []float64{d0 / (d0 + 1), 1 / (d0 + 1), 0, 0}
	assert.InDeltaSlice(t, want, got, 1e-12)

	// Scaling a column by a positive factor leaves the weights unchanged.
	scaled := mat.DenseCopyOf(x)
	for j := range 3 {
		scaled.Set(j, 0, 1000*x.At(j, 0))
	}
	got2, err := EntropyWeights(scaled)
	require.NoError(t, err)
	assert.InDeltaSlice(t, got, got2, 1e-12)
}

func TestEntropyWeightsErrors(t *testing.T) {
	tests := []struct {
		name string
		x    *mat.Dense
		want error
	}{
		{"negative", mat.NewDense(2, 2, []float64{1, -1, 2, 3}), ErrNegative},
		{"NaN", mat.NewDense(2, 2, []float64{1, math.NaN(), 2, 3}), ErrNonFinite},
		{"Inf", mat.NewDense(2, 1, []float64{math.Inf(1), 1}), ErrNonFinite},
		{"one alternative", mat.NewDense(1, 2, []float64{1, 2}), ErrUndefined},
		{"nothing to weigh", mat.NewDense(2, 2, []float64{3, 0, 3, 0}), ErrUndefined},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := EntropyWeights(tc.x)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
		})
	}
}
