package gapanalysis

import "github.com/gapstudy/gapstudy/scoring"

// kendallW returns Kendall's W (tie-corrected, with its χ² test) of the
// experts' ratings (experts × measures) of n measures; false when W is not
// defined (scoring.KendallW's error: e.g. every expert tied every measure).
func kendallW(scores [][]float64, n int) (KendallWStats, bool) {
	r, err := scoring.KendallW(scores)
	if err != nil || !isFinite(r.W) {
		return KendallWStats{}, false
	}
	return KendallWStats{W: r.W, Chi2: r.Chi2, P: r.P, NMeasures: n}, true
}
