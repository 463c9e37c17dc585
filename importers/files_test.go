package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// encryptedXLSX returns a password-protected workbook as Excel writes one: an
// OLE2 container with EncryptionInfo and EncryptedPackage streams.
func encryptedXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Country", "Item", "Status"}))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf, excelize.Options{Password: "secret"}))
	require.True(t, bytes.HasPrefix(buf.Bytes(), oleSignature))
	return buf.Bytes()
}

// zipWith returns a zip archive holding the named parts.
func zipWith(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestFilesThatAreNotWorkbooks(t *testing.T) {
	legacy, err := os.ReadFile(fixture("legacy_synthetic.xls"))
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(legacy, oleSignature), "LibreOffice wrote a BIFF file in an OLE2 container")
	good := xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}})

	cases := []struct {
		name     string
		file     string
		content  []byte
		wantCode gapanalysis.Code
		wantMsg  string
	}{
		{"legacy xls", "old.xls", legacy, gapanalysis.CodeLegacyXLS, "Excel 97–2003 workbook (.xls)"},
		{"legacy xls named xlsx", "old.xlsx", legacy, gapanalysis.CodeLegacyXLS, "save it as an Excel Workbook (.xlsx)"},
		{"encrypted", "locked.xlsx", encryptedXLSX(t), gapanalysis.CodeEncrypted, "protected with a password"},
		{"other OLE2 file", "memo.xlsx", append(append([]byte{}, oleSignature...), make([]byte, 600)...),
			gapanalysis.CodeLegacyXLS, "container is damaged"},
		{"text named xlsx", "answers.xlsx", []byte("Country,Item,Status\nAT,D-3.4,yes\n"),
			gapanalysis.CodeNotXLSX, "plain text; if it is CSV, give it a .csv name"},
		{"empty xlsx", "empty.xlsx", nil, gapanalysis.CodeNotXLSX, "empty (0 bytes)"},
		{"pdf", "report.xlsx", []byte("%PDF-1.7\n..."), gapanalysis.CodeNotXLSX, "PDF"},
		{"html under an xls name", "export.xls", []byte("<html><table><tr><td>AT</td></tr></table></html>"),
			gapanalysis.CodeNotXLSX, "web page (HTML)"},
		{"xml spreadsheet 2003", "export.xls", []byte("<?xml version=\"1.0\"?><Workbook/>"),
			gapanalysis.CodeNotXLSX, "XML file"},
		{"zip without a workbook", "archive.xlsx", zipWith(t, map[string]string{"readme.txt": "hi"}),
			gapanalysis.CodeNotXLSX, "zip archive without a workbook"},
		{"opendocument", "calc.xlsx", zipWith(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
			"content.xml": "<x/>"}), gapanalysis.CodeNotXLSX, "OpenDocument"},
		{"docx", "letter.xlsx", zipWith(t, map[string]string{"word/document.xml": "<x/>"}),
			gapanalysis.CodeNotXLSX, "Word document"},
		{"damaged zip", "cut.xlsx", good[:len(good)/2], gapanalysis.CodeNotXLSX, "damaged"},
		{"workbook part is not XML", "bad.xlsx", zipWith(t, map[string]string{"xl/workbook.xml": "\x00garbage",
			"[Content_Types].xml": "garbage"}), gapanalysis.CodeNotXLSX, "could not be opened"},
		{"binary named csv", "data.csv", []byte("\x00\x01\x02binary\x00"), gapanalysis.CodeNotXLSX,
			"neither an xlsx workbook nor CSV text"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check := func(ds *gapanalysis.Dataset) {
				t.Helper()
				requireBalanced(t, ds)
				require.Len(t, ds.Diagnostics, 1, "%v", ds.Diagnostics)
				d := ds.Diagnostics[0]
				assert.Equal(t, gapanalysis.SevError, d.Severity)
				assert.Equal(t, tc.wantCode, d.Code)
				assert.Contains(t, d.Message, tc.wantMsg)
				assert.Equal(t, tc.file, d.File)
				assert.Empty(t, ds.Responses.Slice())
				assert.True(t, errors.Is(d, d.Unwrap()))
			}
			ds, err := Open(writeFile(t, tc.file, tc.content), testOptions())
			require.NoError(t, err)
			check(ds)
			if strings.HasSuffix(tc.file, ".csv") {
				ds, err = ReadCSV(bytes.NewReader(tc.content), tc.file, testOptions())
			} else {
				ds, err = ReadXLSX(bytes.NewReader(tc.content), tc.file, testOptions())
			}
			require.NoError(t, err)
			check(ds)
		})
	}
	// The sentinel errors let callers test for the kind of problem.
	ds, err := ReadXLSX(bytes.NewReader(encryptedXLSX(t)), "e.xlsx", testOptions())
	require.NoError(t, err)
	assert.ErrorIs(t, ds.Diagnostics[0], gapanalysis.ErrEncrypted)
}

func TestContentDecidesTheReader(t *testing.T) {
	good := xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}})
	text := []byte("Country;Item;Status\nBE;D-3.5;no\n")
	cases := []struct {
		file    string
		content []byte
		want    string
		sheet   string
	}{
		{"a.xlsx", good, "AT D-3.4 full", "S"},
		{"a.csv", good, "AT D-3.4 full", "S"}, // a workbook named .csv
		{"a.txt", good, "AT D-3.4 full", "S"},
		{"a.csv", text, "BE D-3.5 none", ""},
		{"a.txt", text, "BE D-3.5 none", ""},
		{"a", text, "BE D-3.5 none", ""},
		{"A.XLSM", good, "AT D-3.4 full", "S"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			ds, err := Open(writeFile(t, tc.file, tc.content), testOptions())
			require.NoError(t, err)
			requireBalanced(t, ds)
			assert.Equal(t, []string{tc.want}, respLines(ds))
			assert.Equal(t, tc.sheet, ds.Responses.At(0).Source.Sheet)
			assert.Equal(t, tc.file, ds.Responses.At(0).Source.File)
		})
	}
	// ReadCSV given a workbook reads it as one.
	ds, err := ReadCSV(bytes.NewReader(good), "w.csv", testOptions())
	require.NoError(t, err)
	assert.Equal(t, []string{"AT D-3.4 full"}, respLines(ds))
}

func TestEmptyCSV(t *testing.T) {
	for _, text := range []string{"", "\n\n", "\xef\xbb\xbf"} {
		ds := readCSVString(t, text, "empty.csv", testOptions())
		assert.Equal(t, []diagLine{{gapanalysis.SevInfo, gapanalysis.CodeEmptySheet, ""}}, diagLines(ds))
		assert.Equal(t, []gapanalysis.SheetAccount{{File: "empty.csv"}}, ds.Accounts)
	}
}

func TestLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("Country,Item,Status\n")
	for i := 0; i < 10; i++ {
		b.WriteString("AT,D-3.4,yes\n")
	}
	text := b.String() // 20 + 10×13 = 150 bytes, 11 rows

	t.Run("csv rows", func(t *testing.T) {
		opts := testOptions()
		opts.MaxRows = 6
		ds := readCSVString(t, text, "r.csv", opts)
		assert.Len(t, ds.Responses.Slice(), 5)
		require.Len(t, ds.Diagnostics, 1)
		assert.Equal(t, gapanalysis.CodeTooLarge, ds.Diagnostics[0].Code)
		assert.Equal(t, 7, ds.Diagnostics[0].Row)
		assert.Equal(t, "the sheet has more than 6 rows, the most that is read; the rows from row 7 on were not read",
			ds.Diagnostics[0].Message)
		assert.Equal(t, 5, ds.Accounts[0].RowsRead)
	})
	t.Run("csv rows: no limit", func(t *testing.T) {
		opts := testOptions()
		opts.MaxRows = -1
		assert.Len(t, readCSVString(t, text, "r.csv", opts).Responses.Slice(), 10)
	})
	t.Run("csv bytes", func(t *testing.T) {
		opts := testOptions()
		opts.MaxUnpackedSize = 59 // the header and 3 rows (20 + 3×13)
		ds := readCSVString(t, text, "b.csv", opts)
		assert.Len(t, ds.Responses.Slice(), 3)
		require.Len(t, ds.Diagnostics, 1)
		assert.Equal(t, gapanalysis.CodeTooLarge, ds.Diagnostics[0].Code)
		assert.Equal(t, "the file is larger than 59 bytes, the most that is read; the rest of it was not read",
			ds.Diagnostics[0].Message)
		assert.Equal(t, "b.csv", ds.Diagnostics[0].File)
		assert.Equal(t, []gapanalysis.SheetAccount{{File: "b.csv", Layout: "long", RowsRead: 3, RowsUsed: 3}},
			ds.Accounts)
	})
	t.Run("csv bytes: exactly at the limit", func(t *testing.T) {
		opts := testOptions()
		opts.MaxUnpackedSize = int64(len(text))
		ds := readCSVString(t, text, "b.csv", opts)
		assert.Len(t, ds.Responses.Slice(), 10)
		assert.Empty(t, ds.Diagnostics)
	})
	rows := [][]any{{"Country", "Item", "Status"}}
	for i := 0; i < 10; i++ {
		rows = append(rows, []any{"AT", "D-3.4", "yes"})
	}
	book := xlsxBytes(t, sheet{"S", rows})
	t.Run("xlsx rows", func(t *testing.T) {
		opts := testOptions()
		opts.MaxRows = 3
		ds := readXLSXBytes(t, book, "r.xlsx", opts)
		assert.Len(t, ds.Responses.Slice(), 2)
		require.Len(t, ds.Diagnostics, 1)
		assert.Equal(t, gapanalysis.CodeTooLarge, ds.Diagnostics[0].Code)
		assert.Equal(t, "S", ds.Diagnostics[0].Sheet)
	})
	t.Run("xlsx unpacked size", func(t *testing.T) {
		zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
		require.NoError(t, err)
		var unpacked int64
		for _, f := range zr.File {
			unpacked += int64(f.UncompressedSize64)
		}
		require.Greater(t, unpacked, int64(len(book)))
		opts := testOptions()
		opts.MaxUnpackedSize = int64(len(book)) // the file fits, its unpacked parts do not
		for _, read := range []func() (*gapanalysis.Dataset, error){
			func() (*gapanalysis.Dataset, error) { return ReadXLSX(bytes.NewReader(book), "big.xlsx", opts) },
			func() (*gapanalysis.Dataset, error) { return Open(writeFile(t, "big.xlsx", book), opts) },
		} {
			ds, err := read()
			require.NoError(t, err)
			assert.Empty(t, ds.Responses.Slice())
			require.Len(t, ds.Diagnostics, 1)
			assert.Equal(t, gapanalysis.CodeTooLarge, ds.Diagnostics[0].Code)
			assert.Equal(t, "the workbook unpacks to "+sizeText(unpacked)+", more than "+sizeText(int64(len(book)))+
				", the most that is read; a larger limit reads it (gapstudy --max-size, Options.MaxUnpackedSize)", ds.Diagnostics[0].Message)
		}
	})
	t.Run("xlsx file size", func(t *testing.T) {
		opts := testOptions()
		opts.MaxUnpackedSize = int64(len(book) - 1)
		ds := readXLSXBytes(t, book, "big.xlsx", opts)
		require.Len(t, ds.Diagnostics, 1)
		assert.Equal(t, gapanalysis.CodeTooLarge, ds.Diagnostics[0].Code)
	})
}

func TestSheetsOption(t *testing.T) {
	book := xlsxBytes(t,
		sheet{"Intro", [][]any{{"Synthetic survey"}}},
		sheet{"AT", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}},
		sheet{"BE", [][]any{{"Country", "Item", "Status"}, {"BE", "D-3.4", "no"}}},
	)
	cases := []struct {
		sheets    []string
		want      []string
		wantDiags []diagLine
	}{
		{nil, []string{"AT D-3.4 full", "BE D-3.4 none"}, []diagLine{{gapanalysis.SevWarning, gapanalysis.CodeNoHeader, ""}}},
		{[]string{"BE"}, []string{"BE D-3.4 none"}, nil},
		{[]string{"be", "AT"}, []string{"AT D-3.4 full", "BE D-3.4 none"}, nil}, // workbook order
		{[]string{"CZ", "AT"}, []string{"AT D-3.4 full"}, []diagLine{{gapanalysis.SevError, gapanalysis.CodeMissingSheet, ""}}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.sheets, ","), func(t *testing.T) {
			opts := testOptions()
			opts.Sheets = tc.sheets
			ds := readXLSXBytes(t, book, "s.xlsx", opts)
			assert.Equal(t, tc.want, respLines(ds))
			assert.Equal(t, tc.wantDiags, diagLines(ds))
		})
	}
	opts := testOptions()
	opts.Sheets = []string{"CZ"}
	ds := readXLSXBytes(t, book, "s.xlsx", opts)
	assert.Equal(t, `the workbook has no sheet "CZ" (its sheets: Intro, AT, BE)`, ds.Diagnostics[0].Message)
	assert.Empty(t, ds.Accounts)
}

func TestOpenAll(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	write("b.csv", []byte("Country,Item,Status\nBE,D-3.4,no\n"))
	write("a.xlsx", xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}}))
	write("~$a.xlsx", []byte("lock"))
	write("notes.txt", []byte("not a survey"))
	write("c.XLSM", xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"CZ", "D-3.4", "partly"}}}))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "d.csv"), []byte("Country,Item,Status\nDE,D-3.4,no\n"), 0o644))
	empty := t.TempDir()
	single := writeFile(t, "e.csv", []byte("Country,Item,Status\nEE,D-3.4,yes\n"))

	ds, err := OpenAll([]string{dir, single, empty}, testOptions())
	require.NoError(t, err)
	requireBalanced(t, ds)
	assert.Equal(t, []string{"AT D-3.4 full", "BE D-3.4 none", "CZ D-3.4 partial", "EE D-3.4 full"}, respLines(ds))
	assert.Equal(t, []diagLine{
		{gapanalysis.SevWarning, gapanalysis.CodeSkippedFile, ""}, // notes.txt
		{gapanalysis.SevInfo, gapanalysis.CodeSkippedFile, ""},    // sub/
		{gapanalysis.SevInfo, gapanalysis.CodeSkippedFile, ""},    // ~$a.xlsx
		{gapanalysis.SevWarning, gapanalysis.CodeNoData, ""},      // the empty folder
	}, diagLines(ds))
	assert.Equal(t, "notes.txt", ds.Diagnostics[0].File)
	assert.Equal(t, "sub", ds.Diagnostics[1].File)
	assert.Equal(t, "~$a.xlsx", ds.Diagnostics[2].File)
	var files []string
	for _, a := range ds.Accounts {
		files = append(files, a.File)
	}
	assert.Equal(t, []string{"a.xlsx", "b.csv", "c.XLSM", "e.csv"}, files)
	assert.Equal(t, "a.xlsx, b.csv, c.XLSM, e.csv", ds.Label)

	_, err = OpenAll([]string{filepath.Join(dir, "missing.csv")}, testOptions())
	assert.ErrorIs(t, err, os.ErrNotExist)
	_, err = Open(dir, testOptions())
	assert.ErrorContains(t, err, "is a folder")
}

func TestChecklistRequired(t *testing.T) {
	_, err := ReadCSV(strings.NewReader(""), "x.csv", nil)
	assert.ErrorIs(t, err, ErrNoChecklist)
	_, err = ReadXLSX(strings.NewReader(""), "x.xlsx", &Options{})
	assert.ErrorIs(t, err, ErrNoChecklist)
	_, err = Open("x.csv", nil)
	assert.ErrorIs(t, err, ErrNoChecklist)
	_, err = OpenAll([]string{"x.csv"}, &Options{})
	assert.ErrorIs(t, err, ErrNoChecklist)
}

// failingReader fails after giving some bytes.
type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n > 0 {
		n := copy(p, strings.Repeat("x", min(len(p), f.n)))
		f.n -= n
		return n, nil
	}
	return 0, errors.New("disk on fire")
}

func TestIOErrorsAreErrors(t *testing.T) {
	_, err := ReadCSV(&failingReader{n: 10}, "x.csv", testOptions())
	assert.ErrorContains(t, err, "disk on fire")
	_, err = ReadCSV(&failingReader{n: 100000}, "x.csv", testOptions())
	assert.ErrorContains(t, err, "disk on fire")
	_, err = ReadXLSX(&failingReader{n: 10}, "x.xlsx", testOptions())
	assert.ErrorContains(t, err, "disk on fire")
}

func TestSizeText(t *testing.T) {
	assert.Equal(t, "256 MiB", sizeText(DefaultMaxUnpackedSize))
	assert.Equal(t, "1.5 KiB", sizeText(1536))
	assert.Equal(t, "12 bytes", sizeText(12))
	assert.Equal(t, "2 GiB", sizeText(2<<30))
}

func TestConcurrentReadsShareOptions(t *testing.T) {
	opts := testOptions() // a checklist built in code, never indexed
	book := xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "d-3.4", "yes"}}})
	done := make(chan []string)
	for i := 0; i < 8; i++ {
		go func() {
			var ds *gapanalysis.Dataset
			var err error
			if i%2 == 0 {
				ds, err = ReadXLSX(bytes.NewReader(book), "c.xlsx", opts)
			} else {
				ds, err = ReadCSV(strings.NewReader("Country,Item,Status\nAT,d-3.4,yes\n"), "c.csv", opts)
			}
			if err != nil {
				done <- []string{err.Error()}
				return
			}
			done <- respLines(ds)
		}()
	}
	for i := 0; i < 8; i++ {
		assert.Equal(t, []string{"AT D-3.4 full"}, <-done)
	}
}
