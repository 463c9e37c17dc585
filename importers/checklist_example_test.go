package importers_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

func ExampleReadChecklistXLSX() {
	// Write the built-in checklist in its xlsx form (as "gapstudy checklist
	// --format xlsx -o checklist.xlsx" does), then read it back.
	builtin, err := gapanalysis.Builtin()
	if err != nil {
		log.Fatal(err)
	}
	var xlsx bytes.Buffer
	if err := report.WriteChecklistXLSX(&xlsx, builtin); err != nil {
		log.Fatal(err)
	}
	cl, err := importers.ReadChecklistXLSX(&xlsx, "checklist.xlsx")
	if err != nil {
		log.Fatal(err) // every problem, each with its sheet and cell
	}
	fmt.Println(cl.ID, cl.Version, cl.Instrument.NotBound)
	fmt.Println(len(cl.Items()), "items,", len(cl.Criteria), "criteria,", len(cl.Measures), "measures")
	a, _ := builtin.YAML()
	b, _ := cl.YAML()
	fmt.Println("same as the YAML form:", bytes.Equal(a, b))
	// Output:
	// dir-2011-93 2026.2 [DK]
	// 140 items, 3 criteria, 28 measures
	// same as the YAML form: true
}
