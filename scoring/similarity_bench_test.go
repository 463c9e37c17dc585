package scoring

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkSimilarityMatrix is the similarity of 27 countries over 139 items,
// one in ten unknown: the size of the built-in checklist on the EU-27.
func BenchmarkSimilarityMatrix(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := make([][]float64, 27)
	for r := range p {
		p[r] = make([]float64, 139)
		for j := range p[r] {
			p[r][j] = float64(rng.IntN(3)) / 2
			if rng.IntN(10) == 0 {
				p[r][j] = math.NaN()
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := SimilarityMatrix(p); err != nil {
			b.Fatal(err)
		}
	}
}
