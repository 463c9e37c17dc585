package scoring

import (
	"math"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// ishigami is the Ishigami–Homma function with a = 7, b = 0.1, its three inputs
// mapped from [0, 1) to [−π, π).
func ishigami(x []float64) float64 {
	const a, b = 7, 0.1
	x1, x2, x3 := math.Pi*(2*x[0]-1), math.Pi*(2*x[1]-1), math.Pi*(2*x[2]-1)
	s2 := math.Sin(x2)
	return math.Sin(x1) + a*s2*s2 + b*x3*x3*x3*x3*math.Sin(x1)
}

// ishigamiIndices returns the analytic first-order and total indices of
// ishigami (Homma and Saltelli, 1996):
//
//	V1 = ½(1 + bπ⁴/5)²,  V2 = a²/8,  V3 = 0,  V13 = b²π⁸·(1/18 − 1/50),
//	V = V1 + V2 + V13,   S_i = V_i/V,  S_T1 = (V1 + V13)/V,  S_T2 = S_2,  S_T3 = V13/V.
func ishigamiIndices() (first, total []float64) {
	const a, b = 7.0, 0.1
	pi4 := math.Pow(math.Pi, 4)
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := b * b * pi4 * pi4 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// gA holds the parameters of the Sobol' G-function used in the tests.
var gA = []float64{0, 1, 4.5, 9, 99, 99, 99, 99}

// gFunction is Sobol's G-function Π_i (|4x_i − 2| + a_i)/(1 + a_i).
func gFunction(x []float64) float64 {
	g := 1.0
	for i, a := range gA {
		g *= (math.Abs(4*x[i]-2) + a) / (1 + a)
	}
	return g
}

// gIndices returns the analytic indices of gFunction: V_i = (1/3)/(1+a_i)²,
// V = Π(1+V_i) − 1, S_i = V_i/V, S_Ti = V_i·Π_{j≠i}(1+V_j)/V.
func gIndices() (first, total []float64) {
	vi := make([]float64, len(gA))
	prod := 1.0
	for i, a := range gA {
		vi[i] = 1.0 / 3 / ((1 + a) * (1 + a))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	first, total = make([]float64, len(gA)), make([]float64, len(gA))
	for i := range gA {
		first[i] = vi[i] / v
		total[i] = vi[i] * prod / (1 + vi[i]) / v
	}
	return first, total
}

func TestIshigamiAnalytic(t *testing.T) {
	// The formulas give the published values (Saltelli et al., Global Sensitivity
	// Analysis: The Primer, 2008) to four decimals.
	first, total := ishigamiIndices()
	assert.InDeltaSlice(t, []float64{0.3139, 0.4424, 0}, first, 0.00005)
	assert.InDeltaSlice(t, []float64{0.5576, 0.4424, 0.2437}, total, 0.00005)
}

// assertIndices checks that every analytic value lies in the bootstrap interval
// of its estimate and within tol of it.
func assertIndices(t *testing.T, res *SobolResult, first, total []float64, tol float64) {
	t.Helper()
	for i := range first {
		assert.InDelta(t, first[i], res.First[i], tol, "S_%d", i+1)
		assert.InDelta(t, total[i], res.Total[i], tol, "S_T%d", i+1)
		assert.True(t, res.FirstLo[i] <= first[i] && first[i] <= res.FirstHi[i],
			"S_%d = %.4f outside [%.4f, %.4f]", i+1, first[i], res.FirstLo[i], res.FirstHi[i])
		assert.True(t, res.TotalLo[i] <= total[i] && total[i] <= res.TotalHi[i],
			"S_T%d = %.4f outside [%.4f, %.4f]", i+1, total[i], res.TotalLo[i], res.TotalHi[i])
		assert.True(t, res.FirstLo[i] <= res.First[i] && res.First[i] <= res.FirstHi[i], "S_%d estimate inside its interval", i+1)
		assert.True(t, res.TotalLo[i] <= res.Total[i] && res.Total[i] <= res.TotalHi[i], "S_T%d estimate inside its interval", i+1)
	}
}

func TestSobolIshigami(t *testing.T) {
	const n = 1 << 13
	res, err := SobolIndices(ishigami, 3, SobolOptions{N: n, Seed: 1})
	require.NoError(t, err)
	first, total := ishigamiIndices()
	assertIndices(t, res, first, total, 0.01)
	assert.Equal(t, n*5, res.Evaluations)
	// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446.
	assert.InDelta(t, 13.8446, res.Variance, 0.01)
}

func TestSobolIshigamiPseudoRandom(t *testing.T) {
	// Pseudo-random sampling converges more slowly: tolerance 0.05 at N = 2^14.
	res, err := SobolIndices(ishigami, 3, SobolOptions{N: 1 << 14, Seed: 7, Sequence: PseudoRandom, Bootstrap: 200})
	require.NoError(t, err)
	first, total := ishigamiIndices()
	assert.InDeltaSlice(t, first, res.First, 0.05)
	assert.InDeltaSlice(t, total, res.Total, 0.05)

	again, err := SobolIndices(ishigami, 3, SobolOptions{N: 1 << 14, Seed: 7, Sequence: PseudoRandom, Bootstrap: 200, Workers: 1})
	require.NoError(t, err)
	assert.Equal(t, res, again, "same seed, same numbers")
	other, err := SobolIndices(ishigami, 3, SobolOptions{N: 1 << 14, Seed: 8, Sequence: PseudoRandom, Bootstrap: 200})
	require.NoError(t, err)
	assert.NotEqual(t, res.First, other.First, "another seed, other samples")
}

func TestSobolGFunction(t *testing.T) {
	res, err := SobolIndices(gFunction, len(gA), SobolOptions{N: 1 << 13, Seed: 3})
	require.NoError(t, err)
	first, total := gIndices()
	// S = 0.716, 0.179, 0.024, 0.007, 7·10⁻⁵ … ; S_T = 0.788, 0.242, 0.034, 0.010, 1·10⁻⁴ …
	assert.InDeltaSlice(t, []float64{0.7162, 0.1790, 0.0237, 0.0072}, first[:4], 0.0005)
	assertIndices(t, res, first, total, 0.01)
	// The inessential inputs (a = 99) have total indices near 0.
	for i := 4; i < len(gA); i++ {
		assert.Less(t, res.Total[i], 0.001, "S_T%d", i+1)
	}
}

func TestSobolMultiMatchesSingle(t *testing.T) {
	// One evaluation, two outputs: the Ishigami function of the first three
	// inputs and the G-function of all eight. Each output's results equal those
	// of a single-output analysis of the same model, bit for bit.
	opts := SobolOptions{N: 1 << 10, Seed: 11, Bootstrap: 100}
	multi, err := SobolIndicesMulti(func(x, out []float64) {
		out[0] = ishigami(x[:3])
		out[1] = gFunction(x)
	}, len(gA), 2, opts)
	require.NoError(t, err)
	require.Len(t, multi, 2)
	for o, f := range []func([]float64) float64{func(x []float64) float64 { return ishigami(x[:3]) }, gFunction} {
		single, err := SobolIndices(f, len(gA), opts)
		require.NoError(t, err)
		assert.Equal(t, single, multi[o], "output %d", o)
	}
	// Inputs 4–8 do not enter the Ishigami output at all.
	for i := 3; i < len(gA); i++ {
		assert.Equal(t, 0.0, multi[0].Total[i], "S_T%d of an absent input", i+1)
	}
}

func TestSobolDeterministicAcrossWorkers(t *testing.T) {
	model := func(x, out []float64) {
		out[0] = ishigami(x)
		out[1] = x[0] * x[1]
		out[2] = math.Floor(3 * x[2]) // a categorical input
	}
	var results [][]*SobolResult
	for _, w := range []int{1, 2, 3, 0} {
		res, err := SobolIndicesMulti(model, 3, 3, SobolOptions{N: 1 << 10, Seed: 42, Bootstrap: 300, Workers: w})
		require.NoError(t, err)
		results = append(results, res)
	}
	for i := 1; i < len(results); i++ {
		assert.Equal(t, results[0], results[i], "run %d", i)
	}
}

func TestSobolConstantAndAbsentInputs(t *testing.T) {
	res, err := SobolIndices(func([]float64) float64 { return 4 }, 2, SobolOptions{N: 64})
	require.NoError(t, err)
	zero := []float64{0, 0}
	assert.Equal(t, 0.0, res.Variance)
	for _, s := range [][]float64{res.First, res.Total, res.FirstLo, res.FirstHi, res.TotalLo, res.TotalHi} {
		assert.Equal(t, zero, s)
	}

	// f = x1 alone: S_1 = S_T1 = 1, S_2 = S_T2 = 0 exactly (f(AB_2) = f(A)).
	res, err = SobolIndices(func(x []float64) float64 { return x[0] }, 2, SobolOptions{N: 256, Bootstrap: -1})
	require.NoError(t, err)
	assert.InDelta(t, 1, res.Total[0], 0.02)
	assert.InDelta(t, 1, res.First[0], 0.02)
	assert.Equal(t, 0.0, res.Total[1])
	assert.Nil(t, res.FirstLo, "no bootstrap, no intervals")
	assert.Nil(t, res.TotalHi)
	// Additive f = x1 + 2·x2: S = S_T = 1/5, 4/5 (variances 1/12 and 4/12).
	res, err = SobolIndices(func(x []float64) float64 { return x[0] + 2*x[1] }, 2, SobolOptions{N: 1 << 12, Bootstrap: -1})
	require.NoError(t, err)
	assert.InDeltaSlice(t, []float64{0.2, 0.8}, res.First, 0.01)
	assert.InDeltaSlice(t, []float64{0.2, 0.8}, res.Total, 0.01)
}

func TestSobolOptionErrors(t *testing.T) {
	f := func(x []float64) float64 { return x[0] }
	for _, o := range []SobolOptions{
		{N: 1},
		{N: -4},
		{Confidence: 1},
		{Confidence: -0.5},
		{Confidence: math.NaN()},
		{Workers: -1},
		{Sequence: SequenceKind(5)},
	} {
		_, err := SobolIndices(f, 1, o)
		assert.ErrorIs(t, err, ErrSobolOptions, "%+v", o)
	}
	_, err := SobolIndices(f, MaxSobolDim/2+1, SobolOptions{N: 2})
	assert.ErrorIs(t, err, ErrSobolDim)
	res, err := SobolIndices(f, MaxSobolDim/2+1, SobolOptions{N: 2, Sequence: PseudoRandom, Bootstrap: -1})
	require.NoError(t, err, "pseudo-random sampling has no dimension limit")
	assert.Equal(t, 2*(MaxSobolDim/2+3), res.Evaluations)

	assert.PanicsWithValue(t, "scoring: SobolIndicesMulti: dim < 1 or nOut < 1", func() { _, _ = SobolIndices(f, 0, SobolOptions{}) })
	assert.PanicsWithValue(t, "scoring: SobolIndices: nil model", func() { _, _ = SobolIndices(nil, 1, SobolOptions{}) })
}

func TestSobolModelValueError(t *testing.T) {
	var calls atomic.Int64
	_, err := SobolIndicesMulti(func(x, out []float64) {
		calls.Add(1)
		out[0] = 1
		out[1] = math.Log(x[0]) // −Inf at the first point of the Sobol' sequence (x = 0)
	}, 2, 2, SobolOptions{N: 8})
	require.ErrorIs(t, err, ErrModelValue)
	assert.EqualError(t, err, "scoring: model value is not finite: output 1 is -Inf at row 0 of A")
	assert.Equal(t, int64(8*4), calls.Load())
}

func TestSobolModelPanic(t *testing.T) {
	for _, w := range []int{1, 3} {
		assert.PanicsWithValue(t, "model broke", func() {
			_, _ = SobolIndices(func(x []float64) float64 {
				if x[1] > 0.9 {
					panic("model broke")
				}
				return x[0]
			}, 2, SobolOptions{N: 64, Workers: w})
		}, "workers %d", w)
	}
}

func TestSobolProgress(t *testing.T) {
	for _, w := range []int{1, 2} {
		var calls []int
		total := -1
		_, err := SobolIndices(func(x []float64) float64 { return x[0] }, 3, SobolOptions{N: 512, Workers: w, Bootstrap: 10,
			Progress: func(done, tot int) {
				calls = append(calls, done)
				total = tot
			}})
		require.NoError(t, err)
		require.NotEmpty(t, calls)
		assert.Equal(t, 512*5, total)
		assert.Equal(t, total, calls[len(calls)-1], "workers %d: ends at the total", w)
		assert.IsIncreasing(t, calls)
	}
}

func TestSequenceKindString(t *testing.T) {
	assert.Equal(t, "sobol", SobolSequence.String())
	assert.Equal(t, "pseudo-random", PseudoRandom.String())
	assert.Equal(t, "SequenceKind(9)", SequenceKind(9).String())
}

func BenchmarkSobolIshigami(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SobolIndices(ishigami, 3, SobolOptions{N: 1 << 13, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSobolMulti(b *testing.B) {
	// A ranking-sized workload: 5 inputs, 31 outputs, N = 1024, 1000 resamples.
	b.ReportAllocs()
	model := func(x, out []float64) {
		for o := range out {
			out[o] = float64(o) * x[o%5] * x[(o+1)%5]
		}
	}
	for b.Loop() {
		if _, err := SobolIndicesMulti(model, 5, 31, SobolOptions{N: 1024, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSobolSeq(b *testing.B) {
	b.ReportAllocs()
	s, err := NewSobolSeq(10)
	if err != nil {
		b.Fatal(err)
	}
	pt := make([]float64, 10)
	for b.Loop() {
		if s.Index() == 1<<32 {
			s, _ = NewSobolSeq(10)
		}
		s.Next(pt)
	}
}

// benchProblem is a ranking-sized decision problem: 30 alternatives, 8
// criteria, deterministic values.
func benchProblem() *Problem {
	const n, k = 30, 8
	x := mat.NewDense(n, k, nil)
	for j := 0; j < n; j++ {
		for c := 0; c < k; c++ {
			x.Set(j, c, float64((j*7+c*13)%29)+1)
		}
	}
	p := &Problem{X: x, Weights: make([]float64, k), Dirs: make([]Direction, k), Pref: make([]Preference, k)}
	for c := range p.Weights {
		p.Weights[c] = float64(c + 1)
		if c%3 == 2 {
			p.Dirs[c] = Cost
		}
		if c%2 == 1 {
			p.Pref[c] = Preference{Func: Linear, Q: 1, P: 5}
		}
	}
	return p
}

func BenchmarkMethods(b *testing.B) {
	p := benchProblem()
	n, k := p.X.Dims()
	for _, m := range Methods() {
		b.Run(string(m), func(b *testing.B) {
			b.ReportAllocs()
			dst := make([]float64, n)
			contrib := mat.NewDense(n, k, nil)
			for b.Loop() {
				if _, err := Solve(m, p, dst, contrib); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTopsis(b *testing.B) {
	p := benchProblem()
	dst := make([]float64, 30)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Topsis(p, dst, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRankAgreement(b *testing.B) {
	x, y := make([]float64, 30), make([]float64, 30)
	for i := range x {
		x[i] = float64(i + 1)
		y[i] = float64((i*7)%30 + 1)
	}
	for _, bc := range []struct {
		name string
		f    func(x, y []float64) (float64, error)
	}{{"spearman", Spearman}, {"kendall", KendallTauB}, {"ws", WSCoefficient}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.f(x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
