package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func writeWorkbook(t *testing.T, res *gapanalysis.Result, opts *report.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, report.WriteWorkbook(&buf, res, opts))
	return buf.Bytes()
}

func openWorkbook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteWorkbookGolden(t *testing.T) {
	tests := []struct {
		name   string
		res    func() *gapanalysis.Result
		opts   *report.Options
		golden string
	}{
		{"survey data", sampleResult, nil, "workbook.golden"},
		{"synthetic with uncertainty", syntheticResult, &report.Options{Title: "Synthetic gap study", TopK: 2}, "workbook_synthetic.golden"},
		{"baseline and known issues", progressResult, nil, "workbook_progress.golden"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.golden, []byte(dumpWorkbook(t, writeWorkbook(t, tc.res(), tc.opts))))
		})
	}
}

func TestWriteWorkbookSheets(t *testing.T) {
	base := []string{"Summary", "Priorities", "Countries", "Heatmap", "Gaps", "Items"}
	tail := []string{"Diagnostics", "Methodology", "Data"}
	tests := []struct {
		name string
		res  *gapanalysis.Result
		want []string
	}{
		{"without uncertainty", sampleResult(), append(append(append([]string{}, base...), "Practices"), tail...)},
		{"with uncertainty", syntheticResult(), append(append(append([]string{}, base...), "Practices", "Sensitivity"), tail...)},
		{"nobody at full", nobodyAtFull(), append(append([]string{}, base...), tail...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := openWorkbook(t, writeWorkbook(t, tc.res, nil))
			assert.Equal(t, tc.want, f.GetSheetList())
			for _, sheet := range tc.want {
				panes, err := f.GetPanes(sheet)
				require.NoError(t, err)
				assert.True(t, panes.Freeze, "%s: header frozen", sheet)
				dim, err := f.GetSheetDimension(sheet)
				require.NoError(t, err)
				assert.NotEqual(t, "A1", dim, "%s: dimension set", sheet)
			}
			filtered := map[string]bool{}
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm._FilterDatabase" {
					filtered[dn.Scope] = true
				}
			}
			for _, sheet := range tc.want {
				assert.True(t, filtered[sheet], "%s: autofilter", sheet)
			}
		})
	}
}

// TestWriteWorkbookValues checks cells against values worked out by hand (see
// sampleResult).
func TestWriteWorkbookValues(t *testing.T) {
	f := openWorkbook(t, writeWorkbook(t, sampleResult(), nil))
	raw := excelize.Options{RawCellValue: true}
	get := func(sheet, cell string) string {
		v, err := f.GetCellValue(sheet, cell, raw)
		require.NoError(t, err)
		return v
	}
	tests := []struct {
		sheet, cell, want string
	}{
		{"Summary", "A1", "Gap study: Sample checklist for Directive 2011/93/EU"},
		{"Summary", "B15", "3"},                  // countries assessed
		{"Summary", "B16", "6"},                  // items
		{"Summary", "B17", "6"},                  // gaps
		{"Summary", "B18", "50"},                 // mean index (56.25 + 50 + 43.75) / 3
		{"Summary", "B19", "0.7222222222222222"}, // mean coverage (5/6 + 1/2 + 5/6) / 3
		{"Summary", "B20", "1"},                  // errors
		{"Summary", "B21", "2"},                  // warnings
		{"Priorities", "B2", "M-HOTLINE"},
		{"Priorities", "D2", "60"},
		{"Priorities", "D4", "35.714285714285715"}, // 100 · (2/7 + 1.5) / 5
		{"Priorities", "J4", ""},                   // median rank: no Monte Carlo
		{"Priorities", "N4", "D-18.1, D-20.3"},
		{"Priorities", "P4", "5.714285714285714"}, // contribution of gap points: 20 · 2/7 (O4: gaps closed)
		{"Countries", "D2", ""},                   // AT: ranked on every item
		{"Countries", "D3", "not bound by the instrument: ranked on practice items only"},
		{"Countries", "E2", "56.25"},
		{"Countries", "F3", "0.5"},
		{"Countries", "G3", ""}, // DK: compliance pillar unknown
		{"Countries", "H1", "Rank: Legal compliance"},
		{"Countries", "H2", "2"}, // AT: second on compliance, after EL
		{"Countries", "H3", ""},  // DK: no compliance score, no rank
		{"Countries", "H4", "1"},
		{"Countries", "I3", "50"},
		{"Countries", "J1", "Rank: Best practice"},
		{"Countries", "J3", "2"},
		{"Countries", "J4", "3"},
		{"Countries", "O2", "31.25"},
		{"Heatmap", "F2", "na"}, // DK, D-3.4: not bound
		{"Heatmap", "E5", "unknown"},
		{"Heatmap", "E7", "partial"}, // AT, BP-REPORTS: numeric 0.5
		{"Items", "G2", "0.125"},
		{"Items", "G6", "0.25"},
		{"Items", "M4", "0.25"},
		{"Items", "O2", "5"},
		{"Items", "O4", ""}, // no penalty
		{"Gaps", "K7", "survey_synthetic.xlsx!Survey!C11; survey_synthetic.xlsx!Survey!C12"},
		{"Data", "D7", "5"},
	}
	for _, tc := range tests {
		t.Run(tc.sheet+"!"+tc.cell, func(t *testing.T) {
			got := get(tc.sheet, tc.cell)
			want, err := strconv.ParseFloat(tc.want, 64)
			if err != nil {
				assert.Equal(t, tc.want, got)
				return
			}
			typ, err := f.GetCellType(tc.sheet, tc.cell)
			require.NoError(t, err)
			assert.Equal(t, excelize.CellTypeUnset, typ, "a number cell")
			v, err := strconv.ParseFloat(got, 64)
			require.NoError(t, err, "got %q", got)
			// Spreadsheets keep 15 significant digits.
			assert.InDelta(t, want, v, 1e-12*math.Max(1, math.Abs(want)))
		})
	}
}

// TestWriteWorkbookFreeTextStaysText checks that survey text that looks like a
// formula comes back as the same string, stored as a string.
func TestWriteWorkbookFreeTextStaysText(t *testing.T) {
	res := sampleResult()
	texts := []string{"=1+1", "+cmd", "@x", "-funded by NGOs", "=HYPERLINK(\"http://x\")"}
	for i, s := range texts {
		{
			edited := res.Dataset.Responses.At(i)
			edited.Comment = s
			res.Dataset.Responses.Set(i, edited)
		}
	}
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	rows, err := f.GetRows("Data", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	found := map[string]string{}
	for r, row := range rows {
		if len(row) > 5 && row[5] != "" {
			cell, _ := excelize.CoordinatesToCellName(6, r+1)
			found[row[5]] = cell
		}
	}
	for _, s := range texts {
		t.Run(s, func(t *testing.T) {
			cell, ok := found[s]
			require.True(t, ok, "comment %q not found unchanged in the Data sheet", s)
			typ, err := f.GetCellType("Data", cell)
			require.NoError(t, err)
			// The streamed Data sheet holds its text as inline strings.
			assert.Contains(t, []excelize.CellType{excelize.CellTypeSharedString, excelize.CellTypeInlineString}, typ)
			formula, err := f.GetCellFormula("Data", cell)
			require.NoError(t, err)
			assert.Empty(t, formula)
		})
	}
}

// TestWriteWorkbookNoNaN checks that unknown or non-finite numbers become empty
// cells, never "NaN" or 0.
func TestWriteWorkbookNoNaN(t *testing.T) {
	res := sampleResult()
	res.Countries[2].Index = gapanalysis.Score{Value: math.NaN()}
	res.Countries[2].Rank = 0
	res.Countries[2].Coverage = math.NaN()
	res.Countries[2].Pillars["practice"] = gapanalysis.Score{Value: math.Inf(1), Known: true}
	res.Items[0].Mean = gapanalysis.Score{Value: math.NaN(), Known: true}
	res.Priorities[0].Score = math.NaN()

	data := writeWorkbook(t, res, nil)
	dump := dumpWorkbook(t, data)
	for _, bad := range []string{"NaN", "Inf"} {
		assert.NotContains(t, dump, bad)
	}
	f := openWorkbook(t, data)
	for _, cell := range []string{"A4", "E4", "F4", "I4"} { // EL: rank, index, coverage, practice
		v, err := f.GetCellValue("Countries", cell)
		require.NoError(t, err)
		assert.Empty(t, v, "Countries!%s", cell)
	}
	v, err := f.GetCellValue("Items", "M2")
	require.NoError(t, err)
	assert.Empty(t, v)
	v, err = f.GetCellValue("Priorities", "D2")
	require.NoError(t, err)
	assert.Empty(t, v)
}

func TestWriteWorkbookSyntheticBanner(t *testing.T) {
	tests := []struct {
		name string
		res  func() *gapanalysis.Result
		want bool
	}{
		{"survey data", sampleResult, false},
		{"synthetic meta", syntheticResult, true},
		{"synthetic dataset only", func() *gapanalysis.Result {
			res := sampleResult()
			res.Dataset.Synthetic = true
			return res
		}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := openWorkbook(t, writeWorkbook(t, tc.res(), nil))
			v, err := f.GetCellValue("Summary", "A2")
			require.NoError(t, err)
			if tc.want {
				assert.Equal(t, report.SyntheticBanner, v)
			} else {
				assert.Empty(t, v)
			}
			props, err := f.GetDocProps()
			require.NoError(t, err)
			assert.Equal(t, tc.want, props.Description == report.SyntheticBanner)
		})
	}
}

// TestWriteWorkbookDeterministic checks that the same result gives the same bytes.
func TestWriteWorkbookDeterministic(t *testing.T) {
	a := writeWorkbook(t, syntheticResult(), nil)
	b := writeWorkbook(t, syntheticResult(), nil)
	assert.True(t, bytes.Equal(a, b), "two writes of the same result differ")
}

// TestWriteWorkbookCharts checks that the Summary charts draw from the cells of
// the Summary tables.
func TestWriteWorkbookCharts(t *testing.T) {
	data := writeWorkbook(t, sampleResult(), nil)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var charts []string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, err := zf.Open()
			require.NoError(t, err)
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			rc.Close()
			charts = append(charts, string(b))
		}
	}
	require.Len(t, charts, 2)
	all := strings.Join(charts, "\n")
	// Top priorities: header in row 24, three measures in rows 25–27; countries:
	// header in row 30, three countries in rows 31–33.
	for _, ref := range []string{
		"Summary!$C$31:$C$33", "Summary!$D$31:$D$33",
		"Summary!$B$25:$B$27", "Summary!$D$25:$D$27",
	} {
		assert.Contains(t, all, ref)
	}
	f := openWorkbook(t, data)
	for _, cell := range []string{"D25", "D31"} {
		typ, err := f.GetCellType("Summary", cell)
		require.NoError(t, err)
		assert.Equal(t, excelize.CellTypeUnset, typ, "Summary!%s is a number", cell)
	}
}

func TestWriteWorkbookFonts(t *testing.T) {
	data := writeWorkbook(t, syntheticResult(), nil)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	for _, zf := range zr.File {
		if zf.Name != "xl/styles.xml" {
			continue
		}
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		styles := string(b)
		fonts := styles[strings.Index(styles, "<fonts"):strings.Index(styles, "</fonts>")]
		for _, font := range strings.Split(fonts, "<font>")[1:] {
			assert.Contains(t, font, "<sz ", "font without size: %s", font)
			assert.Contains(t, font, "<name ", "font without family: %s", font)
		}
		return
	}
	t.Fatal("no xl/styles.xml")
}

func TestWriteWorkbookErrors(t *testing.T) {
	noChecklist := sampleResult()
	noChecklist.Checklist = nil
	tests := []struct {
		name string
		res  *gapanalysis.Result
		opts *report.Options
	}{
		{"nil result", nil, nil},
		{"no checklist", noChecklist, nil},
		{"negative top k", sampleResult(), &report.Options{TopK: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			assert.Error(t, report.WriteWorkbook(&buf, tc.res, tc.opts))
			assert.Zero(t, buf.Len())
		})
	}
}
