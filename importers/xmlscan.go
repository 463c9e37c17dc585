package importers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// This file is the hand-written XML tokenizer under the sheet-data reader
// (sheetdata.go). It knows just enough XML for worksheet and shared-string
// parts: start, end and empty-element tags with quoted attributes, character
// data with the five predefined entities and character references, CDATA
// sections, and comments, processing instructions and declarations, which it
// skips. An XML declaration naming an encoding other than UTF-8 switches the
// input to that encoding, as encoding/xml does with excelize's CharsetReader.
//
// It is lenient where encoding/xml is strict: an unknown entity stays as it
// is written, and bytes that are not valid UTF-8 pass through. What it cannot
// parse — a tag cut short by the end of the input, a tag longer than
// maxTagSize — is an error.

const (
	scanBufSize = 64 << 10 // initial input buffer
	maxTagSize  = 1 << 20  // longest tag (name and attributes) accepted
)

// Token kinds returned by xmlScanner.next.
const (
	tokEOF   = iota // end of input
	tokStart        // <name attrs> or <name attrs/>
	tokEnd          // </name>
	tokText         // character data (only from nextText)
	tokCDATA        // <![CDATA[…]]> (only from nextText; the scanner is left before its content)
)

// xmlScanner tokenizes XML from a reader. The slices it returns (name, attrs)
// are valid until its next call.
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int   // unread input is buf[pos:end]
	eof      bool  // r is exhausted
	rerr     error // read error of r (not io.EOF)
	base     int64 // input offset of buf[0], for error messages

	// The current tag: its raw (qualified) name, raw attribute text, and
	// whether it is an empty-element tag.
	name  []byte
	attrs []byte
	empty bool

	raw []byte // scratch for a text run split across reads
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, scanBufSize)}
}

// offset is the input offset of the next unread byte.
func (s *xmlScanner) offset() int64 { return s.base + int64(s.pos) }

// syntaxErr makes an error about malformed XML at the current offset.
func (s *xmlScanner) syntaxErr(format string, args ...any) error {
	if s.rerr != nil {
		return s.rerr
	}
	return fmt.Errorf("malformed XML near byte %d: %s", s.offset(), fmt.Sprintf(format, args...))
}

// fill reads more input into the buffer, keeping the unread bytes (which move
// to the start of the buffer: indices into buf must be taken relative to pos).
// It returns false when no more input can be had.
func (s *xmlScanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxTagSize {
			s.rerr = fmt.Errorf("malformed XML near byte %d: a tag is longer than %s", s.offset(), sizeText(maxTagSize))
			s.eof = true
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			if !errors.Is(err, io.EOF) {
				s.rerr = err
			}
			s.eof = true
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// need makes sure n unread bytes are buffered; false at the end of input.
func (s *xmlScanner) need(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// next skips character data and returns the next start or end tag (tokStart,
// tokEnd) or tokEOF. Comments, processing instructions, declarations and CDATA
// sections are skipped.
func (s *xmlScanner) next() (int, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if !s.fill() {
				if s.rerr != nil {
					return tokEOF, s.rerr
				}
				return tokEOF, nil
			}
			continue
		}
		s.pos += i
		k, err := s.markup(false)
		if err != nil || k == tokStart || k == tokEnd {
			return k, err
		}
		if k == tokCDATA {
			if _, err := s.cdata(nil, false); err != nil {
				return tokEOF, err
			}
		}
	}
}

// nextText is next for the content of an element whose text is wanted: it
// returns character data up to the next markup as tokText (decoded: entities
// replaced, line ends normalised, appended to dst) and a CDATA section as
// tokCDATA (its content then read with cdata).
func (s *xmlScanner) nextText(dst []byte) (int, []byte, error) {
	s.raw = s.raw[:0]
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.raw = append(s.raw, s.buf[s.pos:s.end]...)
			s.pos = s.end
			if !s.fill() {
				if s.rerr != nil {
					return tokEOF, dst, s.rerr
				}
				return tokEOF, unescapeText(dst, s.raw), nil
			}
			continue
		}
		if i > 0 || len(s.raw) > 0 {
			if len(s.raw) > 0 {
				s.raw = append(s.raw, s.buf[s.pos:s.pos+i]...)
				dst = unescapeText(dst, s.raw)
			} else {
				dst = unescapeText(dst, s.buf[s.pos:s.pos+i])
			}
			s.pos += i
			return tokText, dst, nil
		}
		k, err := s.markup(true)
		if err != nil || k != tokEOF {
			return k, dst, err
		}
	}
}

// markup reads the markup at s.pos (buf[s.pos] == '<'). It returns tokStart or
// tokEnd with the tag in s.name, s.attrs and s.empty; tokCDATA, leaving the
// scanner at the section's content, when cdataOK (otherwise the section is
// reported to the caller all the same, to skip); or tokEOF after skipping a
// comment, processing instruction or declaration.
func (s *xmlScanner) markup(cdataOK bool) (int, error) {
	if !s.need(2) {
		return tokEOF, s.syntaxErr("the input ends with \"<\"")
	}
	switch s.buf[s.pos+1] {
	case '/':
		gt, err := s.tagEnd(false)
		if err != nil {
			return tokEOF, err
		}
		n := gt
		for n > s.pos+2 && isXMLSpace(s.buf[n-1]) {
			n--
		}
		s.name = s.buf[s.pos+2 : n]
		s.attrs, s.empty = nil, false
		s.pos = gt + 1
		return tokEnd, nil
	case '?':
		return tokEOF, s.procInst()
	case '!':
		if !s.need(4) {
			return tokEOF, s.syntaxErr("the input ends inside a declaration")
		}
		if s.buf[s.pos+2] == '-' && s.buf[s.pos+3] == '-' {
			s.pos += 4
			return tokEOF, s.skipPast("-->")
		}
		if s.need(9) && string(s.buf[s.pos:s.pos+9]) == "<![CDATA[" {
			s.pos += 9
			return tokCDATA, nil
		}
		return tokEOF, s.skipDecl()
	}
	gt, err := s.tagEnd(true)
	if err != nil {
		return tokEOF, err
	}
	tag := s.buf[s.pos+1 : gt]
	s.empty = len(tag) > 0 && tag[len(tag)-1] == '/'
	if s.empty {
		tag = tag[:len(tag)-1]
	}
	n := 0
	for n < len(tag) && !isXMLSpace(tag[n]) {
		n++
	}
	s.name, s.attrs = tag[:n], tag[n:]
	s.pos = gt + 1
	return tokStart, nil
}

// tagEnd returns the index in buf of the ">" that closes the tag at s.pos,
// skipping quoted attribute values when quoted.
func (s *xmlScanner) tagEnd(quoted bool) (int, error) {
	off := 1 // offset from s.pos of the next byte to look at
	var quote byte
	for {
		b := s.buf[s.pos+off : s.end]
		for i, c := range b {
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				return s.pos + off + i, nil
			case quoted && (c == '"' || c == '\''):
				quote = c
			}
		}
		off += len(b)
		if !s.fill() {
			return 0, s.syntaxErr("the input ends inside a tag")
		}
	}
}

// skipPast skips the input up to and including term.
func (s *xmlScanner) skipPast(term string) error {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte(term)); i >= 0 {
			s.pos += i + len(term)
			return nil
		}
		if keep := len(term) - 1; s.end-s.pos > keep {
			s.pos = s.end - keep
		}
		if !s.fill() {
			return s.syntaxErr("the input ends before %q", term)
		}
	}
}

// skipDecl skips a declaration such as <!DOCTYPE …>, with its quoted strings,
// comments and bracketed internal subset, as encoding/xml does: the character
// right after "<!" is taken as it is (a quote there opens nothing, a ">" ends
// nothing), then the declaration ends at the first ">" outside quotes and
// nested "<…>".
func (s *xmlScanner) skipDecl() error {
	if !s.need(3) {
		return s.syntaxErr("the input ends inside a declaration")
	}
	s.pos += 3
	depth := 0
	var quote byte
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			s.pos++
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '<':
				if s.need(3) && s.buf[s.pos] == '!' && s.buf[s.pos+1] == '-' && s.buf[s.pos+2] == '-' {
					s.pos += 3
					if err := s.skipPast("-->"); err != nil {
						return err
					}
					continue
				}
				depth++
			case c == '>':
				if depth == 0 {
					return nil
				}
				depth--
			}
		}
		if !s.fill() {
			return s.syntaxErr("the input ends inside a declaration")
		}
	}
}

// procInst skips a processing instruction; the XML declaration may switch the
// encoding of the rest of the input.
func (s *xmlScanner) procInst() error {
	start := s.offset()
	var body []byte
	for {
		// The scanner is at "<?"; the instruction ends at the next "?>".
		if i := bytes.Index(s.buf[s.pos+2:s.end], []byte("?>")); i >= 0 {
			body = s.buf[s.pos+2 : s.pos+2+i]
			s.pos += i + 4
			break
		}
		if !s.fill() {
			return s.syntaxErr("the input ends inside a processing instruction")
		}
	}
	target := body
	if i := bytes.IndexAny(body, " \t\r\n"); i >= 0 {
		target = body[:i]
	}
	if string(target) != "xml" {
		return nil
	}
	enc := procInstParam(string(body), "encoding")
	if enc == "" || strings.EqualFold(enc, "utf-8") {
		return nil
	}
	rest := io.MultiReader(bytes.NewReader(append([]byte(nil), s.buf[s.pos:s.end]...)), s.r)
	r, err := charsetReader(enc, rest)
	if err != nil {
		return fmt.Errorf("the XML declaration at byte %d: %w", start, err)
	}
	s.r = r
	s.base += int64(s.end)
	s.pos, s.end, s.eof = 0, 0, false
	return nil
}

// procInstParam returns the value of param="value" in an instruction's text,
// as encoding/xml reads it.
func procInstParam(s, param string) string {
	i := strings.Index(s, param)
	if i < 0 {
		return ""
	}
	v := strings.TrimLeft(s[i+len(param):], " \t\r\n")
	if !strings.HasPrefix(v, "=") {
		return ""
	}
	v = strings.TrimLeft(v[1:], " \t\r\n")
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return ""
	}
	q := v[0]
	v = v[1:]
	j := strings.IndexByte(v, q)
	if j < 0 {
		return ""
	}
	return v[:j]
}

// cdata reads the content of a CDATA section (the scanner is after
// "<![CDATA["), appending it to dst with line ends normalised when keep.
func (s *xmlScanner) cdata(dst []byte, keep bool) ([]byte, error) {
	s.raw = s.raw[:0]
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte("]]>")); i >= 0 {
			if keep {
				s.raw = append(s.raw, s.buf[s.pos:s.pos+i]...)
				dst = appendNormalized(dst, s.raw)
			}
			s.pos += i + 3
			return dst, nil
		}
		keepFrom := s.end - 2
		if keepFrom < s.pos {
			keepFrom = s.pos
		}
		if keep {
			s.raw = append(s.raw, s.buf[s.pos:keepFrom]...)
		}
		s.pos = keepFrom
		if !s.fill() {
			return dst, s.syntaxErr("the input ends inside a CDATA section")
		}
	}
}

// skipElement skips the content of the element whose start tag was just read,
// through its end tag.
func (s *xmlScanner) skipElement() error {
	if s.empty {
		return nil
	}
	depth := 0
	for {
		k, err := s.next()
		switch {
		case err != nil:
			return err
		case k == tokEOF:
			return s.syntaxErr("the input ends inside an element")
		case k == tokStart && !s.empty:
			depth++
		case k == tokEnd:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// readText reads the content of the element whose start tag was just read,
// through its end tag, and appends its own character data and CDATA sections
// to dst (the text of child elements is skipped), as encoding/xml does when it
// decodes an element into a string.
func (s *xmlScanner) readText(dst []byte) ([]byte, error) {
	if s.empty {
		return dst, nil
	}
	depth := 0
	for {
		var (
			k   int
			err error
		)
		if depth == 0 {
			k, dst, err = s.nextText(dst)
		} else {
			k, err = s.next()
		}
		switch {
		case err != nil:
			return dst, err
		case k == tokEOF:
			return dst, s.syntaxErr("the input ends inside an element")
		case k == tokCDATA:
			if dst, err = s.cdata(dst, true); err != nil {
				return dst, err
			}
		case k == tokStart && !s.empty:
			depth++
		case k == tokEnd:
			if depth == 0 {
				return dst, nil
			}
			depth--
		}
	}
}

// localName returns the part of a qualified name after its prefix: "x:c" and
// "c" give "c". A name with an empty prefix or local part, or more than one
// colon, is its own local name.
func localName(name []byte) []byte {
	i := bytes.IndexByte(name, ':')
	if i <= 0 || i == len(name)-1 || bytes.IndexByte(name[i+1:], ':') >= 0 {
		return name
	}
	return name[i+1:]
}

// attrIter walks the attributes of a tag.
type attrIter struct{ b []byte }

// next returns the next attribute's raw name and raw (undecoded) value; false
// when there are no more, or the rest cannot be parsed (which is ignored).
func (it *attrIter) next() (name, val []byte, ok bool) {
	b := it.b
	i := 0
	for i < len(b) && isXMLSpace(b[i]) {
		i++
	}
	start := i
	for i < len(b) && b[i] != '=' && !isXMLSpace(b[i]) {
		i++
	}
	if i == start {
		return nil, nil, false
	}
	name = b[start:i]
	for i < len(b) && isXMLSpace(b[i]) {
		i++
	}
	if i == len(b) || b[i] != '=' {
		return nil, nil, false
	}
	i++
	for i < len(b) && isXMLSpace(b[i]) {
		i++
	}
	if i == len(b) || (b[i] != '"' && b[i] != '\'') {
		return nil, nil, false
	}
	q := b[i]
	i++
	j := bytes.IndexByte(b[i:], q)
	if j < 0 {
		return nil, nil, false
	}
	it.b = b[i+j+1:]
	return name, b[i : i+j], true
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// unescapeText appends text to dst with the predefined entities and character
// references replaced and line ends normalised ("\r\n" and "\r" become "\n"),
// as encoding/xml reads character data and attribute values. An entity it
// does not know is kept as written.
func unescapeText(dst, text []byte) []byte {
	if bytes.IndexByte(text, '&') < 0 && bytes.IndexByte(text, '\r') < 0 {
		return append(dst, text...)
	}
	cr := false // the previous byte was a raw "\r"
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\r':
			dst = append(dst, '\n')
			cr = true
			i++
			continue
		case c == '\n' && cr:
			i++
		case c == '&':
			if r, n := entity(text[i:]); n > 0 {
				if r < utf8.RuneSelf {
					dst = append(dst, byte(r))
				} else {
					dst = utf8.AppendRune(dst, r)
				}
				i += n
			} else {
				dst = append(dst, '&')
				i++
			}
		default:
			dst = append(dst, c)
			i++
		}
		cr = false
	}
	return dst
}

// appendNormalized appends text with "\r\n" and "\r" turned into "\n".
func appendNormalized(dst, text []byte) []byte {
	if bytes.IndexByte(text, '\r') < 0 {
		return append(dst, text...)
	}
	for i, c := range text {
		switch {
		case c == '\r':
			dst = append(dst, '\n')
		case c == '\n' && i > 0 && text[i-1] == '\r':
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// entity decodes the entity or character reference at the start of b (which
// starts with "&"). It returns its character and length, or n == 0 when it is
// not one encoding/xml would replace. A reference to a surrogate gives U+FFFD,
// as in encoding/xml.
func entity(b []byte) (r rune, n int) {
	semi := bytes.IndexByte(b, ';')
	if semi < 2 {
		return 0, 0
	}
	body := b[1:semi]
	if body[0] != '#' {
		switch string(body) {
		case "lt":
			return '<', semi + 1
		case "gt":
			return '>', semi + 1
		case "amp":
			return '&', semi + 1
		case "apos":
			return '\'', semi + 1
		case "quot":
			return '"', semi + 1
		}
		return 0, 0
	}
	digits, base := body[1:], 10
	if len(digits) > 0 && digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0
	}
	var v uint64
	for _, d := range digits {
		switch {
		case '0' <= d && d <= '9':
			v = v*uint64(base) + uint64(d-'0')
		case base == 16 && 'a' <= d && d <= 'f':
			v = v*16 + uint64(d-'a'+10)
		case base == 16 && 'A' <= d && d <= 'F':
			v = v*16 + uint64(d-'A'+10)
		default:
			return 0, 0
		}
		if v > utf8.MaxRune {
			return 0, 0
		}
	}
	if !utf8.ValidRune(rune(v)) {
		return utf8.RuneError, semi + 1
	}
	return rune(v), semi + 1
}

// charsetReader decodes input in the encoding an XML declaration names, looked
// up as excelize's CharsetReader does (the WHATWG encoding labels).
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("the encoding %q is not supported", label)
	}
	return e.NewDecoder().Reader(input), nil
}
