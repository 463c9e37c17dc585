package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// cellValue returns the raw value of a cell.
func cellValue(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	return v
}

// TestSensitivitySheet checks the Sensitivity sheet of the hand-built analysis
// of syntheticResult cell by cell. Layout: row 1 title, row 2 header, rows 3–5
// the measures in priority order, rows 6–8 the countries by rank; row 10 title
// and row 11 header of the five inputs (rows 12–16); row 18 the Sobol title,
// rows 19–24 its parameters, row 25 a note, row 26 the header and rows 27–34
// two inputs × four outputs (the mean shift first, then the measures in
// priority order); row 36 the agreement title, row 37 a note, row 38 the header,
// rows 39–40 the pairs.
func TestSensitivitySheet(t *testing.T) {
	res := syntheticResult()
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	const sheet = report.SheetSensitivity
	tests := []struct {
		cell, want string
	}{
		{"A1", "Rank intervals: Monte Carlo, 200 samples, seed 42; P(top k) = P(rank ≤ 5)"},
		{"A2", "Kind"}, {"H2", "P(top k)"}, {"I2", "Rank note"},
		{"A3", "measure"}, {"B3", "M-HOTLINE"}, {"D3", "1"}, {"G3", "2"},
		{"B5", "M-VICTIMS"}, {"E5", "2.5"}, {"H5", "0.95"},
		{"A6", "country"}, {"B6", "AT"}, {"C6", "Austria"}, {"B8", "EL"}, {"F8", "2"},
		{"A10", "Uncertain inputs"},
		{"A12", "partial"}, {"B12", "yes"},
		{"C12", "value of a partial answer: uniform 0.25 – 0.75 (nominal 0.5)"},
		{"A13", "checklist_weights"}, {"B13", "no"},
		{"C14", "each ranking criterion's weight × a uniform factor 0.75 – 1.25 (1 ± 0.25)"},
		{"A16", "method"}, {"B16", "yes"},
		{"A18", "Sobol sensitivity indices"},
		{"A19", "Base samples (N)"}, {"B19", "64"},
		{"B20", "256"}, // evaluations: 64 · (2 + 2)
		{"B21", "Saltelli, Sobol' sequence"},
		{"B23", "0.95"},
		{"B24", "500"}, // bootstrap resamples from the config
		{"A26", "Output"}, {"C26", "First-order"}, {"I26", "Output variance"},
		{"A27", "mean_abs_rank_shift"}, {"B27", "partial"}, {"C27", "0.25"}, {"F27", "0.3125"}, {"I27", "0.375"},
		{"B28", "method"}, {"G28", "0.6875"}, {"H28", "0.8125"},
		{"A29", "M-HOTLINE"}, {"C29", "0"}, {"I29", "0"},
		{"A31", "M-PENALTIES"}, {"D31", "0.0625"},
		{"A34", "M-VICTIMS"}, {"B34", "method"}, {"H34", "0.75"}, {"I34", "0.5"},
		{"A35", ""},
		{"A36", "Agreement between ranking methods"},
		{"A38", "Method A"}, {"E38", "WS coefficient"},
		{"A39", "wsm"}, {"B39", "topsis"}, {"C39", "0.5"}, {"D39", "0.25"}, {"E39", "0.75"},
		{"B40", "promethee2"},
		{"C40", ""}, {"D40", ""}, // NaN: empty
		{"E40", "1"},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			got := cellValue(t, f, sheet, tc.cell)
			assert.Equal(t, tc.want, got)
			if _, err := strconv.ParseFloat(tc.want, 64); err == nil {
				typ, err := f.GetCellType(sheet, tc.cell)
				require.NoError(t, err)
				assert.Equal(t, excelize.CellTypeUnset, typ, "a number cell")
			}
		})
	}

	t.Run("block titles bold", func(t *testing.T) {
		for _, cell := range []string{"A1", "A10", "A18", "A36"} {
			id, err := f.GetCellStyle(sheet, cell)
			require.NoError(t, err)
			st, err := f.GetStyle(id)
			require.NoError(t, err)
			require.NotNil(t, st.Font, cell)
			assert.True(t, st.Font.Bold, cell)
			assert.NotEmpty(t, st.Font.Family, cell)
			assert.NotZero(t, st.Font.Size, cell)
		}
	})

	t.Run("frozen header and filter on the first table", func(t *testing.T) {
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		assert.True(t, panes.Freeze)
		assert.Equal(t, "C3", panes.TopLeftCell)
		var filter string
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet {
				filter = dn.RefersTo
			}
		}
		assert.Equal(t, "'Sensitivity'!$A$2:$I$8", filter)
		dim, err := f.GetSheetDimension(sheet)
		require.NoError(t, err)
		assert.Equal(t, "A1:I40", dim)
	})

	t.Run("plots right of the tables", func(t *testing.T) {
		// The tables end in column I; the plots start in K. The rank plot of
		// three measures is 3 inches high, shown at 96 px per inch: 288 px,
		// 17 rows of 17 px, so the Sobol plot starts in row 1 + 17 + 1.
		rank, err := report.RankIntervalPNG(res, report.DefaultPlotWidth, report.RankIntervalHeight(3))
		require.NoError(t, err)
		sobol, err := report.SobolPNG(res, report.DefaultPlotWidth, report.DefaultSobolHeight)
		require.NoError(t, err)
		for cell, want := range map[string][]byte{"K1": rank, "K19": sobol} {
			pics, err := f.GetPictures(sheet, cell)
			require.NoError(t, err)
			require.Len(t, pics, 1, cell)
			assert.Equal(t, ".png", pics[0].Extension)
			assert.True(t, bytes.Equal(want, pics[0].File), "%s: the plot's PNG", cell)
			assert.NotEmpty(t, pics[0].Format.AltText)
		}
	})
}

// TestSensitivitySheetPartial checks a Monte Carlo analysis without Sobol
// indices or method agreement: both blocks say so, and only the rank plot is
// embedded.
func TestSensitivitySheetPartial(t *testing.T) {
	res := syntheticResult()
	res.Uncertainty.Sobol = nil
	res.Uncertainty.Agreement = nil
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	const sheet = report.SheetSensitivity
	assert.Equal(t, "Sobol sensitivity indices", cellValue(t, f, sheet, "A18"))
	assert.True(t, strings.HasPrefix(cellValue(t, f, sheet, "A19"), "Not computed"))
	assert.Equal(t, "Agreement between ranking methods", cellValue(t, f, sheet, "A21"))
	assert.True(t, strings.HasPrefix(cellValue(t, f, sheet, "A22"), "Not computed"))

	cells, err := f.GetPictureCells(sheet)
	require.NoError(t, err)
	assert.Equal(t, []string{"K1"}, cells, "the tables end in column I; one plot")
}

// TestMethodologyUncertainty checks the uncertainty parameters and formula rows
// of the Methodology sheet.
func TestMethodologyUncertainty(t *testing.T) {
	tests := []struct {
		name string
		res  *gapanalysis.Result
		want map[string]string // parameter → value ("" : absent)
	}{
		{"with Sobol", syntheticResult(), map[string]string{
			"Uncertainty: Sobol base samples":    "64",
			"Uncertainty: bootstrap resamples":   "500",
			"Formula: Monte Carlo summary":       "every sample draws",
			"Formula: Sobol estimators (Jansen)": "Saltelli sampling",
			"Formula: Method agreement":          "Spearman's rho",
		}},
		{"without uncertainty", sampleResult(), map[string]string{
			"Uncertainty: Sobol base samples":    "1024",
			"Uncertainty: bootstrap resamples":   "1000",
			"Formula: Monte Carlo summary":       "",
			"Formula: Sobol estimators (Jansen)": "",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := openWorkbook(t, writeWorkbook(t, tc.res, nil))
			rows, err := f.GetRows(report.SheetMethodology, excelize.Options{RawCellValue: true})
			require.NoError(t, err)
			got := map[string]string{}
			for _, r := range rows {
				if len(r) == 2 {
					got[r[0]] = r[1]
				}
			}
			for name, want := range tc.want {
				if want == "" {
					assert.NotContains(t, got, name)
					continue
				}
				assert.Contains(t, got[name], want, name)
			}
		})
	}
}

// TestWriteCSVSensitivity checks sensitivity.csv and sobol.csv: written with an
// uncertainty analysis (sobol.csv only with Sobol indices), in the order of the
// Sensitivity sheet.
func TestWriteCSVSensitivity(t *testing.T) {
	noSobol := syntheticResult()
	noSobol.Uncertainty.Sobol = nil
	tests := []struct {
		name string
		res  *gapanalysis.Result
		want []string
	}{
		{"no uncertainty", sampleResult(), nil},
		{"Monte Carlo only", noSobol, []string{"sensitivity.csv"}},
		{"Monte Carlo and Sobol", syntheticResult(), []string{"sensitivity.csv", "sobol.csv"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, report.WriteCSV(dir, tc.res))
			for _, name := range report.SensitivityCSVFiles {
				_, err := os.Stat(filepath.Join(dir, name))
				assert.Equal(t, slices.Contains(tc.want, name), err == nil, name)
			}
		})
	}

	dir := t.TempDir()
	require.NoError(t, report.WriteCSV(dir, syntheticResult()))
	sens := readCSV(t, filepath.Join(dir, "sensitivity.csv"))
	require.Len(t, sens, 7) // header, 3 measures, 3 countries
	assert.Equal(t, []string{"measure", "M-VICTIMS", "Child-friendly support and interviews", "3", "2.5", "2", "3", "0.95", ""}, sens[3])
	assert.Equal(t, []string{"country", "AT", "Austria", "1", "1", "1", "2", "1", ""}, sens[4])
	sobol := readCSV(t, filepath.Join(dir, "sobol.csv"))
	require.Len(t, sobol, 9) // header, 4 outputs × 2 inputs
	assert.Equal(t, []string{"output", "input", "first", "first_lo", "first_hi", "total", "total_lo", "total_hi", "variance"}, sobol[0])
	assert.Equal(t, []string{"mean_abs_rank_shift", "method", "0.625", "0.5", "0.75", "0.75", "0.6875", "0.8125", "0.375"}, sobol[2])
	assert.Equal(t, []string{"M-PENALTIES", "partial", "0.125", "0.0625", "0.1875", "0.25", "0.1875", "0.3125", "0.25"}, sobol[5])
}
