package gapanalysis_test

import (
	"fmt"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Where is a gap already closed, and by whom most like the country with the
// gap? Three countries on three items: AT has a gap on B; BE and FR are at
// full on it. BE answers like AT on A and C, FR does not, so BE comes first.
func ExampleResult_Exemplars() {
	cl, err := gapanalysis.LoadChecklist(strings.NewReader(`
id: mini
title: Mini checklist
pillars:
  - id: law
    title: Law
    themes:
      - id: offences
        title: Offences
        items:
          - {id: A, title: Offence A, obligation: mandatory}
          - {id: B, title: Offence B, obligation: mandatory}
          - {id: C, title: Offence C, obligation: mandatory}
measures:
  - {id: M1, title: Reform offence B, addresses: [B]}
`), "mini.yaml")
	if err != nil {
		panic(err)
	}
	r := func(c gapanalysis.CountryCode, i gapanalysis.ItemID, s gapanalysis.Status, evidence string) gapanalysis.Response {
		return gapanalysis.Response{Country: c, Item: i, Status: s, Evidence: evidence}
	}
	ds := &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(
		r("AT", "A", gapanalysis.StatusFull, ""), r("AT", "B", gapanalysis.StatusNone, ""), r("AT", "C", gapanalysis.StatusPartial, ""),
		r("BE", "A", gapanalysis.StatusFull, ""), r("BE", "B", gapanalysis.StatusFull, "Criminal Code, art. 417/25"), r("BE", "C", gapanalysis.StatusPartial, ""),
		r("FR", "A", gapanalysis.StatusNone, ""), r("FR", "B", gapanalysis.StatusFull, "Code pénal, art. 227-22"), r("FR", "C", gapanalysis.StatusFull, ""),
	)}
	res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
	if err != nil {
		panic(err)
	}
	// sim(AT, BE) = 1 − (0 + 1 + 0)/3; sim(AT, FR) = 1 − (1 + 1 + 0.5)/3.
	for _, e := range res.Exemplars("AT", "B") {
		fmt.Printf("%s similarity %.3f: %s\n", e.Country, e.Similarity, e.Evidence)
	}
	for _, p := range res.Peers("FR") {
		fmt.Printf("peer of FR: %s %.3f\n", p.Country, p.Similarity)
	}
	s, _ := res.Similarity("BE", "FR")
	fmt.Printf("sim(BE, FR) = %.3f\n", s)
	fmt.Println("M1 is in place in", res.Priorities[0].Adopters)
	// Output:
	// BE similarity 0.667: Criminal Code, art. 417/25
	// FR similarity 0.167: Code pénal, art. 227-22
	// peer of FR: BE 0.500
	// peer of FR: AT 0.167
	// sim(BE, FR) = 0.500
	// M1 is in place in [BE FR]
}
