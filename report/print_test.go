package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// printScript prints, per sheet, the page setup as openpyxl reads it.
const printScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    ps = ws.page_setup
    out[ws.title] = {
        "orientation": ps.orientation, "paper": int(ps.paperSize or 0),
        "fit": bool(ws.sheet_properties.pageSetUpPr.fitToPage),
        "width": int(ps.fitToWidth if ps.fitToWidth is not None else 1),
        "height": int(ps.fitToHeight if ps.fitToHeight is not None else 1),
        "rows": ws.print_title_rows or "", "cols": ws.print_title_cols or "",
        "footer": ws.oddFooter.left.text or "", "header": ws.oddHeader.right.text or "",
    }
print(json.dumps(out))
`

// TestWorkbookPrintSetup writes the demo study's workbook and reads its print
// setup back with excelize and with openpyxl: every sheet on A4, landscape, fit
// to a number of pages wide and as many tall as needed, the header row repeated
// on every page of every table (Summary: its title and banner rows), the sheet
// name in the footer and the synthetic label in the header.
func TestWorkbookPrintSetup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo-synthetic.xlsx")
	out, err := os.Create(path)
	require.NoError(t, err)
	require.NoError(t, report.WriteWorkbook(out, demoResult(t), nil))
	require.NoError(t, out.Close())

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	sheets := f.GetSheetList()
	require.Contains(t, sheets, report.SheetHeatmap)
	for _, sheet := range sheets {
		t.Run(sheet, func(t *testing.T) {
			pl, err := f.GetPageLayout(sheet)
			require.NoError(t, err)
			require.NotNil(t, pl.Size)
			assert.Equal(t, 9, *pl.Size, "A4")
			assert.Equal(t, "landscape", *pl.Orientation)
			assert.Equal(t, 0, *pl.FitToHeight, "as many pages tall as needed")
			assert.GreaterOrEqual(t, *pl.FitToWidth, 1)
			props, err := f.GetSheetProps(sheet)
			require.NoError(t, err)
			assert.True(t, *props.FitToPage)
			switch sheet {
			case report.SheetSummary:
				assert.Equal(t, "'Summary'!$1:$2", titles[sheet], "title and banner")
			case report.SheetMethodology, report.SheetDiagnostics:
				assert.Equal(t, "'"+sheet+"'!$1:$1", titles[sheet])
			default:
				assert.Regexp(t, `^'`+sheet+`'!\$A:\$[A-C],'`+sheet+`'!\$1:\$[12]$`, titles[sheet], "frozen columns and header row")
			}
		})
	}
	// The widest tables take more than one page across, so that their text
	// prints at 9 points or more (planPrint's rule, tested by hand above).
	for _, sheet := range []string{report.SheetHeatmap, report.SheetPriorities, report.SheetCountries} {
		pl, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		assert.Greater(t, *pl.FitToWidth, 1, sheet)
	}

	requireOpenpyxl(t)
	raw, err := exec.Command(python, "-c", printScript, path).Output()
	require.NoError(t, err)
	var got map[string]struct {
		Orientation string `json:"orientation"`
		Paper       int    `json:"paper"`
		Fit         bool   `json:"fit"`
		Width       int    `json:"width"`
		Height      int    `json:"height"`
		Rows        string `json:"rows"`
		Cols        string `json:"cols"`
		Footer      string `json:"footer"`
		Header      string `json:"header"`
	}
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Len(t, got, len(sheets))
	for _, sheet := range sheets {
		g := got[sheet]
		pl, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		assert.Equal(t, "landscape", g.Orientation, sheet)
		assert.Equal(t, 9, g.Paper, sheet)
		assert.True(t, g.Fit, sheet)
		assert.Equal(t, *pl.FitToWidth, g.Width, sheet)
		assert.Equal(t, 0, g.Height, sheet)
		assert.NotEmpty(t, g.Rows, "%s: header rows repeated", sheet)
		assert.Equal(t, "&A", g.Footer, "%s: the sheet name in the footer", sheet)
		assert.Contains(t, g.Header, "SYNTHETIC DATA", sheet)
	}
	assert.Equal(t, "$1:$1", got[report.SheetGaps].Rows)
	assert.Equal(t, "$A:$B", got[report.SheetGaps].Cols)
}

// TestTemplatePrintSetup: the questionnaire's ID column shows the longest item
// ID whole, and the Questionnaire sheet prints landscape on A4 with the header
// row and the ID column on every page.
func TestTemplatePrintSetup(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.WriteTemplate(&buf, cl, "AT", nil))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()

	longest := 0
	for _, p := range cl.Pillars {
		for _, th := range p.Themes {
			for _, it := range th.Items {
				longest = max(longest, utf8.RuneCountInString(string(it.ID)))
			}
		}
	}
	require.Positive(t, longest)
	w, err := f.GetColWidth(report.SheetQuestionnaire, "A")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, w, float64(longest+2), "ID column")

	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == report.SheetQuestionnaire {
			titles = dn.RefersTo
		}
	}
	assert.Equal(t, "'Questionnaire'!$A:$A,'Questionnaire'!$1:$1", titles)
	pl, err := f.GetPageLayout(report.SheetQuestionnaire)
	require.NoError(t, err)
	assert.Equal(t, "landscape", *pl.Orientation)
	assert.Equal(t, 9, *pl.Size)
	assert.Equal(t, 0, *pl.FitToHeight)
	// Ten columns of 321 characters do not fit one page at 9 points.
	assert.Greater(t, *pl.FitToWidth, 1)
	cover, err := f.GetPageLayout(report.SheetCover)
	require.NoError(t, err)
	assert.Equal(t, "portrait", *cover.Orientation)
	assert.Equal(t, 1, *cover.FitToWidth)
}
