package importers

import (
	"bufio"
	"bytes"
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
// only when opts is not usable (ErrNoChecklist, ErrDelimiter…; the dataset is
// then nil) or r fails: then, as encoding/csv returns a record with its error,
// the dataset holds what was read before the failure.
func ReadCSV(r io.Reader, name string, opts *Options) (*gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	ds := newDataset(name)
	return ds, rd.readCSV(ds, r, name)
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
	src := &csvRows{sc: newCSVScanner(tr, delim), fixFields: fixFields}
	rd.faultRows = map[int]bool{}
	defer func() { rd.faultRows = nil }()
	src.onFault = func(f csvFault, recLine int) {
		rd.faultRows[recLine] = true
		d := gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeBadQuote, f.msg+
			"; the quote was read as text, the field ending at the next separator, and the lines after it as rows of their own: check this row")
		d.File, d.Row, d.Col, d.Cell = name, recLine, f.col+1, cellName(f.col, recLine)
		ds.Diagnostics = append(ds.Diagnostics, d)
	}
	rd.readSheet(ds, src, name, "")
	if sc := src.sc; sc.wide > 0 {
		d := gapanalysis.NewDiagnostic(gapanalysis.SevError, gapanalysis.CodeTooLarge, fmt.Sprintf(
			"%s more than %s fields, the most a sheet has columns (A to XFD); the fields after the %s were not read: %s",
			plural(len(src.wideLines), "line has", "lines have"), gapanalysis.GroupThousands(maxCSVColumns),
			gapanalysis.GroupThousands(maxCSVColumns)+"th", wideText(src.wideLines, sc.wide)))
		d.File, d.Row = name, sc.firstWide
		ds.Diagnostics = append(ds.Diagnostics, d)
	}
	if limited.ioErr != nil {
		return fmt.Errorf("importers: reading %s: %w", name, limited.ioErr)
	}
	return nil
}

// wideText lists the lines with too many fields: all of them up to 20, else
// the first 20 and how many more.
func wideText(lines []int, n int) string {
	text := "line"
	if n > 1 {
		text = "lines"
	}
	text += " " + rowRanges(lines)
	if n > len(lines) {
		text += fmt.Sprintf(" and %d more", n-len(lines))
	}
	return text
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

// csvRows is the rowSource of a CSV file: the records of a csvScanner,
// numbered by the line they begin on, with invalid UTF-8 fields of a UTF-8 file
// read as Windows-1252.
type csvRows struct {
	sc        *csvScanner
	fixFields bool
	onFault   func(f csvFault, recLine int) // called for each quoting fault
	wideLines []int                         // the first lines with too many fields (at most 20)
}

func (c *csvRows) Next() bool {
	if !c.sc.Next() {
		return false
	}
	if c.fixFields {
		for i, f := range c.sc.rec {
			if !utf8.ValidString(f) {
				c.sc.rec[i], _ = charmap.Windows1252.NewDecoder().String(f)
			}
		}
	}
	for _, f := range c.sc.faults {
		if c.onFault != nil {
			c.onFault(f, c.sc.recLine)
		}
	}
	if c.sc.over && len(c.wideLines) < 20 {
		c.wideLines = append(c.wideLines, c.sc.recLine)
	}
	return true
}

func (c *csvRows) Row() (int, []string) { return c.sc.recLine, c.sc.rec }

func (c *csvRows) Err() error {
	var d gapanalysis.Diagnostic
	if errors.As(c.sc.err, &d) {
		return d
	}
	return c.sc.err
}

// detectDelimiter picks the CSV delimiter of a sample of text: the one of comma,
// semicolon and tab under which a header row (see parseHeader) appears with the
// most recognised columns; failing that, the most frequent outside quotes;
// failing that, a comma.
func detectDelimiter(sample string) rune {
	cands := []rune{',', ';', '\t'}
	best, bestScore := rune(0), 0
	for _, d := range cands {
		sc := newCSVScanner(strings.NewReader(sample), d)
		for n := 0; n < headerScanRows; {
			if !sc.Next() {
				break
			}
			rec := sc.rec
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
		case (r == '\n' || r == '\r') && !inQuote:
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
