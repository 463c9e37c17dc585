package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

const mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

// wrapSheet makes a worksheet part of sheet data (the content of
// <sheetData>); a whole document (starting with "<?xml" or "<worksheet") is
// kept as it is.
func wrapSheet(body []byte) []byte {
	t := bytes.TrimLeft(body, " \t\r\n")
	if bytes.HasPrefix(t, []byte("<?xml")) || bytes.HasPrefix(t, []byte("<worksheet")) {
		return body
	}
	return append(append([]byte(`<worksheet xmlns="`+mainNS+`"><sheetData>`), body...), "</sheetData></worksheet>"...)
}

// wrapSST makes a shared-strings part of string items; a whole document is
// kept as it is, and nil means no part.
func wrapSST(body []byte) []byte {
	t := bytes.TrimLeft(body, " \t\r\n")
	if body == nil || bytes.HasPrefix(t, []byte("<?xml")) || bytes.HasPrefix(t, []byte("<sst")) {
		return body
	}
	return append(append([]byte(`<sst xmlns="`+mainNS+`">`), body...), "</sst>"...)
}

// sheetWorkbook returns a workbook with one sheet, "Data", whose worksheet
// part is sheetXML, and a shared-strings part sstXML (none when nil).
func sheetWorkbook(t testing.TB, sheetXML, sstXML []byte) []byte {
	t.Helper()
	return sheetWorkbookNamed(t, sheetXML, sstXML, "sharedStrings.xml")
}

// sheetWorkbookNamed is sheetWorkbook with the shared strings in the part
// xl/sstName.
func sheetWorkbookNamed(t testing.TB, sheetXML, sstXML []byte, sstName string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, content []byte) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		require.NoError(t, err)
		_, err = w.Write(content)
		require.NoError(t, err)
	}
	sstType, sstRel := "", ""
	if sstXML != nil {
		sstType = `<Override PartName="/xl/` + sstName + `" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		sstRel = `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="` + sstName + `"/>`
	}
	add("[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+sstType+`</Types>`))
	add("_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	add("xl/workbook.xml", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="`+mainNS+`" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	add("xl/_rels/workbook.xml.rels", []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+sstRel+`</Relationships>`))
	add("xl/worksheets/sheet1.xml", sheetXML)
	if sstXML != nil {
		add("xl/"+sstName, sstXML)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// gotRow is a row as a row source gives it, with its details.
type gotRow struct {
	Num     int
	Cells   []string
	Hidden  bool
	NoValue []int
}

// collectRows reads every row of src (at most limit).
func collectRows(src rowSource, limit int) ([]gotRow, error) {
	var out []gotRow
	for len(out) < limit && src.Next() {
		num, cells := src.Row()
		r := gotRow{Num: num, Cells: append([]string{}, cells...)}
		if d, ok := src.(rowDetail); ok {
			r.Hidden = d.Hidden()
			r.NoValue = append([]int(nil), d.NoValue()...)
		}
		out = append(out, r)
	}
	return out, src.Err()
}

// fastRowsOf reads a sheet of a workbook with the sheet-data reader, values
// as stored (no date conversion).
func fastRowsOf(b []byte, sheet string, limit int) ([]gotRow, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	data, err := newSheetData(zr)
	if err != nil {
		return nil, err
	}
	rows, err := data.rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return collectRows(rows, limit)
}

// excelizeRowsOf reads a sheet with excelize's Rows, as EngineExcelize does.
func excelizeRowsOf(b []byte, sheet string, limit int) ([]gotRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	x := &xlsxRows{rows: rows}
	got, err := collectRows(x, limit)
	for i := range got { // only the sheet-data reader knows these
		got[i].Hidden, got[i].NoValue = false, nil
	}
	if _, n := x.OffGrid(); n > 0 && err == nil {
		err = excelize.ErrColumnNumber // as excelize's Rows reports it
	}
	return got, err
}

// cellsOnly drops the details of rows.
func cellsOnly(rows []gotRow) []gotRow {
	if rows == nil {
		return nil
	}
	out := make([]gotRow, len(rows))
	for i, r := range rows {
		out[i] = gotRow{Num: r.Num, Cells: r.Cells}
	}
	return out
}

func TestSheetRows(t *testing.T) {
	sst := []byte(`<si><t>zero</t></si><si><t>one</t></si>` +
		`<si><t>line1_x000D_line2 _x005F_x0041_ _xD800_end</t></si>` +
		`<si><r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r><r><t xml:space="preserve"> plain</t></r>` +
		`<rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si/>`)
	row := func(num int, cells ...string) gotRow { return gotRow{Num: num, Cells: append([]string{}, cells...)} }
	for _, tc := range []struct {
		name  string
		sheet string
		want  []gotRow
		// excelizeDiffers says why excelize is not compared ("": it is, and
		// must agree).
		excelizeDiffers string
		wantErr         string
	}{
		{
			name:  "cells and rows without references are positional",
			sheet: `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>2</v></c></row><row><c><v>x</v></c></row>`,
			want:  []gotRow{row(1, "a", "", "2"), row(2, "x")},
		},
		{
			name:  "rows missing from the file are empty rows",
			sheet: `<row r="2"><c r="B2"><v>1</v></c></row><row r="5" spans="1:1"><c r="A5"><v>2</v></c></row>`,
			want:  []gotRow{row(1), row(2, "", "1"), row(3), row(4), row(5, "2")},
		},
		{
			name: "values of every type as stored",
			sheet: `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#DIV/0!</v></c>` +
				`<c r="D1" t="str"><f>A1</f><v>text</v></c><c r="E1" t="d"><v>2024-03-15T00:00:00Z</v></c>` +
				`<c r="F1" t="n" s="3"><v>0.5</v></c><c r="G1"><v>1.5E-3</v></c><c r="H1" t="s"><v> 0 </v></c></row>`,
			want: []gotRow{row(1, "one", "1", "#DIV/0!", "text", "2024-03-15T00:00:00Z", "0.5", "1.5E-3", "zero")},
		},
		{
			name: "shared strings: escapes, rich text without phonetic runs, an empty item, indices out of range",
			sheet: `<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>4</v></c>` +
				`<c r="D1" t="s"><v>9</v></c><c r="E1" t="s"><v>x</v></c></row>`,
			// C1 is empty (dropped), D1 is outside the table (dropped), E1 is not a
			// number: excelize reads it as item 0.
			want: []gotRow{row(1, "line1\rline2 _x0041_ end", "Bold plain", "", "", "zero")},
		},
		{
			name: "entities and character references",
			sheet: `<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#xE9; &#x1F600;</t></is></c>` +
				`<c r="B1"><v>1&#48;</v></c></row>`,
			want: []gotRow{row(1, `a & b <c> "d" 'e' éé 😀`, "10")},
		},
		{
			name:  "CDATA, comments and line ends",
			sheet: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a<![CDATA[<b>&amp;\r\n]]><!-- note -->c&#13;&#10;d\r\ne\rf</t></is></c></row>",
			want:  []gotRow{row(1, "a<b>&amp;\nc\r\nd\ne\nf")},
		},
		{
			name: "inline rich text and _x escapes",
			sheet: `<row r="1"><c r="A1" t="inlineStr"><is><r><t>x_x0031_</t></r><r><rPr><i/></rPr><t>y</t></r></is></c>` +
				`<c r="B1" t="inlineStr"><v>from v</v></c></row>`,
			want: []gotRow{row(1, "x1y", "from v")},
		},
		{
			name: "formulas: the cached value, or an empty cell reported",
			sheet: `<row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1"><f>1+1</f><v></v></c>` +
				`<c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f t="shared" si="0">2</f><v>2</v></c>` +
				`<c r="F1"><f t="shared" si="0"/></c></row>`,
			want: []gotRow{{Num: 1, Cells: []string{"", "", "", "2", "", ""}, NoValue: []int{0, 1, 5}}},
		},
		{
			name: "hidden rows",
			sheet: `<row r="1" hidden="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>` +
				`<row r="4" hidden="true"><c r="A4"><v>4</v></c></row>`,
			want: []gotRow{{Num: 1, Cells: []string{"1"}, Hidden: true}, row(2, "2"), row(3),
				{Num: 4, Cells: []string{"4"}, Hidden: true}},
		},
		{
			name: "prefixed element names",
			sheet: `<?xml version="1.0"?><x:worksheet xmlns:x="` + mainNS + `"><x:sheetData><x:row r="1">` +
				`<x:c r="B1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
			want: []gotRow{row(1, "", "p")},
		},
		{
			name:  "cells out of order are added at the end, as excelize does",
			sheet: `<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row>`,
			want:  []gotRow{row(1, "", "", "3", "1")},
		},
		{
			name:  "cells between rows belong to the row before, as in excelize",
			sheet: `<row r="1"><c r="A1"><v>1</v></c></row><c r="B1"><v>2</v></c><row r="2"/>`,
			want:  []gotRow{row(1, "1", "2"), row(2)},
		},
		{
			name:  "an empty sheet",
			sheet: `<?xml version="1.0"?><worksheet xmlns="` + mainNS + `"><sheetData/></worksheet>`,
		},
		{
			name: "markup the tokenizer skips",
			sheet: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
				`<!DOCTYPE worksheet [ <!ENTITY e "x"> <!-- > --> ]><?pi <row r="9"/>?>` +
				`<worksheet xmlns="` + mainNS + `"><sheetPr codeName="a>b"/><sheetData><!-- <row r="7"/> -->` +
				`<row r='1' x14ac:dyDescent="0.25"><c r = "A1" ><v >1</v ></c ></row ></sheetData><mergeCells count="0"/></worksheet>`,
			want: []gotRow{row(1, "1")},
		},
		{
			name:  "declarations whose first character is a quote or a >, taken as it is",
			sheet: `<!"><!>x><row r="1"><c r="A1"><v>1</v></c></row>`,
			want:  []gotRow{row(1, "1")},
		},
		{
			name: "a declared encoding",
			sheet: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet xmlns=\"" + mainNS + "\"><sheetData>" +
				"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\xe9t\xe9</t></is></c></row></sheetData></worksheet>",
			want: []gotRow{row(1, "été")},
		},
		{
			name:    "a cell reference that is not one",
			sheet:   `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="2B"><v>1</v></c></row>`,
			want:    []gotRow{row(1, "1")},
			wantErr: `cell reference "2B"`,
		},
		{
			name:    "a row number that is not one",
			sheet:   `<row r="1"><c r="A1"><v>1</v></c></row><row r="two"><c r="A2"><v>1</v></c></row>`,
			wantErr: `the row number r="two" is not a number`,
		},
		{
			name:            "a row beyond Excel's grid",
			sheet:           `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048577"/>`,
			want:            []gotRow{row(1, "1")},
			wantErr:         "too-large: the sheet has a row 1,048,577, past row 1,048,576",
			excelizeDiffers: "excelize drops the row before one past its grid",
		},
		{
			name:            "a cell beyond Excel's last column",
			sheet:           `<row r="1"><c r="A1"><v>1</v></c><c r="XFE1"><v>2</v></c><c r="B1"><v>3</v></c></row><row r="2"><c r="A2"><v>4</v></c></row>`,
			want:            []gotRow{row(1, "1", "3"), row(2, "4")},
			excelizeDiffers: "excelize stops the sheet at the cell",
		},
		{
			name:            "XML cut short",
			sheet:           `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`,
			want:            []gotRow{row(1, "1")},
			wantErr:         "malformed XML",
			excelizeDiffers: "excelize stops without an error at malformed XML",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := sheetWorkbook(t, wrapSheet([]byte(tc.sheet)), wrapSST(sst))
			got, err := fastRowsOf(b, "Data", 1000)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.want, got)
			if tc.excelizeDiffers != "" {
				return
			}
			ex, exErr := excelizeRowsOf(b, "Data", 1000)
			assert.Equal(t, cellsOnly(tc.want), ex, "excelize")
			assert.Equal(t, tc.wantErr != "", exErr != nil, "excelize error: %v", exErr)
		})
	}
}

func TestUnescapeOOXML(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"plain":                "plain",
		"a_x000D_b":            "a\rb",
		"_x005F_x000D_":        "_x000D_",
		"_x005f_":              "_",
		"_x00e9__x00E9_":       "éé",
		"_xD83D_":              "",
		"_x12_ _xZZZZ_ _x0041": "_x12_ _xZZZZ_ _x0041",
		"__x0041_":             "_A",
	} {
		assert.Equal(t, want, string(unescapeOOXML([]byte(in))), in)
	}
}

func TestUnescapeText(t *testing.T) {
	for in, want := range map[string]string{
		"a&amp;b":              "a&b",
		"&lt;&gt;&quot;&apos;": `<>"'`,
		"&#65;&#x42;":          "AB",
		"&#xD800;":             "\uFFFD",
		"&unknown; &amp":       "&unknown; &amp",
		"&#; &#x; &#X41;":      "&#; &#x; &#X41;",
		"&#1114112;":           "&#1114112;",
		"a\r\nb\rc\n\rd":       "a\nb\nc\n\nd",
		"\r&amp;\n":            "\n&\n",
	} {
		assert.Equal(t, want, string(unescapeText(nil, []byte(in))), in)
	}
}

// workbookFixtures returns the paths of the xlsx-family files under testdata.
func workbookFixtures(t testing.TB) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".xlsx", ".xlsm", ".xltx", ".xltm":
			if !d.IsDir() {
				paths = append(paths, p)
			}
		}
		return nil
	})
	require.NoError(t, err)
	return paths
}

// fixturePasswords are the passwords of the encrypted fixtures.
var fixturePasswords = []string{"synthetic", "secret"}

// plainWorkbook returns the zip container of a workbook file, decrypting an
// encrypted one with the fixtures' passwords; nil when it has none.
func plainWorkbook(b []byte) []byte {
	if bytes.HasPrefix(b, zipSignature) {
		return b
	}
	if !bytes.HasPrefix(b, oleSignature) {
		return nil
	}
	for _, pw := range fixturePasswords {
		if plain, err := excelize.Decrypt(b, &excelize.Options{Password: pw}); err == nil && bytes.HasPrefix(plain, zipSignature) {
			return plain
		}
	}
	return nil
}

// TestSheetDataMatchesExcelize reads every sheet of every workbook under
// testdata with both engines: the same rows and cells, row for row.
func TestSheetDataMatchesExcelize(t *testing.T) {
	compared := 0
	for _, p := range workbookFixtures(t) {
		raw, err := os.ReadFile(p)
		require.NoError(t, err)
		b := plainWorkbook(raw)
		if b == nil {
			continue
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			continue // not a workbook excelize reads: the import tests cover it
		}
		sheets := f.GetSheetList()
		_ = f.Close()
		for _, sheet := range sheets {
			t.Run(filepath.Base(p)+"!"+sheet, func(t *testing.T) {
				want, wantErr := excelizeRowsOf(b, sheet, 1<<20)
				got, err := fastRowsOf(b, sheet, 1<<20)
				require.Equal(t, wantErr, err)
				require.Equal(t, want, cellsOnly(got))
			})
			compared++
		}
	}
	require.GreaterOrEqual(t, compared, 10, "sheets compared")
}

// The structs below mirror how excelize v2.11.1 decodes shared strings, inline
// strings and formulas. A document that does not decode into them makes
// excelize drop a cell's value (or fail) where the sheet-data reader, which
// ignores formatting, reads it: docs/performance.md lists this difference.
type (
	mirrorSST struct {
		XMLName xml.Name   `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main sst"`
		SI      []mirrorSI `xml:"si"`
	}
	mirrorSI struct {
		T   *mirrorT    `xml:"t"`
		R   []mirrorR   `xml:"r"`
		RPh []mirrorRPh `xml:"rPh"`
		Pr  *mirrorPhPr `xml:"phoneticPr"`
	}
	mirrorT struct {
		Val string `xml:",chardata"`
	}
	mirrorR struct {
		RPr *mirrorRPr `xml:"rPr"`
		T   *mirrorT   `xml:"t"`
	}
	mirrorRPr struct {
		Charset  *mirrorInt   `xml:"charset"`
		Family   *mirrorInt   `xml:"family"`
		B        *mirrorBool  `xml:"b"`
		I        *mirrorBool  `xml:"i"`
		Strike   *mirrorBool  `xml:"strike"`
		Outline  *mirrorBool  `xml:"outline"`
		Shadow   *mirrorBool  `xml:"shadow"`
		Condense *mirrorBool  `xml:"condense"`
		Extend   *mirrorBool  `xml:"extend"`
		Sz       *mirrorFloat `xml:"sz"`
		Color    *mirrorColor `xml:"color"`
	}
	mirrorInt struct {
		Val *int `xml:"val,attr"`
	}
	mirrorBool struct {
		Val *bool `xml:"val,attr"`
	}
	mirrorFloat struct {
		Val *float64 `xml:"val,attr"`
	}
	mirrorColor struct {
		Auto    bool    `xml:"auto,attr,omitempty"`
		Indexed int     `xml:"indexed,attr,omitempty"`
		Theme   *int    `xml:"theme,attr"`
		Tint    float64 `xml:"tint,attr,omitempty"`
	}
	mirrorRPh struct {
		Sb uint32 `xml:"sb,attr"`
		Eb uint32 `xml:"eb,attr"`
	}
	mirrorPhPr struct {
		FontID *int `xml:"fontId,attr"`
	}
	mirrorF struct {
		Aca  bool `xml:"aca,attr"`
		Dt2D bool `xml:"dt2D,attr"`
		Dtr  bool `xml:"dtr,attr"`
		Del1 bool `xml:"del1,attr"`
		Del2 bool `xml:"del2,attr"`
		Ca   bool `xml:"ca,attr"`
		Bx   bool `xml:"bx,attr"`
		Si   *int `xml:"si,attr"`
	}
)

// excelizeReads reports whether excelize reads a worksheet and shared strings
// part as they are written: both are well-formed XML (excelize stops without
// an error at malformed XML), the shared strings decode, and no cell has a
// style, formula or inline string excelize cannot decode.
func excelizeReads(sheetXML, sstXML []byte) bool {
	newDec := func(b []byte) *xml.Decoder {
		d := xml.NewDecoder(bytes.NewReader(b))
		d.CharsetReader = charsetReader
		return d
	}
	if sstXML != nil {
		d := newDec(sstXML)
		for {
			if _, err := d.Token(); err != nil {
				if !errors.Is(err, io.EOF) {
					return false
				}
				break
			}
		}
		var sst mirrorSST
		if err := newDec(sstXML).Decode(&sst); err != nil {
			return false
		}
	}
	d := newDec(sheetXML)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			for _, a := range se.Attr {
				if a.Name.Local == "s" {
					if _, err := strconv.ParseInt(a.Value, 10, 64); err != nil {
						return false
					}
				}
			}
		case "f":
			var f mirrorF
			if d.DecodeElement(&f, &se) != nil {
				return false
			}
		case "is":
			var si mirrorSI
			if d.DecodeElement(&si, &se) != nil {
				return false
			}
		}
	}
}

// TestSheetRowsMemoryDoesNotGrow reads sheets of 50,000 and 250,000 rows:
// reading five times as many rows allocates no more (buffers are reused,
// repeated values share one string).
func TestSheetRowsMemoryDoesNotGrow(t *testing.T) {
	sheetOf := func(n int) []byte {
		var b bytes.Buffer
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Yes</t></is></c><c r="B%d"><v>0.5</v></c>`+
				`<c r="C%d" t="s"><v>0</v></c><c r="D%d"><f>1</f></c></row>`, i, i, i, i, i)
		}
		return sheetWorkbook(t, wrapSheet(b.Bytes()), wrapSST([]byte(`<si><t>AT</t></si>`)))
	}
	allocated := func(b []byte, n int) uint64 {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		require.NoError(t, err)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		data, err := newSheetData(zr)
		require.NoError(t, err)
		rows, err := data.rows("Data")
		require.NoError(t, err)
		got, wrong := 0, 0
		for rows.Next() {
			_, c := rows.Row()
			if len(c) != 4 || c[0] != "Yes" || c[1] != "0.5" || c[2] != "AT" || c[3] != "" ||
				len(rows.NoValue()) != 1 || rows.NoValue()[0] != 3 {
				wrong++
			}
			got++
		}
		require.NoError(t, rows.Err())
		require.NoError(t, rows.Close())
		runtime.ReadMemStats(&after)
		require.Equal(t, n, got)
		require.Zero(t, wrong, "rows read wrong")
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated(sheetOf(50_000), 50_000), allocated(sheetOf(250_000), 250_000)
	t.Logf("allocated: %d bytes for 50,000 rows, %d bytes for 250,000 rows", small, large)
	assert.Less(t, large, small+64<<10, "bytes allocated for 5 times the rows")
}

// TestSheetDataDifferences pins down where the two engines differ, on files
// excelize does not read as written or that are not what they claim to be
// (docs/performance.md lists them).
func TestSheetDataDifferences(t *testing.T) {
	row := func(num int, cells ...string) gotRow { return gotRow{Num: num, Cells: append([]string{}, cells...)} }
	for _, tc := range []struct {
		name, sheet, sst   string
		sstName            string // "": sharedStrings.xml
		readable           bool   // excelizeReads holds: the parts are well-formed
		want, wantExcelize []gotRow
		err, errExcelize   bool
	}{
		{
			name:         "a style index that is not a number: excelize drops the value",
			sheet:        `<row r="1"><c r="A1" s="x"><v>5</v></c><c r="B1"><v>6</v></c></row>`,
			want:         []gotRow{row(1, "5", "6")},
			wantExcelize: []gotRow{row(1, "", "6")},
		},
		{
			name:         "a formula attribute that is not a boolean: excelize drops the cached value",
			sheet:        `<row r="1"><c r="A1"><f aca="maybe">1+1</f><v>2</v></c></row>`,
			want:         []gotRow{row(1, "2")},
			wantExcelize: []gotRow{row(1, "")},
		},
		{
			name:        "a font size that is not a number in the shared strings: excelize reads no row",
			sheet:       `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>`,
			sst:         `<si><r><rPr><sz val="big"/></rPr><t>text</t></r></si>`,
			want:        []gotRow{row(1, "text", "1")},
			errExcelize: true,
		},
		{
			name:         "XML cut short: excelize stops without an error",
			sheet:        `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>3`,
			want:         []gotRow{row(1, "1")},
			err:          true,
			wantExcelize: []gotRow{row(1, "1"), row(2, "2")},
		},
		{
			name:         "an unknown entity: excelize stops without an error (row 2 comes out empty), the reader keeps it as written",
			sheet:        `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A &nbsp; B</t></is></c></row>`,
			want:         []gotRow{row(1, "1"), row(2, "A &nbsp; B")},
			wantExcelize: []gotRow{row(1, "1"), row(2)},
		},
		{
			name:         "a tag longer than 1 MiB: the reader stops",
			sheet:        `<row r="1"><c r="A1" x="` + strings.Repeat("a", maxTagSize) + `"><v>1</v></c></row>`,
			readable:     true,
			err:          true,
			wantExcelize: []gotRow{row(1, "1")},
		},
		{
			name:         "shared strings in a part not named sharedStrings.xml: excelize does not find them",
			sheet:        `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>`,
			sst:          `<si><t>text</t></si>`,
			sstName:      "strings.xml",
			readable:     true,
			want:         []gotRow{row(1, "text", "1")},
			wantExcelize: []gotRow{row(1, "", "1")},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sst []byte
			if tc.sst != "" {
				sst = wrapSST([]byte(tc.sst))
			}
			name := tc.sstName
			if name == "" {
				name = "sharedStrings.xml"
			}
			assert.Equal(t, tc.readable, excelizeReads(wrapSheet([]byte(tc.sheet)), sst), "excelizeReads")
			b := sheetWorkbookNamed(t, wrapSheet([]byte(tc.sheet)), sst, name)
			got, err := fastRowsOf(b, "Data", 100)
			assert.Equal(t, tc.err, err != nil, "error %v", err)
			assert.Equal(t, tc.want, cellsOnly(got))
			ex, exErr := excelizeRowsOf(b, "Data", 100)
			assert.Equal(t, tc.errExcelize, exErr != nil, "excelize error %v", exErr)
			assert.Equal(t, tc.wantExcelize, ex, "excelize")
		})
	}
}

// TestSheetDataLibreOffice reads a sheet as LibreOffice Calc writes it
// (testdata/import/sheetdata/gen/make_sheetdata.sh): rich text, entities, a
// cell of two paragraphs, formulas of every result type, a hidden row, empty
// rows, an escaped "_x0041_" and a cell in column AA.
func TestSheetDataLibreOffice(t *testing.T) {
	const file = "sheetdata_synthetic_libreoffice.xlsx"
	b, err := os.ReadFile(fixture(filepath.Join("sheetdata", file)))
	require.NoError(t, err)
	last := make([]string, 27)
	copy(last, []string{"Ελλάδα", "D-3.4", "ναι", "", "", "beyond the table _x0041_"})
	last[26] = "0.0015"
	want := []gotRow{
		{Num: 1, Cells: []string{"Country", "Item", "Status", "Evidence", "Comment"}},
		{Num: 2, Cells: []string{"AT", "D-3.4", "yes", "StGB § 207 & § 208 <in force>", "first line\nsecond \"line\" it's"}},
		{Num: 3, Cells: []string{"BE", "D-3.5", "0.5", "45366", "computed text"}},
		{Num: 4, Cells: []string{"CZ", "D-5.2", "0", "#DIV/0!", "1"}, Hidden: true},
		{Num: 5, Cells: []string{}},
		{Num: 6, Cells: []string{}},
		{Num: 7, Cells: last},
	}
	got, err := fastRowsOf(b, "Cells", 100)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	ex, err := excelizeRowsOf(b, "Cells", 100)
	require.NoError(t, err)
	assert.Equal(t, cellsOnly(want), ex, "excelize")

	// Imported, the date cell D3 is an ISO date and the hidden row is noted.
	ds, err := Open(fixture(filepath.Join("sheetdata", file)), testOptions())
	require.NoError(t, err)
	requireBalanced(t, ds)
	assert.Equal(t, []string{
		"AT D-3.4 full [StGB § 207 & § 208 <in force>] [first line\nsecond \"line\" it's] " + file + "!Cells!C2",
		"BE D-3.5 partial [2024-03-15] [computed text] " + file + "!Cells!C3",
		"CZ D-5.2 none [#DIV/0!] [1] " + file + "!Cells!C4",
		"EL D-3.4 full [] [] " + file + "!Cells!C7",
	}, answerLines(ds))
}
