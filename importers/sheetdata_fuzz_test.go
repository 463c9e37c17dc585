package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// fuzzRowLimit bounds the rows read per input: a row numbered 1,000,000 makes
// a million empty rows before it.
const fuzzRowLimit = 2000

// sheetParts returns the worksheet parts of a workbook (cut to their first 8
// rows when large, as smaller inputs fuzz faster) and its shared-strings part
// (nil when none).
func sheetParts(t testing.TB, b []byte) (sheets [][]byte, sst []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, nil
	}
	data, err := newSheetData(zr)
	if err != nil {
		return nil, nil
	}
	read := func(name string) []byte {
		rc, err := data.files[name].Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(rc)
		return b
	}
	if data.sstPart != "" {
		sst = read(data.sstPart)
	}
	for _, part := range data.parts {
		x := read(part)
		if len(x) > 4<<10 {
			if i := nthIndex(x, []byte("<row"), 9); i > 0 {
				x = append(x[:i:i], "</sheetData></worksheet>"...)
			}
		}
		sheets = append(sheets, x)
	}
	return sheets, sst
}

// nthIndex returns the index of the n-th occurrence of sep in b, or -1.
func nthIndex(b, sep []byte, n int) int {
	off := 0
	for k := 0; k < n; k++ {
		i := bytes.Index(b[off:], sep)
		if i < 0 {
			return -1
		}
		if k == n-1 {
			return off + i
		}
		off += i + len(sep)
	}
	return -1
}

// FuzzSheetData reads a worksheet part (the content of <sheetData>, or a
// whole document) and a shared-strings part (string items, or a whole
// document; empty: none) with the sheet-data reader, which must not panic and
// must keep its promises; when excelize reads the parts as written (see
// excelizeReads), both must give the same rows and cells, and fail together.
func FuzzSheetData(f *testing.F) {
	for _, p := range workbookFixtures(f) {
		raw, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		b := plainWorkbook(raw)
		if b == nil {
			continue
		}
		sheets, sst := sheetParts(f, b)
		for _, s := range sheets {
			f.Add(s, sst)
		}
	}
	for _, s := range []string{
		`<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>2</v></c></row><row><c><v>x</v></c></row>`,
		`<row r="2"><c r="B2" t="s"><v>1</v></c></row><row r="5"><c r="A5" t="s"><v>0</v></c></row>`,
		`<row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1" t="str"><f>""</f><v></v></c><c r="C1" t="e"><v>#N/A</v></c></row>`,
		"<row r=\"1\" hidden=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><r><t>a&amp;_x000D_</t></r><t><![CDATA[b]]>\r\n</t></is></c></row>",
		`<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row><c r="B1"><v>2</v></c><row/><row r="x"/>`,
		`<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c><c><v>3</v></c></row><row r="1048576"><c r="A1048576"><v>4</v></c></row><row r="1048577"/>`,
	} {
		f.Add([]byte(s), []byte(`<si><t>zero</t></si><si><r><t>o</t></r><r><t>ne</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>`))
	}
	f.Fuzz(func(t *testing.T, sheetXML, sstXML []byte) {
		sheet := wrapSheet(sheetXML)
		var sst []byte
		if len(sstXML) > 0 {
			sst = wrapSST(sstXML)
		}
		b := sheetWorkbook(t, sheet, sst)
		got, err := fastRowsOf(b, "Data", fuzzRowLimit)
		for i, r := range got {
			if r.Num != i+1 {
				t.Fatalf("row %d is numbered %d", i+1, r.Num)
			}
			for _, c := range r.NoValue {
				if c < 0 || c >= len(r.Cells) || r.Cells[c] != "" {
					t.Fatalf("row %d: formula without a value in column %d of %q", r.Num, c, r.Cells)
				}
			}
		}
		// The engines differ on parts excelize does not read as written, and on
		// tags longer than the reader takes (TestSheetDataDifferences).
		if !excelizeReads(sheet, sst) || len(sheet) > maxTagSize {
			return
		}
		want, wantErr, ok := excelizeRowsSafe(b)
		if !ok || pastGridErr(wantErr) {
			return // excelize stops at a cell or row past the grid; the reader skips it
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("error %v, excelize's %v", err, wantErr)
		}
		if !equalRows(want, cellsOnly(got)) {
			t.Fatalf("rows differ:\nfast     %+v\nexcelize %+v", got, want)
		}
	})
}

// excelizeRowsSafe reads sheet "Data" with excelize; ok is false when
// excelize does not open the workbook or panics.
func excelizeRowsSafe(b []byte) (rows []gotRow, err error, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, false
	}
	_ = f.Close()
	rows, err = excelizeRowsOf(b, "Data", fuzzRowLimit)
	return rows, err, true
}

func equalRows(a, b []gotRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Num != b[i].Num || len(a[i].Cells) != len(b[i].Cells) {
			return false
		}
		for j := range a[i].Cells {
			if a[i].Cells[j] != b[i].Cells[j] {
				return false
			}
		}
	}
	return true
}

// FuzzImportSheet imports a one-sheet workbook built around a worksheet part
// and a shared-strings part (as in FuzzSheetData) with both engines, in
// whatever layout the sheet is detected in: no panic, the dataset keeps its
// promises, and when excelize reads the parts as written, both engines give
// the same responses, accounts and diagnostics (the formula-no-value warnings
// only the sheet-data reader can give aside).
func FuzzImportSheet(f *testing.F) {
	long := `<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c><c r="B1" t="inlineStr"><is><t>Item</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>Status</t></is></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>0.5</v></c></row>` +
		`<row r="4"><c r="A4" t="inlineStr"><is><t>Deutschland</t></is></c><c r="B4" t="inlineStr"><is><t>D-3.44</t></is></c>` +
		`<c r="C4"><f>1/2</f></c></row>`
	respondents := `<row><c t="inlineStr"><is><t>Respondent</t></is></c><c t="inlineStr"><is><t>Member state</t></is></c>` +
		`<c t="inlineStr"><is><t>D-3.4</t></is></c><c t="inlineStr"><is><t>D-5.2 Possession</t></is></c></row>` +
		`<row><c t="inlineStr"><is><t>R1</t></is></c><c t="s"><v>0</v></c><c t="s"><v>2</v></c><c/><c><v>1</v></c></row>`
	matrix := `<row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c><c r="B1" t="s"><v>0</v></c>` +
		`<c r="C1" t="inlineStr"><is><t>FR</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c>` +
		`<c r="B2" t="s"><v>2</v></c><c r="C2" t="inlineStr"><is><t>partly</t></is></c></row>`
	sst := `<si><t>AT</t></si><si><t>D-3.4</t></si><si><r><t>ye</t></r><r><t>s</t></r></si>`
	merged := `<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c><c r="B1" t="inlineStr"><is><t>Item</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>Status</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>` +
		`<c r="C2" t="s"><v>2</v></c><c r="XFE2"><v>1</v></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>D-3.5</t></is></c></row>` +
		`</sheetData><mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="C2:C3"/></mergeCells><sheetData>`
	for _, s := range []string{long, respondents, matrix, merged} {
		f.Add([]byte(s), []byte(sst))
	}
	cl := testChecklist()
	f.Fuzz(func(t *testing.T, sheetXML, sstXML []byte) {
		sheet := wrapSheet(sheetXML)
		var sst []byte
		if len(sstXML) > 0 {
			sst = wrapSST(sstXML)
		}
		b := sheetWorkbook(t, sheet, sst)
		var got [2]*gapanalysis.Dataset
		for i, engine := range []Engine{EngineFast, EngineExcelize} {
			opts := &Options{Checklist: cl, MaxRows: 1000, MaxUnpackedSize: 1 << 20, Engine: engine}
			ds, err := ReadXLSX(bytes.NewReader(b), "fuzz.xlsx", opts)
			checkDataset(t, ds, err, cl)
			got[i] = ds
		}
		if !excelizeReads(sheet, sst) {
			return
		}
		fast, ex := got[0], got[1]
		for _, d := range fast.Diagnostics {
			if d.Code == gapanalysis.CodeTooLarge {
				return // a cell or row past the grid: excelize stops there
			}
		}
		if !reflect.DeepEqual(fast.Responses, ex.Responses) {
			t.Fatalf("responses differ:\nfast     %+v\nexcelize %+v", fast.Responses, ex.Responses)
		}
		if !reflect.DeepEqual(fast.Accounts, ex.Accounts) {
			t.Fatalf("accounts differ:\nfast     %+v\nexcelize %+v", fast.Accounts, ex.Accounts)
		}
		if a, b := diagKeys(fast.Diagnostics), diagKeys(ex.Diagnostics); !reflect.DeepEqual(a, b) {
			t.Fatalf("diagnostics differ:\nfast     %q\nexcelize %q", a, b)
		}
	})
}

// diagKeys describes diagnostics by code and position, leaving out
// formula-no-value warnings and the messages of read errors (whose wording
// comes from the engine).
func diagKeys(ds []gapanalysis.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Code == gapanalysis.CodeFormulaNoValue {
			continue
		}
		k := fmt.Sprintf("%s %s %s!%s row %d", d.Severity, d.Code, d.File, d.Sheet, d.Row)
		if d.Code != gapanalysis.CodeReadError {
			k += ": " + d.Message
		}
		out = append(out, k)
	}
	return out
}

// pastGridErr reports whether excelize stopped at a cell past the last column
// or a row past the last row, which the sheet-data reader skips (reporting it).
func pastGridErr(err error) bool {
	return err != nil && (errors.Is(err, excelize.ErrColumnNumber) || errors.Is(err, excelize.ErrMaxRows) ||
		strings.Contains(err.Error(), excelize.ErrColumnNumber.Error()) || strings.Contains(err.Error(), excelize.ErrMaxRows.Error()))
}
