package importers

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

var (
	zipSignature  = []byte("PK\x03\x04")
	zipEmpty      = []byte("PK\x05\x06")
	oleSignature  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	saveAsXLSXTip = "open it in Excel or LibreOffice Calc and save it as an Excel Workbook (.xlsx)"
)

// ReadXLSX reads an xlsx or xlsm workbook, each sheet in its layout (detected,
// or forced by opts.Layout and opts.SheetLayouts). name is the file name used in
// diagnostics and sources (e.g. "AT.xlsx"). Every worksheet is read unless
// opts.Sheets says otherwise; cells are read as stored (0.5 stays "0.5",
// whatever its number format), row by row, so memory does not grow with a sheet.
//
// The error is non-nil only when opts has no checklist (ErrNoChecklist) or r
// fails. Content that is not an xlsx workbook gives an error diagnostic in the
// dataset: not-xlsx, legacy-xls (an Excel 97–2003 .xls file), encrypted (a
// password-protected workbook) or too-large.
func ReadXLSX(r io.Reader, name string, opts *Options) (*gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	ds := newDataset(name)
	b, tooLarge, err := readLimited(r, rd.maxSize)
	if err != nil {
		return nil, fmt.Errorf("importers: reading %s: %w", name, err)
	}
	if tooLarge {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
			"the file is larger than %s, the most that is read", sizeText(rd.maxSize)))
		return ds, nil
	}
	rd.readWorkbook(ds, bytes.NewReader(b), int64(len(b)), name, func(o excelize.Options) (*excelize.File, error) {
		return excelize.OpenReader(bytes.NewReader(b), o)
	})
	return ds, nil
}

// readLimited reads all of r, or reports that it holds more than limit bytes
// (limit < 0: no limit).
func readLimited(r io.Reader, limit int64) ([]byte, bool, error) {
	if limit < 0 {
		b, err := io.ReadAll(r)
		return b, false, err
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, false, err
	}
	return b, int64(len(b)) > limit, nil
}

// readWorkbook checks that ra holds an xlsx workbook within the size limit and
// reads its sheets; open opens it with excelize.
func (rd *reader) readWorkbook(ds *gapanalysis.Dataset, ra io.ReaderAt, size int64, name string,
	open func(excelize.Options) (*excelize.File, error)) {
	head := make([]byte, 512)
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	switch {
	case size == 0:
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, "the file is empty (0 bytes), not an xlsx workbook")
		return
	case bytes.HasPrefix(head, oleSignature):
		if plain := rd.decrypt(ds, ra, size, name); plain != nil {
			rd.readWorkbook(ds, bytes.NewReader(plain), int64(len(plain)), name, openBytes(plain))
		}
		return
	case !bytes.HasPrefix(head, zipSignature) && !bytes.HasPrefix(head, zipEmpty):
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, "the file is not an xlsx workbook: "+describeContent(head)+convertTip(name))
		return
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, fmt.Sprintf(
			"the file is not an xlsx workbook: its zip container is damaged (%v)%s", err, convertTip(name)))
		return
	}
	var unpacked uint64
	parts := map[string]bool{}
	for _, f := range zr.File {
		unpacked += f.UncompressedSize64
		parts[strings.ToLower(f.Name)] = true
	}
	if rd.maxSize >= 0 && unpacked > uint64(rd.maxSize) {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
			"the workbook unpacks to %s, more than %s, the most that is read; a larger limit reads it "+
				"(gapstudy --max-size, Options.MaxUnpackedSize)", sizeText(int64(min(unpacked, math.MaxInt64))), sizeText(rd.maxSize)))
		return
	}
	if !parts["xl/workbook.xml"] {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, "the file is not an xlsx workbook: "+describeZip(parts)+convertTip(name))
		return
	}
	if !rd.verifyParts(ds, zr, name) {
		return
	}
	// excelize may panic on a damaged part; that is a problem of the file.
	defer func() {
		if p := recover(); p != nil {
			rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeReadError, fmt.Sprintf(
				"the workbook is damaged and could not be read to the end (%v); %s", p, saveAsXLSXTip))
		}
	}()
	limit := rd.maxSize
	if limit < 0 {
		limit = math.MaxInt64
	}
	xopts := excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    limit,
		UnzipXMLSizeLimit: min(limit, bigPartSize),
	}
	// Rows are read with the sheet-data reader (sheetdata.go), or with
	// excelize's Rows when Options.Engine says so (data is then nil). The
	// sheets it reads that are too large for excelize to keep in memory are
	// stubs in what excelize is given (view.go): it would unpack each into a
	// temporary file, to no use.
	data := rd.sheetReader(zr)
	f, stubbed, err := openView(zr, data, xopts, open)
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, fmt.Sprintf(
			"the workbook could not be opened (%v); %s", err, saveAsXLSXTip))
		return
	}
	wb := &workbook{File: f, data: data, stubbed: stubbed}
	defer func() { _ = wb.Close() }()
	readDates(data, f)

	// A questionnaire written by "gapstudy template" is read as a whole (see
	// questionnaire.go), unless the options force another layout. Its sheets
	// are read with excelize, which is then given every sheet as it is.
	if cover, ok := rd.questionnaireCover(wb); ok && rd.register == nil && rd.panel == nil {
		if wb.hasStubs() {
			full, err := open(xopts)
			if err != nil {
				if full != nil {
					_ = full.Close()
				}
				rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX, fmt.Sprintf(
					"the workbook could not be opened (%v); %s", err, saveAsXLSXTip))
				return
			}
			_ = wb.Close()
			wb = &workbook{File: full}
		}
		rd.readQuestionnaire(ds, wb, name, cover)
		return
	}
	// A results workbook written by "gapstudy run" is read from its Data
	// sheet only (see results.go).
	if info, ok := rd.isResultsWorkbook(wb); ok {
		rd.readResultsWorkbook(ds, wb, data, name, info)
		return
	}
	for _, sheet := range rd.selectSheets(ds, f.GetSheetList(), name) {
		hiddenSheet(ds, f, name, sheet)
		rd.readWorksheet(ds, f, data, name, sheet)
	}
}

// readWorksheet reads one sheet of an open workbook in its layout. The rows are
// closed (and a read-ahead goroutine stopped) even if a reader panics.
func (rd *reader) readWorksheet(ds *gapanalysis.Dataset, f *excelize.File, data *sheetData, name, sheet string) {
	rows, err := rd.openRows(f, data, sheet)
	if err != nil {
		d := gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeReadError,
			fmt.Sprintf("the sheet could not be read (%v)", err))
		d.File, d.Sheet = name, sheet
		ds.Diagnostics = append(ds.Diagnostics, d)
		return
	}
	defer rows.Close()
	// sheetCells notes hidden rows and formulas without values as the layout
	// readers read the rows, and reports them after.
	merges, looked := sheetMerges(f, data, sheet)
	src := newSheetCells(rows)
	rd.readSheet(ds, fillMerged(src, merges), name, sheet)
	src.report(ds, name, sheet)
	if sr, ok := rows.(*sheetRows); ok && !looked {
		unappliedMerges(ds, name, sheet, sr.trailingMerges())
	}
}

// selectSheets returns the sheets to read, in workbook order, and reports the
// names in rd.sheets that the workbook does not have.
func (rd *reader) selectSheets(ds *gapanalysis.Dataset, all []string, name string) []string {
	if len(rd.sheets) == 0 {
		return all
	}
	want := map[string]bool{}
	for _, s := range rd.sheets {
		match := ""
		for _, a := range all {
			if a == s {
				match = a
				break
			}
		}
		if match == "" {
			for _, a := range all {
				if strings.EqualFold(a, s) {
					match = a
					break
				}
			}
		}
		if match == "" {
			rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeMissingSheet, fmt.Sprintf(
				"the workbook has no sheet %s (its sheets: %s)", quote(s), strings.Join(all, ", ")))
			continue
		}
		want[match] = true
	}
	var out []string
	for _, a := range all {
		if want[a] {
			out = append(out, a)
		}
	}
	return out
}

// xlsxRows adapts excelize's streaming row iterator to rowSource.
type xlsxRows struct {
	rows  excelRows
	num   int
	cells []string
	err   error

	beyond  []string // rows with a cell past column XFD, for OffGrid
	nBeyond int
}

func (x *xlsxRows) Next() bool {
	if x.err != nil || !x.rows.Next() {
		return false
	}
	x.num++
	x.cells, x.err = x.rows.Columns()
	if errors.Is(x.err, excelize.ErrColumnNumber) {
		// A cell past column XFD: excelize gives the cells before it, and
		// goes on with the next row.
		x.err = nil
		if len(x.beyond) < maxListed {
			x.beyond = append(x.beyond, fmt.Sprintf("one in row %d (with the cells after it in that row)", x.num))
		}
		x.nBeyond++
	}
	return x.err == nil
}

// OffGrid returns the cells past Excel's last column met so far (see
// sheetRows.OffGrid): excelize names their rows only.
func (x *xlsxRows) OffGrid() ([]string, int) { return x.beyond, x.nBeyond }

func (x *xlsxRows) Row() (int, []string) { return x.num, x.cells }

func (x *xlsxRows) Err() error {
	err := x.err
	if err == nil {
		err = x.rows.Error()
	}
	if errors.Is(err, excelize.ErrMaxRows) {
		return fmt.Errorf("%w: %w", err, gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge,
			"the sheet has a row past row 1,048,576, the last a sheet has; the rows from it on were not read"))
	}
	return err
}

// oleDiag reports an OLE2 compound file: an encrypted workbook (it holds an
// EncryptionInfo stream), a legacy .xls workbook (a Workbook or Book stream) or
// something else.
func (rd *reader) oleDiag(ds *gapanalysis.Dataset, ra io.ReaderAt, size int64, name string) {
	streams, err := oleStreams(io.NewSectionReader(ra, 0, size))
	switch {
	case streams["encryptioninfo"] || streams["encryptedpackage"]:
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeEncrypted,
			"the workbook is protected with a password (encrypted), so it cannot be read without it; "+
				"give the password (gapstudy --password, or the GAPSTUDY_PASSWORD environment variable), "+
				"or open it in Excel or LibreOffice Calc, remove the password and save it again as .xlsx")
	case streams["workbook"] || streams["book"]:
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeLegacyXLS,
			"the file is an Excel 97–2003 workbook (.xls), which is not read; "+saveAsXLSXTip+convertTip(name))
	case err != nil:
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeLegacyXLS, fmt.Sprintf(
			"the file looks like an Excel 97–2003 workbook (.xls) but its container is damaged (%v); %s",
			err, saveAsXLSXTip))
	default:
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX,
			"the file is an OLE2 compound document (such as a Word 97–2003 .doc), not a spreadsheet")
	}
}

// oleStreams lists the stream names (lower case) of an OLE2 compound file.
func oleStreams(ra io.ReaderAt) (names map[string]bool, err error) {
	names = map[string]bool{}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("damaged compound file: %v", p)
		}
	}()
	doc, err := mscfb.New(ra)
	if err != nil {
		return names, err
	}
	for i := 0; i < 100000; i++ {
		entry, err := doc.Next()
		if errors.Is(err, io.EOF) {
			return names, nil
		}
		if err != nil {
			return names, err
		}
		names[strings.ToLower(entry.Name)] = true
	}
	return names, nil
}

// describeContent says what a file that is not a zip container seems to be.
func describeContent(head []byte) string {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(trimmed)
	switch {
	case bytes.HasPrefix(lower, []byte("%pdf")):
		return "it is a PDF document"
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<table")):
		return "it is a web page (HTML), as some tools export under an .xls name; " + saveAsXLSXTip
	case bytes.HasPrefix(lower, []byte("<?xml")):
		return "it is an XML file (perhaps an Excel 2003 XML spreadsheet); " + saveAsXLSXTip
	case bytes.HasPrefix(lower, []byte("{\\rtf")):
		return "it is an RTF document"
	case looksLikeText(head):
		return "it is plain text; if it is CSV, give it a .csv name"
	}
	return "its content is not a spreadsheet"
}

// describeZip says what a zip container without an xlsx workbook part holds.
func describeZip(parts map[string]bool) string {
	switch {
	case parts["xl/workbook.bin"]:
		return "it is an Excel binary workbook (.xlsb); " + saveAsXLSXTip
	case parts["mimetype"] && parts["content.xml"]:
		return "it is an OpenDocument file (such as .ods); " + saveAsXLSXTip
	case parts["word/document.xml"]:
		return "it is a Word document (.docx)"
	case parts["ppt/presentation.xml"]:
		return "it is a PowerPoint presentation (.pptx)"
	}
	return "it is a zip archive without a workbook in it"
}

// looksLikeText reports whether b has no NUL bytes and few control characters.
func looksLikeText(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			ctrl++
		}
	}
	return ctrl*20 < len(b)
}

// fileDiag appends a diagnostic about a whole file.
func (rd *reader) fileDiag(ds *gapanalysis.Dataset, name string, sev gapanalysis.Severity, code gapanalysis.Code, msg string) {
	d := gapanalysis.NewDiagnostic(sev, code, msg)
	d.File = name
	ds.Diagnostics = append(ds.Diagnostics, d)
}

// sizeText writes a byte count for people: "256 MiB", "1.5 KiB", "12 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return trimZero(float64(n)/(1<<30)) + " GiB"
	case n >= 1<<20:
		return trimZero(float64(n)/(1<<20)) + " MiB"
	case n >= 1<<10:
		return trimZero(float64(n)/(1<<10)) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(x float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", x), ".0")
}

// newDataset returns an empty dataset labelled with the file name; it is marked
// synthetic when the name says "synthetic" (as the project's made-up data do).
func newDataset(name string) *gapanalysis.Dataset {
	return &gapanalysis.Dataset{
		Label:     name,
		Synthetic: strings.Contains(strings.ToLower(name), "synthetic"),
	}
}
