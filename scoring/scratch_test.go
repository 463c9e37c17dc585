package scoring

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// scratchProblem returns a random problem of n alternatives and k criteria,
// every other criterion a cost, with thresholds for PROMETHEE when prefs.
func scratchProblem(rng *rand.Rand, n, k int, prefs bool) *Problem {
	x := mat.NewDense(n, k, nil)
	for j := 0; j < n; j++ {
		for c := 0; c < k; c++ {
			x.Set(j, c, float64(rng.IntN(6))) // ties on purpose
		}
	}
	p := &Problem{X: x, Weights: make([]float64, k), Dirs: make([]Direction, k)}
	for c := range p.Weights {
		p.Weights[c] = 0.5 + rng.Float64()
		if c%2 == 1 {
			p.Dirs[c] = Cost
		}
	}
	if prefs {
		p.Pref = make([]Preference, k)
		for c := range p.Pref {
			p.Pref[c] = Preference{Func: PreferenceFunc(c % 6), Q: 0.5, P: 2, S: 1}
		}
	}
	return p
}

// TestSolveScratchMatchesSolve checks that one Scratch reused over problems of
// growing and shrinking size gives the scores and contributions of Solve bit
// for bit, whatever the previous problem left in it.
func TestSolveScratchMatchesSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	v0 := 0.0
	var s Scratch
	for _, size := range []struct{ n, k int }{{3, 2}, {12, 5}, {4, 7}, {1, 3}, {28, 10}, {5, 1}} {
		for _, m := range Methods() {
			for _, prefs := range []bool{false, true} {
				p := scratchProblem(rng, size.n, size.k, prefs)
				if m == VIKOR && prefs {
					p.V = &v0
				}
				want, err := Solve(m, p, nil, nil)
				require.NoError(t, err)
				wantC := mat.NewDense(size.n, size.k, nil)
				_, err = Solve(m, p, nil, wantC)
				require.NoError(t, err)

				got := make([]float64, size.n)
				_, err = SolveScratch(m, p, got, nil, &s)
				require.NoError(t, err)
				assert.Equal(t, want, got, "%s, %d×%d", m, size.n, size.k)
				gotC := mat.NewDense(size.n, size.k, nil)
				_, err = SolveScratch(m, p, got, gotC, &s)
				require.NoError(t, err)
				assert.Equal(t, want, got, "%s with contributions, %d×%d", m, size.n, size.k)
				assert.Equal(t, wantC.RawMatrix().Data, gotC.RawMatrix().Data, "%s contributions, %d×%d", m, size.n, size.k)
			}
		}
	}
}

// TestSolveScratchDoesNotAllocate checks that SolveScratch on a grown Scratch
// allocates nothing with any method, with or without preference thresholds.
func TestSolveScratchDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, m := range Methods() {
		for _, prefs := range []bool{false, true} {
			p := scratchProblem(rng, 28, 7, prefs)
			var s Scratch
			s.Grow(28, 7)
			dst := make([]float64, 28)
			allocs := testing.AllocsPerRun(20, func() {
				if _, err := SolveScratch(m, p, dst, nil, &s); err != nil {
					t.Fatal(err)
				}
			})
			assert.Zero(t, allocs, "%s (thresholds %v)", m, prefs)
		}
	}
}

// TestSolveScratchErrors checks that SolveScratch reports what Solve reports.
func TestSolveScratchErrors(t *testing.T) {
	var s Scratch
	p := &Problem{X: mat.NewDense(2, 1, []float64{1, 2}), Weights: []float64{0}}
	_, err := SolveScratch(TOPSIS, p, nil, nil, &s)
	assert.ErrorIs(t, err, ErrWeights)
	p.Weights[0] = 1
	_, err = SolveScratch("electre", p, nil, nil, &s)
	assert.ErrorIs(t, err, ErrMethod)
	p.Pref = []Preference{{Func: Linear, Q: 2, P: 1}}
	_, err = SolveScratch(PROMETHEE2, p, nil, nil, &s)
	assert.ErrorIs(t, err, ErrPreference)
}
