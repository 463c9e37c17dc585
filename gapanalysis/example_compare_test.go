package gapanalysis_test

import (
	"fmt"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Two waves of a two-item checklist (B weighs 3, A 1), and a register of
// issues raised after the first: what was closed, what remains, what is new.
func ExampleCompare() {
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
          - {id: B, title: Offence B, obligation: mandatory, weight: 3}
`), "mini.yaml")
	if err != nil {
		panic(err)
	}
	wave := func(atA, atB, beA, beB gapanalysis.Status) *gapanalysis.Dataset {
		return &gapanalysis.Dataset{Responses: gapanalysis.NewResponses([]gapanalysis.Response{
			{Country: "AT", Item: "A", Status: atA}, {Country: "AT", Item: "B", Status: atB},
			{Country: "BE", Item: "A", Status: beA}, {Country: "BE", Item: "B", Status: beB},
		}...)}
	}
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 0
	old, err := gapanalysis.Analyze(cl, wave(gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone, gapanalysis.StatusFull), cfg)
	if err != nil {
		panic(err)
	}
	cur, err := gapanalysis.Analyze(cl, wave(gapanalysis.StatusFull, gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone), cfg)
	if err != nil {
		panic(err)
	}
	cmp, err := gapanalysis.Compare(old, cur)
	if err != nil {
		panic(err)
	}
	for _, ch := range cmp.Changes {
		fmt.Printf("%s %s: %s → %s %s\n", ch.Country, ch.Item, ch.Old, ch.New, ch.Transition)
	}
	for _, c := range cmp.Countries {
		fmt.Printf("%s index %.1f → %.1f (delta %+.1f)\n", c.Code, c.IndexOld.Value, c.IndexNew.Value, c.Delta.Value)
	}
	register := []gapanalysis.KnownIssue{
		{Country: "AT", Item: "B", Source: "COM(2016) 871"},
		{Country: "BE", Item: "A", Source: "INFR(2019)2215"},
	}
	for _, v := range gapanalysis.JudgeKnownIssues(cur, register) {
		fmt.Printf("%s %s (%s): %s, now %s\n", v.Country, v.Item, v.Source, v.Verdict, v.Status)
	}
	// Output:
	// AT A: full → full kept
	// AT B: partial → full closed
	// BE A: none → partial improved
	// BE B: full → none new-gap
	// AT index 62.5 → 100.0 (delta +37.5)
	// BE index 75.0 → 12.5 (delta -62.5)
	// AT B (COM(2016) 871): resolved, now full
	// BE A (INFR(2019)2215): remaining, now partial
}
