package synth_test

import (
	"bytes"
	"fmt"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

func ExampleGenerate() {
	cl := &gapanalysis.Checklist{
		ID:         "example",
		Instrument: gapanalysis.Instrument{NotBound: []gapanalysis.CountryCode{"DK"}},
		Pillars: []*gapanalysis.Pillar{{ID: "compliance", Weight: 1, Themes: []*gapanalysis.Theme{{
			ID: "offences", Title: "Substantive criminal law", Weight: 1,
			Items: []*gapanalysis.Item{{ID: "D-3.4", Title: "Sexual activities with a child", Obligation: gapanalysis.Mandatory, Weight: 1}},
		}}}},
	}
	if err := cl.Validate(); err != nil {
		panic(err)
	}
	ds := synth.Generate(cl, 2026)
	fmt.Println(ds.Label, ds.Synthetic, len(ds.Countries()))
	for _, r := range ds.Responses.All() {
		if r.Country == "DK" {
			fmt.Println(r.Respondent+":", r.Item, r.Status, "—", r.Comment)
		}
	}
	var buf bytes.Buffer
	if err := synth.WriteXLSX(&buf, ds); err != nil {
		panic(err)
	}
	fmt.Println(synth.Title(ds.Seed))
	// Output:
	// synthetic-eu27-survey.xlsx true 27
	// Rapporteur DK: D-3.4 na — Denmark is not bound by the instrument; answered as not applicable
	// SYNTHETIC survey — generated test data, not an assessment of any real Member State (seed 2026)
}
