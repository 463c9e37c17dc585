package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// TestWriteWorkbookPractices checks the best-practice cells (SPEC 13) against
// the sample study worked out by hand (see addPractices).
func TestWriteWorkbookPractices(t *testing.T) {
	f := openWorkbook(t, writeWorkbook(t, sampleResult(), nil))
	tests := []struct {
		sheet, cell, want string
	}{
		{"Gaps", "L1", "Exemplars"},
		{"Gaps", "M1", "Exemplar evidence"},
		{"Gaps", "L2", ""}, // AT D-18.1: nobody at full
		{"Gaps", "L4", "EL"},
		{"Gaps", "M4", "EL: (no evidence given) [survey_synthetic.xlsx!Survey!C10]"},
		{"Gaps", "L6", "AT"}, // EL BP-HOTLINE
		{"Gaps", "M6", "AT: Stopline [survey_synthetic.xlsx!Survey!C6]"},
		{"Priorities", "U1", "In place in"},
		{"Priorities", "V1", "N in place"},
		{"Priorities", "U2", ""}, // M-HOTLINE: AT is partial on BP-REPORTS
		{"Priorities", "V2", "0"},
		{"Priorities", "U3", "EL"}, // M-PENALTIES
		{"Priorities", "V3", "1"},
		{"Countries", "P1", "Peers"},
		{"Countries", "P2", "DK (0.50), EL (0.50)"},
		{"Countries", "P4", "AT (0.50), DK (0.50)"},
		{"Practices", "A1", "ID"},
		{"Practices", "F1", "N at full"},
		{"Practices", "L1", "Theme leaders"},
		// D-3.4: AT and EL at full, in code order.
		{"Practices", "A2", "D-3.4"},
		{"Practices", "F2", "2"},
		{"Practices", "G2", "AT"},
		{"Practices", "H2", "§ 206 StGB"},
		{"Practices", "J2", "survey_synthetic.xlsx!Survey!C2"},
		{"Practices", "K2", "75"},
		{"Practices", "L2", "EL (100.0), AT (75.0)"},
		{"Practices", "G3", "EL"},
		{"Practices", "K3", "100"},
		// D-18.1: nobody at full; victims is led by EL alone (AT scores 0).
		{"Practices", "A5", "D-18.1"},
		{"Practices", "F5", "0"},
		{"Practices", "G5", ""},
		{"Practices", "L5", "EL (75.0)"},
		{"Practices", "G7", "AT"}, // BP-HOTLINE
		{"Practices", "L7", "AT (75.0), DK (50.0)"},
		{"Practices", "A8", "BP-REPORTS"},
		{"Practices", "F8", "0"},
	}
	for _, tc := range tests {
		t.Run(tc.sheet+"!"+tc.cell, func(t *testing.T) {
			got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	rows, err := f.GetRows("Practices")
	require.NoError(t, err)
	assert.Len(t, rows, 1+7, "a header and one row per (item, country at full) or item without one")
}

// TestWriteWorkbookPracticesTies checks the theme leaders: the three highest
// theme scores above 0, ties by code, and the exemplars' order as given.
func TestWriteWorkbookPracticesTies(t *testing.T) {
	res := sampleResult()
	k := gapanalysis.Known
	// Two more countries: prevention scores AT 75, DK 50, EL 0, FI 75, SE 80.
	for _, c := range []gapanalysis.CountryResult{
		{Code: "FI", Name: "Finland", Index: k(75), Themes: map[gapanalysis.ThemeID]gapanalysis.Score{"prevention": k(75)}},
		{Code: "SE", Name: "Sweden", Index: k(80), Themes: map[gapanalysis.ThemeID]gapanalysis.Score{"prevention": k(80)}},
	} {
		res.Countries = append(res.Countries, c)
	}
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	got, err := f.GetCellValue("Practices", "L7")
	require.NoError(t, err)
	assert.Equal(t, "SE (80.0), AT (75.0), FI (75.0)", got, "top 3, AT before FI on the tie, DK left out")
}

// TestWriteWorkbookPracticesFreeText checks that evidence that looks like a
// formula stays text on the Gaps and Practices sheets.
func TestWriteWorkbookPracticesFreeText(t *testing.T) {
	res := sampleResult()
	res.Assessments[0].Evidence = "=HYPERLINK(\"http://x\")" // AT D-3.4, at full
	res.Gaps[3].Exemplars[0].Evidence = "+43 1 Stopline"     // DK BP-HOTLINE's exemplar AT
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	for _, tc := range []struct{ sheet, cell, want string }{
		{"Practices", "H2", "=HYPERLINK(\"http://x\")"},
		{"Gaps", "M5", "AT: +43 1 Stopline [survey_synthetic.xlsx!Survey!C6]"},
	} {
		got, err := f.GetCellValue(tc.sheet, tc.cell, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
		typ, err := f.GetCellType(tc.sheet, tc.cell)
		require.NoError(t, err)
		assert.Equal(t, excelize.CellTypeSharedString, typ)
		formula, err := f.GetCellFormula(tc.sheet, tc.cell)
		require.NoError(t, err)
		assert.Empty(t, formula)
	}

	dir := t.TempDir()
	require.NoError(t, report.WriteCSV(dir, res))
	practices := readCSV(t, filepath.Join(dir, "practices.csv"))
	assert.Equal(t, "'=HYPERLINK(\"http://x\")", practices[1][7])
	gaps := readCSV(t, filepath.Join(dir, "gaps.csv"))
	assert.Equal(t, "AT: +43 1 Stopline [survey_synthetic.xlsx!Survey!C6]", gaps[4][14], "starts with the code, not a formula sign")
}

// TestWritePracticesNobodyAtFull checks a study where no country is at full:
// no Practices sheet, every item in practices.csv with n_full 0, and the
// Markdown summary says so for the largest gaps.
func TestWritePracticesNobodyAtFull(t *testing.T) {
	res := nobodyAtFull()
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	idx, err := f.GetSheetIndex(report.SheetPractices)
	require.NoError(t, err)
	assert.Equal(t, -1, idx)

	dir := t.TempDir()
	require.NoError(t, report.WriteCSV(dir, res))
	practices := readCSV(t, filepath.Join(dir, "practices.csv"))
	require.Len(t, practices, 1+6, "one line per item")
	for _, r := range practices[1:] {
		assert.Equal(t, "0", r[5], r[0])
		assert.Empty(t, r[6], r[0])
	}

	var md bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&md, res))
	assert.Contains(t, md.String(), "| EL | BP-HOTLINE |  | 25.00 | no country at full |")
}

// TestWriteJSONPractices checks the SPEC 13 keys against the hand-worked sample.
func TestWriteJSONPractices(t *testing.T) {
	var doc struct {
		Countries []struct {
			Code        string   `json:"code"`
			Peers       []string `json:"peers"`
			PeerDetails []struct {
				Country    string  `json:"country"`
				Similarity float64 `json:"similarity"`
			} `json:"peer_details"`
		} `json:"countries"`
		Items []struct {
			ID     string   `json:"id"`
			AtFull []string `json:"at_full"`
		} `json:"items"`
		Gaps []struct {
			Country         string   `json:"country"`
			Item            string   `json:"item"`
			Exemplars       []string `json:"exemplars"`
			ExemplarDetails []struct {
				Country    string  `json:"country"`
				Similarity float64 `json:"similarity"`
			} `json:"exemplar_details"`
		} `json:"gaps"`
		Priorities []struct {
			ID       string   `json:"id"`
			Adopters []string `json:"adopters"`
		} `json:"priorities"`
	}
	require.NoError(t, json.Unmarshal(writeJSON(t, sampleResult()), &doc))

	assert.Equal(t, []string{"DK", "EL"}, doc.Countries[0].Peers)
	require.Len(t, doc.Countries[0].PeerDetails, 2)
	assert.Equal(t, 0.5, doc.Countries[0].PeerDetails[1].Similarity)

	assert.Equal(t, "D-3.4", doc.Items[0].ID)
	assert.Equal(t, []string{"AT", "EL"}, doc.Items[0].AtFull)
	assert.Equal(t, []string{"EL"}, doc.Items[3].AtFull, "D-20.3")
	assert.Empty(t, doc.Items[2].AtFull, "D-18.1: nobody at full")
	assert.NotNil(t, doc.Items[2].AtFull, "[] rather than null")

	byGap := map[string][]string{}
	for _, g := range doc.Gaps {
		assert.NotNil(t, g.Exemplars, "[] rather than null")
		byGap[g.Country+" "+g.Item] = g.Exemplars
	}
	assert.Equal(t, map[string][]string{
		"AT D-18.1": {}, "AT BP-REPORTS": {}, "AT D-5.2": {"EL"},
		"DK BP-HOTLINE": {"AT"}, "EL BP-HOTLINE": {"AT"}, "EL D-18.1": {},
	}, byGap)
	d := doc.Gaps[2].ExemplarDetails
	require.Len(t, d, 1)
	assert.Equal(t, "EL", d[0].Country)
	assert.Equal(t, 0.5, d[0].Similarity)

	adopters := map[string][]string{}
	for _, p := range doc.Priorities {
		adopters[p.ID] = p.Adopters
	}
	assert.Equal(t, map[string][]string{"M-HOTLINE": {}, "M-PENALTIES": {"EL"}, "M-VICTIMS": {}}, adopters)
}

// TestWriteMarkdownLargestGaps checks the order of the largest gaps: severity
// descending, ties by country code and then checklist order.
func TestWriteMarkdownLargestGaps(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.WriteMarkdown(&buf, sampleResult()))
	_, section, ok := strings.Cut(buf.String(), "## Largest gaps and where the item is in place")
	require.True(t, ok)
	section, _, _ = strings.Cut(section, "\n## ")
	var got []string
	for _, line := range strings.Split(section, "\n") {
		if cells := strings.Split(line, " | "); len(cells) == 5 && !strings.HasPrefix(line, "| Country") && !strings.HasPrefix(line, "| ---") {
			got = append(got, strings.TrimPrefix(cells[0], "| ")+" "+cells[1]+" "+strings.TrimSuffix(cells[4], " |"))
		}
	}
	assert.Equal(t, []string{
		"EL BP-HOTLINE AT",
		"AT D-18.1 no country at full", // 12.5: AT before DK, D-18.1 before BP-REPORTS
		"AT BP-REPORTS no country at full",
		"DK BP-HOTLINE AT",
		"AT D-5.2 EL",
		"EL D-18.1 no country at full",
	}, got)
}

// openpyxlPracticesScript prints the Practices sheet's rows as openpyxl reads
// them in read-only mode, and the data type of every cell.
const openpyxlPracticesScript = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["Practices"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
types = [[c.data_type for c in r] for r in ws.iter_rows()]
wb.close()
print(json.dumps({"rows": rows, "types": types}, ensure_ascii=False))
`

// TestPracticesOpenpyxl reads the Practices sheet with openpyxl: the values
// worked out by hand, formula-like evidence as a string.
func TestPracticesOpenpyxl(t *testing.T) {
	requireOpenpyxl(t)
	res := sampleResult()
	res.Assessments[0].Evidence = "=1+1" // AT D-3.4, at full
	path := filepath.Join(t.TempDir(), "practices_synthetic.xlsx")
	require.NoError(t, os.WriteFile(path, writeWorkbook(t, res, nil), 0o644))
	out, err := exec.Command(python, "-c", openpyxlPracticesScript, path).Output()
	require.NoError(t, err)
	var got struct {
		Rows  [][]any    `json:"rows"`
		Types [][]string `json:"types"`
	}
	require.NoError(t, json.Unmarshal(out, &got))
	require.Len(t, got.Rows, 8)
	assert.Equal(t, []any{"ID", "Ref", "Title", "Theme", "Obligation", "N at full", "Country", "Evidence", "Comment", "Source",
		"Theme score", "Theme leaders"}, got.Rows[0])
	assert.Equal(t, []any{"D-3.4", "Art. 3(4)", "Engaging in sexual activities with a child below the age of consent",
		"Substantive criminal law", "mandatory", 2.0, "AT", "=1+1", nil, "survey_synthetic.xlsx!Survey!C2", 75.0,
		"EL (100.0), AT (75.0)"}, got.Rows[1])
	assert.Equal(t, "s", got.Types[1][7], "formula-like evidence is a string")
	assert.Equal(t, []any{"BP-REPORTS", nil, "Hotline reports handled per 100 000 inhabitants", "Prevention", "practice", 0.0,
		nil, nil, nil, nil, nil, "AT (75.0), DK (50.0)"}, got.Rows[7])
}
