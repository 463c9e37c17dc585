package report

import (
	"math"
	"sort"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// deltaTolerance is the largest index change, in index points, that counts as
// no change (SPEC 12 compares scores within 1e-9).
const deltaTolerance = 1e-9

// Headline holds the headline numbers of a comparison with a baseline and of a
// known-issues register, as the Markdown summary and the terminal show them.
type Headline struct {
	// Baseline reports whether the result holds a comparison with a baseline;
	// the counts below are 0 without one.
	Baseline bool
	// Gaps of the baseline by what became of them (countries in both waves):
	// closed, improved (still a gap, higher score), remaining (same score),
	// worsened; NewGaps are gaps of the current wave on items fully met in the
	// baseline.
	Closed, Improved, Remaining, Worsened, NewGaps int
	// Countries in both waves by the sign of the index delta (|delta| ≤ 1e-9
	// is unchanged); countries without a delta (an index unknown in a wave, or
	// a country in one wave only) are in none of the three.
	CountriesImproved, CountriesWorsened, CountriesUnchanged int
	// Register reports whether a known-issues register was judged; Verdicts
	// counts its rows by verdict (every verdict a key when Register is true).
	Register bool
	Verdicts map[gapanalysis.Verdict]int
}

// StillOpen is the number of baseline gaps still open: improved, remaining or
// worsened.
func (h Headline) StillOpen() int { return h.Improved + h.Remaining + h.Worsened }

// ProgressHeadline counts the headline numbers of res's comparison with a
// baseline (res.Progress) and of its known-issues register (res.KnownIssues).
func ProgressHeadline(res *gapanalysis.Result) Headline {
	var h Headline
	if cmp := res.Progress; cmp != nil {
		h.Baseline = true
		for _, c := range cmp.Changes {
			switch c.Transition {
			case gapanalysis.TransClosed:
				h.Closed++
			case gapanalysis.TransImproved:
				h.Improved++
			case gapanalysis.TransRemaining:
				h.Remaining++
			case gapanalysis.TransWorsened:
				h.Worsened++
			case gapanalysis.TransNewGap:
				h.NewGaps++
			}
		}
		for _, c := range cmp.Countries {
			if !c.InOld || !c.InNew || !known(c.Delta) {
				continue
			}
			switch {
			case c.Delta.Value > deltaTolerance:
				h.CountriesImproved++
			case c.Delta.Value < -deltaTolerance:
				h.CountriesWorsened++
			default:
				h.CountriesUnchanged++
			}
		}
	}
	if res.KnownIssues != nil {
		h.Register = true
		h.Verdicts = map[gapanalysis.Verdict]int{}
		for _, v := range AllVerdicts() {
			h.Verdicts[v] = 0
		}
		for _, k := range res.KnownIssues {
			h.Verdicts[k.Verdict]++
		}
	}
	return h
}

// largestDeltas returns up to n countries with a known delta, by absolute
// delta descending, ties by code.
func largestDeltas(cmp *gapanalysis.Comparison, n int) []gapanalysis.CountryProgress {
	var out []gapanalysis.CountryProgress
	for _, c := range cmp.Countries {
		if known(c.Delta) {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := math.Abs(out[i].Delta.Value), math.Abs(out[j].Delta.Value)
		if a != b {
			return a > b
		}
		return out[i].Code < out[j].Code
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
