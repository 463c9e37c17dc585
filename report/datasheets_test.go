package report_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
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

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// manyResponses returns the sample study with n generated responses, already
// in the order the Data sheet writes them (country, checklist item, then
// respondent), so that the i-th response is on the i-th data row. The writer
// needs only the dataset, so the analysis of the sample stays as it is.
func manyResponses(n int) *gapanalysis.Result {
	res := sampleResult()
	items := res.Checklist.Items()
	block := (n + len(items) - 1) / len(items)
	statuses := []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone}
	rs := make([]gapanalysis.Response, n)
	for i := range rs {
		it := items[i/block]
		r := gapanalysis.Response{
			Country:    "AT",
			Item:       it.ID,
			Respondent: fmt.Sprintf("R%07d", i%block),
			Source:     src("C" + strconv.Itoa(i+2)),
		}
		if it.Type == gapanalysis.NumericItem {
			r.Value, r.HasValue = float64(i%10), true
		} else {
			r.Status = statuses[i%len(statuses)]
		}
		if i%7 == 0 {
			r.Evidence = "§ " + strconv.Itoa(i)
		}
		if i%11 == 0 {
			r.Comment = "=comment " + strconv.Itoa(i)
		}
		rs[i] = r
	}
	res.Dataset.Responses = gapanalysis.NewResponses(rs...)
	return res
}

// dataSheets returns the sheets of a workbook whose name starts with "Data".
func dataSheets(f *excelize.File) []string {
	var out []string
	for _, s := range f.GetSheetList() {
		if strings.HasPrefix(s, report.SheetData) {
			out = append(out, s)
		}
	}
	return out
}

// TestDataSheetsSplit writes a Data sheet of 4 rows (header and 3 responses)
// and checks where the responses go: 3 fit one sheet, 4 need "Data 2" with one
// row, and the Data sheets come right after Methodology, each with the header.
func TestDataSheetsSplit(t *testing.T) {
	defer report.SetSheetRows(4)()
	tests := []struct {
		responses int
		rows      []int // data rows per Data sheet, header excluded
	}{
		{0, []int{0}},
		{1, []int{1}},
		{3, []int{3}},
		{4, []int{3, 1}},
		{6, []int{3, 3}},
		{7, []int{3, 3, 1}},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.responses), func(t *testing.T) {
			res := manyResponses(tc.responses)
			data := writeWorkbook(t, res, nil)
			f := openWorkbook(t, data)
			want := []string{report.SheetData}
			for n := 2; n <= len(tc.rows); n++ {
				want = append(want, report.SheetData+" "+strconv.Itoa(n))
			}
			assert.Equal(t, want, dataSheets(f))
			list := f.GetSheetList()
			assert.Equal(t, report.SheetMethodology, list[len(list)-len(want)-1], "the Data sheets follow Methodology")
			assert.Equal(t, want, list[len(list)-len(want):])

			next := 0
			for i, sheet := range want {
				assert.Equal(t, sheet, report.DataSheetName(i+1))
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				require.Len(t, rows, tc.rows[i]+1, sheet)
				assert.Equal(t, report.DataHeaders, rows[0], sheet)
				for _, row := range rows[1:] {
					r := res.Dataset.Responses.At(next)
					assert.Equal(t, string(r.Item), row[1], "%s response %d", sheet, next)
					assert.Equal(t, r.Respondent, row[6], "%s response %d", sheet, next)
					next++
				}
				dim, err := f.GetSheetDimension(sheet)
				require.NoError(t, err)
				assert.Equal(t, "A1:H"+strconv.Itoa(tc.rows[i]+1), dim, sheet)
			}
			assert.Equal(t, tc.responses, next)
			assert.Equal(t, data, writeWorkbook(t, res, nil), "the same result gives the same bytes")
		})
	}
}

// TestDataSheetsReadBack imports a workbook whose Data sheet continues on
// "Data 2" and "Data 3" as a results workbook (no sheets named) and expects
// the same responses, in order, each read from its own row of its own sheet.
func TestDataSheetsReadBack(t *testing.T) {
	defer report.SetSheetRows(11)()
	tests := []struct {
		name      string
		responses int
		sheets    int
	}{
		{"one sheet full", 10, 1},
		{"one row on the second", 11, 2},
		{"three sheets", 25, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := manyResponses(tc.responses)
			data := writeWorkbook(t, res, nil)
			ds, err := importers.ReadXLSX(bytes.NewReader(data), "report.xlsx", &importers.Options{Checklist: res.Checklist})
			require.NoError(t, err)
			for _, d := range ds.Diagnostics {
				assert.Equal(t, gapanalysis.SevInfo, d.Severity, "unexpected diagnostic: %v", d)
			}
			require.Len(t, ds.Responses.Slice(), tc.responses)
			want := res.Dataset.Responses.Slice()
			for i, got := range ds.Responses.All() {
				w := want[i]
				assert.Equal(t, answer{w.Country, w.Item, w.Status, w.Value, w.HasValue, w.Evidence, w.Comment, w.Respondent},
					answer{got.Country, got.Item, got.Status, got.Value, got.HasValue, got.Evidence, got.Comment, got.Respondent}, "response %d", i)
				// The answer is read from the Status column (C), or from the
				// Value column (D) for a numeric item.
				col := "C"
				if w.HasValue {
					col = "D"
				}
				sheet := report.DataSheetName(i/10 + 1)
				assert.Equal(t, gapanalysis.Source{File: "report.xlsx", Sheet: sheet, Cell: col + strconv.Itoa(i%10+2)}, got.Source, "response %d", i)
			}
			require.Len(t, ds.Accounts, tc.sheets)
			for i, a := range ds.Accounts {
				assert.Equal(t, report.DataSheetName(i+1), a.Sheet)
				assert.Equal(t, a.RowsRead, a.RowsUsed)
			}
		})
	}
}

// TestDataSheetsOpenpyxl checks that openpyxl's read-only mode, which trusts
// the sheet dimension (SPEC 11), sees every row of every Data sheet.
func TestDataSheetsOpenpyxl(t *testing.T) {
	if _, err := os.Stat(python); err != nil {
		t.Skip("no " + python)
	}
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		t.Skip("openpyxl is not installed")
	}
	defer report.SetSheetRows(11)()
	path := filepath.Join(t.TempDir(), "report.xlsx")
	require.NoError(t, os.WriteFile(path, writeWorkbook(t, manyResponses(25), nil), 0o644))
	out, err := exec.Command(python, "-c", `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for name in wb.sheetnames:
    if name.startswith("Data"):
        rows = list(wb[name].iter_rows(values_only=True))
        print(name, wb[name].max_row, len(rows), rows[0][0], rows[-1][6])
`, path).CombinedOutput()
	require.NoError(t, err, string(out))
	// 25 responses over 6 items: 5 respondents per item (R0000000–R0000004);
	// responses 9, 19 and 24 end the three sheets, all of respondent R0000004.
	assert.Equal(t, "Data 11 11 Country R0000004\nData 2 11 11 Country R0000004\nData 3 6 6 Country R0000004\n", string(out))
}

// TestDataSheetsBoundary writes the real boundary, Excel's 1,048,576 rows per
// sheet: 1,048,575 responses fit one sheet under the header, 1,048,576 need
// "Data 2" with one row. It writes a million rows twice (about 20 s and
// 500 MB), so it does not run with -short.
func TestDataSheetsBoundary(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a million rows")
	}
	tests := []struct {
		responses int
		dims      []string
	}{
		{excelize.TotalRows - 1, []string{"A1:H1048576"}},
		{excelize.TotalRows, []string{"A1:H1048576", "A1:H2"}},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.responses), func(t *testing.T) {
			res := manyResponses(tc.responses)
			var buf bytes.Buffer
			require.NoError(t, report.WriteWorkbook(&buf, res, nil))
			res = nil
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			require.NoError(t, err)
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			defer f.Close()
			var dims []string
			for _, sheet := range dataSheets(f) {
				dims = append(dims, sheetDimension(t, f, zr, sheet))
			}
			assert.Equal(t, tc.dims, dims)
			if len(dims) == 2 {
				rows, err := f.GetRows(report.DataSheetName(2), excelize.Options{RawCellValue: true})
				require.NoError(t, err)
				require.Len(t, rows, 2)
				assert.Equal(t, report.DataHeaders, rows[0])
				assert.Equal(t, "BP-REPORTS", rows[1][1], "the last response")
			}
		})
	}
}

var dimensionRef = regexp.MustCompile(`<dimension ref="([^"]*)"`)

// sheetDimension returns the dimension a sheet declares, after checking that
// its last row is the row the dimension ends on, read from the sheet's XML as
// it is decompressed (reading a million rows through excelize would take
// minutes, and holding the XML hundreds of MB).
func sheetDimension(t *testing.T, f *excelize.File, zr *zip.Reader, sheet string) string {
	t.Helper()
	idx, err := f.GetSheetIndex(sheet)
	require.NoError(t, err)
	part := fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)
	rc, err := zr.Open(part)
	require.NoError(t, err, sheet)
	defer rc.Close()
	// The dimension is in the first chunk; the last row in the last chunk read
	// (with the chunk before it, in case it straddles the two).
	const chunk = 1 << 20
	var head, prev, cur []byte
	for {
		buf := make([]byte, chunk)
		n, err := io.ReadFull(rc, buf)
		if n > 0 {
			if head == nil {
				head = buf[:n]
			}
			prev, cur = cur, buf[:n]
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		require.NoError(t, err)
	}
	m := dimensionRef.FindSubmatch(head)
	require.NotNil(t, m, sheet)
	tail := append(append([]byte(nil), prev...), cur...)
	end := bytes.Index(tail, []byte("</sheetData>"))
	require.Positive(t, end, sheet)
	start := bytes.LastIndex(tail[:end], []byte(`<row r="`))
	require.Positive(t, start, sheet)
	num := tail[start+len(`<row r="`):]
	num = num[:bytes.IndexByte(num, '"')]
	assert.True(t, strings.HasSuffix(string(m[1]), "H"+string(num)), "%s: dimension %s, last row %s", sheet, m[1], num)
	return string(m[1])
}
