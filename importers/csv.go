package importers

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of a CSV file is looked at to tell its encoding and
// delimiter.
const sniffSize = 64 << 10

// ReadCSV reads CSV text in its layout (detected, or forced by opts.Layout:
// long, matrix or respondents). name is the file name used in
// diagnostics and sources; the sheet of every position is "" and cells are in
// A1 form (column letter and line number, e.g. "C7").
//
// The text may be UTF-8 (with or without a byte-order mark), UTF-16 with a
// byte-order mark, or Windows-1252 (assumed when the first 64 KiB are not valid
// UTF-8; a later field that is not valid UTF-8 is also read as Windows-1252).
// The delimiter is opts.Delimiter, or else the one of comma, semicolon and tab
// that makes a header row appear in the first lines (see the package doc), or
// else the most frequent of them outside quotes. Quoted fields may hold
// delimiters, quotes ("") and line breaks; empty lines are skipped.
//
// Content that is a workbook rather than text is read as such: a zip container
// as xlsx, an OLE2 file reported as legacy-xls or encrypted. The error is non-nil
// only when opts has no checklist (ErrNoChecklist) or r fails.
func ReadCSV(r io.Reader, name string, opts *Options) (*gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	ds := newDataset(name)
	if err := rd.readCSV(ds, r, name); err != nil {
		return nil, err
	}
	return ds, nil
}

// readCSV reads one CSV file into ds. It returns only I/O errors of r.
func (rd *reader) readCSV(ds *gapanalysis.Dataset, r io.Reader, name string) error {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("importers: reading %s: %w", name, err)
	}
	if bytes.HasPrefix(head, zipSignature) || bytes.HasPrefix(head, zipEmpty) || bytes.HasPrefix(head, oleSignature) {
		b, tooLarge, err := readLimited(br, rd.maxSize)
		if err != nil {
			return fmt.Errorf("importers: reading %s: %w", name, err)
		}
		if tooLarge {
			rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
				"the file is larger than %s, the most that is read", sizeText(rd.maxSize)))
			return nil
		}
		rd.readWorkbook(ds, bytes.NewReader(b), int64(len(b)), name, func(o excelize.Options) (*excelize.File, error) {
			return excelize.OpenReader(bytes.NewReader(b), o)
		})
		return nil
	}

	utf16 := bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff"))
	if !utf16 && bytes.IndexByte(head, 0) >= 0 {
		rd.fileDiag(ds, name, gapanalysis.SevError, gapanalysis.CodeNotXLSX,
			"the file is neither an xlsx workbook nor CSV text: "+describeContent(head))
		return nil
	}

	limited := &limitReader{r: br, left: rd.maxSize, max: rd.maxSize}
	var text io.Reader = limited
	fixFields := false
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
	case utf16:
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		text = transform.NewReader(limited, dec)
	case !validUTF8Prefix(head):
		text = transform.NewReader(limited, charmap.Windows1252.NewDecoder())
	default:
		fixFields = true
	}

	tr := bufio.NewReaderSize(text, sniffSize)
	delim := rd.delim
	if delim == 0 {
		sample, _ := tr.Peek(sniffSize)
		delim = detectDelimiter(string(sample))
	}
	cr := csv.NewReader(tr)
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	src := &csvRows{cr: cr, fixFields: fixFields, next: 1}
	rd.readSheet(ds, src, name, "")
	if limited.ioErr != nil {
		return fmt.Errorf("importers: reading %s: %w", name, limited.ioErr)
	}
	return nil
}

// validUTF8Prefix reports whether b is valid UTF-8, ignoring a rune cut off at
// its end.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// limitReader stops with a too-large diagnostic after left bytes (left < 0: no
// limit) and keeps the underlying I/O error apart from content problems.
type limitReader struct {
	r     io.Reader
	left  int64 // bytes still allowed
	max   int64 // the limit, for the message
	ioErr error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left == 0 {
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		d := gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
			"the file is larger than %s, the most that is read; the rest of it was not read",
			sizeText(l.max)))
		return 0, d
	}
	if l.left > 0 && int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	if l.left > 0 {
		l.left -= int64(n)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		l.ioErr = err
	}
	return n, err
}

// csvRows adapts encoding/csv to rowSource. Empty lines, which encoding/csv
// skips, come back as blank rows so that they are counted.
type csvRows struct {
	cr        *csv.Reader
	fixFields bool
	rec       []string
	line      int // line of the current row
	next      int // line the next record would start on if no line were skipped
	pending   []string
	pendLine  int
	err       error
	done      bool
}

func (c *csvRows) Next() bool {
	if c.pending != nil {
		if c.line+1 < c.pendLine {
			c.line++
			c.rec = nil
			return true
		}
		c.line, c.rec, c.pending = c.pendLine, c.pending, nil
		return true
	}
	if c.done {
		return false
	}
	rec, err := c.cr.Read()
	if err != nil {
		c.done = true
		if !errors.Is(err, io.EOF) {
			c.err = err
		}
		return false
	}
	line, _ := c.cr.FieldPos(0)
	if c.fixFields {
		for i, f := range rec {
			if !utf8.ValidString(f) {
				rec[i], _ = charmap.Windows1252.NewDecoder().String(f)
			}
		}
	}
	start := c.next
	c.next = line + 1
	for _, f := range rec {
		c.next += strings.Count(f, "\n")
	}
	if line > start {
		// Empty lines before this record: yield them as blank rows first.
		c.pending, c.pendLine = rec, line
		c.line, c.rec = start, nil
		return true
	}
	c.line, c.rec = line, rec
	return true
}

func (c *csvRows) Row() (int, []string) { return c.line, c.rec }

func (c *csvRows) Err() error {
	var d gapanalysis.Diagnostic
	if errors.As(c.err, &d) {
		return d
	}
	return c.err
}

// detectDelimiter picks the CSV delimiter of a sample of text: the one of comma,
// semicolon and tab under which a header row (see parseHeader) appears with the
// most recognised columns; failing that, the most frequent outside quotes;
// failing that, a comma.
func detectDelimiter(sample string) rune {
	cands := []rune{',', ';', '\t'}
	best, bestScore := rune(0), 0
	for _, d := range cands {
		cr := csv.NewReader(strings.NewReader(sample))
		cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = d, true, -1
		for n := 0; n < headerScanRows; {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if blank(rec) {
				continue
			}
			n++
			if h, ok := parseHeader(rec, 1); ok {
				score := 0
				for _, c := range h.col {
					if c >= 0 {
						score++
					}
				}
				if score > bestScore {
					best, bestScore = d, score
				}
				break
			}
		}
	}
	if best != 0 {
		return best
	}
	counts := map[rune]int{}
	inQuote, lines := false, 0
	for _, r := range sample {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == '\n' && !inQuote:
			lines++
		case !inQuote:
			counts[r]++
		}
		if lines >= headerScanRows {
			break
		}
	}
	best = ','
	for _, d := range cands {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}
