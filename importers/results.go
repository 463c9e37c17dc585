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

// resultsInfo is what the Methodology sheet of a results workbook says about
// its data.
type resultsInfo struct {
	synthetic bool // "Synthetic data" | "yes"
}

// isResultsWorkbook reports whether an open workbook is a Gapstudy results
// workbook: it has a Data sheet and a Methodology sheet with a row "Tool" |
// "gapstudy" among its first rows. A workbook read with Options.Sheets is
// read as asked, whatever it is; so is a register (ReadKnownIssues).
func (rd *reader) isResultsWorkbook(f *excelize.File) (resultsInfo, bool) {
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

// readResultsWorkbook reads the Data sheet of a results workbook — the
// answers, one row per response, that its results were computed from — and
// notes that the other sheets (results, not answers) were not read. Reading
// them as surveys would count every gap and heatmap cell again. Data that the
// workbook says are synthetic stay labelled synthetic.
func (rd *reader) readResultsWorkbook(ds *gapanalysis.Dataset, f *excelize.File, data *sheetData, name string, info resultsInfo) {
	ds.Synthetic = ds.Synthetic || info.synthetic
	d := gapanalysis.NewDiagnostic(gapanalysis.SevInfo, gapanalysis.CodeResultsWorkbook,
		"this is a Gapstudy results workbook (it has Methodology and Data sheets): only its Data sheet, "+
			"the answers the results were computed from, is read; its other sheets are results, not answers")
	d.File, d.Sheet = name, resultsDataSheet
	ds.Diagnostics = append(ds.Diagnostics, d)
	hiddenSheet(ds, f, name, resultsDataSheet)
	rd.readWorksheet(ds, f, data, name, resultsDataSheet)
}
