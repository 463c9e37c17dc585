package importers

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// mergedBook writes rows with merged ranges.
func mergedBook(t *testing.T, rows [][]any, merges ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		require.NoError(t, f.SetSheetRow("Sheet1", cellName(0, i+1), &row))
	}
	for _, m := range merges {
		from, to, _ := bytes.Cut([]byte(m), []byte(":"))
		require.NoError(t, f.MergeCell("Sheet1", string(from), string(to)))
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	return buf.Bytes()
}

// TestMergedCellsApplyToEveryRow: a status or country merged down over rows
// is the answer of each row, with both row engines and in every layout.
func TestMergedCellsApplyToEveryRow(t *testing.T) {
	cases := []struct {
		name   string
		rows   [][]any
		merges []string
		want   []string
	}{
		{"long: status and country merged down",
			[][]any{
				{"Country", "Item", "Status"},
				{"Austria", "D-3.4", "partly"},
				{nil, "D-3.5", nil},
				{"Belgium", "D-5.2", nil},
				{"Belgium", "D-3.4", "no"},
			},
			[]string{"A2:A3", "C2:C4"},
			[]string{"AT D-3.4 partial", "AT D-3.5 partial", "BE D-5.2 partial", "BE D-3.4 none"}},
		{"matrix: a status merged down a country's column",
			[][]any{
				{"ID", "AT", "BE"},
				{"D-3.4", "yes", "no"},
				{"D-3.5", nil, "partly"},
				{"D-5.2", nil, "no"},
			},
			[]string{"B2:B4"},
			[]string{"AT D-3.4 full", "BE D-3.4 none", "AT D-3.5 full", "BE D-3.5 partial", "AT D-5.2 full", "BE D-5.2 none"}},
		{"merged across: first column only",
			[][]any{
				{"Country", "Item", "Status", "Comment"},
				{"AT", "D-3.4", "yes", nil},
			},
			[]string{"C2:D2"},
			[]string{"AT D-3.4 full"}},
	}
	for _, tc := range cases {
		for _, eng := range []Engine{EngineFast, EngineExcelize} {
			t.Run(tc.name+" "+string(eng), func(t *testing.T) {
				opts := testOptions()
				opts.Engine = eng
				ds := readXLSXBytes(t, mergedBook(t, tc.rows, tc.merges...), "merged.xlsx", opts)
				assert.Equal(t, tc.want, respLines(ds))
				for _, d := range ds.Diagnostics {
					assert.NotEqual(t, gapanalysis.SevError, d.Severity, d.Error())
				}
			})
		}
	}
}

// TestMergedCellsInALargeSheet: in a sheet too large for its merged cells to
// be read first, they are reported rather than applied.
func TestMergedCellsInALargeSheet(t *testing.T) {
	saved := mergePrescanMax
	mergePrescanMax = 100
	defer func() { mergePrescanMax = saved }()
	b := mergedBook(t, [][]any{
		{"Country", "Item", "Status"},
		{"AT", "D-3.4", "partly"},
		{"AT", "D-3.5", nil},
	}, "C2:C3")
	ds := readXLSXBytes(t, b, "big.xlsx", testOptions())
	assert.Equal(t, []string{"AT D-3.4 partial", "AT D-3.5 unknown"}, respLines(ds))
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, "big.xlsx!Sheet1: warning merged: the sheet has cells merged down over several rows (C2:C3), "+
		"but it is larger than 100 bytes, so they were found only after its rows were read: each value counted for "+
		"the first row of its range only; unmerge the cells and fill in every row", ds.Diagnostics[0].Error())
}

func TestMergeTail(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row></sheetData>` +
		`<x:mergeCells count="2"><x:mergeCell ref="A1:A3"/><mergeCell ref="B2:C2"/><mergeCell ref="D1:D2"/></x:mergeCells></worksheet>`
	for _, r := range []io.Reader{strings.NewReader(sheet), iotest.OneByteReader(strings.NewReader(sheet)),
		iotest.HalfReader(strings.NewReader(strings.Repeat(" ", 70000) + sheet))} {
		tail, err := mergeTail(r)
		require.NoError(t, err)
		require.True(t, bytes.HasPrefix(tail, []byte("<x:mergeCells")), "%.40q", tail)
		m, err := scanMerges(newXMLScanner(bytes.NewReader(tail)))
		require.NoError(t, err)
		var refs []string
		for _, x := range m {
			refs = append(refs, x.ref)
		}
		assert.Equal(t, []string{"A1:A3", "D1:D2"}, refs, "ranges within one row are not kept")
	}
	tail, err := mergeTail(strings.NewReader(`<worksheet><sheetData/></worksheet>`))
	require.NoError(t, err)
	assert.Nil(t, tail)
}
