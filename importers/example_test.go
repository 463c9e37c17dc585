package importers_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

func ExampleReadCSV() {
	// A checklist with two items (a real study loads one, or uses the built-in).
	checklist := &gapanalysis.Checklist{
		ID: "example",
		Pillars: []*gapanalysis.Pillar{{ID: "compliance", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Obligation: gapanalysis.Mandatory, Weight: 1},
				{ID: "D-3.5", Obligation: gapanalysis.Mandatory, Weight: 1},
			}},
		}}},
	}

	// A semicolon-separated survey (synthetic), with a title row above the header.
	survey := `Gap study survey (synthetic answers)
Member State;Requirement;Answer;Legal basis
Österreich;D-3.4;ja;StGB § 207
EL;D-3.5;μερικώς;
Germny;D-3.4;yes;
PL;D-3.5;perhaps;
`
	ds, err := importers.ReadCSV(strings.NewReader(survey), "survey_synthetic.csv",
		&importers.Options{Checklist: checklist})
	if err != nil {
		log.Fatal(err) // only I/O errors end up here
	}
	for _, r := range ds.Responses.All() {
		fmt.Printf("%s %s %-8s %s\n", r.Country, r.Item, r.Status, r.Source)
	}
	for _, d := range ds.Diagnostics {
		fmt.Println(d)
	}
	a := ds.Accounts[0]
	fmt.Printf("rows read %d = used %d + reported %d\n", a.RowsRead, a.RowsUsed, a.RowsReported)
	// Output:
	// AT D-3.4 full     survey_synthetic.csv!C3
	// EL D-3.5 partial  survey_synthetic.csv!C4
	// PL D-3.5 unknown  survey_synthetic.csv!C6
	// survey_synthetic.csv!A5: error unknown-country: unknown country "Germny" — did you mean Germany (DE)?
	// survey_synthetic.csv!C6: error bad-status: status "perhaps" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown
	// rows read 4 = used 2 + reported 2
}
