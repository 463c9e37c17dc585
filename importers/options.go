package importers

import (
	"errors"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Default limits (SPEC 10).
const (
	// DefaultMaxUnpackedSize is the largest input accepted when
	// Options.MaxUnpackedSize is 0: 256 MiB, unpacked for xlsx, as text for CSV.
	DefaultMaxUnpackedSize int64 = 256 << 20
	// DefaultMaxRows is the most rows a sheet may have when Options.MaxRows is 0:
	// Excel's 1,048,576.
	DefaultMaxRows = 1 << 20
	// headerScanRows is how many non-empty rows are searched for the header row.
	headerScanRows = 20
)

// ErrNoChecklist is returned when Options or Options.Checklist is nil.
var ErrNoChecklist = errors.New("importers: Options.Checklist is required")

// Options configures the readers. The zero value of every field except
// Checklist is a sensible default, so the struct can be filled from a study
// config file.
type Options struct {
	// Checklist is required: item IDs in the files are checked against it, and
	// its item types tell status items from numeric ones.
	Checklist *gapanalysis.Checklist
	// Vocabulary reads status cells; nil means the built-in vocabulary.
	Vocabulary *gapanalysis.Vocabulary
	// Sheets, when non-empty, are the only worksheets read (names matched exactly,
	// then case-insensitively); a name that is not in a workbook is an error
	// diagnostic. nil or empty: every sheet. Ignored for CSV.
	Sheets []string
	// Delimiter is the CSV field separator. 0: detected from the first lines
	// (comma, semicolon or tab).
	Delimiter rune
	// MaxUnpackedSize is the largest input accepted, in bytes: the sum of the
	// unpacked parts of an xlsx file, or the text of a CSV file. 0 means
	// DefaultMaxUnpackedSize (256 MiB); a negative value means no limit.
	MaxUnpackedSize int64
	// MaxRows is the most rows read from one sheet (or CSV records from one
	// file), title and header rows included. 0 means DefaultMaxRows (1,048,576);
	// a negative value means no limit.
	MaxRows int
}

// reader is one import run: the options resolved, with lookups built once.
type reader struct {
	checklist *gapanalysis.Checklist
	vocab     *gapanalysis.Vocabulary
	sheets    []string
	delim     rune
	maxSize   int64 // < 0: no limit
	maxRows   int   // < 0: no limit
	items     map[string]*gapanalysis.Item
	itemIDs   []string
}

func newReader(opts *Options) (*reader, error) {
	if opts == nil || opts.Checklist == nil {
		return nil, ErrNoChecklist
	}
	r := &reader{
		checklist: opts.Checklist,
		vocab:     opts.Vocabulary,
		sheets:    opts.Sheets,
		delim:     opts.Delimiter,
		maxSize:   opts.MaxUnpackedSize,
		maxRows:   opts.MaxRows,
		items:     map[string]*gapanalysis.Item{},
	}
	if r.maxSize == 0 {
		r.maxSize = DefaultMaxUnpackedSize
	}
	if r.maxRows == 0 {
		r.maxRows = DefaultMaxRows
	}
	for _, it := range opts.Checklist.Items() {
		k := itemKey(string(it.ID))
		if _, dup := r.items[k]; !dup {
			r.items[k] = it
			r.itemIDs = append(r.itemIDs, string(it.ID))
		}
	}
	return r, nil
}

// lookupItem finds an item by its ID: exactly, or ignoring case and spacing.
func (r *reader) lookupItem(s string) *gapanalysis.Item {
	if it := r.checklist.Item(gapanalysis.ItemID(s)); it != nil {
		return it
	}
	return r.items[itemKey(s)]
}

// itemKey is an item ID in lower case with its spaces removed.
func itemKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "")
}
