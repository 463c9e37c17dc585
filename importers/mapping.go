package importers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// ErrBadMapping is wrapped by a *MappingError about a line of a mapping file
// that cannot be read (wrong number of fields, an empty header or item, a header
// mapped to two items).
var ErrBadMapping = errors.New("bad mapping")

// MappingError is one problem in a mapping file: the file, the 1-based line
// (0 when the mapping was not read from a file) and the header concerned.
// Unwrap returns ErrBadMapping, or gapanalysis.ErrUnknownItem for an item ID the
// checklist does not have.
type MappingError struct {
	File   string // the mapping's file name ("" when built in code)
	Line   int    // 1-based line; 0 when not known
	Header string // the column header of the entry; "" when there is none
	Msg    string // what is wrong, for a person
	Err    error  // ErrBadMapping or gapanalysis.ErrUnknownItem
}

// Error returns "file:line: header "H": message", leaving out what is unknown.
func (e *MappingError) Error() string {
	pos := e.File
	if pos == "" {
		pos = "mapping"
	}
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d", pos, e.Line)
	}
	if e.Header != "" {
		return fmt.Sprintf("%s: header %s: %s", pos, quote(e.Header), e.Msg)
	}
	return pos + ": " + e.Msg
}

// Unwrap returns the sentinel of the problem.
func (e *MappingError) Unwrap() error { return e.Err }

// MappingEntry says that a column header of a respondents export names an item.
type MappingEntry struct {
	// Header is the column header as written in the export ("Q12", or a question
	// text). It is matched ignoring case, accents, spaces and punctuation.
	Header string
	// Item is the checklist item the column answers; matched like item IDs in
	// survey files (case and spaces ignored).
	Item gapanalysis.ItemID
	// Line is the 1-based line of the entry in its file; 0 when built in code.
	Line int
}

// Mapping tells which checklist item each column of a respondents export answers,
// for exports whose headers are neither item IDs nor the checklist's question
// texts (codes such as "Q12", or reworded questions). The zero value maps
// nothing. Build one with LoadMapping, or in code.
type Mapping struct {
	// File names the mapping in error messages (the file it was read from).
	File string
	// Entries in file order. Two entries whose headers match each other must
	// name the same item.
	Entries []MappingEntry
}

// LoadMapping reads a mapping file: YAML (a mapping from header to item ID) or
// CSV (two columns, header and item ID, comma-, semicolon- or tab-separated, with
// an optional first line "header,item"). name is used in messages and decides the
// format by its extension (.yaml/.yml or .csv/.tsv/.txt); with any other
// extension the content decides: a YAML mapping, else CSV. Empty lines and lines
// starting with "#" are skipped in CSV; YAML comments are allowed.
//
//	# mapping.yaml
//	Q12: D-3.4
//	"Is possession of child sexual abuse material an offence?": D-5.2
//
//	# mapping.csv
//	header,item
//	Q12,D-3.4
//
// The error, when not nil, joins one *MappingError per bad line, each with its
// line number. Whether the item IDs exist is checked against a checklist by
// Mapping.Check (and by the readers).
func LoadMapping(r io.Reader, name string) (Mapping, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Mapping{}, fmt.Errorf("importers: reading mapping %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	m := Mapping{File: name}
	var errs []error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		errs = m.readYAML(data, true)
	case ".csv", ".tsv", ".txt":
		errs = m.readCSV(data)
	default:
		if errs = m.readYAML(data, false); errs == nil && len(m.Entries) == 0 {
			errs = m.readCSV(data)
		}
	}
	if len(errs) == 0 && len(m.Entries) == 0 {
		errs = append(errs, &MappingError{File: name, Msg: "the mapping has no entries (want lines such as \"Q12: D-3.4\" in YAML or \"Q12,D-3.4\" in CSV)", Err: ErrBadMapping})
	}
	errs = append(errs, m.checkDuplicates()...)
	if len(errs) > 0 {
		return Mapping{}, errors.Join(errs...)
	}
	return m, nil
}

// readYAML reads a YAML mapping of header to item ID. When strict is false,
// content that is not a YAML mapping gives no entries and no errors (so that it
// can be read as CSV instead).
func (m *Mapping) readYAML(data []byte, strict bool) []error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		if !strict {
			return nil
		}
		return []error{&MappingError{File: m.File, Msg: "not valid YAML: " + err.Error(), Err: ErrBadMapping}}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = *root.Content[0]
	}
	if root.Kind == 0 {
		return nil // empty document
	}
	if root.Kind != yaml.MappingNode {
		if !strict {
			return nil
		}
		return []error{&MappingError{File: m.File, Line: root.Line, Err: ErrBadMapping,
			Msg: "want a YAML mapping of column headers to item IDs (lines such as \"Q12: D-3.4\")"}}
	}
	var errs []error
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		bad := func(header, msg string) {
			errs = append(errs, &MappingError{File: m.File, Line: k.Line, Header: header, Msg: msg, Err: ErrBadMapping})
		}
		if k.Kind != yaml.ScalarNode {
			bad("", "the header must be text")
			continue
		}
		header := strings.TrimSpace(k.Value)
		switch {
		case textKey(header) == "":
			bad(header, "the header is empty (or only punctuation)")
		case v.Kind != yaml.ScalarNode:
			bad(header, "want one item ID after the colon")
		case strings.TrimSpace(v.Value) == "" || v.Tag == "!!null":
			bad(header, "the item ID is empty")
		default:
			m.Entries = append(m.Entries, MappingEntry{Header: header, Item: gapanalysis.ItemID(strings.TrimSpace(v.Value)), Line: k.Line})
		}
	}
	return errs
}

// readCSV reads two-column CSV lines: header, item ID.
func (m *Mapping) readCSV(data []byte) []error {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = mappingDelimiter(data)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	var errs []error
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			errs = append(errs, &MappingError{File: m.File, Line: line, Msg: err.Error(), Err: ErrBadMapping})
			break
		}
		// Excel pads rows with empty fields; drop them.
		for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) == 0 || strings.HasPrefix(strings.TrimSpace(rec[0]), "#") {
			continue
		}
		if first {
			first = false
			if len(rec) == 2 && mappingHeaderLine(rec) {
				continue
			}
		}
		header := ""
		if len(rec) > 0 {
			header = strings.TrimSpace(rec[0])
		}
		bad := func(msg string) {
			errs = append(errs, &MappingError{File: m.File, Line: line, Header: header, Msg: msg, Err: ErrBadMapping})
		}
		switch {
		case len(rec) != 2:
			bad(fmt.Sprintf("want two fields, the column header and the item ID; found %d", len(rec)))
		case textKey(header) == "":
			bad("the header is empty (or only punctuation)")
		case strings.TrimSpace(rec[1]) == "":
			bad("the item ID is empty")
		default:
			m.Entries = append(m.Entries, MappingEntry{Header: header, Item: gapanalysis.ItemID(strings.TrimSpace(rec[1])), Line: line})
		}
	}
	return errs
}

// mappingHeaderLine reports whether a CSV record is the optional title line of a
// mapping file ("header,item", "column;item id", "question,item"…).
func mappingHeaderLine(rec []string) bool {
	first := map[string]bool{"header": true, "columnheader": true, "column": true, "question": true, "questiontext": true, "code": true}
	return first[headerKey(rec[0])] && headerAliases[headerKey(rec[1])] == fieldItem
}

// mappingDelimiter picks the delimiter of a mapping file: the one of tab,
// semicolon and comma found outside quotes on its first non-empty line (in that
// order of preference), else a comma.
func mappingDelimiter(data []byte) rune {
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		counts := map[rune]int{}
		inQuote := false
		for _, r := range line {
			switch {
			case r == '"':
				inQuote = !inQuote
			case !inQuote:
				counts[r]++
			}
		}
		for _, d := range []rune{'\t', ';', ','} {
			if counts[d] > 0 {
				return d
			}
		}
		break
	}
	return ','
}

// checkDuplicates reports headers that appear twice (after matching) with
// different items.
func (m *Mapping) checkDuplicates() []error {
	var errs []error
	seen := map[string]MappingEntry{}
	for _, e := range m.Entries {
		k := textKey(e.Header)
		prev, dup := seen[k]
		if !dup {
			seen[k] = e
			continue
		}
		if itemKey(string(prev.Item)) != itemKey(string(e.Item)) {
			where := "above"
			if prev.Line > 0 {
				where = fmt.Sprintf("on line %d", prev.Line)
			}
			errs = append(errs, &MappingError{File: m.File, Line: e.Line, Header: e.Header, Err: ErrBadMapping,
				Msg: fmt.Sprintf("mapped to %s here but to %s %s", e.Item, prev.Item, where)})
		}
	}
	return errs
}

// Check reports the entries whose item the checklist does not have (each a
// *MappingError wrapping gapanalysis.ErrUnknownItem, with a suggestion when an
// item ID is close) and headers mapped to two different items. The error joins
// them; nil when every entry is good.
func (m Mapping) Check(cl *gapanalysis.Checklist) error {
	if cl == nil {
		return ErrNoChecklist
	}
	var ids []string
	known := map[string]bool{}
	for _, p := range cl.Pillars {
		for _, th := range p.Themes {
			for _, it := range th.Items {
				ids = append(ids, string(it.ID))
				known[itemKey(string(it.ID))] = true
			}
		}
	}
	errs := m.checkDuplicates()
	for _, e := range m.Entries {
		if known[itemKey(string(e.Item))] {
			continue
		}
		msg := fmt.Sprintf("unknown item %s", quote(string(e.Item)))
		if sug, ok := gapanalysis.Suggest(string(e.Item), ids); ok {
			msg += fmt.Sprintf(" — did you mean %s?", sug)
		}
		errs = append(errs, &MappingError{File: m.File, Line: e.Line, Header: e.Header, Msg: msg, Err: gapanalysis.ErrUnknownItem})
	}
	return errors.Join(errs...)
}

// textKey normalises a header or question text for matching: folded (lower
// case, no accents) with everything but letters and digits removed, so that
// case, spacing and punctuation do not matter.
func textKey(s string) string {
	s = gapanalysis.Fold(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
