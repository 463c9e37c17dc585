package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy"
	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// python is the interpreter that sees the Debian python3-openpyxl package.
const python = "/usr/bin/python3"

// openpyxlScript prints, for every sheet, max_row and max_column as openpyxl sees
// them in read-only mode (which trusts the sheet dimension) and in normal mode.
const openpyxlScript = `
import json, sys, openpyxl
out = {}
for mode in ("read_only", "normal"):
    wb = openpyxl.load_workbook(sys.argv[1], read_only=(mode == "read_only"))
    for ws in wb.worksheets:
        rows = sum(1 for _ in ws.iter_rows(values_only=True))
        out.setdefault(ws.title, {})[mode] = [ws.max_row, ws.max_column, rows]
    wb.close()
print(json.dumps(out))
`

// requireOpenpyxl skips the test when python3 or openpyxl is missing, unless the
// CI environment variable is set.
func requireOpenpyxl(t *testing.T) {
	t.Helper()
	fail := t.Skipf
	if os.Getenv("CI") != "" {
		fail = t.Fatalf
	}
	if _, err := os.Stat(python); err != nil {
		fail("%s not found (apt-get install python3-openpyxl)", python)
	}
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		fail("openpyxl not importable by %s (apt-get install python3-openpyxl): %v", python, err)
	}
}

// TestWorkbookOpenpyxl loads workbooks with openpyxl in both modes and checks
// that every sheet has the extent that was written (SPEC 11: without an explicit
// dimension, read-only mode sees one row): a small hand-built result, and the demo
// study (built-in checklist, synthetic EU-27 survey, Monte Carlo ranks).
func TestWorkbookOpenpyxl(t *testing.T) {
	requireOpenpyxl(t)
	demo := demoResult(t)
	tests := []struct {
		name string
		res  *gapanalysis.Result
	}{
		{"sample", syntheticResult()},
		{"demo", demo},
		{"baseline and known issues", progressResult()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "study_synthetic.xlsx")
			require.NoError(t, report.WriteFile(path, func(w io.Writer) error {
				return report.WriteWorkbook(w, tc.res, nil)
			}))
			got := checkOpenpyxl(t, path)
			// The Data sheet has a header and one row per response.
			assert.Equal(t, 1+tc.res.Dataset.Responses.Len(), got[report.SheetData]["read_only"][0])
			// The Practices sheet has a header and at least one row per item.
			require.Contains(t, got, report.SheetPractices)
			assert.GreaterOrEqual(t, got[report.SheetPractices]["read_only"][0], 1+len(tc.res.Checklist.Items()))
			assert.Equal(t, 12, got[report.SheetPractices]["read_only"][1])
		})
	}
}

// demoResult is what "gapstudy demo --samples 200 --sobol 32" computes (with 200
// bootstrap resamples): Monte Carlo ranks, Sobol indices and method agreement.
func demoResult(t *testing.T) *gapanalysis.Result {
	t.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	ds, err := importers.ReadXLSX(bytes.NewReader(gapstudy.SyntheticSurvey), gapstudy.SyntheticSurveyName, &importers.Options{Checklist: cl})
	require.NoError(t, err)
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 200
	cfg.Uncertainty.Sobol = 32
	cfg.Uncertainty.Bootstrap = 200
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	require.NoError(t, err)
	ctx := context.Background()
	require.NoError(t, gapanalysis.MonteCarlo(ctx, res, gapanalysis.UncertaintyOptions{}))
	require.NoError(t, gapanalysis.Sensitivity(ctx, res, gapanalysis.UncertaintyOptions{}))
	_, err = gapanalysis.CompareMethods(res)
	require.NoError(t, err)
	require.NotNil(t, res.Uncertainty.Sobol)
	require.NotEmpty(t, res.Uncertainty.Agreement)
	return res
}

// checkOpenpyxl runs openpyxl on path and compares every sheet's extent with the
// dimension excelize wrote; it returns what openpyxl saw.
func checkOpenpyxl(t *testing.T, path string) map[string]map[string][3]int {
	t.Helper()
	out, err := exec.Command(python, "-c", openpyxlScript, path).Output()
	require.NoError(t, err)
	var got map[string]map[string][3]int
	require.NoError(t, json.Unmarshal(out, &got))

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	assert.Len(t, got, len(sheets))
	for _, sheet := range sheets {
		// What we wrote: the sheet dimension, which covers every written and
		// merged cell.
		dim, err := f.GetSheetDimension(sheet)
		require.NoError(t, err)
		_, last, ok := strings.Cut(dim, ":")
		require.True(t, ok, dim)
		cols, nrows, err := excelize.CellNameToCoordinates(last)
		require.NoError(t, err)
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		require.Len(t, rows, nrows, "the dimension covers every row")
		want := [3]int{nrows, cols, nrows}
		t.Run(sheet, func(t *testing.T) {
			assert.Equal(t, want, got[sheet]["read_only"], "read-only mode: max_row, max_column, rows")
			assert.Equal(t, want, got[sheet]["normal"], "normal mode: max_row, max_column, rows")
		})
	}
	return got
}
