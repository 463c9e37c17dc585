package scoring

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// The tests in this file compare each method with a worked example published
// with its numbers, at the rounding of the publication.

// opricovic2007 is the numerical example of S. Opricovic and G.-H. Tzeng,
// "Extended VIKOR method in comparison with outranking methods", European Journal
// of Operational Research 178(2) (2007) 514–529: six alternatives of a
// reservoir system on eight criteria (profit, cost, energy, peak energy, homes
// to relocate, reservoir area, villages to displace, environmental protection),
// ranked under four weight sets W1–W4. The published S, R and Q (three decimals)
// are those reproduced in the test suite of scikit-criteria
// (tests/agg/test_vikor.py, test_VIKOR_opricovic2007extended).
var opricovic2007 = struct {
	x    []float64
	dirs []Direction
	sets []struct {
		name    string
		w       []float64
		s, r, q []float64
	}
}{
	x: []float64{
		4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41,
		5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41,
		5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42,
		5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36,
		5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04,
		4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36,
	},
	dirs: []Direction{Benefit, Cost, Benefit, Benefit, Cost, Cost, Cost, Benefit},
	sets: []struct {
		name    string
		w       []float64
		s, r, q []float64
	}{
		{"W1", []float64{1, 1, 1, 1, 1, 1, 1, 1},
			[]float64{0.692, 0.7, 0.29, 0.423, 0.28, 0.346},
			[]float64{0.125, 0.125, 0.121, 0.125, 0.067, 0.125},
			[]float64{0.991, 1.0, 0.473, 0.670, 0.0, 0.578}},
		{"W2", []float64{2, 2, 2, 2, 1, 1, 1, 1},
			[]float64{0.701, 0.6, 0.386, 0.365, 0.317, 0.459},
			[]float64{0.167, 0.114, 0.161, 0.167, 0.089, 0.167},
			[]float64{1.0, 0.533, 0.552, 0.563, 0.0, 0.686}},
		{"W3", []float64{1, 1, 1, 1, 2, 2, 2, 2},
			[]float64{0.683, 0.8, 0.193, 0.48, 0.243, 0.232},
			[]float64{0.113, 0.167, 0.08, 0.122, 0.044, 0.083},
			[]float64{0.684, 1.0, 0.147, 0.554, 0.041, 0.191}},
		{"W4", []float64{1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2},
			[]float64{0.678, 0.857, 0.138, 0.513, 0.222, 0.167},
			[]float64{0.129, 0.190, 0.057, 0.139, 0.042, 0.060},
			[]float64{0.668, 1.0, 0.051, 0.588, 0.058, 0.078}},
	},
}

// rowSumsMax returns the row sums and row maxima of m.
func rowSumsMax(m *mat.Dense) (sums, maxs []float64) {
	n, k := m.Dims()
	sums, maxs = make([]float64, n), make([]float64, n)
	for j := 0; j < n; j++ {
		maxs[j] = math.Inf(-1)
		for c := 0; c < k; c++ {
			sums[j] += m.At(j, c)
			maxs[j] = math.Max(maxs[j], m.At(j, c))
		}
	}
	return sums, maxs
}

func TestVikorPublished(t *testing.T) {
	t.Run("Opricovic and Tzeng 2007", func(t *testing.T) {
		ex := opricovic2007
		for _, set := range ex.sets {
			t.Run(set.name, func(t *testing.T) {
				p := &Problem{X: mat.NewDense(6, 8, ex.x), Weights: set.w, Dirs: ex.dirs}
				contrib := mat.NewDense(6, 8, nil)
				score, err := Vikor(p, nil, contrib)
				require.NoError(t, err)
				s, r := rowSumsMax(contrib)
				q := make([]float64, len(score))
				for j := range score {
					q[j] = 1 - score[j]/100
				}
				// Published to three decimals: within half a unit of the last digit.
				assert.InDeltaSlice(t, set.s, s, 0.0005+1e-12, "S")
				assert.InDeltaSlice(t, set.r, r, 0.0005+1e-12, "R")
				assert.InDeltaSlice(t, set.q, q, 0.0005+1e-12, "Q")
			})
		}
	})

	// S. Opricovic and G.-H. Tzeng, "Compromise solution by MCDM methods: A
	// comparative analysis of VIKOR and TOPSIS", European Journal of Operational
	// Research 156(2) (2004) 445–455, numerical example: three alternatives, risk
	// (cost) and altitude (benefit), equal weights. Published S = (0.5, 0.375,
	// 0.5), R = (0.5, 0.25, 0.5), Q = (1, 0, 1), as reproduced in scikit-criteria
	// (test_VIKOR_opricovic2004compromise) and pymcdm (test/test_mcdm.py).
	t.Run("Opricovic and Tzeng 2004", func(t *testing.T) {
		p := &Problem{X: mat.NewDense(3, 2, []float64{1, 3000, 2, 3750, 5, 4500}),
			Weights: []float64{0.5, 0.5}, Dirs: []Direction{Cost, Benefit}}
		contrib := mat.NewDense(3, 2, nil)
		score, err := Vikor(p, nil, contrib)
		require.NoError(t, err)
		s, r := rowSumsMax(contrib)
		assert.InDeltaSlice(t, []float64{0.5, 0.375, 0.5}, s, 1e-12)
		assert.InDeltaSlice(t, []float64{0.5, 0.25, 0.5}, r, 1e-12)
		assert.InDeltaSlice(t, []float64{0, 100, 0}, score, 1e-12)
	})

	// W. Yang and Y. Wu, "A new improvement method to avoid rank reversal in
	// VIKOR", IEEE Access 8 (2020) 21261–21271: five alternatives, four benefit
	// criteria, equal weights, v = 0.5. Published Q = (0.5679, 0.7667, 1,
	// 0.7493, 0), four decimals, as reproduced in pymcdm (test/test_mcdm.py,
	// TestVIKOR.test_output_yang).
	t.Run("Yang and Wu 2020", func(t *testing.T) {
		p := &Problem{X: mat.NewDense(5, 4, []float64{
			78, 56, 34, 6,
			4, 45, 3, 97,
			18, 2, 50, 63,
			9, 14, 11, 92,
			85, 9, 100, 29,
		}), Weights: []float64{0.25, 0.25, 0.25, 0.25}, Dirs: make([]Direction, 4)}
		score, err := Vikor(p, nil, nil)
		require.NoError(t, err)
		want := []float64{0.5679, 0.7667, 1, 0.7493, 0}
		for j := range want {
			assert.InDelta(t, want[j], 1-score[j]/100, 0.00005+1e-12, "Q of alternative %d", j+1)
		}
	})
}

func TestTopsisPublished(t *testing.T) {
	// G.-H. Tzeng and J.-J. Huang, Multiple Attribute Decision Making: Methods
	// and Applications, CRC Press (2011), TOPSIS example: four alternatives, three
	// benefit criteria, weights 0.3, 0.4, 0.3. Published closeness coefficients
	// 0.5037, 0.6581, 0.7482, 0.3340 (four decimals), as reproduced in
	// scikit-criteria (tests/agg/test_topsis.py, test_TOPSIS_tzeng2011multiple).
	p := &Problem{X: mat.NewDense(4, 3, []float64{
		5, 8, 4,
		7, 6, 8,
		8, 8, 6,
		7, 4, 6,
	}), Weights: []float64{0.3, 0.4, 0.3}, Dirs: make([]Direction, 3)}
	got, err := Topsis(p, nil, nil)
	require.NoError(t, err)
	want := []float64{0.5037, 0.6581, 0.7482, 0.3340}
	for j := range want {
		assert.InDelta(t, 100*want[j], got[j], 100*0.00005+1e-9, "alternative %d", j+1)
	}
	assert.Equal(t, []int{3, 2, 1, 4}, Rank(got, 1e-9))
}

func TestWeightedSumPublished(t *testing.T) {
	// No published example of the weighted sum with min-max normalisation was
	// found, but VIKOR's group utility is exactly its complement: with weights
	// normalised to sum 1, S_j = Σ_k w_k·(f*_k − x_jk)/(f*_k − f⁻_k) =
	// Σ_k w_k·(1 − n_jk) = 1 − score_j/100, where n_jk is the min-max normalised
	// value WeightedSum uses. So the published S of Opricovic and Tzeng (2007,
	// see opricovic2007) checks WeightedSum: score = 100·(1 − S), to ±0.05.
	ex := opricovic2007
	for _, set := range ex.sets {
		t.Run(set.name, func(t *testing.T) {
			p := &Problem{X: mat.NewDense(6, 8, ex.x), Weights: set.w, Dirs: ex.dirs}
			got, err := WeightedSum(p, nil, nil)
			require.NoError(t, err)
			for j, s := range set.s {
				assert.InDelta(t, 100*(1-s), got[j], 0.05+1e-9, "alternative %d", j+1)
			}
		})
	}
	// Opricovic and Tzeng (2004): S = (0.5, 0.375, 0.5) exactly.
	p := &Problem{X: mat.NewDense(3, 2, []float64{1, 3000, 2, 3750, 5, 4500}),
		Weights: []float64{1, 1}, Dirs: []Direction{Cost, Benefit}}
	got, err := WeightedSum(p, nil, nil)
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{50, 62.5, 50}, got, 1e-12)
}

func TestPromethee2Published(t *testing.T) {
	// H. Zhao, Y. Peng and W. Li, "Revised PROMETHEE II for improving efficiency
	// in emergency response", Procedia Computer Science 17 (2013) 181–188: three
	// alternatives, three benefit criteria, weights 0.5, 0.3, 0.2, usual
	// criterion. Published net flows 0.1, −0.3, 0.2, as reproduced in pymcdm
	// (test/test_mcdm.py, TestPROMETHEE_II).
	t.Run("Zhao, Peng and Li 2013", func(t *testing.T) {
		p := &Problem{X: mat.NewDense(3, 3, []float64{4, 3, 2, 3, 2, 4, 5, 1, 3}),
			Weights: []float64{0.5, 0.3, 0.2}, Dirs: make([]Direction, 3)}
		got, err := Promethee2(p, nil, nil)
		require.NoError(t, err)
		assert.InDeltaSlice(t, []float64{0.1, -0.3, 0.2}, got, 1e-12)
	})

	// J.P. Brans, Ph. Vincke and B. Mareschal, "How to select and how to rank
	// projects: The PROMETHEE method", European Journal of Operational Research
	// 24(2) (1986) 228–238, numerical example: six hydroelectric projects, six
	// equally weighted criteria, one of each generalised criterion:
	//
	//	f1 manpower (min)          type II  U-shape  q = 10
	//	f2 power, MW (max)         type III V-shape  p = 30
	//	f3 construction cost (min) type V   linear   q = 50, p = 500
	//	f4 maintenance cost (min)  type IV  level    q = 10, p = 60
	//	f5 villages to evacuate (min) type I usual
	//	f6 security level (max)    type VI  Gaussian s = 5
	//
	// (the paper gives the level and linear thresholds as q and an increment of
	// 50 and 450; strict preference starts at 60 and 500). The published
	// preference indices π(a,b) (three decimals) and leaving/entering flows
	// (sums over the five other projects) are those reproduced in the JUnit test
	// of a public Java PROMETHEE implementation (test/NewEmptyJUnitTest.java,
	// with f3 and f4 divided by 10).
	t.Run("Brans, Vincke and Mareschal 1986", func(t *testing.T) {
		p := &Problem{
			X: mat.NewDense(6, 6, []float64{
				80, 90, 600, 54, 8, 5,
				65, 58, 200, 97, 1, 1,
				83, 60, 400, 72, 4, 7,
				40, 80, 1000, 75, 7, 10,
				52, 72, 600, 20, 3, 8,
				94, 96, 700, 36, 5, 6,
			}),
			Weights: []float64{1, 1, 1, 1, 1, 1},
			Dirs:    []Direction{Cost, Benefit, Cost, Cost, Cost, Benefit},
			Pref: []Preference{
				{Func: UShape, Q: 10},
				{Func: VShape, P: 30},
				{Func: Linear, Q: 50, P: 500},
				{Func: Level, Q: 10, P: 60},
				{Func: Usual},
				{Func: Gaussian, S: 5},
			},
		}
		pi, err := PreferenceIndex(p, nil)
		require.NoError(t, err)
		wantPi := []float64{
			0.000, 0.296, 0.250, 0.269, 0.100, 0.185,
			0.463, 0.000, 0.389, 0.333, 0.296, 0.500,
			0.235, 0.180, 0.000, 0.333, 0.056, 0.429,
			0.399, 0.506, 0.305, 0.000, 0.224, 0.212,
			0.444, 0.515, 0.487, 0.380, 0.000, 0.448,
			0.287, 0.399, 0.250, 0.431, 0.133, 0.000,
		}
		assert.InDeltaSlice(t, wantPi, pi.RawMatrix().Data, 0.0005+1e-12)

		// φ(a) = (Σ_b π(a,b) − Σ_b π(b,a)) / 5 from the published flow sums; each
		// sum carries the rounding of five published π values, so ±0.001.
		plus := []float64{1.099, 1.980, 1.234, 1.644, 2.274, 1.500}
		minus := []float64{1.827, 1.895, 1.681, 1.746, 0.808, 1.774}
		contrib := mat.NewDense(6, 6, nil)
		got, err := Promethee2(p, nil, contrib)
		require.NoError(t, err)
		want := make([]float64, len(plus))
		for a := range plus {
			want[a] = (plus[a] - minus[a]) / 5
			assert.InDelta(t, want[a], got[a], 0.001, "project a%d", a+1)
		}
		// The PROMETHEE II ranking a5 > a2 > a4 > a6 > a3 > a1.
		assert.Equal(t, []int{6, 2, 5, 3, 1, 4}, Rank(want, 1e-9))
		assert.Equal(t, Rank(want, 1e-9), Rank(got, 1e-9))
		for a, s := range sumRows(contrib) {
			assert.InDelta(t, got[a], s, 1e-12, "contributions add up to the net flow")
		}
	})
}

func sumRows(m *mat.Dense) []float64 {
	s, _ := rowSumsMax(m)
	return s
}
