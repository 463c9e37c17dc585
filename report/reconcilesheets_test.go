package report_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/report"
)

// reconcileSheets returns the Reconcile sheets of a workbook, in order.
func reconcileSheets(f *excelize.File) []string {
	var out []string
	for _, s := range f.GetSheetList() {
		if strings.HasPrefix(s, report.SheetReconcile) {
			out = append(out, s)
		}
	}
	return out
}

// firstSheets returns the sheet list without the continued sheets ("Data 2",
// "Reconcile 2", …).
func firstSheets(list []string) []string {
	var out []string
	for _, s := range list {
		if !continued.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

var continued = regexp.MustCompile(`^(Data|Reconcile) [0-9]+$`)

// TestReconcileSheetsSplit lowers the rows a sheet holds and checks where the
// four answers of agreementResult (AT D-3.4 and EL D-3.4, two answers each)
// go: 5 rows (header and 4 answers) is exactly one full sheet, 4 rows one
// over (3 + 1), 3 rows two full sheets, 2 rows one answer a sheet. The sheets
// follow Agreement in order, each with the header row, and together they hold
// the rows of the single sheet written without the lowered limit.
func TestReconcileSheetsSplit(t *testing.T) {
	res := agreementResult(t)
	wf := openWorkbook(t, writeWorkbook(t, res, nil))
	wholeList := wf.GetSheetList()
	headerHeight, err := wf.GetRowHeight(report.SheetReconcile, 1)
	require.NoError(t, err)
	assert.Greater(t, headerHeight, 15.0, "the wrapped headers (\"Merged status\") make the header row taller")
	whole, err := wf.GetRows(report.SheetReconcile, excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, whole, 5)
	assert.Equal(t, report.ReconcileHeaders, whole[0])
	assert.Equal(t, []string{"1", "AT", "D-3.4"}, whole[1][:3])
	assert.Equal(t, []string{"2", "EL", "D-3.4"}, whole[4][:3])

	tests := []struct {
		sheetRows int
		rows      []int // answer rows per Reconcile sheet, header excluded
	}{
		{6, []int{4}},
		{5, []int{4}},
		{4, []int{3, 1}},
		{3, []int{2, 2}},
		{2, []int{1, 1, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.sheetRows), func(t *testing.T) {
			defer report.SetSheetRows(tc.sheetRows)()
			data := writeWorkbook(t, res, nil)
			f := openWorkbook(t, data)
			var want []string
			for n := 1; n <= len(tc.rows); n++ {
				want = append(want, report.ReconcileSheetName(n))
			}
			assert.Equal(t, report.SheetReconcile, want[0])
			assert.Equal(t, want, reconcileSheets(f))
			list := f.GetSheetList()
			at, err := f.GetSheetIndex(report.SheetReconcile)
			require.NoError(t, err)
			require.Positive(t, at)
			assert.Equal(t, report.SheetAgreement, list[at-1], "Reconcile follows Agreement")
			assert.Equal(t, want, list[at:at+len(want)], "the continued sheets follow Reconcile")
			assert.Equal(t, firstSheets(wholeList), firstSheets(list), "the order is otherwise unchanged")

			got := [][]string{whole[0]}
			for i, sheet := range want {
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				require.Len(t, rows, tc.rows[i]+1, sheet)
				assert.Equal(t, report.ReconcileHeaders, rows[0], sheet)
				h, err := f.GetRowHeight(sheet, 1)
				require.NoError(t, err)
				assert.Equal(t, headerHeight, h, sheet)
				got = append(got, rows[1:]...)
				dim, err := f.GetSheetDimension(sheet)
				require.NoError(t, err)
				assert.Equal(t, "A1:O"+strconv.Itoa(tc.rows[i]+1), dim, sheet)
				panes, err := f.GetPanes(sheet)
				require.NoError(t, err)
				assert.True(t, panes.Freeze, sheet)
				assert.Equal(t, "D2", panes.TopLeftCell, sheet)
			}
			assert.Equal(t, whole, got, "split rows, in order, are the rows of the single sheet")
			assert.Equal(t, data, writeWorkbook(t, res, nil), "the same result gives the same bytes")

			// Free text stays text: EL's Expert C evidence "=Art. 339" is on
			// the last answer row.
			last := want[len(want)-1]
			cell := "L" + strconv.Itoa(tc.rows[len(tc.rows)-1]+1)
			v, err := f.GetCellValue(last, cell)
			require.NoError(t, err)
			assert.Equal(t, "=Art. 339", v)
			formula, err := f.GetCellFormula(last, cell)
			require.NoError(t, err)
			assert.Empty(t, formula)
			typ, err := f.GetCellType(last, cell)
			require.NoError(t, err)
			assert.NotEqual(t, excelize.CellTypeFormula, typ)
		})
	}
}

// TestReconcileSheetsOpenpyxl checks that openpyxl's read-only mode, which
// trusts the sheet dimension (SPEC 11), sees every row of every Reconcile
// sheet: 4 answers at 3 rows a sheet are 3 and 1 under the headers, the
// first sheet ending on Expert B's answer (sample_test.go, C9) and the second
// holding Expert C's.
func TestReconcileSheetsOpenpyxl(t *testing.T) {
	requireOpenpyxl(t)
	defer report.SetSheetRows(4)()
	path := filepath.Join(t.TempDir(), "reconcile_synthetic.xlsx")
	require.NoError(t, os.WriteFile(path, writeWorkbook(t, agreementResult(t), nil), 0o644))
	out, err := exec.Command(python, "-c", `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for name in wb.sheetnames:
    if name.startswith("Reconcile"):
        rows = list(wb[name].iter_rows(values_only=True))
        print(name, wb[name].max_row, len(rows), rows[0][0], rows[-1][2], rows[-1][11])
`, path).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Equal(t, "Reconcile 4 4 Unit D-3.4 Art. 339 Ποινικός Κώδικας\nReconcile 2 2 2 Unit D-3.4 =Art. 339\n", string(out))
}
