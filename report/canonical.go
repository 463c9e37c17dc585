package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
)

// contentTypesPart is the package part whose <Default> entries excelize writes in
// map order when a workbook has drawings.
const contentTypesPart = "[Content_Types].xml"

var defaultElem = regexp.MustCompile(`<Default\s[^>]*?(?:/>|></Default>)`)

// copyCanonical copies the xlsx package in data to w, part by part and unchanged
// except for the <Default> entries of [Content_Types].xml, which are sorted, and
// the order of the worksheets at the start of the package (partOrder), so that
// the same workbook always gives the same bytes. The rows of each of rows are
// spliced into the <sheetData> of its sheet (spliceRows).
func copyCanonical(w io.Writer, data []byte, rows []*rowsPart) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	spliced := map[string]*rowsPart{}
	if len(rows) > 0 {
		paths, err := sheetPaths(zr)
		if err != nil {
			return err
		}
		for _, p := range rows {
			at, ok := paths[p.sheet]
			if !ok {
				return fmt.Errorf("sheet %s: not in the workbook", p.sheet)
			}
			spliced[at] = p
		}
	}
	zw := zip.NewWriter(w)
	for _, f := range partOrder(zr.File) {
		if p := spliced[f.Name]; p != nil {
			if err := spliceRows(zw, f, p); err != nil {
				return err
			}
			delete(spliced, f.Name)
			continue
		}
		if f.Name == contentTypesPart {
			if err := copySorted(zw, f); err != nil {
				return err
			}
			continue
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		hdr := f.FileHeader
		dst, err := zw.CreateRaw(&hdr)
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, raw); err != nil {
			return err
		}
	}
	for name, p := range spliced {
		return fmt.Errorf("sheet %s: no part %s in the workbook", p.sheet, name)
	}
	return zw.Close()
}

// partOrder returns the parts of a package in a fixed order. excelize writes the
// sheets written with a StreamWriter first, in map order, followed by the
// other parts in reverse name order; the worksheets at the start are put in
// reverse name order too, and the other parts keep their place.
func partOrder(files []*zip.File) []*zip.File {
	out := append([]*zip.File(nil), files...)
	n := 0
	for n < len(out) && worksheetPart.MatchString(out[n].Name) {
		n++
	}
	sort.SliceStable(out[:n], func(i, j int) bool { return out[i].Name > out[j].Name })
	return out
}

var worksheetPart = regexp.MustCompile(`^xl/worksheets/sheet\d+\.xml$`)

func copySorted(zw *zip.Writer, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	dst, err := zw.Create(f.Name)
	if err != nil {
		return err
	}
	_, err = dst.Write(sortDefaults(b))
	return err
}

// sortDefaults returns the XML with its <Default .../> elements sorted, each put
// in the place of one of the originals.
func sortDefaults(b []byte) []byte {
	locs := defaultElem.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(elems)
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(b[prev:l[0]])
		out.WriteString(elems[i])
		prev = l[1]
	}
	out.Write(b[prev:])
	return out.Bytes()
}
