package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// The rows of the streamed tables (Data, Reconcile and their continued
// sheets) are not written through excelize: millions of rows through its
// StreamWriter cost a boxed value and several strings per cell. Instead each
// sheet's <sheetData> is written by a rowWriter and deflated at the fastest
// level into a temporary file, one goroutine per sheet (at most GOMAXPROCS at a
// time), while measuring the column widths. excelize then writes the sheet's
// shell (widths, frozen header, filter, page setup, dimension) with an empty
// <sheetData>, and the rows are spliced into it as the package is copied
// (copyCanonical): the head and tail of the shell are deflated on their own
// and the three deflate streams joined, which a deflate stream allows when
// each but the last ends on a flush; the CRC-32 of the part is combined from
// the CRC-32 of the three pieces.

// rowsPart is the <sheetData> content of one sheet of a streamed table, rows
// lo..hi-1 of the table under its header row, deflated into a temporary file.
type rowsPart struct {
	table  *streamTable
	sheet  string
	lo, hi int

	file   *os.File // the deflated rows: a deflate stream ending on a flush
	named  bool     // file still has its name (not removed at once)
	crc    uint32   // CRC-32 of the rows as XML
	size   int64    // length of the rows as XML
	csize  int64    // length of the deflated rows
	widths []float64
}

// rowsFlush is the size of XML a rowWriter collects before it is deflated.
const rowsFlush = 64 << 10

// errStopped stops the other sheets' writing when one failed.
var errStopped = errors.New("report: stopped")

// partsJob writes the rows of the streamed tables (writeParts) while the
// other sheets are written.
type partsJob struct {
	stop  atomic.Bool
	done  chan struct{}
	parts []*rowsPart
	err   error
}

// startParts starts writing the rows of the tables. The tables' fill
// functions only read, as the other sheets' functions do, so both can run at
// once. Every startParts must be followed by a close.
func startParts(tables []*streamTable, headerStyle int) *partsJob {
	j := &partsJob{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		j.parts, j.err = writeParts(tables, headerStyle, &j.stop)
	}()
	return j
}

// wait waits for the rows and returns their parts.
func (j *partsJob) wait() ([]*rowsPart, error) {
	<-j.done
	return j.parts, j.err
}

// close stops the writing if it still runs, waits for it and removes the
// parts' files.
func (j *partsJob) close() {
	j.stop.Store(true)
	<-j.done
	removeParts(j.parts)
}

// writeParts writes the rows of every sheet of the tables, the header row
// (headerStyle) included, until stop is set. It returns the parts written,
// even with an error, so that the caller removes their files (removeParts)
// on every path.
func writeParts(tables []*streamTable, headerStyle int, stop *atomic.Bool) ([]*rowsPart, error) {
	var parts []*rowsPart
	per := sheetRows - 1
	for _, t := range tables {
		for n, name := range t.sheets() {
			lo := min(n*per, t.rows)
			parts = append(parts, &rowsPart{table: t, sheet: name, lo: lo, hi: min(lo+per, t.rows)})
		}
	}
	var (
		wg    sync.WaitGroup
		errs  = make([]error, len(parts))
		slots = make(chan struct{}, runtime.GOMAXPROCS(0))
	)
	for i, p := range parts {
		slots <- struct{}{}
		if stop.Load() {
			<-slots
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			if err := p.write(headerStyle, stop); err != nil {
				stop.Store(true)
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil && err != errStopped {
			return parts, fmt.Errorf("report: sheet %s: %w", parts[i].sheet, err)
		}
	}
	if stop.Load() {
		return parts, errStopped
	}
	return parts, nil
}

// removeParts closes and removes the temporary files of the parts.
func removeParts(parts []*rowsPart) {
	for _, p := range parts {
		if p.file != nil {
			p.file.Close()
			if p.named {
				os.Remove(p.file.Name())
			}
			p.file = nil
		}
	}
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// write writes the header row and the rows of p to a new temporary file; it
// gives up with errStopped when stop is set.
func (p *rowsPart) write(headerStyle int, stop *atomic.Bool) error {
	f, err := os.CreateTemp("", "gapstudy-rows-*")
	if err != nil {
		return err
	}
	p.file = f
	// Removed at once where the system allows it (the open file stays
	// readable), so that nothing is left behind even when the process ends
	// before removeParts, as on a signal; elsewhere by removeParts.
	p.named = os.Remove(f.Name()) != nil
	bw := bufio.NewWriterSize(f, 256<<10)
	cw := &countWriter{w: bw}
	zw, err := flate.NewWriter(cw, flate.BestSpeed)
	if err != nil {
		return err
	}
	crc := crc32.NewIEEE()
	t := p.table
	rw := newRowWriter(len(t.headers))
	flush := func() error {
		crc.Write(rw.buf)
		p.size += int64(len(rw.buf))
		_, err := zw.Write(rw.buf)
		rw.buf = rw.buf[:0]
		return err
	}
	lines := 1
	for _, h := range t.headers {
		_, n := headerWidth(h)
		lines = max(lines, n)
	}
	var height float64
	if lines > 1 {
		// A long header wraps (sheetWriter.header): the row is as tall as
		// its lines.
		height = float64(lines*lineHeight + 3)
	}
	rw.startRow(1, height)
	for i, h := range t.headers {
		rw.inline(i+1, h, headerStyle)
	}
	rw.endRow()
	for i := p.lo; i < p.hi; i++ {
		rw.startRow(i-p.lo+2, 0)
		t.fill(i, rw)
		rw.endRow()
		if len(rw.buf) >= rowsFlush {
			if stop.Load() {
				return errStopped
			}
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	// A flush, not a close: the tail of the sheet follows (spliceRows).
	if err := zw.Flush(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	p.crc, p.csize, p.widths = crc.Sum32(), cw.n, rw.widths
	_, err = f.Seek(0, io.SeekStart)
	return err
}

// shell sets what the rows of p need on its sheet: the column widths (the
// header's with room for the filter button, and the widest cell's), the
// frozen header and filter, the page setup and the dimension, which openpyxl's
// read-only mode trusts (SPEC 11).
func (b *book) shell(p *rowsPart) error {
	t := p.table
	s := b.sheet(p.sheet)
	for i, h := range t.headers {
		w, _ := headerWidth(h)
		s.touch(i+1, 1, w+4) // room for the filter button
	}
	for i, w := range p.widths {
		s.touch(i+1, 1, w)
	}
	s.rows = p.hi - p.lo + 1
	s.table(len(t.headers), t.freezeCols)
	if err := s.finish(); err != nil {
		return fmt.Errorf("report: sheet %s: %w", p.sheet, err)
	}
	return nil
}

// sheetPaths maps the sheets' names to their parts in the package ("Data" to
// "xl/worksheets/sheet18.xml"), from the workbook part and its relationships.
func sheetPaths(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for _, x := range []struct {
		name string
		v    any
	}{{"xl/workbook.xml", &wb}, {"xl/_rels/workbook.xml.rels", &rels}} {
		rc, err := zr.Open(x.name)
		if err != nil {
			return nil, err
		}
		err = xml.NewDecoder(rc).Decode(x.v)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", x.name, err)
		}
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		if strings.HasPrefix(r.Target, "/") {
			targets[r.ID] = r.Target[1:]
		} else {
			targets[r.ID] = path.Join("xl", r.Target)
		}
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.ID]
	}
	return out, nil
}

// spliceRows writes the worksheet part f to zw with the rows of p in its
// empty <sheetData>.
func spliceRows(zw *zip.Writer, f *zip.File, p *rowsPart) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	shell, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	var at, n int
	for _, empty := range []string{"<sheetData></sheetData>", "<sheetData/>"} {
		if at = bytes.Index(shell, []byte(empty)); at >= 0 {
			n = len(empty)
			break
		}
	}
	if at < 0 {
		return fmt.Errorf("%s: sheet %s: no empty <sheetData> for its rows", f.Name, p.sheet)
	}
	head := append(shell[:at:at], "<sheetData>"...)
	tail := append([]byte("</sheetData>"), shell[at+n:]...)
	zhead, err := deflate(head, false)
	if err != nil {
		return err
	}
	ztail, err := deflate(tail, true)
	if err != nil {
		return err
	}
	crc := crc32Combine(crc32.ChecksumIEEE(head), p.crc, p.size)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	hdr := f.FileHeader
	hdr.Method = zip.Deflate
	hdr.CRC32 = crc
	hdr.UncompressedSize64 = uint64(int64(len(head)) + p.size + int64(len(tail)))
	hdr.CompressedSize64 = uint64(int64(len(zhead)) + p.csize + int64(len(ztail)))
	dst, err := zw.CreateRaw(&hdr)
	if err != nil {
		return err
	}
	if _, err := dst.Write(zhead); err != nil {
		return err
	}
	if _, err := p.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if m, err := io.Copy(dst, p.file); err != nil {
		return err
	} else if m != p.csize {
		return fmt.Errorf("%s: sheet %s: %d bytes of rows, want %d", f.Name, p.sheet, m, p.csize)
	}
	_, err = dst.Write(ztail)
	return err
}

// deflate returns b deflated at the fastest level, ending on a flush (more
// deflate data follows) or closed (last).
func deflate(b []byte, last bool) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if last {
		err = zw.Close()
	} else {
		err = zw.Flush()
	}
	return buf.Bytes(), err
}

// crc32Combine returns the CRC-32 (IEEE) of a‖b from crc1 = CRC-32(a), crc2 =
// CRC-32(b) and len2 = len(b): zlib's crc32_combine, which applies len2 zero
// bytes to crc1 by squaring the operator of one zero bit in GF(2).
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1 ^ crc2
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE // the operator of one zero bit
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd) // two zero bits
	gf2Square(&odd, &even) // four zero bits
	for {
		gf2Square(&even, &odd) // the first time: one zero byte
		if len2&1 != 0 {
			crc1 = gf2Times(&even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		gf2Square(&odd, &even)
		if len2&1 != 0 {
			crc1 = gf2Times(&odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func gf2Times(mat *[32]uint32, vec uint32) uint32 {
	var sum uint32
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[32]uint32) {
	for n := range 32 {
		square[n] = gf2Times(mat, mat[n])
	}
}
