package importers

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// encryptedSurvey returns a survey protected with a password, as excelize
// encrypts it (ECMA-376 standard encryption).
func encryptedSurvey(t testing.TB, password string) []byte {
	t.Helper()
	plain := xlsxBytes(t, sheet{"Answers", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}, {"BE", "D-3.5", "no"}}})
	f, err := excelize.OpenReader(bytes.NewReader(plain))
	require.NoError(t, err)
	defer f.Close()
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf, excelize.Options{Password: password}))
	require.True(t, bytes.HasPrefix(buf.Bytes(), oleSignature))
	return buf.Bytes()
}

func TestPassword(t *testing.T) {
	locked := encryptedSurvey(t, "s3cret pass")
	cases := []struct {
		name      string
		password  string
		want      []string
		wantCode  gapanalysis.Code
		wantInMsg string
	}{
		{"right password", "s3cret pass", []string{"AT D-3.4 full", "BE D-3.5 none"}, "", ""},
		{"no password", "", nil, gapanalysis.CodeEncrypted, "give the password (gapstudy --password, or the GAPSTUDY_PASSWORD environment variable)"},
		{"wrong password", "guess", nil, gapanalysis.CodeEncrypted, "the password given does not open the workbook"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := testOptions()
			opts.Password = tc.password
			for _, read := range []func() (*gapanalysis.Dataset, error){
				func() (*gapanalysis.Dataset, error) { return ReadXLSX(bytes.NewReader(locked), "locked.xlsx", opts) },
				func() (*gapanalysis.Dataset, error) { return Open(writeFile(t, "locked.xlsx", locked), opts) },
				func() (*gapanalysis.Dataset, error) { return ReadCSV(bytes.NewReader(locked), "locked.xlsx", opts) },
			} {
				ds, err := read()
				require.NoError(t, err)
				requireBalanced(t, ds)
				assert.Equal(t, tc.want, respLines(ds))
				if tc.wantCode == "" {
					assert.Empty(t, ds.Diagnostics)
					assert.Equal(t, "locked.xlsx", ds.Responses.At(0).Source.File)
					assert.Equal(t, "Answers", ds.Responses.At(0).Source.Sheet)
					continue
				}
				require.Len(t, ds.Diagnostics, 1)
				d := ds.Diagnostics[0]
				assert.Equal(t, tc.wantCode, d.Code)
				assert.Equal(t, gapanalysis.SevError, d.Severity)
				assert.Contains(t, d.Message, tc.wantInMsg)
				assert.Equal(t, "locked.xlsx", d.File)
				assert.NotContains(t, d.Message, "guess", "the password never appears in a diagnostic")
			}
		})
	}
	// A password given for a workbook that has none changes nothing.
	opts := testOptions()
	opts.Password = "unused"
	ds := readXLSXBytes(t, xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}}), "open.xlsx", opts)
	assert.Equal(t, []string{"AT D-3.4 full"}, respLines(ds))
	// And a legacy .xls file is still a legacy .xls file.
	ds, err := Open(fixture("legacy_synthetic.xls"), opts)
	require.NoError(t, err)
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, gapanalysis.CodeLegacyXLS, ds.Diagnostics[0].Code)
}

func TestLegacyXLSMessageSaysHowToConvert(t *testing.T) {
	ds, err := Open(fixture("legacy_synthetic.xls"), testOptions())
	require.NoError(t, err)
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, "the file is an Excel 97–2003 workbook (.xls), which is not read; open it in Excel or LibreOffice Calc "+
		"and save it as an Excel Workbook (.xlsx), or convert it with: soffice --headless --convert-to xlsx legacy_synthetic.xls",
		ds.Diagnostics[0].Message)
}

// bombSheet is the worksheet part of a zip bomb: n zero bytes, deflated (about
// 1,300 times smaller).
func bombSheet(t testing.TB, n int) (deflated []byte, crc uint32) {
	return bombPart(t, "", 0, n)
}

// bombPart is prefix followed by n bytes of filler, deflated.
func bombPart(t testing.TB, prefix string, filler byte, n int) (deflated []byte, crc uint32) {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestSpeed)
	require.NoError(t, err)
	h := crc32.NewIEEE()
	_, err = w.Write([]byte(prefix))
	require.NoError(t, err)
	h.Write([]byte(prefix))
	zeros := bytes.Repeat([]byte{filler}, 1<<20)
	for left := n; left > 0; left -= len(zeros) {
		chunk := zeros[:min(left, len(zeros))]
		_, err = w.Write(chunk)
		require.NoError(t, err)
		h.Write(chunk)
	}
	require.NoError(t, w.Close())
	return buf.Bytes(), h.Sum32()
}

// zipBomb returns a workbook whose first worksheet part is replaced by
// deflated data; its zip directory declares the part's size as declared.
func zipBomb(t testing.TB, data []byte, crc uint32, declared uint64) []byte {
	t.Helper()
	good := xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}})
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc,
				CompressedSize64: uint64(len(data)), UncompressedSize64: declared})
			require.NoError(t, err)
			_, err = w.Write(data)
			require.NoError(t, err)
			continue
		}
		raw, err := f.OpenRaw()
		require.NoError(t, err)
		hdr := f.FileHeader
		w, err := zw.CreateRaw(&hdr)
		require.NoError(t, err)
		_, err = io.Copy(w, raw)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return out.Bytes()
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestZipBombs(t *testing.T) {
	const unpacked = 128 << 20 // 128 MiB of zeros in a file of about 160 KiB
	data, crc := bombSheet(t, unpacked)
	cases := []struct {
		name     string
		declared uint64
		limit    int64
		want     string
	}{
		// The directory tells the truth: refused from it, before unpacking.
		{"honest directory", unpacked, 16 << 20, "the workbook unpacks to 128 MiB, more than 16 MiB, the most that is read; a larger limit reads it (gapstudy --max-size, Options.MaxUnpackedSize)"},
		// Refused from the directory whatever the data: nothing is unpacked.
		{"directory over the default limit", 300 << 20, 0, "the workbook unpacks to 300 MiB, more than 256 MiB, the most that is read; a larger limit reads it (gapstudy --max-size, Options.MaxUnpackedSize)"},
		// The directory lies: refused while unpacking, at the size it declares.
		{"lying directory", 1000, 0, "the part xl/worksheets/sheet1.xml unpacks to more than the 1000 bytes its zip " +
			"directory declares: the file is damaged or built to exhaust memory (a zip bomb), so it was not read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bomb := zipBomb(t, data, crc, tc.declared)
			require.Less(t, len(bomb), 1<<20)
			opts := testOptions()
			opts.MaxUnpackedSize = tc.limit
			var ds *gapanalysis.Dataset
			var err error
			alloc := allocated(func() { ds, err = ReadXLSX(bytes.NewReader(bomb), "bomb.xlsx", opts) })
			require.NoError(t, err)
			// Refusing it takes no more memory than a few copies of the file:
			// nothing near what it unpacks to.
			assert.Less(t, alloc, uint64(16<<20), "bytes allocated while refusing the zip bomb")
			require.Len(t, ds.Diagnostics, 1, "%v", ds.Diagnostics)
			d := ds.Diagnostics[0]
			assert.Equal(t, gapanalysis.CodeTooLarge, d.Code)
			assert.Equal(t, gapanalysis.SevError, d.Severity)
			assert.Equal(t, tc.want, d.Message)
			assert.Equal(t, "bomb.xlsx", d.File)
			assert.Empty(t, ds.Responses.Slice())

			path := writeFile(t, "bomb.xlsx", bomb)
			alloc = allocated(func() { ds, err = Open(path, opts) })
			require.NoError(t, err)
			assert.Less(t, alloc, uint64(16<<20))
			require.Len(t, ds.Diagnostics, 1)
			assert.Equal(t, tc.want, ds.Diagnostics[0].Message)
		})
	}
}

func TestZipBombInALargeWorksheetPart(t *testing.T) {
	// A worksheet part larger than verifyPartSize is not unpacked before it is
	// read: the row reader unpacks it, and must not read it cut short at the
	// size the lying directory declares as if that were all there is.
	const declared = verifyPartSize + 1<<20
	data, crc := bombPart(t, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c><c r="B1" t="inlineStr"><is><t>Item</t></is></c>`+
		`<c r="C1" t="inlineStr"><is><t>Status</t></is></c></row>`, ' ', 4*declared)
	bomb := zipBomb(t, data, crc, declared)
	var ds *gapanalysis.Dataset
	var err error
	alloc := allocated(func() { ds, err = ReadXLSX(bytes.NewReader(bomb), "bomb.xlsx", testOptions()) })
	require.NoError(t, err)
	if !raceEnabled {
		assert.Less(t, alloc, uint64(4*declared), "bytes allocated while reading the zip bomb")
	}
	assert.Empty(t, ds.Responses.Slice())
	var stopped []gapanalysis.Code
	for _, d := range ds.Diagnostics {
		if d.Severity == gapanalysis.SevError {
			stopped = append(stopped, d.Code)
		}
	}
	require.Len(t, stopped, 1, "%v", ds.Diagnostics)
	assert.Contains(t, []gapanalysis.Code{gapanalysis.CodeTooLarge, gapanalysis.CodeReadError}, stopped[0])
}

func TestPartReader(t *testing.T) {
	book := xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}})
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	require.NoError(t, err)
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			part = f
		}
	}
	require.NotNil(t, part)
	size := int64(part.UncompressedSize64)

	t.Run("within the budget", func(t *testing.T) {
		budget := newUnpackBudget(size)
		pr, err := openPart(part, budget)
		require.NoError(t, err)
		b, err := io.ReadAll(pr)
		require.NoError(t, err)
		assert.Len(t, b, int(size))
		assert.Equal(t, int64(0), budget.left)
		require.NoError(t, pr.Close())
	})
	t.Run("over the budget", func(t *testing.T) {
		budget := newUnpackBudget(size - 1)
		pr, err := openPart(part, budget)
		require.NoError(t, err)
		b, err := io.ReadAll(pr)
		var d gapanalysis.Diagnostic
		require.ErrorAs(t, err, &d)
		assert.Equal(t, gapanalysis.CodeTooLarge, d.Code)
		assert.True(t, strings.HasPrefix(d.Message, "the workbook unpacks to more than "+sizeText(size-1)), d.Message)
		assert.LessOrEqual(t, int64(len(b)), size-1)
		// The budget is spent for every other part too.
		pr2, err := openPart(part, budget)
		require.NoError(t, err)
		_, err = io.ReadAll(pr2)
		assert.ErrorIs(t, err, gapanalysis.ErrTooLarge)
	})
	t.Run("no limit", func(t *testing.T) {
		pr, err := openPart(part, newUnpackBudget(-1))
		require.NoError(t, err)
		b, err := io.ReadAll(pr)
		require.NoError(t, err)
		assert.Len(t, b, int(size))
	})
}

func TestDamagedPart(t *testing.T) {
	book := xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "yes"}}})
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	require.NoError(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		raw, err := f.OpenRaw()
		require.NoError(t, err)
		hdr := f.FileHeader
		if f.Name == "xl/styles.xml" {
			hdr.CRC32++ // the part unpacks, but not to what was packed
		}
		w, err := zw.CreateRaw(&hdr)
		require.NoError(t, err)
		_, err = io.Copy(w, raw)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	ds := readXLSXBytes(t, out.Bytes(), "crc.xlsx", testOptions())
	require.Len(t, ds.Diagnostics, 1)
	assert.Equal(t, gapanalysis.CodeNotXLSX, ds.Diagnostics[0].Code)
	assert.Contains(t, ds.Diagnostics[0].Message, "the workbook is damaged: its part xl/styles.xml cannot be unpacked (zip: checksum error)")
}
