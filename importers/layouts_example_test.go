package importers_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
)

// exampleChecklist has three items, one with a question text.
func exampleChecklist() *gapanalysis.Checklist {
	return &gapanalysis.Checklist{
		ID: "example",
		Pillars: []*gapanalysis.Pillar{{ID: "compliance", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Obligation: gapanalysis.Mandatory, Weight: 1,
					Question: "Is engaging in sexual activities with a child below the age of consent punished?"},
				{ID: "D-3.5", Obligation: gapanalysis.Mandatory, Weight: 1},
				{ID: "D-5.2", Obligation: gapanalysis.Mandatory, Weight: 1},
			}},
		}}},
	}
}

// A matrix: items down, countries across, with a title row and a descriptive
// column. The layout is detected.
func ExampleReadCSV_matrix() {
	survey := `Synthetic answers, one column per country
ID;Title;Österreich;BE;Ελλάδα
D-3.4;Sexual activities with a child;ja;oui;ναι
D-3.5;Abuse of a position of trust;teilweise;maybe;
D-5.2;Possession of abuse material;nein;non;όχι
`
	ds, err := importers.ReadCSV(strings.NewReader(survey), "matrix_synthetic.csv",
		&importers.Options{Checklist: exampleChecklist()})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range ds.Responses.All() {
		fmt.Printf("%s %s %-8s %s\n", r.Country, r.Item, r.Status, r.Source)
	}
	for _, d := range ds.Diagnostics {
		fmt.Println(d)
	}
	a := ds.Accounts[0]
	fmt.Printf("%s: item rows read %d = used %d + reported %d\n", a.Layout, a.RowsRead, a.RowsUsed, a.RowsReported)
	// Output:
	// AT D-3.4 full     matrix_synthetic.csv!C3
	// BE D-3.4 full     matrix_synthetic.csv!D3
	// EL D-3.4 full     matrix_synthetic.csv!E3
	// AT D-3.5 partial  matrix_synthetic.csv!C4
	// BE D-3.5 unknown  matrix_synthetic.csv!D4
	// AT D-5.2 none     matrix_synthetic.csv!C5
	// BE D-5.2 none     matrix_synthetic.csv!D5
	// EL D-5.2 none     matrix_synthetic.csv!E5
	// matrix_synthetic.csv: info layout: read in the matrix layout (detected): header in row 2, item IDs in column A, 3 countries (AT, BE, EL)
	// matrix_synthetic.csv: info ignored-column: columns ignored: "Title" (B2)
	// matrix_synthetic.csv!D4: error bad-status: status "maybe" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown
	// matrix: item rows read 3 = used 2 + reported 1
}

// A survey-tool export: one row per respondent, question texts and codes as
// column headers, and a mapping file for the codes.
func ExampleLoadMapping() {
	mapping, err := importers.LoadMapping(strings.NewReader("# survey codes\nQ2: D-3.5\nq3: d-5.2\n"), "mapping.yaml")
	if err != nil {
		log.Fatal(err)
	}
	export := `Timestamp,Country,Respondent,"Is engaging in sexual activities with a child below the age of consent punished",Q2,Q3
2026-03-01,Austria,Expert A,Yes,Partly,No
2026-03-02,Austria,,Partly,Yes,No
`
	ds, err := importers.ReadCSV(strings.NewReader(export), "export_synthetic.csv",
		&importers.Options{Checklist: exampleChecklist(), Mapping: mapping})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range ds.Responses.All() {
		fmt.Printf("%s %s %-8s %-28s %s\n", r.Country, r.Item, r.Status, r.Respondent, r.Source)
	}
	for _, d := range ds.Diagnostics {
		fmt.Println(d)
	}

	// An entry for an item the checklist lacks is an error with its line.
	bad := importers.Mapping{File: "mapping.yaml", Entries: []importers.MappingEntry{{Header: "Q4", Item: "D-5.3", Line: 4}}}
	fmt.Println(bad.Check(exampleChecklist()))
	// Output:
	// AT D-3.4 full     Expert A                     export_synthetic.csv!D2
	// AT D-3.5 partial  Expert A                     export_synthetic.csv!E2
	// AT D-5.2 none     Expert A                     export_synthetic.csv!F2
	// AT D-3.4 partial  export_synthetic.csv!row 3   export_synthetic.csv!D3
	// AT D-3.5 full     export_synthetic.csv!row 3   export_synthetic.csv!E3
	// AT D-5.2 none     export_synthetic.csv!row 3   export_synthetic.csv!F3
	// export_synthetic.csv: info layout: read in the respondents layout (detected): header in row 1, country in column B, respondent in column C, 3 item columns (1 by question text, 2 by the mapping)
	// export_synthetic.csv: info ignored-column: columns ignored (their headers name no checklist item; a mapping file can name one): "Timestamp" (A1)
	// mapping.yaml:4: header "Q4": unknown item "D-5.3" — did you mean D-5.2?
}
