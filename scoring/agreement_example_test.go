package scoring_test

import (
	"errors"
	"fmt"

	"github.com/gapstudy/gapstudy/scoring"
)

// Two experts answer six items none (0), partial (1) or full (2). They agree
// on four; the two disagreements are one step apart, so the weighted κ, which
// gives partial credit, is higher than the unweighted one. Both experts'
// margins are (1, 2, 3) over none, partial, full, so in 36ths: p_e = 14
// unweighted, 14 + 0.5·16 = 22 linear, 14 + 0.75·16 = 26 quadratic, and p_o =
// 24, 30, 33: κ = 10/22, 8/14, 7/10.
func ExampleCohenKappa() {
	a := []int{2, 2, 1, 0, 2, 1}
	b := []int{2, 1, 1, 0, 2, 2}
	for _, w := range []scoring.KappaWeighting{scoring.Unweighted, scoring.LinearWeights, scoring.QuadraticWeights} {
		k, err := scoring.CohenKappa(a, b, 3, w)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-10s κ = %.3f\n", w, k)
	}
	// When both experts answer "full" everywhere, agreement cannot be told
	// from chance: κ is undefined, and callers report it as unknown.
	_, err := scoring.CohenKappa([]int{2, 2}, []int{2, 2}, 3, scoring.Unweighted)
	fmt.Println(errors.Is(err, scoring.ErrUndefined))
	// Output:
	// unweighted κ = 0.455
	// linear     κ = 0.571
	// quadratic  κ = 0.700
	// true
}
