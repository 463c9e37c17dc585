package importers_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func ExampleReadKnownIssues() {
	checklist := &gapanalysis.Checklist{
		ID: "example",
		Pillars: []*gapanalysis.Pillar{{ID: "compliance", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Ref: "Art. 3(4)", Obligation: gapanalysis.Mandatory, Weight: 1},
				{ID: "D-3.5", Ref: "Art. 3(5)", Obligation: gapanalysis.Mandatory, Weight: 1},
			}},
		}}},
	}
	// A register of issues raised earlier (synthetic), one per row.
	register := `Member State;Article;Raised in;Date
Austria;Art. 3(4);COM(2016) 871;2016-12-16
BE;D-3.5;INFR(2019)2215;2019
Belgium;D-3.55;COM(2016) 871;
`
	issues, ds, err := importers.ReadKnownIssues(strings.NewReader(register), "register_synthetic.csv",
		&importers.Options{Checklist: checklist})
	if err != nil {
		log.Fatal(err)
	}
	for _, ki := range issues {
		fmt.Printf("%s %s %s %s at %s\n", ki.Country, ki.Item, ki.Source, ki.Date, ki.At)
	}
	for _, d := range ds.Diagnostics {
		fmt.Println(d)
	}
	a := ds.Accounts[0]
	fmt.Printf("rows read %d = used %d + reported %d\n", a.RowsRead, a.RowsUsed, a.RowsReported)
	// Output:
	// AT D-3.4 COM(2016) 871 2016-12-16 at register_synthetic.csv!A2
	// BE D-3.5 INFR(2019)2215 2019 at register_synthetic.csv!A3
	// register_synthetic.csv!B4: error unknown-item: unknown item "D-3.55"; the known issue was not read — did you mean D-3.5?
	// rows read 3 = used 2 + reported 1
}
