package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// bigPartSize is the unpacked size above which excelize does not keep a
// worksheet in memory but unpacks it into a temporary file when the workbook
// is opened (its UnzipXMLSizeLimit). A worksheet that large, whose rows the
// sheet-data reader reads straight from the zip container, is shown to excelize
// as an empty stub instead (see stubView), so that opening the workbook writes
// nothing to disk: the 100,000-respondent export's 286 MiB sheet was unpacked
// into the temporary folder on every run.
var bigPartSize int64 = excelize.StreamChunkSize

// stubWorksheet is the worksheet excelize is given in place of a large one: no
// rows, no merged cells, nothing else.
var stubWorksheet = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`)

// workbook is a workbook opened with excelize, perhaps through a view of its
// package in which the large worksheets are stubs (see stubView). Everything
// excelize reads from the workbook part, the styles and the small sheets is
// as in the file; the rows of a stubbed sheet are read by the sheet-data
// reader, so that Rows gives the rows of every sheet as stored.
type workbook struct {
	*excelize.File
	data    *sheetData      // reads the stubbed sheets; nil when there are none
	stubbed map[string]bool // names of the sheets whose rows excelize cannot give as stored (stubPlan)
}

// excelRows is what is read of a sheet's rows through excelize's Rows:
// *excelize.Rows, or partRows for a stubbed sheet.
type excelRows interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	GetRowOpts() excelize.RowOpts
	Error() error
	Close() error
}

// Rows opens the rows of a sheet, values as stored: with excelize, or with the
// sheet-data reader when excelize sees the sheet, or the shared strings, as a
// stub.
func (w *workbook) Rows(sheet string) (excelRows, error) {
	if w.stubbed[sheet] {
		src, err := w.data.rawRows(sheet)
		if err != nil {
			return nil, err
		}
		return &partRows{src: src}, nil
	}
	return w.File.Rows(sheet)
}

// hasStubs reports whether excelize sees some part as a stub.
func (w *workbook) hasStubs() bool { return len(w.stubbed) > 0 }

// partRows gives the rows of the sheet-data reader the way excelize's Rows
// does (the sheet-data reader gives excelize's rows and cells, values as
// stored). It reads the first rows of a stubbed sheet when the workbook is
// looked at (is it a questionnaire? a results workbook?).
type partRows struct {
	src   *sheetRows
	cells []string
}

func (p *partRows) Next() bool {
	if !p.src.Next() {
		return false
	}
	_, p.cells = p.src.Row()
	return true
}

func (p *partRows) Columns(...excelize.Options) ([]string, error) { return p.cells, nil }
func (p *partRows) GetRowOpts() excelize.RowOpts                  { return excelize.RowOpts{Hidden: p.src.Hidden()} }
func (p *partRows) Error() error                                  { return p.src.Err() }
func (p *partRows) Close() error                                  { return p.src.Close() }

// stubPlan says which parts of a workbook excelize is given as stubs: the
// worksheets read by the sheet-data reader that unpack to more than
// bigPartSize, and the shared strings when they do (excelize would unpack them
// into a temporary file too). sheets are the sheets whose rows excelize cannot
// give as stored: those stubbed, and every sheet when the shared strings are.
type stubPlan struct {
	parts  map[*zip.File][]byte // part → what excelize is given instead
	sheets map[string]bool
}

// stubEmptySST is the shared-strings part excelize is given in place of a
// large one.
var stubEmptySST = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`)

// planStubs returns the stubs of the workbook that data reads.
func planStubs(data *sheetData) stubPlan {
	plan := stubPlan{parts: map[*zip.File][]byte{}, sheets: map[string]bool{}}
	big := func(f *zip.File) bool { return f != nil && f.UncompressedSize64 > uint64(bigPartSize) }
	for sheet, part := range data.parts {
		if f := data.files[part]; big(f) {
			plan.parts[f] = stubWorksheet
			plan.sheets[sheet] = true
		}
	}
	// excelize reads the shared strings from xl/sharedStrings.xml (the name
	// in any case); the sheet-data reader from the part the workbook's
	// relationships name, usually the same one.
	sst := false
	for name, f := range data.files {
		if (name == data.sstPart || strings.EqualFold(name, "xl/sharedStrings.xml")) && big(f) {
			plan.parts[f] = stubEmptySST
			sst = true
		}
	}
	if sst {
		for sheet := range data.parts {
			plan.sheets[sheet] = true
		}
	}
	return plan
}

// stubView writes a copy of the package in zr in which each part of stubs is
// replaced by its stub. The other parts are copied as they are stored,
// compressed, with their relationships and content types, so that the view
// holds little more than the file's small parts.
func stubView(zr *zip.Reader, stubs map[*zip.File][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if stub, ok := stubs[f]; ok {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
			if err == nil {
				_, err = w.Write(stub)
			}
			if err != nil {
				return nil, fmt.Errorf("writing the stub of %s: %w", f.Name, err)
			}
			continue
		}
		fh := f.FileHeader
		w, err := zw.CreateRaw(&fh)
		if err != nil {
			return nil, fmt.Errorf("copying %s: %w", f.Name, err)
		}
		r, err := f.OpenRaw()
		if err == nil {
			_, err = io.Copy(w, r)
		}
		if err != nil {
			return nil, fmt.Errorf("copying %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// openView opens a workbook with excelize: through a view of zr with the stubs
// of planStubs, when the sheet-data reader (data) reads a part large enough to
// have one, else with open. It returns the sheets whose rows excelize cannot
// give as stored (stubPlan.sheets).
func openView(zr *zip.Reader, data *sheetData, o excelize.Options,
	open func(excelize.Options) (*excelize.File, error)) (*excelize.File, map[string]bool, error) {
	var plan stubPlan
	if data != nil {
		plan = planStubs(data)
	}
	if len(plan.parts) == 0 {
		f, err := open(o)
		return f, nil, err
	}
	view, err := stubView(zr, plan.parts)
	if err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(view), o)
	return f, plan.sheets, err
}
