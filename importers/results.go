package importers

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
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

// resultsInfo is what the Methodology sheet of a results workbook says about
// its data.
type resultsInfo struct {
	synthetic bool // "Synthetic data" | "yes"
}

// isResultsWorkbook reports whether an open workbook is a Gapstudy results
// workbook: it has a Data sheet and a Methodology sheet with a row "Tool" |
// "gapstudy" among its first rows. A workbook read with Options.Sheets is
// read as asked, whatever it is; so is a register (ReadKnownIssues).
func (rd *reader) isResultsWorkbook(f *workbook) (resultsInfo, bool) {
	var info resultsInfo
	if len(rd.sheets) > 0 || rd.register != nil || rd.panel != nil {
		return info, false
	}
	list := f.GetSheetList()
	if !slices.Contains(list, resultsDataSheet) || !slices.Contains(list, resultsMethodologySheet) {
		return info, false
	}
	rows, err := f.Rows(resultsMethodologySheet)
	if err != nil {
		return info, false
	}
	defer rows.Close()
	tool := false
	for n := 0; n < methodologyScanRows && rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return info, false
		}
		if len(cells) < 2 {
			continue
		}
		k, v := strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1])
		switch {
		case strings.EqualFold(k, "Tool") && strings.EqualFold(v, "gapstudy"):
			tool = true
		case strings.EqualFold(k, "Synthetic data") && strings.EqualFold(v, "yes"):
			info.synthetic = true
		}
	}
	return info, tool
}

// readResultsWorkbook reads the Data sheets of a results workbook — the
// answers, one row per response, that its results were computed from: "Data",
// then "Data 2", "Data 3", … in order while they follow on, as the writer
// continues the Data sheet when the responses do not fit one sheet — and
// notes that the other sheets (results, not answers) were not read. Reading
// them as surveys would count every gap and heatmap cell again. Data that the
// workbook says are synthetic stay labelled synthetic.
func (rd *reader) readResultsWorkbook(ds *gapanalysis.Dataset, f *workbook, data *sheetData, name string, info resultsInfo) {
	ds.Synthetic = ds.Synthetic || info.synthetic
	d := gapanalysis.NewDiagnostic(gapanalysis.SevInfo, gapanalysis.CodeResultsWorkbook,
		"this is a Gapstudy results workbook (it has Methodology and Data sheets): only its Data sheet "+
			"(continued on Data 2, Data 3, … when there are more), the answers the results were computed from, "+
			"is read; its other sheets are results, not answers")
	d.File, d.Sheet = name, resultsDataSheet
	ds.Diagnostics = append(ds.Diagnostics, d)
	for _, sheet := range resultsDataSheets(f.GetSheetList()) {
		hiddenSheet(ds, f.File, name, sheet)
		rd.readWorksheet(ds, f.File, data, name, sheet)
	}
}

// resultsDataSheets returns the Data sheets of a results workbook in order:
// "Data", then "Data 2", "Data 3", … as long as the next one is there.
func resultsDataSheets(list []string) []string {
	out := []string{resultsDataSheet}
	for n := 2; slices.Contains(list, resultsDataSheet+" "+strconv.Itoa(n)); n++ {
		out = append(out, resultsDataSheet+" "+strconv.Itoa(n))
	}
	return out
}
