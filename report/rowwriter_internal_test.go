package report

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// streamCell is one cell of TestRowWriterMatchesStreamWriter: a text, a
// number, an integer or a source position.
type streamCell struct {
	text    string
	number  float64
	integer int
	source  *gapanalysis.Source
	kind    byte // 't', 'n', 'i' or 's'
}

// streamWriterRows returns the <sheetData> content excelize's StreamWriter
// writes for the rows (row 1 with the given height), each cell with its
// style.
func streamWriterRows(t *testing.T, rows [][]streamCell, style int, height float64) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	for r, row := range rows {
		vals := make([]any, len(row))
		for i, c := range row {
			switch c.kind {
			case 't':
				if c.text != "" {
					vals[i] = excelize.Cell{StyleID: style, Value: cellText(c.text)}
				}
			case 'n':
				vals[i] = excelize.Cell{StyleID: style, Value: c.number}
			case 'i':
				vals[i] = excelize.Cell{StyleID: style, Value: c.integer}
			case 's':
				if s := c.source.String(); s != "" {
					vals[i] = excelize.Cell{StyleID: style, Value: cellText(s)}
				}
			}
		}
		var opts []excelize.RowOpts
		if r == 0 && height > 0 {
			opts = append(opts, excelize.RowOpts{Height: height})
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, err)
		require.NoError(t, sw.SetRow(cell, vals, opts...))
	}
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	defer rc.Close()
	xml, err := io.ReadAll(rc)
	require.NoError(t, err)
	start := bytes.Index(xml, []byte("<sheetData>")) + len("<sheetData>")
	end := bytes.Index(xml, []byte("</sheetData>"))
	require.Less(t, start, end)
	return xml[start:end]
}

// TestRowWriterMatchesStreamWriter writes the same cells with the rowWriter
// and with excelize's StreamWriter, which wrote the Data and Reconcile sheets
// before, and expects the same bytes: text that needs escaping, white space
// at either end, characters XML does not allow, bytes that are not UTF-8,
// literal "_xHHHH_" escapes, a text longer than a cell holds, numbers beyond
// 15 significant digits, source positions and a tall header row.
func TestRowWriterMatchesStreamWriter(t *testing.T) {
	texts := []string{
		"AT", "a & b < c > d", `quotes " and '`, "tab\there", "line\nbreak", "cr\rreturn",
		" leading", "trailing ", "\nfirst line break", "last tab\t", "ctrl\x01char\x1f",
		"not UTF-8 \xff\xfe here", "non-character \uFFFE and \uFFFF", "emoji 😀 and € and ß",
		"_x0041_", "_x005F_x0041_", "_x005F_", "_x005f_x00e9_ tail", "_xZZZZ_", "_x12_", "a_x0009_b",
		"=SUM(A1:A2)", "+1", "§ 12", strings.Repeat("é", 40000), strings.Repeat("😀", 20000),
		"&#xA; literal", "]]> end", "",
	}
	numbers := []float64{0, 1, -2, 1.5, 0.1 + 0.2, 1e20, 123456789012345678, 1.2345678901234567e-7,
		-9.87654321098765432e15, 1e-300, math.MaxFloat64, -math.MaxFloat64, 2.5e-5}
	integers := []int{0, 7, -42, 1048576, math.MaxInt64}
	sources := []gapanalysis.Source{
		{}, {File: "survey.xlsx", Sheet: "Responses", Cell: "C12"}, {Cell: "B2"}, {File: "a & b.xlsx", Cell: "A1"},
		{File: " lead.xlsx", Sheet: "S"}, {Sheet: "S", Cell: "C1 "}, {File: "f_x0041_.xlsx", Sheet: "S", Cell: "A1"}, {File: "a_x005F_", Sheet: "x0041_b", Cell: "_x"},
		{File: strings.Repeat("x", 40000), Cell: "A1"},
	}
	var rows [][]streamCell
	header := make([]streamCell, 0, len(texts))
	for _, s := range []string{"Country", "Item", "A rather long header that wraps"} {
		header = append(header, streamCell{kind: 't', text: s})
	}
	rows = append(rows, header)
	for _, s := range texts {
		rows = append(rows, []streamCell{{kind: 't', text: s}, {kind: 't', text: "x"}, {kind: 't', text: s}})
	}
	for _, v := range numbers {
		rows = append(rows, []streamCell{{kind: 'n', number: v}, {kind: 't', text: "n"}})
	}
	for _, v := range integers {
		rows = append(rows, []streamCell{{kind: 't', text: "i"}, {kind: 'i', integer: v}})
	}
	for i := range sources {
		rows = append(rows, []streamCell{{kind: 's', source: &sources[i]}, {kind: 't', text: "s"}, {kind: 's', source: &sources[i]}})
	}
	const style, height = 3, 48
	want := streamWriterRows(t, rows, style, height)

	w := newRowWriter(3)
	for r, row := range rows {
		h := 0.0
		if r == 0 {
			h = height
		}
		w.startRow(r+1, h)
		for i, c := range row {
			switch c.kind {
			case 't':
				w.text(i+1, c.text, style)
			case 'n':
				w.number(i+1, c.number, style)
			case 'i':
				w.integer(i+1, c.integer, style)
			case 's':
				w.source(i+1, *c.source, style)
			}
		}
		w.endRow()
	}
	got := w.buf
	if !bytes.Equal(want, got) {
		// Show the first row that differs.
		wr, gr := strings.SplitAfter(string(want), "</row>"), strings.SplitAfter(string(got), "</row>")
		for i := range min(len(wr), len(gr)) {
			if wr[i] != gr[i] {
				t.Fatalf("row %d differs:\nwant %.400q\ngot  %.400q", i+1, wr[i], gr[i])
			}
		}
		t.Fatalf("want %d rows, got %d", len(wr), len(gr))
	}
}

// TestRowWriterWidths checks the widths kept for the column widths: a text's
// characters plus one (after the cut to what a cell holds), numWidth for a
// number, an integer's digits plus one, and the widest per column.
func TestRowWriterWidths(t *testing.T) {
	w := newRowWriter(4)
	w.startRow(2, 0)
	w.text(1, "Österreich", 1)
	w.number(2, 1.25, 1)
	w.integer(3, -123, 1)
	w.source(4, gapanalysis.Source{File: "f.xlsx", Sheet: "Données", Cell: "C2"}, 1)
	w.endRow()
	w.startRow(3, 0)
	w.text(1, "AT", 1)
	w.text(2, "", 1)
	w.endRow()
	assert.Equal(t, []float64{11, numWidth, 5, 18}, w.widths)

	w = newRowWriter(1)
	w.startRow(2, 0)
	w.text(1, strings.Repeat("a", 40000), 1)
	// cellText keeps 32,767 − 52 = 32,715 characters, 52 being the length of
	// "… [cut: 40000 characters; full text in the JSON/CSV]", and ends them
	// with "… [cut: 7285 characters; …]", 51 characters: 32,766 in all.
	assert.Equal(t, []float64{32766 + 1}, w.widths, "a cut text is as wide as what the cell holds")
}

// TestCRC32Combine checks the combined CRC-32 of two pieces against the
// CRC-32 of the whole, for pieces of many lengths.
func TestCRC32Combine(t *testing.T) {
	data := make([]byte, 5000)
	for i := range data {
		data[i] = byte(i*7 + i/13)
	}
	for _, cut := range []int{0, 1, 2, 3, 7, 8, 100, 1023, 1024, 4095, 4999, 5000} {
		a, b := data[:cut], data[cut:]
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		assert.Equal(t, crc32.ChecksumIEEE(data), got, "cut at %d", cut)
	}
}

// TestUnitOf checks the unit found for each row, units with no answer
// skipped.
func TestUnitOf(t *testing.T) {
	starts := []int{0, 2, 2, 5, 6} // units of 2, 0, 3 and 1 answers
	want := []int{0, 0, 2, 2, 2, 3}
	for i, w := range want {
		assert.Equal(t, w, unitOf(starts, i), "row %d", i)
	}
}
