package importers

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// Engine names the code that reads the rows of a worksheet. The rest of a
// workbook (its sheet list, visibility, styles, encryption) is always read
// with excelize.
type Engine string

const (
	// EngineFast reads a worksheet's rows straight from the zip container with
	// the importers' own tokenizer, resolving shared strings once per workbook,
	// several times faster than excelize's Rows (docs/performance.md). Its rows
	// and cells are excelize's, checked on every workbook in testdata; on top
	// of them it turns numbers formatted as dates into ISO 8601 text and reports
	// formula cells without a cached value (formula-no-value), which excelize's
	// Rows cannot tell from empty cells. The zero value "" means EngineFast.
	EngineFast Engine = "fast"
	// EngineExcelize reads a worksheet's rows with excelize's streaming Rows
	// iterator, values as stored: dates as serial numbers, formulas without a
	// cached value as empty cells, without a diagnostic.
	EngineExcelize Engine = "excelize"
)

// Relationship types that lead from the package to the worksheets.
const (
	relOfficeDocument       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relOfficeDocumentStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
	relSharedStrings        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	relSharedStringsStrict  = "http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings"
)

// Limits of the intern table that lets repeated cell values share one string.
const (
	internMaxLen     = 64      // longest value interned, in bytes
	internMaxEntries = 1 << 14 // values interned per workbook
)

// sheetData reads worksheet rows straight from a workbook's zip container: the
// worksheet part of a sheet is found through xl/workbook.xml and its
// relationships, the shared strings are read once into a table, and the rows
// are tokenized as they are decompressed (sheetRows), so that memory does not
// grow with the number of rows. The shared-string table is the only table the
// size of the file, bounded by the unpacked-size limit checked before.
type sheetData struct {
	files   map[string]*zip.File // zip entries by name
	parts   map[string]string    // sheet name → worksheet part name
	sstPart string               // shared-strings part name, "" when there is none
	sst     []string             // the shared strings, once read
	sstRead bool
	sstErr  error
	intern  map[string]string
	// dates, when not nil, turns numbers shown as dates into ISO 8601 text
	// (see dateStyles); nil gives every value as stored.
	dates *dateStyles
	// budget is what the parts may still unpack to (nil: no limit); a part
	// that unpacks to more, or to more than its zip directory entry declares,
	// stops with a too-large diagnostic as the error (see partReader).
	budget *unpackBudget
}

// newSheetData finds the worksheet parts of the workbook in zr.
func newSheetData(zr *zip.Reader) (*sheetData, error) {
	d := &sheetData{
		files:  make(map[string]*zip.File, len(zr.File)),
		parts:  map[string]string{},
		intern: map[string]string{},
	}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		if _, dup := d.files[name]; !dup {
			d.files[name] = f
		}
	}
	wbPath := "xl/workbook.xml"
	if rels, err := d.readRels("_rels/.rels"); err == nil {
		for _, r := range rels {
			if r.Type == relOfficeDocument || r.Type == relOfficeDocumentStrict {
				wbPath = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
				break
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := d.readXMLPart(wbPath, &wb); err != nil {
		return nil, fmt.Errorf("reading the workbook part %s: %w", wbPath, err)
	}
	rels, err := d.readRels(path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels"))
	if err != nil {
		return nil, fmt.Errorf("reading the relationships of %s: %w", wbPath, err)
	}
	target := func(r relationship) string {
		if strings.HasPrefix(r.Target, "/") {
			return strings.TrimPrefix(path.Clean(r.Target), "/")
		}
		return strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+r.Target), "/")
	}
	byID := map[string]string{}
	for _, r := range rels {
		byID[r.ID] = target(r)
		if (r.Type == relSharedStrings || r.Type == relSharedStringsStrict) && d.sstPart == "" {
			if _, ok := d.files[target(r)]; ok {
				d.sstPart = target(r)
			}
		}
	}
	if d.sstPart == "" {
		for name := range d.files {
			if strings.EqualFold(name, "xl/sharedStrings.xml") {
				d.sstPart = name
				break
			}
		}
	}
	for _, s := range wb.Sheets {
		var name, id string
		for _, a := range s.Attrs {
			switch {
			case a.Name.Local == "name" && a.Name.Space == "":
				name = a.Value
			case a.Name.Local == "id" && a.Name.Space != "":
				id = a.Value
			}
		}
		if p, ok := byID[id]; ok && name != "" {
			if _, exists := d.files[p]; exists {
				d.parts[name] = p
			}
		}
	}
	return d, nil
}

// relationship is one entry of a .rels part.
type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// readRels reads a relationships part.
func (d *sheetData) readRels(name string) ([]relationship, error) {
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	err := d.readXMLPart(name, &rels)
	return rels.Rels, err
}

// readXMLPart decodes a small XML part (the workbook and its relationships)
// with encoding/xml.
func (d *sheetData) readXMLPart(name string, v any) error {
	f, ok := d.files[name]
	if !ok {
		return fmt.Errorf("the workbook has no part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return charsetReader(label, r)
	}
	return dec.Decode(v)
}

// sharedStrings reads the shared-string table, once.
func (d *sheetData) sharedStrings() ([]string, error) {
	if d.sstRead {
		return d.sst, d.sstErr
	}
	d.sstRead = true
	if d.sstPart == "" {
		return nil, nil
	}
	rc, err := openPart(d.files[d.sstPart], d.budget)
	if err == nil {
		d.sst, err = readSharedStrings(newXMLScanner(rc), d.intern)
		_ = rc.Close()
	}
	if err != nil {
		d.sstErr = fmt.Errorf("the shared strings (%s) could not be read: %w", d.sstPart, err)
	}
	return d.sst, d.sstErr
}

// readSharedStrings reads the <si> children of the root element of a shared
// strings part: each one's text is its <t> followed by the <t> of each of its
// rich-text runs <r>; phonetic runs <rPh> are left out; "_xHHHH_" escapes are
// decoded as excelize does.
func readSharedStrings(sc *xmlScanner, intern map[string]string) ([]string, error) {
	var (
		out   []string
		rt    richText
		depth int
	)
	for {
		k, err := sc.next()
		if err != nil {
			return out, err
		}
		switch k {
		case tokEOF:
			if depth > 0 {
				return out, sc.syntaxErr("the input ends inside the shared strings")
			}
			return out, nil
		case tokStart:
			if depth == 1 && string(localName(sc.name)) == "si" {
				rt.reset()
				if err := rt.read(sc); err != nil {
					return out, err
				}
				out = append(out, internString(intern, rt.value()))
				continue
			}
			if !sc.empty {
				depth++
			} else if depth == 0 {
				return out, nil // an empty root element
			}
		case tokEnd:
			depth--
			if depth <= 0 {
				return out, nil // the end of the root element
			}
		}
	}
}

// richText collects the text of a string item (<si>) or inline string (<is>)
// as excelize decodes it: the last direct <t> child, then the last <t> of each
// <r> run, in order.
type richText struct {
	t, runs, run, out []byte
}

func (rt *richText) reset() { rt.t, rt.runs = rt.t[:0], rt.runs[:0] }

// read reads the element whose start tag the scanner just read. It may be
// called again for a second element of the same cell: its <t> replaces the
// first one's, its runs are added.
func (rt *richText) read(sc *xmlScanner) error {
	if sc.empty {
		return nil
	}
	for {
		k, err := sc.next()
		switch {
		case err != nil:
			return err
		case k == tokEOF:
			return sc.syntaxErr("the input ends inside a string item")
		case k == tokEnd:
			return nil
		}
		switch string(localName(sc.name)) {
		case "t":
			if rt.t, err = sc.readText(rt.t[:0]); err != nil {
				return err
			}
		case "r":
			if err := rt.readRun(sc); err != nil {
				return err
			}
		default:
			if err := sc.skipElement(); err != nil {
				return err
			}
		}
	}
}

// readRun reads a rich-text run <r>: only its last <t> counts.
func (rt *richText) readRun(sc *xmlScanner) error {
	if sc.empty {
		return nil
	}
	rt.run = rt.run[:0]
	for {
		k, err := sc.next()
		switch {
		case err != nil:
			return err
		case k == tokEOF:
			return sc.syntaxErr("the input ends inside a rich-text run")
		case k == tokEnd:
			rt.runs = append(rt.runs, rt.run...)
			return nil
		}
		if string(localName(sc.name)) == "t" {
			rt.run, err = sc.readText(rt.run[:0])
		} else {
			err = sc.skipElement()
		}
		if err != nil {
			return err
		}
	}
}

// value returns the text, with "_xHHHH_" escapes decoded. It is valid until
// the next call to a method of rt.
func (rt *richText) value() []byte {
	rt.out = append(append(rt.out[:0], rt.t...), rt.runs...)
	if bytes.Contains(rt.out, []byte("_x")) {
		rt.out = unescapeOOXML(rt.out)
	}
	return rt.out
}

// unescapeOOXML decodes the "_xHHHH_" escapes with which Excel writes
// characters XML cannot hold (such as "_x000D_" for a carriage return), the way
// excelize does: each escape becomes its UTF-16 code unit ("_x005F_", a
// literal "_"), a lone surrogate becomes nothing, and escapes are found left to
// right without overlapping, so "_x005F_x0041_" gives "_x0041_".
func unescapeOOXML(b []byte) []byte {
	var out []byte
	last, found := 0, false
	for i := 0; i+7 <= len(b); {
		if b[i] != '_' || b[i+1] != 'x' || b[i+6] != '_' {
			i++
			continue
		}
		v, ok := 0, true
		for _, c := range b[i+2 : i+6] {
			switch {
			case '0' <= c && c <= '9':
				v = v<<4 | int(c-'0')
			case 'a' <= c && c <= 'f':
				v = v<<4 | int(c-'a'+10)
			case 'A' <= c && c <= 'F':
				v = v<<4 | int(c-'A'+10)
			default:
				ok = false
			}
		}
		if !ok {
			i++
			continue
		}
		out = append(out, b[last:i]...)
		found = true
		if !(0xD800 <= v && v <= 0xDFFF) {
			out = utf8.AppendRune(out, rune(v))
		}
		i += 7
		last = i
	}
	if !found {
		return b
	}
	return append(out, b[last:]...)
}

// internString returns b as a string, sharing one copy of short repeated values
// ("Yes", "0.5") per workbook.
func internString(intern map[string]string, b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > internMaxLen {
		return string(b)
	}
	if s, ok := intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(intern) < internMaxEntries {
		intern[s] = s
	}
	return s
}

// partOf returns the worksheet part of a sheet, named exactly or else ignoring
// case.
func (d *sheetData) partOf(sheet string) (string, bool) {
	if part, ok := d.parts[sheet]; ok {
		return part, true
	}
	for name, p := range d.parts {
		if strings.EqualFold(name, sheet) {
			return p, true
		}
	}
	return "", false
}

// rows opens the rows of a sheet (named as in the workbook). The caller closes
// them. When the shared strings cannot be read, the rows stop at once with
// that error (a too-large diagnostic, wrapped, when they unpack to too much).
func (d *sheetData) rows(sheet string) (*sheetRows, error) {
	part, ok := d.partOf(sheet)
	if !ok {
		return nil, fmt.Errorf("the workbook has no worksheet part for sheet %q", sheet)
	}
	sst, sstErr := d.sharedStrings()
	zf := d.files[part]
	var rc io.ReadCloser
	rc, err := openPart(zf, d.budget)
	if err != nil {
		return nil, err
	}
	if zf.UncompressedSize64 >= readAheadMin {
		rc = newReadAhead(rc)
	}
	return &sheetRows{sc: newXMLScanner(rc), rc: rc, sst: sst, intern: d.intern, dates: d.dates, err: sstErr}, nil
}

// rawRows opens the rows of a sheet as excelize's Rows gives them, values as
// stored (numbers formatted as dates stay numbers), for a look at its first
// rows: the part is unpacked as it is read, not read ahead, and what is read
// does not count against the workbook's budget, which is kept for the rows
// read in full (the part is still stopped at the size its zip directory
// declares, checked against the limit before).
func (d *sheetData) rawRows(sheet string) (*sheetRows, error) {
	part, ok := d.partOf(sheet)
	if !ok {
		return nil, fmt.Errorf("the workbook has no worksheet part for sheet %q", sheet)
	}
	sst, sstErr := d.sharedStrings()
	rc, err := openPart(d.files[part], nil)
	if err != nil {
		return nil, err
	}
	return &sheetRows{sc: newXMLScanner(rc), rc: rc, sst: sst, intern: d.intern, err: sstErr}, nil
}

// sheetRows is a rowSource over a worksheet part. It gives the rows and cells
// that excelize's Rows and Columns give with RawCellValue (values as stored,
// no number formats): rows are numbered from 1 with the gaps between stored
// rows given as empty rows; a cell's column comes from its r attribute, or
// follows the previous cell when there is none; empty cells are "" and trailing
// empty cells are left out; a shared string (t="s") is looked up, an inline
// string (t="inlineStr") is its text, any other cell its <v> as written; a
// formula cell gives its cached value, and "" when it has none (a formula cell
// is never left out, even when empty). Malformed row and cell references stop
// the rows with an error, as in excelize.
//
// The state below mirrors excelize's Rows (v2.11.1) so that even unusual
// files — rows without numbers, rows out of order, cells after </row> — come
// out the same: seekRow is the row being read, curRow the number of the last
// row element seen.
type sheetRows struct {
	sc     *xmlScanner
	rc     io.Closer
	sst    []string
	intern map[string]string
	dates  *dateStyles // nil: numbers as stored

	curRow, seekRow int
	saved           bool // a row start tag was read by Next and not yet by columns
	savedRow        rowTag
	tagHidden       bool // hidden attribute of the last row tag read
	stopped         bool
	err             error

	cells   []string
	noValue []int // columns (0-based) of formula cells without a cached value
	hidden  bool

	merged  []string // merged ranges spanning rows, met after the rows
	beyond  []string // the first references of cells past Excel's grid, not read
	nBeyond int      // how many such cells there are

	// Scratch for the current cell: its <v>, rich text, reference, type and
	// element name.
	v, ref, typ, style, name []byte
	rt                       richText
}

// rowTag holds the attributes of a <row> start tag that matter.
type rowTag struct {
	num    int   // r, as excelize's attrValToInt reads it
	numErr error // its error
	hidden bool
}

// Next advances to the next row; false at the end of the sheet data or on an
// error (see Err).
func (s *sheetRows) Next() bool {
	if s.err != nil || s.stopped {
		return false
	}
	s.seekRow++
	if s.curRow < s.seekRow {
		// Find the next row start tag, as excelize's Rows.Next does.
		for {
			k, err := s.sc.next()
			if err != nil {
				s.err = err
				return false
			}
			if k == tokEOF {
				s.stopped = true
				return false
			}
			local := localName(s.sc.name)
			if k == tokStart && string(local) == "mergeCell" {
				s.noteMerge() // after the rows: the merged cells
				continue
			}
			if k == tokStart && string(local) == "row" {
				tag := s.rowTag()
				s.curRow++
				if tag.num > excelize.TotalRows {
					s.err = pastLastRow(tag.num)
					return false
				}
				if tag.num != 0 {
					s.curRow = tag.num
				}
				s.saved, s.savedRow, s.tagHidden = true, tag, tag.hidden
				break
			}
			if string(local) == "sheetData" && (k == tokEnd || s.sc.empty) {
				s.stopped = true
				return false
			}
		}
	}
	if err := s.columns(); err != nil {
		s.err = err
		return false
	}
	return true
}

// columns reads the cells of row seekRow, as excelize's Rows.Columns does: up
// to the next row start tag or the end of the sheet data.
func (s *sheetRows) columns() error {
	s.cells, s.noValue, s.hidden = s.cells[:0], s.noValue[:0], false
	if s.curRow > s.seekRow {
		return nil // a row missing from the file: empty
	}
	if !s.saved && s.curRow == s.seekRow {
		s.hidden = s.tagHidden // its start tag was read at the end of the previous row
	}
	col := 0
	for {
		var (
			tag     rowTag
			fromTag = s.saved
		)
		if s.saved {
			tag, s.saved = s.savedRow, false
		} else {
			k, err := s.sc.next()
			if err != nil {
				return err
			}
			if k == tokEOF {
				return nil
			}
			name := localName(s.sc.name)
			if string(name) == "sheetData" && (k == tokEnd || s.sc.empty) {
				return nil
			}
			if k != tokStart {
				continue
			}
			switch string(name) {
			case "row":
				tag = s.rowTag()
			case "c":
				if col, err = s.cell(col); err != nil {
					return err
				}
				continue
			default:
				continue
			}
		}
		switch {
		case tag.num > excelize.TotalRows:
			// The row being read is complete: it is given, and the rows
			// stop after it.
			s.stopped = true
			s.err = pastLastRow(tag.num)
			return nil
		case tag.num != 0:
			s.curRow = tag.num
		case !fromTag:
			s.curRow++
		}
		s.tagHidden = tag.hidden
		if s.curRow > s.seekRow {
			return tag.numErr // the next row starts
		}
		if tag.numErr != nil {
			return tag.numErr
		}
		s.hidden = tag.hidden
	}
}

// pastLastRow is the too-large diagnostic of a row past Excel's last row.
func pastLastRow(num int) error {
	d := gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
		"the sheet has a row %s, past row %s, the last a sheet has; the rows from it on were not read",
		gapanalysis.GroupThousands(num), gapanalysis.GroupThousands(excelize.TotalRows)))
	d.Row = num
	return fmt.Errorf("row %d: %w", num, d)
}

// rowTag reads the attributes of the row start tag just read.
func (s *sheetRows) rowTag() rowTag {
	var t rowTag
	it := attrIter{s.sc.attrs}
	for {
		name, val, ok := it.next()
		if !ok {
			return t
		}
		switch string(localName(name)) {
		case "r":
			if t.numErr == nil {
				t.num, t.numErr = atoiAttr(val)
				if t.numErr != nil {
					t.numErr = fmt.Errorf("the row number r=%q is not a number", val)
				}
			}
		case "hidden":
			if b, err := strconv.ParseBool(string(unescapeText(nil, val))); err == nil {
				t.hidden = b
			}
		}
	}
}

// atoiAttr reads an integer attribute as strconv.Atoi does, after decoding it.
func atoiAttr(val []byte) (int, error) {
	if n := len(val); n > 0 && n <= 9 {
		v := 0
		for _, c := range val {
			if c < '0' || c > '9' {
				goto slow
			}
			v = v*10 + int(c-'0')
		}
		return v, nil
	}
slow:
	return strconv.Atoi(string(unescapeText(nil, val)))
}

// cell reads a cell (its start tag was just read) whose column, when it has no
// reference, follows col, and adds it to the row. It returns the cell's
// column.
func (s *sheetRows) cell(col int) (int, error) {
	var hasV, hasF, hasIS bool // the cell has a <v>, <f>, <is>
	selfClosed := s.sc.empty
	s.ref, s.typ, s.style = s.ref[:0], s.typ[:0], s.style[:0]
	it := attrIter{s.sc.attrs}
	for {
		name, val, ok := it.next()
		if !ok {
			break
		}
		switch string(localName(name)) {
		case "r":
			s.ref = unescapeText(s.ref[:0], val)
		case "t":
			s.typ = unescapeText(s.typ[:0], val)
		case "s":
			if s.dates != nil {
				s.style = append(s.style[:0], val...)
			}
		}
	}
	// The tag's bytes are overwritten by the next read: keep the name.
	s.name = append(s.name[:0], s.sc.name...)
	s.v = s.v[:0]
	s.rt.reset()
	if !selfClosed {
	content:
		for {
			k, err := s.sc.next()
			switch {
			case err != nil:
				return col, err
			case k == tokEOF:
				return col, s.sc.syntaxErr("the input ends inside cell %s", s.ref)
			case k == tokEnd:
				if bytes.Equal(s.sc.name, s.name) {
					break content
				}
				continue
			}
			switch string(localName(s.sc.name)) {
			case "v":
				hasV = true
				s.v, err = s.sc.readText(s.v[:0])
			case "f":
				hasF = true
				err = s.sc.skipElement()
			case "is":
				hasIS = true
				err = s.rt.read(s.sc)
			}
			if err != nil {
				return col, err
			}
		}
	}
	col++
	if len(s.ref) > 0 {
		c, err := refColumn(s.ref)
		if errors.Is(err, excelize.ErrColumnNumber) || errors.Is(err, excelize.ErrMaxRows) {
			// Past Excel's grid (XFE1): that cell is reported, the rest read.
			s.offGrid(string(s.ref))
			return col - 1, nil
		}
		if err != nil {
			return col, err
		}
		col = c
	}
	if col > excelize.MaxColumns {
		s.offGrid(cellName(col-1, s.seekRow))
		return col, nil
	}
	var val string
	switch string(s.typ) {
	case "s":
		if len(s.v) > 0 {
			if i := sstIndex(s.v); i >= 0 && i < len(s.sst) {
				val = s.sst[i]
			}
		}
	case "inlineStr":
		if hasIS {
			val = internString(s.intern, s.rt.value())
		} else {
			val = internString(s.intern, s.v)
		}
	case "", "n":
		val = internString(s.intern, s.v)
		if s.dates != nil && len(s.style) > 0 && val != "" {
			if st, err := strconv.Atoi(string(s.style)); err == nil && s.dates.isDate(st) {
				val = s.dates.text(st, val)
			}
		}
	default:
		val = internString(s.intern, s.v)
	}
	if val == "" && !hasF {
		return col, nil
	}
	for i := len(s.cells) + 1; i < col; i++ {
		s.cells = append(s.cells, "")
	}
	s.cells = append(s.cells, val)
	// A formula without a cached value has no <v>, or an empty one (openpyxl
	// writes <v></v>); an empty <v> of a text result (t="str") is a cached
	// empty string.
	if hasF && val == "" && !(hasV && string(s.typ) == "str") {
		s.noValue = append(s.noValue, len(s.cells)-1)
	}
	return col, nil
}

// maxListed is the most cells past the grid listed by name.
const maxListed = 20

// offGrid notes a cell past Excel's last column or row, which is not read.
func (s *sheetRows) offGrid(ref string) {
	if len(s.beyond) < maxListed {
		s.beyond = append(s.beyond, ref)
	}
	s.nBeyond++
}

// OffGrid returns the references of the cells past Excel's last column (XFD)
// or row (1,048,576) met so far, at most maxListed of them, and how many there
// are: those cells are not read.
func (s *sheetRows) OffGrid() ([]string, int) { return s.beyond, s.nBeyond }

// sstIndex reads a shared-string index as excelize does: spaces trimmed, and 0
// when it is not a number.
func sstIndex(v []byte) int {
	v = bytes.TrimSpace(v)
	if n := len(v); n > 0 && n <= 9 {
		i := 0
		for _, c := range v {
			if c < '0' || c > '9' {
				goto slow
			}
			i = i*10 + int(c-'0')
		}
		return i
	}
slow:
	i, err := strconv.Atoi(string(v))
	if err != nil {
		return 0
	}
	return i
}

// refColumn returns the 1-based column of a cell reference ("B7" → 2), with
// excelize's rules and errors.
func refColumn(ref []byte) (int, error) {
	col, i := 0, 0
	for ; i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i > 0 && i < len(ref) && len(ref)-i <= 7 && col <= excelize.MaxColumns && ref[i] != '0' {
		row := 0
		for _, c := range ref[i:] {
			if c < '0' || c > '9' {
				goto slow
			}
			row = row*10 + int(c-'0')
		}
		if row <= excelize.TotalRows {
			return col, nil
		}
	}
slow:
	c, _, err := excelize.CellNameToCoordinates(string(ref))
	if err != nil {
		return 0, fmt.Errorf("cell reference %q: %w", ref, err)
	}
	return c, nil
}

// Row returns the current row's number (from 1) and cells; the slice is
// valid until the next call to Next.
func (s *sheetRows) Row() (int, []string) { return s.seekRow, s.cells }

// Err returns the error that stopped the rows early, if any.
func (s *sheetRows) Err() error { return s.err }

// NoValue returns the 0-based columns of the current row whose cell holds a
// formula without a cached value (a file saved by a program that does not
// calculate); such a cell reads as "". The slice is valid until the next call
// to Next.
func (s *sheetRows) NoValue() []int { return s.noValue }

// Hidden reports whether the current row is hidden (its row element says
// hidden="1"); a row missing from the file is not.
func (s *sheetRows) Hidden() bool { return s.hidden }

// Close releases the worksheet part.
func (s *sheetRows) Close() error { return s.rc.Close() }

// noteMerge notes the merged range of the mergeCell start tag just read, when
// it spans rows.
func (s *sheetRows) noteMerge() {
	it := attrIter{s.sc.attrs}
	for {
		name, val, ok := it.next()
		if !ok {
			return
		}
		if string(localName(name)) == "ref" {
			if m, ok := parseMergeRef(string(unescapeText(nil, val))); ok {
				s.merged = append(s.merged, m.ref)
			}
		}
	}
}

// trailingMerges reads the rest of the worksheet part, after the rows given so
// far, and returns the merged ranges that span rows met after the rows (see
// merge.go).
func (s *sheetRows) trailingMerges() []string {
	if s.err == nil && !s.stopped {
		m, _ := scanMerges(s.sc)
		for _, r := range m {
			s.merged = append(s.merged, r.ref)
		}
	}
	return s.merged
}

// sheetSource is a rowSource over a worksheet that must be closed.
type sheetSource interface {
	rowSource
	Close() error
}

// sheetReader returns the sheet-data reader of a workbook, or nil when rows are
// to be read with excelize: when the options say so, or when the workbook's
// parts cannot be found (excelize then says what is wrong). readDates gives it
// the date formats once the workbook is open.
func (rd *reader) sheetReader(zr *zip.Reader) *sheetData {
	if rd.engine == EngineExcelize || zr == nil {
		return nil
	}
	data, err := newSheetData(zr)
	if err != nil {
		return nil
	}
	data.budget = newUnpackBudget(rd.maxSize)
	return data
}

// readDates makes the sheet-data reader turn numbers shown as dates (by the
// styles of f) into ISO 8601 text.
func readDates(data *sheetData, f *excelize.File) {
	if data == nil {
		return
	}
	if dates := newDateStyles(f); slices.Contains(dates.date, true) {
		data.dates = dates
	}
}

// openRows opens the rows of a sheet: with the sheet-data reader when data is
// not nil, with excelize's Rows otherwise. Both implement rowDetail.
func (rd *reader) openRows(f *excelize.File, data *sheetData, sheet string) (sheetSource, error) {
	if data == nil {
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, err
		}
		return &xlsxRowsCloser{xlsxRows{rows: rows}}, nil
	}
	return data.rows(sheet)
}

// xlsxRowsCloser is xlsxRows that can be closed.
type xlsxRowsCloser struct{ xlsxRows }

func (x *xlsxRowsCloser) Close() error { return x.rows.Close() }

// resolveEngine checks Options.Engine; "" means EngineFast.
func resolveEngine(e Engine) (Engine, error) {
	switch e {
	case "", EngineFast:
		return EngineFast, nil
	case EngineExcelize:
		return EngineExcelize, nil
	}
	return "", fmt.Errorf("importers: unknown Options.Engine %q (want %q or %q)", e, EngineFast, EngineExcelize)
}
