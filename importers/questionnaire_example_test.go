package importers_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// A folder of questionnaires written by report.WriteTemplate and filled in: each
// file's country comes from its Cover sheet.
func ExampleOpenAll_questionnaires() {
	cl := &gapanalysis.Checklist{
		ID: "mini", Title: "Mini checklist", Version: "1",
		Instrument: gapanalysis.Instrument{NotBound: []gapanalysis.CountryCode{"DK"}},
		Pillars: []*gapanalysis.Pillar{{ID: "law", Title: "Law", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "offences", Title: "Offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Title: "Sexual activities with a child", Obligation: gapanalysis.Mandatory, Weight: 1},
				{ID: "BP-1", Title: "A national hotline", Obligation: gapanalysis.Practice, Weight: 1},
			}},
		}}},
	}
	dir, err := os.MkdirTemp("", "questionnaires")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	// Step 1: one questionnaire per country (rows 4 and 5 hold D-3.4 and BP-1;
	// column F is the status). Denmark's D-3.4 comes prefilled na.
	for _, cc := range []gapanalysis.CountryCode{"AT", "DK"} {
		path := filepath.Join(dir, report.TemplateFileName(cl, cc))
		if err := report.WriteFile(path, func(w io.Writer) error { return report.WriteTemplate(w, cl, cc, nil) }); err != nil {
			fmt.Println(err)
			return
		}
	}

	// Step 2: the Austrian expert answers one question and gives a name.
	f, err := excelize.OpenFile(filepath.Join(dir, "questionnaire-AT-mini.xlsx"))
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = f.SetCellValue(report.SheetCover, "B6", "Jane Doe")
	_ = f.SetCellValue(report.SheetQuestionnaire, "F4", "ja")
	if err := f.Save(); err != nil {
		fmt.Println(err)
		return
	}
	f.Close()

	// Step 3: read the folder.
	ds, err := importers.OpenAll([]string{dir}, &importers.Options{Checklist: cl})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ds.Responses.All() {
		fmt.Printf("%s %-5s %-7s %-10q %s\n", r.Country, r.Item, r.Status, r.Respondent, r.Source)
	}
	for _, a := range ds.Accounts {
		fmt.Printf("%s!%s: %s layout, %d rows read = %d used + %d reported\n", a.File, a.Sheet, a.Layout, a.RowsRead, a.RowsUsed, a.RowsReported)
	}
	// Output:
	// AT D-3.4 full    "Jane Doe" questionnaire-AT-mini.xlsx!Questionnaire!F4
	// AT BP-1  unknown "Jane Doe" questionnaire-AT-mini.xlsx!Questionnaire!F5
	// DK D-3.4 na      ""         questionnaire-DK-mini.xlsx!Questionnaire!F4
	// DK BP-1  unknown ""         questionnaire-DK-mini.xlsx!Questionnaire!F5
	// questionnaire-AT-mini.xlsx!Questionnaire: questionnaire layout, 2 rows read = 2 used + 0 reported
	// questionnaire-DK-mini.xlsx!Questionnaire: questionnaire layout, 2 rows read = 2 used + 0 reported
}
