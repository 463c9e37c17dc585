package scoring

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fromTable expands a k×k contingency table (rows: rater A's category, columns:
// rater B's) into the two raters' rating slices.
func fromTable(t [][]int) (a, b []int) {
	for i, row := range t {
		for j, n := range row {
			for range n {
				a = append(a, i)
				b = append(b, j)
			}
		}
	}
	return a, b
}

func TestCohenKappaPublished(t *testing.T) {
	// Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by
	// two readers, yes/yes 20, yes/no 5, no/yes 10, no/no 15; p_o = 0.7,
	// p_e = 0.5, κ = 0.4.
	wiki := [][]int{{20, 5}, {10, 15}}
	// Gwet's irrCAC package (README, dataset cont3x3abstractors, from Gwet's
	// Handbook of Inter-Rater Reliability, 2014): two abstractors classify 100
	// pregnancies as ectopic / AIU / NIU; kappa2.table gives Cohen's κ =
	// 0.7964094. The weighted values are worked out by hand from the same
	// table: margins A = (13, 27, 60), B = (13, 24, 63), 89 units on the
	// diagonal, 11 one category apart, none two apart;
	//   Σ a_i b_i = 169 + 648 + 3780 = 4597, Σ_{|i−j|=1} a_i b_j = 312 + 351 + 1701 + 1440 = 3804;
	//   linear (w = 0.5 one apart):     p_o = 0.945,  p_e = 0.6499, κ = 0.2951/0.3501;
	//   quadratic (w = 0.75 one apart): p_o = 0.9725, p_e = 0.745,  κ = 0.2275/0.255.
	abstractors := [][]int{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}
	tests := []struct {
		name  string
		table [][]int
		w     KappaWeighting
		want  float64
		tol   float64
	}{
		{"Wikipedia yes/no", wiki, Unweighted, 0.4, 1e-12},
		{"Wikipedia yes/no linear = unweighted for k=2", wiki, LinearWeights, 0.4, 1e-12},
		{"irrCAC abstractors", abstractors, Unweighted, 0.7964094, 5e-8},
		{"abstractors linear", abstractors, LinearWeights, 0.2951 / 0.3501, 1e-12},
		{"abstractors quadratic", abstractors, QuadraticWeights, 0.2275 / 0.255, 1e-12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := fromTable(tc.table)
			got, err := CohenKappa(a, b, len(tc.table), tc.w)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, tc.tol)
			// Invariant: swapping the raters leaves κ unchanged.
			swapped, err := CohenKappa(b, a, len(tc.table), tc.w)
			require.NoError(t, err)
			assert.InDelta(t, got, swapped, 1e-12)
		})
	}
}

func TestCohenKappaAnxiety(t *testing.T) {
	// irr's documented example kappa2(anxiety[, 1:2], "squared") (the value
	// asserted by pyirr's tests/test_kappa2.py): quadratic-weighted κ = 0.297
	// for raters 1 and 2 of the anxiety data, whose levels 1–6 are the
	// categories 0–5.
	var a, b []int
	for _, row := range anxiety {
		a = append(a, int(row[0])-1)
		b = append(b, int(row[1])-1)
	}
	got, err := CohenKappa(a, b, 6, QuadraticWeights)
	require.NoError(t, err)
	assert.InDelta(t, 0.297, got, 5e-4)
}

func TestCohenKappaInvariants(t *testing.T) {
	a := []int{0, 1, 2, 3, 1, 2, 0, 3}
	for _, w := range []KappaWeighting{Unweighted, LinearWeights, QuadraticWeights} {
		t.Run(w.String(), func(t *testing.T) {
			got, err := CohenKappa(a, a, 4, w)
			require.NoError(t, err)
			assert.InDelta(t, 1, got, 1e-12, "perfect agreement")
		})
	}
	// Complete disagreement on two balanced categories: p_o = 0, p_e = 0.5, κ = −1.
	got, err := CohenKappa([]int{0, 1, 0, 1}, []int{1, 0, 1, 0}, 2, Unweighted)
	require.NoError(t, err)
	assert.InDelta(t, -1, got, 1e-12)
}

func TestCohenKappaErrors(t *testing.T) {
	tests := []struct {
		name string
		a, b []int
		k    int
		want error
	}{
		{"empty", nil, nil, 3, ErrUndefined},
		{"no variation", []int{1, 1, 1}, []int{1, 1, 1}, 3, ErrUndefined},
		{"category too large", []int{0, 3}, []int{0, 1}, 3, ErrRating},
		{"negative category", []int{0, 1}, []int{-1, 1}, 3, ErrRating},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := CohenKappa(tc.a, tc.b, tc.k, Unweighted)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
			assert.Contains(t, err.Error(), "scoring: CohenKappa")
		})
	}
	assert.PanicsWithValue(t, "scoring: CohenKappa: len(a) != len(b)", func() { _, _ = CohenKappa([]int{0}, nil, 2, Unweighted) })
	assert.Panics(t, func() { _, _ = CohenKappa([]int{0}, []int{0}, 2, KappaWeighting(7)) })
}

// fleiss1971 is Table 1 of J. L. Fleiss, "Measuring nominal scale agreement
// among many raters", Psychological Bulletin 76(5) (1971) 378–382: 30 patients,
// each diagnosed by 6 psychiatrists into depression, personality disorder,
// schizophrenia, neurosis, other (as transcribed in the R packages irr,
// dataset diagnoses, and quadagree, data_raw/fleiss1971.csv). Fleiss reports
// κ = 0.430 and per-category κ_j = 0.245, 0.245, 0.520, 0.471, 0.566; irr's
// kappam.fleiss(diagnoses, detail = TRUE) reports z = 17.7 and z_j = 5.192,
// 5.192, 11.031, 9.994, 12.009.
var fleiss1971 = [][]int{
	{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
	{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
	{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
	{0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
	{0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
	{0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6},
}

func TestFleissKappaPublished(t *testing.T) {
	t.Run("Fleiss 1971 diagnoses", func(t *testing.T) {
		got, err := FleissKappa(fleiss1971)
		require.NoError(t, err)
		assert.InDelta(t, 0.430, got.Kappa, 5e-4)
		assert.InDelta(t, 17.7, got.Z, 0.05)
		assert.Less(t, got.P, 1e-12)
		wantK := []float64{0.245, 0.245, 0.520, 0.471, 0.566}
		wantZ := []float64{5.192, 5.192, 11.031, 9.994, 12.009}
		for j := range wantK {
			assert.InDelta(t, wantK[j], got.PerCategory[j], 5e-4, "κ_%d", j)
			assert.InDelta(t, wantZ[j], got.PerCategoryZ[j], 5e-4, "z_%d", j)
		}
	})
	t.Run("irrCAC distrib.6raters", func(t *testing.T) {
		// Gwet's irrCAC package (README): distrib.6raters, the first 15 patients
		// of Fleiss' table; fleiss.kappa.dist gives κ = 0.4139265 with
		// p_a = 0.5511111, p_e = 0.2340741.
		got, err := FleissKappa(fleiss1971[:15])
		require.NoError(t, err)
		assert.InDelta(t, 0.4139265, got.Kappa, 5e-8)
	})
	t.Run("Wikipedia 10 subjects 14 raters", func(t *testing.T) {
		// Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters,
		// 5 categories; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
		counts := [][]int{
			{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
			{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
		}
		got, err := FleissKappa(counts)
		require.NoError(t, err)
		assert.InDelta(t, 0.210, got.Kappa, 5e-4)
	})
}

func TestFleissKappaEdges(t *testing.T) {
	t.Run("perfect agreement, unused category", func(t *testing.T) {
		got, err := FleissKappa([][]int{{3, 0, 0}, {0, 3, 0}, {3, 0, 0}})
		require.NoError(t, err)
		assert.InDelta(t, 1, got.Kappa, 1e-12)
		assert.InDelta(t, 1, got.PerCategory[0], 1e-12)
		assert.True(t, math.IsNaN(got.PerCategory[2]), "unused category has no κ_j")
		assert.True(t, math.IsNaN(got.PerCategoryZ[2]))
	})
	tests := []struct {
		name   string
		counts [][]int
		want   error
	}{
		{"empty", nil, ErrUndefined},
		{"one category used", [][]int{{2, 0}, {2, 0}}, ErrUndefined},
		{"unequal raters", [][]int{{2, 1}, {1, 1}}, ErrRating},
		{"one rater", [][]int{{1, 0}, {0, 1}}, ErrRating},
		{"negative", [][]int{{3, -1}, {1, 1}}, ErrRating},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := FleissKappa(tc.counts)
			assert.True(t, errors.Is(err, tc.want), "got %v", err)
		})
	}
	assert.Panics(t, func() { _, _ = FleissKappa([][]int{{1, 1}, {2}}) })
}
