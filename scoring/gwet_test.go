package scoring

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countsOf turns units of 1-based category values into rows of counts over q
// categories.
func countsOf(units [][]float64, q int) [][]int {
	counts := make([][]int, len(units))
	for i, unit := range units {
		counts[i] = make([]int, q)
		for _, v := range unit {
			counts[i][int(v)-1]++
		}
	}
	return counts
}

func TestGwetAC1Published(t *testing.T) {
	t.Run("irrCAC distrib.6raters", func(t *testing.T) {
		// Gwet's irrCAC package (README): gwet.ac1.dist(distrib.6raters), the
		// first 15 patients of Fleiss 1971 rated by 6 raters into 5 categories,
		// gives AC1 = 0.4448007 (p_a = 0.5511111, p_e = 0.1914815). Every unit
		// has 6 raters, so irrCAC's π and SPEC 14's π are the same.
		got, err := GwetAC1(fleiss1971[:15], 5)
		require.NoError(t, err)
		assert.InDelta(t, 0.4448007, got, 5e-8)
	})
	t.Run("Krippendorff 2011 data, varying raters", func(t *testing.T) {
		// The reliability data of Krippendorff (2011), also irrCAC's
		// cac.raw4raters: 12 units, 2 to 4 raters, q = 5. irrCAC reports
		// p_a = 0.8181818 = 9/11 and, averaging π over all 12 units (unit 12
		// is rated once), p_e = 0.1903212 and AC1 = 0.77544. Leaving unit 12
		// out of π as well (SPEC 14), by hand over the 11 pairable units:
		//   π = (3/11, 13/44, 5/22, 5/44, 1/11),
		//   p_e = Σ π_k(1 − π_k)/4 = 741/3872,
		//   AC1 = (9/11 − 741/3872)/(1 − 741/3872).
		counts := countsOf(krippendorff2011, 5)
		got, err := GwetAC1(counts, 5)
		require.NoError(t, err)
		pa, pe := 9.0/11, 741.0/3872
		assert.InDelta(t, (pa-pe)/(1-pe), got, 1e-12)
		// With unit 12's single rating counted in π as irrCAC does, the
		// published value is reached: p_e = Σ π'(1 − π')/4 with π' = (11π + e_3)/12.
		pi := []float64{3.0 / 11, 13.0 / 44, 5.0 / 22, 5.0 / 44, 1.0 / 11}
		var pe2 float64
		for k, p := range pi {
			p *= 11
			if k == 2 {
				p++
			}
			p /= 12
			pe2 += p * (1 - p) / 4
		}
		assert.InDelta(t, 0.1903212, pe2, 5e-8)
		assert.InDelta(t, 0.77544, (pa-pe2)/(1-pe2), 5e-6)
	})
}

func TestGwetAC1Invariants(t *testing.T) {
	// Perfect agreement with variation and 2 to 5 raters per unit; a unit
	// rated once and an empty unit are ignored.
	perfect := [][]int{{2, 0, 0}, {0, 5, 0}, {0, 0, 3}, {4, 0, 0}, {0, 1, 0}, {0, 0, 0}}
	got, err := GwetAC1(perfect, 3)
	require.NoError(t, err)
	assert.InDelta(t, 1, got, 1e-12)
	// Perfect agreement on a single category: p_a = 1, π = (1, 0, 0), p_e = 0,
	// AC1 = 1 (where κ is undefined).
	got, err = GwetAC1([][]int{{3, 0, 0}, {2, 0, 0}}, 3)
	require.NoError(t, err)
	assert.InDelta(t, 1, got, 1e-12)
	// Two units, two raters each, always split between categories 0 and 1 of
	// q = 2: p_a = 0, π = (0.5, 0.5), p_e = 0.5, AC1 = −1.
	got, err = GwetAC1([][]int{{1, 1}, {1, 1}}, 2)
	require.NoError(t, err)
	assert.InDelta(t, -1, got, 1e-12)
}

func TestGwetAC1Errors(t *testing.T) {
	_, err := GwetAC1(nil, 3)
	assert.True(t, errors.Is(err, ErrUndefined), "got %v", err)
	_, err = GwetAC1([][]int{{1, 0, 0}, {0, 0, 1}}, 3)
	assert.True(t, errors.Is(err, ErrUndefined), "got %v", err)
	_, err = GwetAC1([][]int{{3, -1, 0}}, 3)
	assert.True(t, errors.Is(err, ErrRating), "got %v", err)
	assert.Panics(t, func() { _, _ = GwetAC1([][]int{{1, 1}}, 3) })
	assert.Panics(t, func() { _, _ = GwetAC1([][]int{{1}}, 1) })
}
