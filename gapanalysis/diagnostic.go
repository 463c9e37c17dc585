package gapanalysis

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity of a diagnostic.
type Severity string

// Severities. Errors mean a datum could not be used; warnings mean it was used with
// an assumption; info is for the record.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Code is a stable, machine-readable diagnostic code (SPEC 4).
type Code string

// Diagnostic codes.
const (
	CodeUnknownCountry   Code = "unknown-country"
	CodeUnknownItem      Code = "unknown-item"
	CodeBadStatus        Code = "bad-status"
	CodeBadValue         Code = "bad-value"
	CodeDuplicate        Code = "duplicate"
	CodeConflict         Code = "conflict"
	CodeMissingColumn    Code = "missing-column"
	CodeMissingValue     Code = "missing-value"
	CodeNoHeader         Code = "no-header"
	CodeEmptySheet       Code = "empty-sheet"
	CodeNotXLSX          Code = "not-xlsx"
	CodeLegacyXLS        Code = "legacy-xls"
	CodeEncrypted        Code = "encrypted"
	CodeTooLarge         Code = "too-large"
	CodeFormulaNoValue   Code = "formula-no-value"
	CodeMissingCriterion Code = "missing-criterion"
	CodeNoData           Code = "no-data"
	CodeReadError        Code = "read-error"
	CodeIgnoredColumn    Code = "ignored-column"
	CodeMissingSheet     Code = "missing-sheet"
	// CodeLayout (info) says which layout a sheet was read in, at its header row.
	CodeLayout Code = "layout"
	// CodeIgnoredRow (info) lists rows that are not data rows, such as the
	// heading rows of a matrix.
	CodeIgnoredRow Code = "ignored-row"
	// CodeQuestionnaireMismatch: a questionnaire workbook was made for another
	// country, checklist or checklist version than it is read with.
	CodeQuestionnaireMismatch Code = "questionnaire-mismatch"
	// CodeHidden (info): a hidden sheet, or hidden rows, were read like the
	// others.
	CodeHidden Code = "hidden"
	// CodeSkippedFile: a file in an input folder that is not read: a file of
	// a kind that is not a survey (warning), or a lock file, hidden file or
	// subfolder (info).
	CodeSkippedFile Code = "skipped-file"
	// CodeUnnamedColumn (warning): text in a column whose header cell is
	// empty, not read; the diagnostic lists the cells.
	CodeUnnamedColumn Code = "unnamed-column"
	// CodeLongText (warning): a text longer than a spreadsheet cell holds
	// (32,767 characters) was cut in the results workbook; the JSON and CSV
	// outputs keep it whole.
	CodeLongText Code = "long-text"
	// CodeNotBoundAnswer (warning): a questionnaire's answer to an item that
	// does not bind the country, prefilled "na" and locked, was overwritten.
	CodeNotBoundAnswer Code = "not-bound-answer"
	// CodeMerged (warning): cells merged down over several rows, in a sheet
	// too large for them to be applied to each row.
	CodeMerged Code = "merged"
	// CodeBadQuote (error): a CSV field with an unbalanced quote; the row is
	// reported, and the lines after it are read as rows of their own.
	CodeBadQuote Code = "bad-quote"
	// CodeReplaced (info): a later version of a questionnaire from the same
	// respondent replaces an earlier one.
	CodeReplaced Code = "replaced"
	// CodeResultsWorkbook (info): a Gapstudy results workbook given as input;
	// only its Data sheet, the answers its results came from, is read.
	CodeResultsWorkbook Code = "results-workbook"
)

// Sentinel errors, one per code, so callers can use errors.Is on a Diagnostic.
var (
	ErrUnknownCountry   = errors.New("unknown country")
	ErrUnknownItem      = errors.New("unknown item")
	ErrBadStatus        = errors.New("bad status")
	ErrBadValue         = errors.New("bad value")
	ErrDuplicate        = errors.New("duplicate answer")
	ErrConflict         = errors.New("conflicting answers")
	ErrMissingColumn    = errors.New("missing column")
	ErrMissingValue     = errors.New("missing value")
	ErrNoHeader         = errors.New("no header row")
	ErrEmptySheet       = errors.New("empty sheet")
	ErrNotXLSX          = errors.New("not an xlsx file")
	ErrLegacyXLS        = errors.New("legacy xls file")
	ErrEncrypted        = errors.New("encrypted file")
	ErrTooLarge         = errors.New("input too large")
	ErrFormulaNoValue   = errors.New("formula without cached value")
	ErrMissingCriterion = errors.New("missing criterion value")
	ErrNoData           = errors.New("no data")
	ErrRead             = errors.New("read error")
	ErrIgnoredColumn    = errors.New("ignored column")
	ErrMissingSheet     = errors.New("missing sheet")
	// ErrLayout is the sentinel of CodeLayout.
	ErrLayout = errors.New("layout")
	// ErrIgnoredRow is the sentinel of CodeIgnoredRow.
	ErrIgnoredRow = errors.New("ignored row")
	// ErrQuestionnaireMismatch is the sentinel of CodeQuestionnaireMismatch.
	ErrQuestionnaireMismatch = errors.New("questionnaire does not match the study")
	// ErrHidden is the sentinel of CodeHidden.
	ErrHidden = errors.New("hidden cells read")
	// ErrSkippedFile is the sentinel of CodeSkippedFile.
	ErrSkippedFile = errors.New("file not read")
	// ErrUnnamedColumn is the sentinel of CodeUnnamedColumn.
	ErrUnnamedColumn = errors.New("text in a column without a header")
	// ErrLongText is the sentinel of CodeLongText.
	ErrLongText = errors.New("text cut in the workbook")
	// ErrNotBoundAnswer is the sentinel of CodeNotBoundAnswer.
	ErrNotBoundAnswer = errors.New("answer to an item that does not bind the country")
	// ErrMerged is the sentinel of CodeMerged.
	ErrMerged = errors.New("merged cells not applied")
	// ErrBadQuote is the sentinel of CodeBadQuote.
	ErrBadQuote = errors.New("unbalanced quote")
	// ErrReplaced is the sentinel of CodeReplaced.
	ErrReplaced = errors.New("answers replaced by a later version")
	// ErrResultsWorkbook is the sentinel of CodeResultsWorkbook.
	ErrResultsWorkbook = errors.New("results workbook read from its Data sheet")
)

var codeErr = map[Code]error{
	CodeUnknownCountry: ErrUnknownCountry, CodeUnknownItem: ErrUnknownItem,
	CodeBadStatus: ErrBadStatus, CodeBadValue: ErrBadValue, CodeDuplicate: ErrDuplicate,
	CodeConflict: ErrConflict, CodeMissingColumn: ErrMissingColumn,
	CodeMissingValue: ErrMissingValue, CodeNoHeader: ErrNoHeader,
	CodeEmptySheet: ErrEmptySheet, CodeNotXLSX: ErrNotXLSX, CodeLegacyXLS: ErrLegacyXLS,
	CodeEncrypted: ErrEncrypted, CodeTooLarge: ErrTooLarge,
	CodeFormulaNoValue: ErrFormulaNoValue, CodeMissingCriterion: ErrMissingCriterion,
	CodeNoData: ErrNoData, CodeReadError: ErrRead,
	CodeIgnoredColumn: ErrIgnoredColumn, CodeMissingSheet: ErrMissingSheet,
	CodeLayout: ErrLayout, CodeIgnoredRow: ErrIgnoredRow,
	CodeQuestionnaireMismatch: ErrQuestionnaireMismatch,
	CodeHidden:                ErrHidden,
	CodeSkippedFile:           ErrSkippedFile,
	CodeUnnamedColumn:         ErrUnnamedColumn,
	CodeLongText:              ErrLongText,
	CodeReplaced:              ErrReplaced,
	CodeBadQuote:              ErrBadQuote,
	CodeNotBoundAnswer:        ErrNotBoundAnswer,
	CodeMerged:                ErrMerged,
	CodeResultsWorkbook:       ErrResultsWorkbook,
}

// Diagnostic is one problem found in the input or the analysis, with its position.
// It is an error: errors.Is(d, ErrBadStatus) holds for a bad-status diagnostic.
type Diagnostic struct {
	Severity Severity
	Code     Code
	Message  string // complete sentence for a person, with a suggestion where one exists
	File     string
	Sheet    string // "" for CSV files
	Cell     string // A1 form, "" when the problem is not in one cell
	Row      int    // 1-based sheet row, 0 when none
	Col      int    // 1-based column, 0 when none
	Err      error  // the wrapped sentinel (nil: derived from Code)
}

// NewDiagnostic returns a diagnostic whose Err is the sentinel of its code.
func NewDiagnostic(sev Severity, code Code, msg string) Diagnostic {
	return Diagnostic{Severity: sev, Code: code, Message: msg, Err: codeErr[code]}
}

// Error returns "file!sheet!cell: severity code: message".
func (d Diagnostic) Error() string {
	pos := Source{File: d.File, Sheet: d.Sheet, Cell: d.Cell}.String()
	if pos != "" {
		pos += ": "
	}
	return fmt.Sprintf("%s%s %s: %s", pos, d.Severity, d.Code, d.Message)
}

// Unwrap returns the sentinel error of the diagnostic's code.
func (d Diagnostic) Unwrap() error {
	if d.Err != nil {
		return d.Err
	}
	return codeErr[d.Code]
}

// Position returns the diagnostic's file, sheet and cell as a Source.
func (d Diagnostic) Position() Source { return Source{File: d.File, Sheet: d.Sheet, Cell: d.Cell} }

// CountBySeverity counts diagnostics of each severity.
func CountBySeverity(ds []Diagnostic) (errs, warnings, infos int) {
	for _, d := range ds {
		switch d.Severity {
		case SevError:
			errs++
		case SevWarning:
			warnings++
		default:
			infos++
		}
	}
	return
}

// QuoteMax is the most characters of a value that a diagnostic message quotes.
const QuoteMax = 200

// Quote returns s in double quotes, as %q writes it, for a diagnostic
// message. A value longer than QuoteMax characters is cut after QuoteMax of
// them and the quote says how long it was: "abc…" (5,000 characters). Every
// message that quotes a value from a file quotes it with Quote, so that a
// runaway cell (a whole document pasted into one) cannot flood the output.
func Quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= QuoteMax {
		return strconv.Quote(s)
	}
	cut, runes := s, 0
	for i := range s {
		if runes == QuoteMax {
			cut = s[:i]
			break
		}
		runes++
	}
	return strconv.Quote(cut+"…") + fmt.Sprintf(" (%s characters)", GroupThousands(n))
}

// GroupThousands writes n with commas between groups of three digits:
// 1048576 → "1,048,576".
func GroupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}
