package report_test

import (
	"github.com/gapstudy/gapstudy/gapanalysis"
)

// baselineSrc is a cell of the baseline survey.
func baselineSrc(cell string) gapanalysis.Source {
	return gapanalysis.Source{File: "baseline_synthetic.xlsx", Sheet: sheet, Cell: cell}
}

// progressResult returns the sample study (the current wave) with a
// comparison with a baseline built by hand and a known-issues register. In the
// baseline AT had index 40 (rank 2), EL 50 (rank 1) and FR 30 (rank 3); DK was
// not assessed, and FR is not in the current wave. The baseline's checklist
// had an item D-OLD that the current one has not. Old → new, per item:
//
//	item        AT                          EL
//	D-3.4       partial → full: closed      full → full: kept
//	D-5.2       partial → partial: remaining none → full: closed
//	D-18.1      partial → none: worsened    none → partial: improved
//	D-20.3      full → unknown: now-unknown na → full: not-applicable
//	BP-HOTLINE  none → full: closed         full → none: new-gap
//	BP-REPORTS  unknown → 0.5: now-known    unknown → unknown: unknown
//
// Gaps closed 3, improved 1, remaining 1, worsened 1, new 1; AT improved by
// 16.25 index points, EL worsened by 6.25.
func progressResult() *gapanalysis.Result {
	res := sampleResult()
	k := func(v float64) gapanalysis.Score { return gapanalysis.Known(v) }
	u := gapanalysis.Score{}
	full, partial, none, na, unk := gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone, gapanalysis.StatusNA, gapanalysis.StatusUnknown
	type C = gapanalysis.ItemChange
	changes := []C{
		{Country: "AT", Item: "D-3.4", Old: partial, New: full, OldScore: k(0.5), NewScore: k(1), Transition: gapanalysis.TransClosed, OldSources: gapanalysis.SourcesOf(baselineSrc("C2")), NewSources: gapanalysis.SourcesOf(src("C2"))},
		{Country: "AT", Item: "D-5.2", Old: partial, New: partial, OldScore: k(0.5), NewScore: k(0.5), Transition: gapanalysis.TransRemaining, OldSources: gapanalysis.SourcesOf(baselineSrc("C3")), NewSources: gapanalysis.SourcesOf(src("C3"))},
		{Country: "AT", Item: "D-18.1", Old: partial, New: none, OldScore: k(0.5), NewScore: k(0), Transition: gapanalysis.TransWorsened, OldSources: gapanalysis.SourcesOf(baselineSrc("C4")), NewSources: gapanalysis.SourcesOf(src("C4"))},
		{Country: "AT", Item: "D-20.3", Old: full, New: unk, OldScore: k(1), NewScore: u, Transition: gapanalysis.TransNowUnknown, OldSources: gapanalysis.SourcesOf(baselineSrc("C5")), NewSources: gapanalysis.SourcesOf(src("C5"))},
		{Country: "AT", Item: "BP-HOTLINE", Old: none, New: full, OldScore: k(0), NewScore: k(1), Transition: gapanalysis.TransClosed},
		{Country: "AT", Item: "BP-REPORTS", Old: unk, New: unk, OldScore: u, NewScore: k(0.5), Transition: gapanalysis.TransNowKnown},
		{Country: "EL", Item: "D-3.4", Old: full, New: full, OldScore: k(1), NewScore: k(1), Transition: gapanalysis.TransKept},
		{Country: "EL", Item: "D-5.2", Old: none, New: full, OldScore: k(0), NewScore: k(1), Transition: gapanalysis.TransClosed},
		{Country: "EL", Item: "D-18.1", Old: none, New: partial, OldScore: k(0), NewScore: k(0.5), Transition: gapanalysis.TransImproved},
		{Country: "EL", Item: "D-20.3", Old: na, New: full, OldScore: u, NewScore: k(1), Transition: gapanalysis.TransNotApplicable},
		{Country: "EL", Item: "BP-HOTLINE", Old: full, New: none, OldScore: k(1), NewScore: k(0), Transition: gapanalysis.TransNewGap},
		{Country: "EL", Item: "BP-REPORTS", Old: unk, New: unk, OldScore: u, NewScore: u, Transition: gapanalysis.TransUnknown},
	}
	counts := func(pairs ...any) map[gapanalysis.Transition]int {
		m := map[gapanalysis.Transition]int{}
		for _, t := range gapanalysis.AllTransitions() {
			m[t] = 0
		}
		for i := 0; i < len(pairs); i += 2 {
			m[pairs[i].(gapanalysis.Transition)] = pairs[i+1].(int)
		}
		return m
	}
	res.Progress = &gapanalysis.Comparison{
		OldLabel: "baseline_synthetic.xlsx", NewLabel: survey,
		Changes: changes,
		Countries: []gapanalysis.CountryProgress{
			{Code: "AT", Name: "Austria", InOld: true, InNew: true, IndexOld: k(40), IndexNew: k(56.25), Delta: k(16.25), RankOld: 2, RankNew: 1,
				Counts: counts(gapanalysis.TransClosed, 2, gapanalysis.TransRemaining, 1, gapanalysis.TransWorsened, 1,
					gapanalysis.TransNowUnknown, 1, gapanalysis.TransNowKnown, 1),
				Uncertainty: &gapanalysis.DeltaUncertainty{P05: 5, P95: 25, PImproved: 0.975}},
			{Code: "DK", Name: "Denmark", InNew: true, IndexOld: u, IndexNew: k(50), Delta: u, RankNew: 2},
			{Code: "EL", Name: "Greece", InOld: true, InNew: true, IndexOld: k(50), IndexNew: k(43.75), Delta: k(-6.25), RankOld: 1, RankNew: 3,
				Counts: counts(gapanalysis.TransKept, 1, gapanalysis.TransClosed, 1, gapanalysis.TransImproved, 1,
					gapanalysis.TransNotApplicable, 1, gapanalysis.TransNewGap, 1, gapanalysis.TransUnknown, 1),
				Uncertainty: &gapanalysis.DeltaUncertainty{P05: -12.5, P95: 0, PImproved: 0.25}},
			{Code: "FR", Name: "France", InOld: true, IndexOld: k(30), IndexNew: u, Delta: u, RankOld: 3},
		},
		Items: []gapanalysis.ItemProgress{
			{Item: "D-3.4", Counts: counts(gapanalysis.TransClosed, 1, gapanalysis.TransKept, 1)},
			{Item: "D-5.2", Counts: counts(gapanalysis.TransRemaining, 1, gapanalysis.TransClosed, 1)},
			{Item: "D-18.1", Counts: counts(gapanalysis.TransWorsened, 1, gapanalysis.TransImproved, 1)},
			{Item: "D-20.3", Counts: counts(gapanalysis.TransNowUnknown, 1, gapanalysis.TransNotApplicable, 1)},
			{Item: "BP-HOTLINE", Counts: counts(gapanalysis.TransClosed, 1, gapanalysis.TransNewGap, 1)},
			{Item: "BP-REPORTS", Counts: counts(gapanalysis.TransNowKnown, 1, gapanalysis.TransUnknown, 1)},
		},
		Measures: []gapanalysis.MeasureProgress{
			{ID: "M-HOTLINE", GapPointsOld: 25, GapPointsNew: 50},
			{ID: "M-PENALTIES", GapPointsOld: 37.5, GapPointsNew: 6.25},
			{ID: "M-VICTIMS", GapPointsOld: 31.25, GapPointsNew: 18.75},
		},
		OnlyOld: []gapanalysis.ItemID{"D-OLD"},
		Samples: 200, Seed: 7,
	}
	at := func(cell string) gapanalysis.Source {
		return gapanalysis.Source{File: "known-issues.csv", Cell: cell}
	}
	type K = gapanalysis.KnownIssue
	res.KnownIssues = []gapanalysis.KnownIssueVerdict{
		{KnownIssue: K{Country: "AT", Item: "D-5.2", Source: "COM(2016) 871", Date: "2016-12-16", Note: "=possession not covered", At: at("A2")},
			Verdict: gapanalysis.VerdictRemaining, Status: partial, Score: k(0.5), Sources: gapanalysis.SourcesOf(src("C3"))},
		{KnownIssue: K{Country: "EL", Item: "D-5.2", Source: "INFR(2019)2202", At: at("A3")},
			Verdict: gapanalysis.VerdictResolved, Status: full, Score: k(1), Sources: gapanalysis.SourcesOf(src("C10"))},
		{KnownIssue: K{Country: "DK", Item: "D-3.4", Source: "COM(2016) 871", At: at("A4")},
			Verdict: gapanalysis.VerdictNotApplicable, Status: na, Score: u},
		{KnownIssue: K{Country: "AT", Item: "D-20.3", Source: "COM(2016) 872", Note: "interviews", At: at("A5")},
			Verdict: gapanalysis.VerdictUnknown, Status: unk, Score: u, Sources: gapanalysis.SourcesOf(src("C5"))},
	}
	return res
}
