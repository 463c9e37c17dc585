package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"iter"
	"strings"
)

// jsonWriter writes a JSON document piece by piece through a buffered writer,
// so that a document with millions of elements is never held in memory. The
// output is byte for byte what a json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) writes for the whole document at once: each value is
// encoded on its own with the indentation of its depth (the number of objects
// and arrays around it), and the writer adds the keys, commas and line breaks
// between them as the encoder would.
//
// The first error stops all writing; err returns it.
type jsonWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer  // one encoded value
	enc *json.Encoder // into buf
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriterSize(w, 64<<10)
	}
	jw := &jsonWriter{w: bw}
	jw.enc = json.NewEncoder(&jw.buf)
	jw.enc.SetEscapeHTML(false)
	return jw
}

// jsonSpaces is a line break and the indentation of depths up to 32.
var jsonSpaces = "\n" + strings.Repeat("  ", 32)

// newline returns a line break and the indentation of depth.
func newline(depth int) string {
	if n := 1 + 2*depth; n <= len(jsonSpaces) {
		return jsonSpaces[:n]
	}
	return "\n" + strings.Repeat("  ", depth)
}

// raw writes s as it is.
func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = jw.w.WriteString(s)
	}
}

// key starts the member name of an object whose members are at depth: a comma
// unless it is the first member, a new line and `"name": `. name is written as
// it is: it must need no escaping.
func (jw *jsonWriter) key(depth int, first bool, name string) {
	if !first {
		jw.raw(",")
	}
	jw.raw(newline(depth))
	jw.raw(`"`)
	jw.raw(name)
	jw.raw(`": `)
}

// value writes v, encoded as the member or element of depth.
func (jw *jsonWriter) value(depth int, v any) {
	if jw.err != nil {
		return
	}
	jw.buf.Reset()
	jw.enc.SetIndent(newline(depth)[1:], "  ")
	if jw.err = jw.enc.Encode(v); jw.err != nil {
		return
	}
	b := jw.buf.Bytes()
	_, jw.err = jw.w.Write(b[:len(b)-1]) // without Encode's line break
}

// flush writes out what is buffered and returns the first error.
func (jw *jsonWriter) flush() error {
	if jw.err == nil {
		jw.err = jw.w.Flush()
	}
	return jw.err
}

// jsonArray writes the elements of seq as an array at depth (its elements at
// depth+1), one at a time; [] when there is none.
func jsonArray[T any](jw *jsonWriter, depth int, seq iter.Seq[T]) {
	jw.raw("[")
	n := 0
	for v := range seq {
		if n > 0 {
			jw.raw(",")
		}
		jw.raw(newline(depth + 1))
		jw.value(depth+1, &v)
		n++
		if jw.err != nil {
			return
		}
	}
	if n > 0 {
		jw.raw(newline(depth))
	}
	jw.raw("]")
}

// jsonMember writes the member name and then the array of seq, see key and
// jsonArray.
func jsonMember[T any](jw *jsonWriter, depth int, name string, seq iter.Seq[T]) {
	jw.key(depth, false, name)
	jsonArray(jw, depth, seq)
}
