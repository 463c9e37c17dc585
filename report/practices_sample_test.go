package report_test

import "github.com/gapstudy/gapstudy/gapanalysis"

// addPractices fills the best-practice results of SPEC 13 into the sample
// study, worked out by hand from its answers (see sampleResult).
//
// Item scores known and applicable for both countries of a pair, and the
// similarity 1 − mean |difference|:
//
//	AT–DK  BP-HOTLINE (1 vs 0.5)                               → 1 − 0.5 = 0.5
//	AT–EL  D-3.4 (0), D-5.2 (0.5), D-18.1 (0.5), BP-HOTLINE (1) → 1 − 2/4 = 0.5
//	DK–EL  BP-HOTLINE (0.5 vs 0)                               → 1 − 0.5 = 0.5
//
// Every similarity is 0.5, so peers and exemplars are in code order.
// Exemplars (countries at full on the gap's item): AT D-5.2 → EL; DK and EL
// BP-HOTLINE → AT; nobody is at full on D-18.1 or BP-REPORTS.
// Adopters (every applicable addressed item known and at full): M-PENALTIES →
// EL (AT is partial on D-5.2; DK has no applicable item); M-HOTLINE and
// M-VICTIMS → none.
//
// The Practices sheet lists D-3.4 AT and EL, D-5.2 EL, D-18.1 nobody, D-20.3
// EL, BP-HOTLINE AT, BP-REPORTS nobody. Theme leaders (score > 0, highest
// first): offences EL (100), AT (75); victims EL (75); prevention AT (75), DK
// (50).
func addPractices(res *gapanalysis.Result) {
	peers := map[gapanalysis.CountryCode][]gapanalysis.Peer{
		"AT": {{Country: "DK", Similarity: 0.5}, {Country: "EL", Similarity: 0.5}},
		"DK": {{Country: "AT", Similarity: 0.5}, {Country: "EL", Similarity: 0.5}},
		"EL": {{Country: "AT", Similarity: 0.5}, {Country: "DK", Similarity: 0.5}},
	}
	for i := range res.Countries {
		res.Countries[i].Peers = peers[res.Countries[i].Code]
	}
	atFull := func(c gapanalysis.CountryCode, ev, cell string) []gapanalysis.Exemplar {
		return []gapanalysis.Exemplar{{Country: c, Similarity: 0.5, Evidence: ev, Sources: gapanalysis.SourcesOf(src(cell))}}
	}
	exemplars := map[[2]string][]gapanalysis.Exemplar{
		{"AT", "D-5.2"}:      atFull("EL", "", "C10"),
		{"DK", "BP-HOTLINE"}: atFull("AT", "Stopline", "C6"),
		{"EL", "BP-HOTLINE"}: atFull("AT", "Stopline", "C6"),
	}
	for i := range res.Gaps {
		g := &res.Gaps[i]
		g.Exemplars = exemplars[[2]string{string(g.Country), string(g.Item)}]
	}
	for i := range res.Priorities {
		if res.Priorities[i].ID == "M-PENALTIES" {
			res.Priorities[i].Adopters = []gapanalysis.CountryCode{"EL"}
		}
	}
}

// nobodyAtFull returns the sample study with every full answer made partial:
// no country is at full on any item, so there are no exemplars, adopters or
// practices.
func nobodyAtFull() *gapanalysis.Result {
	res := sampleResult()
	for i := range res.Assessments {
		a := &res.Assessments[i]
		if a.Status == gapanalysis.StatusFull {
			a.Status, a.Score = gapanalysis.StatusPartial, gapanalysis.Known(0.5)
		}
	}
	for i := range res.Gaps {
		res.Gaps[i].Exemplars = nil
	}
	for i := range res.Priorities {
		res.Priorities[i].Adopters = nil
	}
	return res
}
