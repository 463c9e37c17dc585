package scoring_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/gapstudy/gapstudy/scoring"
	"gonum.org/v1/gonum/mat"
)

// Three alternatives on risk (a cost) and altitude (a benefit), equally weighted:
// the example of Opricovic and Tzeng (2004). A2 is the compromise solution.
func ExampleVikorDetail() {
	p := &scoring.Problem{
		X:       mat.NewDense(3, 2, []float64{1, 3000, 2, 3750, 5, 4500}),
		Weights: []float64{1, 1},
		Dirs:    []scoring.Direction{scoring.Cost, scoring.Benefit},
	}
	res, err := scoring.VikorDetail(p, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, s := range res.Score {
		fmt.Printf("A%d score %3.0f  S %.3f  R %.3f  Q %.0f\n", j+1, s, res.S[j], res.R[j], res.Q[j])
	}
	// Output:
	// A1 score   0  S 0.500  R 0.500  Q 1
	// A2 score 100  S 0.375  R 0.250  Q 0
	// A3 score   0  S 0.500  R 0.500  Q 1
}

// TOPSIS with min-max normalisation, as pymcdm computes it: the benefit column
// 1, 2, 4 becomes 0, 1/3, 1 and the cost column 10, 30, 20 becomes 1, 0, 1/2.
// A+ = (1/2, 1/2) and A- = (0, 0) in the weighted values. With Dirs nil every
// criterion is a benefit: the second column becomes 0, 1, 1/2 and A2 overtakes A1.
func ExampleTopsisDetail() {
	p := &scoring.Problem{
		X:             mat.NewDense(3, 2, []float64{1, 10, 2, 30, 4, 20}),
		Weights:       []float64{1, 1},
		Dirs:          []scoring.Direction{scoring.Benefit, scoring.Cost},
		Normalization: scoring.MinMaxNormalization,
	}
	res, err := scoring.TopsisDetail(p, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for j := range res.Score {
		fmt.Printf("A%d d+ %.4f  d- %.4f  score %.2f\n", j+1, res.DPlus[j], res.DMinus[j], res.Score[j])
	}
	p.Dirs = nil
	allBenefit, _ := scoring.Topsis(p, nil, nil)
	fmt.Printf("all benefit: %.2f\n", allBenefit)
	// Output:
	// A1 d+ 0.5000  d- 0.5000  score 50.00
	// A2 d+ 0.6009  d- 0.1667  score 21.71
	// A3 d+ 0.2500  d- 0.5590  score 69.10
	// all benefit: [0.00 61.26 69.10]
}

// A NaN in the data is an error, never a NaN score, a dropped column or a tie.
func ExampleSolve_nonFinite() {
	p := &scoring.Problem{
		X:       mat.NewDense(2, 2, []float64{1, 2, math.NaN(), 4}),
		Weights: []float64{1, 1},
	}
	for _, m := range scoring.Methods() {
		_, err := scoring.Solve(m, p, nil, nil)
		fmt.Println(m, errors.Is(err, scoring.ErrNonFinite), err)
	}
	// Output:
	// wsm true scoring: X[1, 0] (alternative 1, criterion 0) is NaN
	// topsis true scoring: X[1, 0] (alternative 1, criterion 0) is NaN
	// promethee2 true scoring: X[1, 0] (alternative 1, criterion 0) is NaN
	// vikor true scoring: X[1, 0] (alternative 1, criterion 0) is NaN
}

// A linear preference function with indifference threshold 0.5 and preference
// threshold 2.5 turns the differences 1, 2 and 3 into preferences 0.25, 0.75
// and 1.
func ExamplePromethee2() {
	p := &scoring.Problem{
		X:       mat.NewDense(3, 1, []float64{0, 1, 3}),
		Weights: []float64{1},
		Dirs:    []scoring.Direction{scoring.Benefit},
		Pref:    []scoring.Preference{{Func: scoring.Linear, Q: 0.5, P: 2.5}},
	}
	flows, err := scoring.Promethee2(p, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(flows)
	// Output:
	// [-0.625 -0.25 0.875]
}

// Two rankings of five measures that swap the first and the last two pairs.
func ExampleWSCoefficient() {
	reference := []float64{1, 2, 3, 4, 5}
	other := []float64{2, 1, 4, 3, 5}
	rho, _ := scoring.Spearman(reference, other) // errors only for NaN or infinite values
	tau, _ := scoring.KendallTauB(reference, other)
	ws, _ := scoring.WSCoefficient(reference, other)
	wsLast, _ := scoring.WSCoefficient(reference, []float64{1, 2, 3, 5, 4})
	fmt.Printf("Spearman %.2f\n", rho)
	fmt.Printf("Kendall  %.2f\n", tau)
	fmt.Printf("WS       %.2f\n", ws)
	fmt.Printf("WS (only the last two swapped) %.2f\n", wsLast)
	// Output:
	// Spearman 0.80
	// Kendall  0.60
	// WS       0.71
	// WS (only the last two swapped) 0.97
}

// The additive model f = x1 + 2·x2 (x3 unused) with inputs uniform on [0, 1):
// the variances of the terms are 1/12 and 4/12, so S1 = S_T1 = 0.2 and
// S2 = S_T2 = 0.8.
func ExampleSobolIndices() {
	model := func(x []float64) float64 { return x[0] + 2*x[1] }
	res, err := scoring.SobolIndices(model, 3, scoring.SobolOptions{N: 1024, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range res.First {
		fmt.Printf("x%d  S %.2f  S_T %.2f\n", i+1, res.First[i], res.Total[i])
	}
	fmt.Println("evaluations:", res.Evaluations)
	// Output:
	// x1  S 0.20  S_T 0.20
	// x2  S 0.80  S_T 0.80
	// x3  S 0.00  S_T 0.00
	// evaluations: 5120
}

func ExampleSobolSeq() {
	seq, err := scoring.NewSobolSeq(2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 4 {
		fmt.Println(seq.Next(nil))
	}
	// Output:
	// [0 0]
	// [0.5 0.5]
	// [0.75 0.25]
	// [0.25 0.75]
}
