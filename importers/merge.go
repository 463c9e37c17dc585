package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// Merged cells. A cell merged down over several rows holds its value in its
// top row only; the rows below it are empty in that column. A status or a
// country merged down over a block of answers means that value for each row of
// the block, so the rows below take the value of the merged cell in its first
// column (mergedRows). A cell merged across columns counts once, in its first
// column. A worksheet lists its merged cells after its rows, so they are read
// first, in a pass over the worksheet part (mergePrescanMax); in a larger
// part they are found after the rows and reported instead (a warning).

// mergePrescanMax is the largest worksheet part, unpacked, whose merged cells
// are read before its rows: 32 MiB, some 500,000 cells. Hand-made sheets, the
// ones with merged cells, are far smaller. (A variable for the tests.)
var mergePrescanMax uint64 = 32 << 20

// mergeRange is a merged range that spans rows: its first column (0-based)
// and its first and last rows (1-based).
type mergeRange struct {
	ref         string
	col         int
	top, bottom int
}

// parseMergeRef reads a merged range "A5:B9"; ok is false for a malformed one
// or one that spans a single row.
func parseMergeRef(ref string) (mergeRange, bool) {
	from, to, found := strings.Cut(ref, ":")
	if !found {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	top, bottom := min(r1, r2), max(r1, r2)
	if top == bottom {
		return mergeRange{}, false
	}
	return mergeRange{ref: ref, col: min(c1, c2) - 1, top: top, bottom: bottom}, true
}

// scanMerges reads the merged ranges that span rows from the <mergeCell>
// elements of a worksheet part, sorted by first row.
func scanMerges(sc *xmlScanner) ([]mergeRange, error) {
	var out []mergeRange
	for {
		k, err := sc.next()
		if err != nil {
			return out, err
		}
		if k == tokEOF {
			break
		}
		if k != tokStart || string(localName(sc.name)) != "mergeCell" {
			continue
		}
		it := attrIter{sc.attrs}
		for {
			name, val, ok := it.next()
			if !ok {
				break
			}
			if string(localName(name)) == "ref" {
				if m, ok := parseMergeRef(string(unescapeText(nil, val))); ok {
					out = append(out, m)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].top < out[j].top })
	return out, nil
}

// merges returns the merged ranges of a sheet that span rows, read before its
// rows; ok is false when they were not looked for (a part larger than
// mergePrescanMax, or one that cannot be read: the rows then say why).
func (d *sheetData) merges(sheet string) ([]mergeRange, bool) {
	part, ok := d.partOf(sheet)
	if !ok {
		return nil, false
	}
	zf := d.files[part]
	if zf.UncompressedSize64 > mergePrescanMax {
		return nil, false
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, false
	}
	defer rc.Close()
	// archive/zip stops at the size the directory declares, checked against
	// the limit before. Damage is met again, and reported, by the rows.
	tail, _ := mergeTail(io.LimitReader(rc, int64(zf.UncompressedSize64)))
	if tail == nil {
		return nil, true
	}
	m, _ := scanMerges(newXMLScanner(bytes.NewReader(tail)))
	return m, true
}

// mergeTail returns the part of a worksheet from its <mergeCells> element on
// (from the tag before the first "mergeCells" in it), or nil when it has none.
// It looks for the name in the bytes as they are unpacked, which is several
// times faster than reading the XML of the rows.
func mergeTail(r io.Reader) ([]byte, error) {
	const name = "mergeCells"
	buf := make([]byte, 0, 64<<10)
	chunk := make([]byte, 64<<10)
	var tail []byte
	for {
		n, err := r.Read(chunk)
		if tail != nil {
			tail = append(tail, chunk[:n]...)
		} else {
			buf = append(buf, chunk[:n]...)
			if i := bytes.Index(buf, []byte(name)); i >= 0 {
				start := bytes.LastIndexByte(buf[:i], '<')
				if start < 0 {
					start = i
				}
				tail = append([]byte(nil), buf[start:]...)
			} else if len(buf) > len(name) {
				// Keep only what a name cut by the chunk boundary needs, and
				// the tag start before it.
				keep := min(len(buf), 256)
				buf = append(buf[:0], buf[len(buf)-keep:]...)
			}
		}
		if err == io.EOF || err == zip.ErrFormat {
			return tail, nil
		}
		if err != nil {
			return tail, err
		}
	}
}

// sheetMerges returns the merged ranges of a sheet that span rows: read ahead
// from the part by the sheet-data reader, or from excelize. ok is false when
// they were not looked for.
func sheetMerges(f *excelize.File, data *sheetData, sheet string) ([]mergeRange, bool) {
	if data != nil {
		return data.merges(sheet)
	}
	mcs, err := f.GetMergeCells(sheet)
	if err != nil {
		return nil, false
	}
	var out []mergeRange
	for _, mc := range mcs {
		if m, ok := parseMergeRef(mc.GetStartAxis() + ":" + mc.GetEndAxis()); ok {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].top < out[j].top })
	return out, true
}

// mergedRows is a row source in which the empty cells below the first row of
// a merged range, in its first column, take the value of its first cell.
type mergedRows struct {
	rowSource
	pending []mergeRange // ranges not yet reached, by first row
	active  []activeMerge
	cells   []string
}

type activeMerge struct {
	mergeRange
	value string
}

// fillMerged returns src with the merged ranges applied; src itself when
// there are none.
func fillMerged(src rowSource, merges []mergeRange) rowSource {
	if len(merges) == 0 {
		return src
	}
	return &mergedRows{rowSource: src, pending: merges}
}

func (m *mergedRows) Next() bool {
	if !m.rowSource.Next() {
		return false
	}
	num, cells := m.rowSource.Row()
	// Drop the ranges that ended; start those that begin on this row.
	live := m.active[:0]
	for _, a := range m.active {
		if a.bottom >= num {
			live = append(live, a)
		}
	}
	m.active = live
	for len(m.pending) > 0 && m.pending[0].top <= num {
		r := m.pending[0]
		m.pending = m.pending[1:]
		if r.top < num || r.col >= len(cells) || strings.TrimSpace(cells[r.col]) == "" {
			continue // a range whose first row was missing, or whose first cell is empty
		}
		m.active = append(m.active, activeMerge{mergeRange: r, value: cells[r.col]})
	}
	m.cells = m.cells[:0]
	filled := false
	for _, a := range m.active {
		if a.top == num {
			continue
		}
		if a.col < len(cells) && strings.TrimSpace(cells[a.col]) != "" {
			continue
		}
		if !filled {
			m.cells = append(m.cells, cells...)
			filled = true
		}
		for len(m.cells) <= a.col {
			m.cells = append(m.cells, "")
		}
		m.cells[a.col] = a.value
	}
	return true
}

func (m *mergedRows) Row() (int, []string) {
	num, cells := m.rowSource.Row()
	if len(m.cells) > 0 {
		return num, m.cells
	}
	return num, cells
}

// unappliedMerges reports, with a warning, the merged ranges that span rows of
// a sheet too large for them to be read before its rows.
func unappliedMerges(ds *gapanalysis.Dataset, file, sheet string, refs []string) {
	if len(refs) == 0 {
		return
	}
	d := gapanalysis.NewDiagnostic(gapanalysis.SevWarning, gapanalysis.CodeMerged, fmt.Sprintf(
		"the sheet has cells merged down over several rows (%s), but it is larger than %s, so they were found "+
			"only after its rows were read: each value counted for the first row of its range only; unmerge the cells "+
			"and fill in every row", listSome(refs, 10), sizeText(int64(mergePrescanMax))))
	d.File, d.Sheet = file, sheet
	ds.Diagnostics = append(ds.Diagnostics, d)
}
