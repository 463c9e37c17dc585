package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// rowWriter writes the rows of a streamed table (streamTable) as worksheet
// XML, the <row> elements of <sheetData>, into buf, and keeps the widest
// content of each column for the column widths. It writes what excelize's
// StreamWriter writes for the same cells, byte for byte (inline strings,
// escaped as excelize escapes them, numbers with at most 15 significant
// digits), without an allocation per cell. Cells are written left to right;
// columns are 1-based.
type rowWriter struct {
	buf    []byte
	num    []byte    // the number of the row being written, in decimal
	cols   []string  // column letters, cols[0] = "A"
	widths []float64 // widest content by column, widths[0] for column 1
}

func newRowWriter(cols int) *rowWriter {
	w := &rowWriter{cols: make([]string, cols), widths: make([]float64, cols)}
	for i := range w.cols {
		w.cols[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	return w
}

// startRow opens row r (1-based), height points tall when height > 0.
func (w *rowWriter) startRow(r int, height float64) {
	w.num = strconv.AppendInt(w.num[:0], int64(r), 10)
	w.buf = append(w.buf, `<row r="`...)
	w.buf = append(w.buf, w.num...)
	w.buf = append(w.buf, '"')
	if height > 0 {
		w.buf = append(w.buf, ` ht="`...)
		w.buf = strconv.AppendFloat(w.buf, height, 'f', -1, 64)
		w.buf = append(w.buf, `" customHeight="1"`...)
	}
	w.buf = append(w.buf, '>')
}

func (w *rowWriter) endRow() {
	w.buf = append(w.buf, "</row>"...)
}

// touch widens column col to at least width characters.
func (w *rowWriter) touch(col int, width float64) {
	if width > w.widths[col-1] {
		w.widths[col-1] = width
	}
}

// cell opens the <c> element of column col in the current row, with a style
// (none when 0) and a type ("" for a number).
func (w *rowWriter) cell(col, style int, typ string) {
	w.buf = append(w.buf, `<c r="`...)
	w.buf = append(w.buf, w.cols[col-1]...)
	w.buf = append(w.buf, w.num...)
	w.buf = append(w.buf, '"')
	if style != 0 {
		w.buf = append(w.buf, ` s="`...)
		w.buf = strconv.AppendInt(w.buf, int64(style), 10)
		w.buf = append(w.buf, '"')
	}
	if typ != "" {
		w.buf = append(w.buf, ` t="`...)
		w.buf = append(w.buf, typ...)
		w.buf = append(w.buf, '"')
	}
	w.buf = append(w.buf, '>')
}

// text writes v as a text cell (cellText: cut to what a cell holds), whatever
// it starts with, so that free text is never taken for a formula. An empty v
// writes nothing.
func (w *rowWriter) text(col int, v string, style int) {
	if v == "" {
		return
	}
	v = cellText(v)
	w.inline(col, v, style)
	// A text has at most as many characters as bytes: count them only when
	// the text may be wider than the column so far.
	if float64(len(v))+1 > w.widths[col-1] {
		w.touch(col, float64(utf8.RuneCountInString(v))+1)
	}
}

// inline writes v as an inline string cell, as the StreamWriter does (its
// setInlineStr): leading or trailing white space kept with xml:space, the
// text escaped (appendEscaped).
func (w *rowWriter) inline(col int, v string, style int) {
	w.cell(col, style, "inlineStr")
	w.buf = append(w.buf, "<is><t"...)
	if preserveSpace(v) {
		w.buf = append(w.buf, ` xml:space="preserve"`...)
	}
	w.buf = append(w.buf, '>')
	w.buf = appendEscaped(w.buf, v)
	w.buf = append(w.buf, "</t></is></c>"...)
}

// number writes v as a numeric cell; a value that is not finite writes
// nothing.
func (w *rowWriter) number(col int, v float64, style int) {
	if !finite(v) {
		return
	}
	w.cell(col, style, "")
	w.buf = append(w.buf, "<v>"...)
	w.buf = appendCellFloat(w.buf, v)
	w.buf = append(w.buf, "</v></c>"...)
	w.touch(col, numWidth)
}

// integer writes v as a whole number.
func (w *rowWriter) integer(col, v, style int) {
	w.cell(col, style, "")
	w.buf = append(w.buf, "<v>"...)
	start := len(w.buf)
	w.buf = strconv.AppendInt(w.buf, int64(v), 10)
	n := len(w.buf) - start
	w.buf = append(w.buf, "</v></c>"...)
	w.touch(col, float64(n)+1)
}

// source writes a cell position as text, "file!sheet!cell" (Source.String),
// without building the string.
func (w *rowWriter) source(col int, s gapanalysis.Source, style int) {
	parts := [3]string{s.File, s.Sheet, s.Cell}
	total, first, last := 0, -1, -1
	for i, p := range parts {
		if p == "" {
			continue
		}
		if first < 0 {
			first = i
		} else {
			total++ // the "!"
		}
		last = i
		total += len(p)
	}
	if first < 0 {
		return
	}
	if total > excelize.TotalCellChars {
		// A text that may need cutting. ("_xHHHH_" cannot span the "!"
		// between two parts: each part is escaped on its own.)
		w.text(col, s.String(), style)
		return
	}
	w.cell(col, style, "inlineStr")
	w.buf = append(w.buf, "<is><t"...)
	if preserveSpace(parts[first][:1]) || preserveSpace(parts[last][len(parts[last])-1:]) {
		w.buf = append(w.buf, ` xml:space="preserve"`...)
	}
	w.buf = append(w.buf, '>')
	runes := 0
	for i := first; i <= last; i++ {
		if parts[i] == "" {
			continue
		}
		if i != first {
			w.buf = append(w.buf, '!')
			runes++
		}
		w.buf = appendEscaped(w.buf, parts[i])
		runes += utf8.RuneCountInString(parts[i])
	}
	w.buf = append(w.buf, "</t></is></c>"...)
	w.touch(col, float64(runes)+1)
}

// preserveSpace reports whether a text starts or ends with a tab, a line
// break, a carriage return or a space, which excelize keeps with
// xml:space="preserve".
func preserveSpace(v string) bool {
	if v == "" {
		return false
	}
	return isSpace(v[0]) || isSpace(v[len(v)-1])
}

func isSpace(b byte) bool { return b == '\t' || b == '\n' || b == '\r' || b == ' ' }

// appendEscaped appends v as the text of an inline string, as excelize's
// StreamWriter writes it: escaped with encoding/xml's EscapeText except line
// breaks, which stay as they are (&, <, >, ", ' and the tab and carriage
// return as references; a character not allowed in XML 1.0, or a byte that is
// not UTF-8, as U+FFFD), and a literal "_xHHHH_" escaped as
// "_x005F_xHHHH_" (bstrMarshal), so that a reader does not take it for the
// escape of a character.
func appendEscaped(dst []byte, v string) []byte {
	return escapeText(dst, v, true)
}

// escapeText is appendEscaped; bstr tells whether "_xHHHH_" is still to be
// looked for.
func escapeText(dst []byte, v string, bstr bool) []byte {
	start, last := len(dst), 0
	for i := 0; i < len(v); {
		b := v[i]
		if !textSpecial[b] {
			i++
			continue
		}
		if b == '_' {
			if bstr && i+1 < len(v) && v[i+1] == 'x' {
				// The rare text that may hold an escape: start again on
				// its escaped form.
				return escapeText(dst[:start], bstrMarshal(v), false)
			}
			i++
			continue
		}
		if b >= utf8.RuneSelf {
			r, width := utf8.DecodeRuneInString(v[i:])
			i += width
			if isXMLChar(r) && !(r == utf8.RuneError && width == 1) {
				continue
			}
			dst = append(dst, v[last:i-width]...)
			dst = append(dst, "\uFFFD"...)
			last = i
			continue
		}
		i++
		dst = append(dst, v[last:i-1]...)
		dst = append(dst, textEscape[b]...)
		last = i
	}
	return append(dst, v[last:]...)
}

// textSpecial marks the bytes appendEscaped looks at: those it escapes, the
// "_" of "_xHHHH_" and the bytes of characters beyond ASCII. textEscape holds the escape of each
// ASCII byte it escapes.
var (
	textSpecial [256]bool
	textEscape  [utf8.RuneSelf]string
)

func init() {
	for b := range utf8.RuneSelf {
		switch b {
		case '"':
			textEscape[b] = "&#34;"
		case '\'':
			textEscape[b] = "&#39;"
		case '&':
			textEscape[b] = "&amp;"
		case '<':
			textEscape[b] = "&lt;"
		case '>':
			textEscape[b] = "&gt;"
		case '\t':
			textEscape[b] = "&#x9;"
		case '\r':
			textEscape[b] = "&#xD;"
		case '\n':
			// kept as it is
		default:
			if b < 0x20 {
				textEscape[b] = "\uFFFD" // not allowed in XML 1.0
			}
		}
		textSpecial[b] = textEscape[b] != ""
	}
	textSpecial['_'] = true
	for b := utf8.RuneSelf; b < 256; b++ {
		textSpecial[b] = true
	}
}

// isXMLChar reports whether r may appear in an XML 1.0 document (encoding/xml's
// isInCharacterRange).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's escape of a text that holds "_xHHHH_", the form
// in which a workbook escapes a character: such a literal text is written as
// "_x005F_xHHHH_" ("_x005F_" being the escape of "_").
func bstrMarshal(s string) string {
	var result strings.Builder
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result.WriteString(s[cursor:match[0]])
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				if _, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`); err == nil {
					result.WriteString(subStr + "x005F" + subStr)
					continue
				}
			}
			result.WriteString(subStr + "x005F_")
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result.WriteString("_x005F" + subStr)
				continue
			}
		}
	}
	if cursor < l {
		result.WriteString(s[cursor:])
	}
	return result.String()
}

// appendCellFloat appends v as excelize writes a number (formatCellFloat):
// the shortest decimal form, cut to Excel's 15 significant digits.
func appendCellFloat(dst []byte, v float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return dst
	}
	const maxPrec = 15
	str := dst[start:]
	decimal := -1
	for i, c := range str {
		if c == '.' {
			decimal = i
			break
		}
	}
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			end := idx
			if str[end-1] == '.' {
				end--
			}
			return dst[:start+end]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for ; idx < decimal; idx++ {
			str[idx] = '0'
		}
		return dst[:start+decimal]
	}
	return dst
}
