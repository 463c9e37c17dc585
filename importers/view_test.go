package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// testBigPart is the stub threshold of the tests with generated workbooks:
// their large sheets unpack to several times more.
const testBigPart = 64 << 10

// largeRespondents returns the rows of a respondents-layout sheet of n made-up
// respondents answering the test checklist's items.
func largeRespondents(n int) [][]any {
	rows := [][]any{{"Respondent ID", "Country", "D-3.4", "D-3.5", "D-5.2", "BP-HOTLINE", "N-CASES"}}
	answers := []any{"Yes", "Partly", "No", "Don't know", "N/A", nil, 1, 0.5}
	eu := gapanalysis.EU27()
	for i := 0; i < n; i++ {
		row := []any{fmt.Sprintf("R%05d", i+1), string(eu[i%len(eu)])}
		for j := 0; j < 4; j++ {
			row = append(row, answers[(i+j)%len(answers)])
		}
		row = append(row, i%50)
		rows = append(rows, row)
	}
	return rows
}

// largeLong returns the rows of a long-layout sheet (the Data sheet of a
// results workbook) of n responses.
func largeLong(n int) [][]any {
	rows := [][]any{{"Country", "Item", "Status", "Evidence", "Comment", "Respondent"}}
	items := []string{"D-3.4", "D-3.5", "D-5.2", "BP-HOTLINE"}
	statuses := []any{1, 0.5, 0, "yes", "partly", "no", "n/a"}
	eu := gapanalysis.EU27()
	for i := 0; i < n; i++ {
		rows = append(rows, []any{string(eu[i%len(eu)]), items[(i/len(eu))%len(items)],
			statuses[i%len(statuses)], "Act 12/2019, s. 4", "", fmt.Sprintf("R%d", i/(len(eu)*len(items)))})
	}
	return rows
}

// editXLSX opens a workbook held in memory, applies edit and returns it saved.
func editXLSX(t *testing.T, b []byte, edit func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	require.NoError(t, err)
	defer f.Close()
	edit(f)
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// largestSheet returns the unpacked size of the largest worksheet part of a
// workbook.
func largestSheet(t *testing.T, b []byte) int64 {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	var most int64
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			most = max(most, int64(f.UncompressedSize64))
		}
	}
	return most
}

// readLogged reads a workbook file with Open, the responses passed to
// Options.Sink (as gapstudy validate does), and returns the dataset, the
// responses and the files that were in the temporary folder tmp when the
// first response arrived, while the workbook was open.
func readLogged(t *testing.T, path, tmp string, opts Options) (*gapanalysis.Dataset, []gapanalysis.Response, []string) {
	t.Helper()
	var got []gapanalysis.Response
	var during []string
	opts.Sink = func(r gapanalysis.Response) {
		if got == nil {
			entries, err := os.ReadDir(tmp)
			require.NoError(t, err)
			for _, e := range entries {
				during = append(during, e.Name())
			}
		}
		got = append(got, r)
	}
	ds, err := Open(path, &opts)
	require.NoError(t, err)
	return ds, got, during
}

// TestLargeSheetNoTempFiles reads workbooks whose sheets are larger than the
// size excelize keeps in memory: nothing may be written to the temporary
// folder, and what is read must be what is read when excelize is given every
// sheet (the stub threshold out of reach).
func TestLargeSheetNoTempFiles(t *testing.T) {
	respondents := xlsxBytes(t, sheet{"Responses", largeRespondents(3000)})
	tests := []struct {
		name      string
		data      []byte
		responses int // responses read, worked out from the rows
	}{
		{
			// 3,000 respondents × 4 status answers, of which every 8th
			// (a skipped question) is no answer: 3,000 × 4 × 7/8 = 10,500,
			// and the numeric item N-CASES answered by all: 3,000.
			name: "one large respondents sheet", data: respondents, responses: 10_500 + 3000,
		},
		{
			// The large sheet comes first and is hidden; the small Notes sheet
			// after it is looked at as a possible questionnaire Cover, and so
			// is the first sheet, read from the zip container.
			name: "large hidden first sheet and a small one",
			data: editXLSX(t, respondents, func(f *excelize.File) {
				_, err := f.NewSheet("Notes")
				require.NoError(t, err)
				require.NoError(t, f.SetSheetRow("Notes", "A1", &[]any{"Note", "synthetic answers"}))
				f.SetActiveSheet(1)
				require.NoError(t, f.SetSheetVisible("Responses", false))
				require.NoError(t, f.MergeCell("Responses", "B2", "B3"))
			}),
			responses: 10_500 + 3000,
		},
		{
			// A results workbook: its Data sheets (8,000 + 4,000 responses)
			// are large, its Methodology sheet is read by excelize.
			name: "results workbook with large Data sheets",
			data: xlsxBytes(t,
				sheet{"Methodology", [][]any{{"Tool", "gapstudy"}, {"Synthetic data", "yes"}}},
				sheet{"Data", largeLong(8000)},
				sheet{"Data 2", largeLong(4000)},
				sheet{"Summary", [][]any{{"Country", "Score"}, {"AT", 0.5}}}),
			responses: 12_000,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Greater(t, largestSheet(t, tc.data), int64(4*testBigPart), "the sheet must be above the threshold")
			path := filepath.Join(t.TempDir(), "large_synthetic.xlsx")
			require.NoError(t, os.WriteFile(path, tc.data, 0o644))
			opts := Options{Checklist: testChecklist()}

			setBigPartSize(t, math.MaxInt64)
			wantDS, want, _ := readLogged(t, path, t.TempDir(), opts)
			require.Len(t, want, tc.responses)

			setBigPartSize(t, testBigPart)
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			require.Equal(t, tmp, os.TempDir())
			gotDS, got, during := readLogged(t, path, tmp, opts)
			assert.Empty(t, during, "files in the temporary folder while the workbook was read")
			after, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, after, "files left in the temporary folder")
			assert.Equal(t, want, got)
			assert.Equal(t, wantDS, gotDS)
			requireBalanced(t, gotDS)

			// Read from memory (ReadXLSX), the responses in the dataset.
			memDS, err := ReadXLSX(bytes.NewReader(tc.data), "large_synthetic.xlsx", &opts)
			require.NoError(t, err)
			setBigPartSize(t, math.MaxInt64)
			wantMem, err := ReadXLSX(bytes.NewReader(tc.data), "large_synthetic.xlsx", &opts)
			require.NoError(t, err)
			assert.Equal(t, wantMem, memDS)
			entries, err := os.ReadDir(tmp)
			require.NoError(t, err)
			assert.Empty(t, entries)
		})
	}
}

// TestStubbedSheetsSameDataset reads every workbook of the project's test data
// with every sheet that the sheet-data reader reads shown to excelize as a stub
// (the threshold at 1 byte), and with none (the threshold out of reach): the
// datasets (responses, diagnostics, accounts) must be the same. The
// questionnaires among them are read with excelize, given every sheet as it
// is; the results workbooks are recognised by their Methodology sheet.
func TestStubbedSheetsSameDataset(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata", filepath.Join("..", "testdata")} {
		require.NoError(t, filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := strings.ToLower(filepath.Ext(p)); !d.IsDir() && (ext == ".xlsx" || ext == ".xlsm") {
				files = append(files, p)
			}
			return nil
		}))
	}
	require.GreaterOrEqual(t, len(files), 20)
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	for _, path := range files {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			for _, opts := range []Options{
				{Checklist: cl, Password: "synthetic"},
				{Checklist: testChecklist(), Password: "synthetic"},
			} {
				setBigPartSize(t, math.MaxInt64)
				want, err := Open(path, &opts)
				require.NoError(t, err)
				setBigPartSize(t, 1)
				got, err := Open(path, &opts)
				require.NoError(t, err)
				assert.Equal(t, want, got)
			}
		})
	}
}

// TestStubView checks the view excelize is given: the stubbed part is the stub
// worksheet, every other part is there with its content.
func TestStubView(t *testing.T) {
	b := xlsxBytes(t, sheet{"Responses", largeRespondents(500)}, sheet{"Notes", [][]any{{"Note", "synthetic"}}})
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	data, err := newSheetData(zr)
	require.NoError(t, err)
	setBigPartSize(t, 1024)
	plan := planStubs(data)
	require.Len(t, plan.parts, 2, "the Responses sheet and the shared strings")
	// The shared strings are a stub: no sheet's rows come from excelize.
	assert.Equal(t, map[string]bool{"Responses": true, "Notes": true}, plan.sheets)
	view, err := stubView(zr, plan.parts)
	require.NoError(t, err)
	vr, err := zip.NewReader(bytes.NewReader(view), int64(len(view)))
	require.NoError(t, err)
	require.Len(t, vr.File, len(zr.File))
	stubbed := 0
	for i, f := range vr.File {
		assert.Equal(t, zr.File[i].Name, f.Name)
		rc, err := f.Open()
		require.NoError(t, err)
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		require.NoError(t, err)
		require.NoError(t, rc.Close())
		switch f.Name {
		case "xl/worksheets/sheet1.xml":
			assert.Equal(t, stubWorksheet, buf.Bytes())
			stubbed++
			continue
		case "xl/sharedStrings.xml":
			assert.Equal(t, stubEmptySST, buf.Bytes())
			stubbed++
			continue
		}
		orig, err := zr.File[i].Open()
		require.NoError(t, err)
		var want bytes.Buffer
		_, err = want.ReadFrom(orig)
		require.NoError(t, err)
		require.NoError(t, orig.Close())
		assert.Equal(t, want.Bytes(), buf.Bytes(), f.Name)
	}
	require.Equal(t, 2, stubbed)
	f, err := excelize.OpenReader(bytes.NewReader(view))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Responses", "Notes"}, f.GetSheetList())
	rows, err := f.GetRows("Responses")
	require.NoError(t, err)
	assert.Empty(t, rows)
	// Notes is as stored; its strings are in the stubbed shared strings, so
	// its rows are read through the sheet-data reader.
	wb := &workbook{File: f, data: data, stubbed: plan.sheets}
	nr, err := wb.Rows("Notes")
	require.NoError(t, err)
	defer nr.Close()
	require.True(t, nr.Next())
	cells, err := nr.Columns()
	require.NoError(t, err)
	assert.Equal(t, []string{"Note", "synthetic"}, cells)
	assert.False(t, nr.Next())
	require.NoError(t, nr.Error())
}
