package importers

import (
	"bufio"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// maxCSVColumns is the most fields read from one CSV line: Excel's 16,384
// columns (A to XFD). Fields beyond it are skipped without being kept, so that
// a line of millions of fields does not take memory; they are reported as
// too-large.
const maxCSVColumns = excelize.MaxColumns

// csvFault is a quoting fault found in a CSV record: the 0-based field where a
// quoted field began and the line it began on.
type csvFault struct {
	col, line int
	msg       string
}

// csvScanner splits CSV text into records, as Excel reads CSV files:
//
//   - a line ends with CR LF, LF or CR alone (old Mac files); an empty line is
//     an empty record;
//   - a field that starts with a double quote is quoted: it may hold
//     separators, line breaks (given as LF) and doubled quotes ("");
//   - a quote inside an unquoted field is an ordinary character.
//
// A quoted field that is not closed before the end of the text, or whose
// closing quote is followed by something other than a separator or a line
// end, has an unbalanced quote: the scanner goes back to its opening quote,
// reads the field as unquoted text (the quote kept), and records a csvFault at
// the line the field began on. The lines after it are read as records of their
// own, rather than swallowed into one field.
//
// At most maxCSVColumns fields of a line are kept; the lines with more are
// counted in wide.
type csvScanner struct {
	br    *bufio.Reader
	delim int // the separator, an ASCII character

	replay []byte // bytes to read again before br (after an unbalanced quote)
	back   int    // a byte pushed back (-1: none); read before replay
	raw    []byte // bytes read since the opening quote of the current quoted field
	keep   bool   // append the bytes read to raw

	line int // line of the next byte, from 1
	err  error

	rec     []string // the fields of the current record
	recLine int      // the line the current record begins on
	field   []byte
	faults  []csvFault // quoting faults of the current record
	over    bool       // the current record has more than maxCSVColumns fields

	wide      int // records with more than maxCSVColumns fields
	firstWide int // the line of the first of them
}

// newCSVScanner returns a scanner of r with separator delim.
func newCSVScanner(r io.Reader, delim rune) *csvScanner {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	return &csvScanner{br: br, delim: int(delim), back: -1, line: 1}
}

// next returns the next byte, or -1 at the end of the text (or on an error of
// the reader, kept in err).
func (s *csvScanner) next() int {
	var c byte
	switch {
	case s.back >= 0:
		c = byte(s.back)
		s.back = -1
	case len(s.replay) > 0:
		c = s.replay[0]
		s.replay = s.replay[1:]
	case s.err != nil:
		return -1
	default:
		b, err := s.br.ReadByte()
		if err != nil {
			if err != io.EOF && s.err == nil {
				s.err = err
			}
			return -1
		}
		c = b
	}
	if s.keep {
		s.raw = append(s.raw, c)
	}
	return int(c)
}

// unread pushes back the byte just read by next (not -1).
func (s *csvScanner) unread(c int) {
	if c < 0 {
		return
	}
	s.back = c
	if s.keep {
		s.raw = s.raw[:len(s.raw)-1]
	}
}

// lineEnd consumes the LF of a CR LF after c, when c is CR, and reports
// whether c ends a line.
func (s *csvScanner) lineEnd(c int) bool {
	switch c {
	case '\n':
		s.line++
		return true
	case '\r':
		if d := s.next(); d != '\n' {
			s.unread(d)
		}
		s.line++
		return true
	}
	return false
}

// Next reads the next record; false at the end of the text.
func (s *csvScanner) Next() bool {
	c := s.next()
	if c < 0 {
		return false
	}
	s.unread(c)
	s.rec, s.faults, s.over = s.rec[:0], s.faults[:0], false
	s.recLine = s.line
	for {
		end := s.readField()
		if end {
			break
		}
	}
	if s.over {
		if s.wide == 0 {
			s.firstWide = s.recLine
		}
		s.wide++
	}
	return true
}

// readField reads one field and the separator or line end after it; it
// reports whether the record ended.
func (s *csvScanner) readField() bool {
	s.field = s.field[:0]
	col := len(s.rec)
	c := s.next()
	if c == '"' {
		if s.readQuoted(col) {
			return s.endField()
		}
		// An unbalanced quote: read the field again, unquoted, from its quote.
		s.appendByte('"')
		c = s.next()
	}
	for {
		switch {
		case c < 0:
			s.add()
			return true
		case s.lineEnd(c):
			s.add()
			return true
		case c == s.delim:
			s.add()
			return false
		}
		s.appendByte(byte(c))
		s.appendPlain()
		c = s.next()
	}
}

// appendPlain adds to the field, in one go, the bytes already buffered that
// hold no separator or line end (the common case of an unquoted field).
func (s *csvScanner) appendPlain() {
	if s.back >= 0 || len(s.replay) > 0 || s.keep {
		return
	}
	buf, _ := s.br.Peek(s.br.Buffered())
	i := 0
	for i < len(buf) {
		if c := buf[i]; int(c) == s.delim || c == '\n' || c == '\r' {
			break
		}
		i++
	}
	if len(s.rec) < maxCSVColumns {
		s.field = append(s.field, buf[:i]...)
	}
	_, _ = s.br.Discard(i)
}

// readQuoted reads a quoted field, its opening quote just read. It reports
// whether the field is well quoted; when it is not, it has recorded the fault
// and set the scanner back to the opening quote, with the line count as it
// was there.
func (s *csvScanner) readQuoted(col int) bool {
	startLine := s.line
	s.raw, s.keep = append(s.raw[:0], '"'), true
	fault := func(msg string) bool {
		s.keep = false
		s.faults = append(s.faults, csvFault{col: col, line: startLine, msg: msg})
		// Read again from the byte after the opening quote; the caller reads
		// the quote itself as text.
		s.replay = append(append([]byte(nil), s.raw[1:]...), s.replay...)
		s.line = startLine
		s.field = s.field[:0]
		return false
	}
	for {
		c := s.next()
		switch c {
		case -1:
			return fault(fmt.Sprintf("the quoted field that begins on line %d has no closing quote", startLine))
		case '"':
			d := s.next()
			spaces := 0
			for d == ' ' && s.delim != ' ' || d == '\t' && s.delim != '\t' {
				d = s.next() // spaces after the closing quote are ignored
				spaces++
			}
			switch {
			case d == '"' && spaces == 0:
				s.appendByte('"')
				continue
			case d < 0 || d == '\n' || d == '\r' || d == s.delim:
				s.unread(d)
				s.keep = false
				return true
			default:
				what := "text"
				if d < utf8.RuneSelf {
					what = quote(string(rune(d)))
				}
				return fault(fmt.Sprintf("the quoted field that begins on line %d is followed by %s after its closing quote, not by a separator or the end of the line",
					startLine, what))
			}
		case '\r':
			if d := s.next(); d != '\n' {
				s.unread(d)
			}
			s.line++
			s.appendByte('\n')
		case '\n':
			s.line++
			s.appendByte('\n')
		default:
			s.appendByte(byte(c))
			s.appendQuoted()
		}
	}
}

// appendQuoted adds to a quoted field, in one go, the bytes already buffered
// that hold no quote or line end; they are kept in raw too.
func (s *csvScanner) appendQuoted() {
	if s.back >= 0 || len(s.replay) > 0 {
		return
	}
	buf, _ := s.br.Peek(s.br.Buffered())
	i := 0
	for i < len(buf) {
		if c := buf[i]; c == '"' || c == '\n' || c == '\r' {
			break
		}
		i++
	}
	if len(s.rec) < maxCSVColumns {
		s.field = append(s.field, buf[:i]...)
	}
	s.raw = append(s.raw, buf[:i]...)
	_, _ = s.br.Discard(i)
}

// endField reads what ends a quoted field: a separator (false) or a line end
// or the end of the text (true).
func (s *csvScanner) endField() bool {
	s.add()
	c := s.next()
	switch {
	case c < 0:
		return true
	case s.lineEnd(c):
		return true
	case c == s.delim:
		return false
	}
	// Not reached: readQuoted checked the byte after the quote.
	s.unread(c)
	return false
}

// appendByte adds a byte to the current field, unless the record is past its
// last kept column.
func (s *csvScanner) appendByte(c byte) {
	if len(s.rec) < maxCSVColumns {
		s.field = append(s.field, c)
	}
}

// add ends the current field: it is kept when the record has room for it.
func (s *csvScanner) add() {
	if len(s.rec) >= maxCSVColumns {
		s.over = true
		return
	}
	s.rec = append(s.rec, string(s.field))
}
