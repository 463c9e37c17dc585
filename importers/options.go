package importers

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

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

// ErrDelimiter is returned by the readers when Options.Delimiter cannot
// separate CSV fields.
var ErrDelimiter = errors.New("importers: bad Options.Delimiter")

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
	// Delimiter is the CSV field separator, an ASCII character other than a
	// quote or a line end (another one makes the readers return an error
	// wrapping ErrDelimiter). 0: detected from the first lines (comma,
	// semicolon or tab).
	Delimiter rune
	// MaxUnpackedSize is the largest input accepted, in bytes: the sum of the
	// unpacked parts of an xlsx file, or the text of a CSV file. 0 means
	// DefaultMaxUnpackedSize (256 MiB); a negative value means no limit.
	MaxUnpackedSize int64
	// MaxRows is the most rows read from one sheet (or CSV records from one
	// file), title and header rows included. 0 means DefaultMaxRows (1,048,576);
	// a negative value means no limit.
	MaxRows int
	// Sink, when not nil, receives every response as it is read, in file order,
	// and the responses are not kept in Dataset.Responses: memory then does not
	// grow with the number of responses (gapstudy validate streams this way).
	// nil collects them in Dataset.Responses. Sink is called from the reading
	// goroutine only.
	Sink func(gapanalysis.Response)
	// Password opens password-protected (encrypted) workbooks. "" reads none:
	// such a workbook gets an encrypted error diagnostic, as does one that the
	// password does not open. It is used for every encrypted workbook of a read
	// and never appears in diagnostics.
	Password string
	// Layout forces the layout of every sheet (SPEC 4): LayoutLong,
	// LayoutMatrix, LayoutRespondents or LayoutQuestionnaire. "" or LayoutAuto:
	// each sheet's layout is detected from its first rows (see the package doc).
	// Any other value makes the readers return an error wrapping
	// ErrUnknownLayout.
	Layout string
	// SheetLayouts forces the layout of single worksheets, by sheet name
	// (matched exactly, then case-insensitively), over Layout; a value of "" or
	// LayoutAuto detects that sheet's layout. Sheets not named keep Layout. nil:
	// none. Ignored for CSV, whose one sheet follows Layout.
	SheetLayouts map[string]string
	// Mapping names the items that the column headers of respondents exports
	// answer, for headers that are neither item IDs nor question texts (see
	// LoadMapping). The zero value maps nothing. An entry whose item the
	// checklist does not have makes the readers return the error of
	// Mapping.Check.
	Mapping Mapping
	// Replies says which of two questionnaires of one named respondent for one
	// country OpenAll keeps (a corrected reply sent again): RepliesDated (the
	// zero value "") keeps the one with the later date on its Cover, with a
	// replaced note on the other, and reads both when the dates do not tell
	// (their different answers are then conflicts); RepliesLatest keeps, when
	// the dates do not tell, the one read last. Any other value makes the
	// readers return an error wrapping ErrReplies.
	Replies string
	// Engine chooses the code that reads worksheet rows: EngineFast (the zero
	// value "") or EngineExcelize; both give the same rows and cells. Any other
	// value makes the readers return an error.
	Engine Engine
}

// reader is one import run: the options resolved, with lookups built once.
type reader struct {
	cl      *gapanalysis.Checklist
	vocab   *gapanalysis.Vocabulary
	sheets  []string
	delim   rune
	maxSize int64                                    // < 0: no limit
	maxRows int                                      // < 0: no limit
	byID    map[gapanalysis.ItemID]*gapanalysis.Item // exact IDs
	items   map[string]*gapanalysis.Item             // itemKey → item
	refs    map[string]*gapanalysis.Item             // refKey of a unique provision reference → item
	itemIDs []string                                 // for suggestions, in checklist order

	layout       string                       // forced layout of every sheet; "": detect
	sheetLayouts map[string]string            // sheet name → forced layout ("": detect)
	mapping      map[string]*gapanalysis.Item // textKey of a header → item (Options.Mapping)
	questions    map[string]*gapanalysis.Item // textKey of a question text → item

	// faultRows are the lines of the CSV file being read whose records have a
	// quoting fault (a bad-quote error): they count as reported. nil for
	// workbooks.
	faultRows map[int]bool

	replies string   // Options.Replies, resolved
	held    []*reply // questionnaires read by OpenAll, held back (nil: not holding)
	holding bool     // OpenAll holds questionnaires back (see settleReplies)

	password string // Options.Password
	sink     func(gapanalysis.Response)
	engine   Engine // Options.Engine, resolved: EngineFast or EngineExcelize

	// register, when not nil, makes every sheet be read as a known-issues
	// register (ReadKnownIssues) into it.
	register *register
	// panel, when not nil, makes every sheet be read as an expert panel
	// (ReadPanel) into it.
	panel *panelReader
}

func newReader(opts *Options) (*reader, error) {
	if opts == nil || opts.Checklist == nil {
		return nil, ErrNoChecklist
	}
	r := &reader{
		cl:      opts.Checklist,
		vocab:   opts.Vocabulary,
		sheets:  opts.Sheets,
		delim:   opts.Delimiter,
		maxSize: opts.MaxUnpackedSize,
		maxRows: opts.MaxRows,
		byID:    map[gapanalysis.ItemID]*gapanalysis.Item{},
		items:   map[string]*gapanalysis.Item{},
	}
	if d := opts.Delimiter; d != 0 && (d >= utf8.RuneSelf || d == '"' || d == '\r' || d == '\n' || d < ' ' && d != '\t') {
		return nil, fmt.Errorf("%w %q: it must be an ASCII character other than a quote or a line end", ErrDelimiter, d)
	}
	replies, err := checkReplies(opts.Replies)
	if err != nil {
		return nil, err
	}
	r.replies = replies
	r.password = opts.Password
	r.sink = opts.Sink
	eng, engErr := resolveEngine(opts.Engine)
	if engErr != nil {
		return nil, engErr
	}
	r.engine = eng
	if r.maxSize == 0 {
		r.maxSize = DefaultMaxUnpackedSize
	}
	if r.maxRows == 0 {
		r.maxRows = DefaultMaxRows
	}
	r.refs = map[string]*gapanalysis.Item{}
	refCount := map[string]int{}
	// Walk the hierarchy rather than the checklist's lazy index, so that readers
	// sharing a checklist built in code do not race to build it.
	for _, p := range opts.Checklist.Pillars {
		for _, th := range p.Themes {
			for _, it := range th.Items {
				if _, dup := r.byID[it.ID]; dup {
					continue
				}
				r.byID[it.ID] = it
				r.itemIDs = append(r.itemIDs, string(it.ID))
				if k := itemKey(string(it.ID)); r.items[k] == nil {
					r.items[k] = it
				}
				if k := refKey(it.Ref); k != "" {
					refCount[k]++
					r.refs[k] = it
				}
			}
		}
	}
	for k, n := range refCount {
		if n > 1 {
			delete(r.refs, k) // a reference that several items share names none
		}
	}
	if err := r.setLayouts(opts); err != nil {
		return nil, err
	}
	return r, nil
}

// lookupItem finds an item by its ID: exactly, or ignoring case and spacing; or
// else by its provision reference when no other item shares it ("Art. 3(4)",
// "Article 3(4)", "art 3 (4)" and "3(4)" are the same).
func (r *reader) lookupItem(s string) *gapanalysis.Item {
	if it := r.byID[gapanalysis.ItemID(s)]; it != nil {
		return it
	}
	if it := r.items[itemKey(s)]; it != nil {
		return it
	}
	if k := refKey(s); k != "" {
		return r.refs[k]
	}
	return nil
}

// refKey is a provision reference in lower case without spaces and without a
// leading "article", "art." or "art"; "" when nothing but digits and brackets of a
// provision remain to compare (a reference must start with a digit).
func refKey(s string) string {
	k := itemKey(s)
	for _, prefix := range []string{"article", "art.", "art"} {
		if strings.HasPrefix(k, prefix) {
			k = strings.TrimPrefix(k, prefix)
			break
		}
	}
	if k == "" || k[0] < '0' || k[0] > '9' {
		return ""
	}
	return k
}

// itemKey is an item ID in lower case with its spaces removed.
func itemKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), "")
}

// faulty reports whether the record on line num of the CSV file being read
// has a quoting fault, already reported: such a row counts as reported.
func (r *reader) faulty(num int) bool { return r.faultRows[num] }
