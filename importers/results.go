package importers

import (
	"slices"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// Sheets of a results workbook written by "gapstudy run" (package report)
// that tell it from a survey.
const (
	resultsDataSheet        = "Data"
	resultsMethodologySheet = "Methodology"
	// methodologyScanRows is how many rows of the Methodology sheet are looked
	// at for the tool's name.
	methodologyScanRows = 30
)

// isResultsWorkbook reports whether an open workbook is a Gapstudy results
// workbook: it has a Data sheet and a Methodology sheet with a row "Tool" |
// "gapstudy" among its first rows. A workbook read with Options.Sheets is
// read as asked, whatever it is; so is a register (ReadKnownIssues).
func (rd *reader) isResultsWorkbook(f *excelize.File) bool {
	if len(rd.sheets) > 0 || rd.register != nil {
		return false
	}
	list := f.GetSheetList()
	if !slices.Contains(list, resultsDataSheet) || !slices.Contains(list, resultsMethodologySheet) {
		return false
	}
	rows, err := f.Rows(resultsMethodologySheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for n := 0; n < methodologyScanRows && rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return false
		}
		if len(cells) >= 2 && strings.EqualFold(strings.TrimSpace(cells[0]), "Tool") &&
			strings.EqualFold(strings.TrimSpace(cells[1]), "gapstudy") {
			return true
		}
	}
	return false
}

// readResultsWorkbook reads the Data sheet of a results workbook — the
// answers, one row per response, that its results were computed from — and
// notes that the other sheets (results, not answers) were not read. Reading
// them as surveys would count every gap and heatmap cell again.
func (rd *reader) readResultsWorkbook(ds *gapanalysis.Dataset, f *excelize.File, data *sheetData, name string) {
	d := gapanalysis.NewDiagnostic(gapanalysis.SevInfo, gapanalysis.CodeResultsWorkbook,
		"this is a Gapstudy results workbook (it has Methodology and Data sheets): only its Data sheet, "+
			"the answers the results were computed from, is read; its other sheets are results, not answers")
	d.File, d.Sheet = name, resultsDataSheet
	ds.Diagnostics = append(ds.Diagnostics, d)
	hiddenSheet(ds, f, name, resultsDataSheet)
	rd.readWorksheet(ds, f, data, name, resultsDataSheet)
}
