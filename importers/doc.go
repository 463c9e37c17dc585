// Package importers reads survey files — xlsx workbooks and CSV text — into a
// gapanalysis.Dataset: the responses, every problem found (as diagnostics with
// file, sheet and cell), and the accounting of the rows of every sheet.
//
// It sits between the files national experts send back and the study pipeline
// (gapanalysis.Analyze): import, then merge, then score. The readers here check
// each cell on its own; duplicate and conflicting answers across rows and files
// are found by the pipeline after merging.
//
// # Use
//
// ReadXLSX and ReadCSV read from an io.Reader; Open reads one file (xlsx or CSV,
// told apart by its content first and its extension second) and OpenAll reads
// files and folders and merges them. All take *Options, whose only required field
// is the Checklist the item IDs are checked against.
//
// Only a failure to read at all (an I/O error) is returned as an error; ReadCSV
// then returns, like encoding/csv, what it read before it with the error.
// Everything about the content — a file that is not a spreadsheet, an old .xls, a
// password, a size over the limit, an unknown country, a status outside the
// vocabulary, an unbalanced quote — is a gapanalysis.Diagnostic in the returned
// Dataset, and the rest of the file is still read. Nothing is dropped without a
// word: every file in a folder is read or named (skipped-file), and text in a
// column without a header is listed (unnamed-column).
//
// # The long layout
//
// One row per (country, item) with the columns country, item and status, and
// optionally evidence, comment, respondent and value (SPEC 4). Headers are
// matched case-, accent-, spacing- and punctuation-insensitively against a list
// of aliases (see docs/input-format.md); the header row is the first of the first
// 20 non-empty rows that names at least two of country, item and status, so title
// rows above it are skipped. A column named exactly "source" is evidence only
// when the sheet has no evidence column; otherwise it is the provenance column of
// a Data sheet and is ignored.
//
// # Other layouts
//
// Besides the long layout, a sheet may be a matrix (LayoutMatrix: item IDs down
// a column, countries across a header row, statuses or numbers where they
// meet), a survey-tool export (LayoutRespondents: one row per respondent, a
// country column, an optional respondent column and one column per item) or a
// questionnaire (below). The layout of each sheet is detected from its first
// rows — long when a row names the country, item and status columns; matrix when
// a row names a country and the column of IDs to its left holds mostly item IDs;
// respondents when a row has a country column and a column that names an item;
// matrix when a row names three countries — and is otherwise read as long, which
// reports what is missing. Options.Layout and Options.SheetLayouts force it. A
// sheet read as a matrix or an export gets an info diagnostic (code "layout") at
// its header row saying so.
//
// A column header of an export names an item by its ID, by a word that is its
// ID ("D-3.4 Engaging in…"), by the item's question text (case, accents, spaces
// and punctuation ignored) or through Options.Mapping (see LoadMapping); other
// columns are listed in one ignored-column note. The respondent of each answer is
// the respondent cell or else "file!sheet!row N", so that the rows of an export
// are different respondents, averaged rather than in conflict.
//
// In a matrix, a data row is an item row: a non-empty row below the header,
// except heading rows (neither an item ID nor an answer), which are listed in an
// ignored-row note. In an export, a data row is a respondent row. Problems of
// header cells (a misspelt country over a matrix column, something close to an
// item ID over an export column) are diagnostics at the header cell, whose row
// is not a data row; the cells below them are not read.
//
// # Rows, responses and accounting
//
// Each non-empty row below the header is a data row. A data row whose country
// and item are both recognised gives exactly one gapanalysis.Response, even when
// its status or value is bad: that answer is then StatusUnknown (no value), so
// the (country, item) is known to have been asked. A row whose country or item
// is missing or unknown gives no response. Every problem in a row is its own
// error diagnostic; a row with at least one error diagnostic is counted once as
// reported, any other data row as used, so that for every sheet
// RowsRead = RowsUsed + RowsReported.
//
// Each response keeps its Source: the file, the sheet ("" for CSV) and the cell
// of its status — or, for a numeric item whose number came from the value
// column, of its value.
//
// # Numeric items
//
// For an item of type numeric, the number is taken from the value column, or,
// when that is empty, from the status cell if it holds a number (so 0.5 there is
// the number 0.5, not "partial"). A status cell that holds a word is read with
// the vocabulary as usual (typically n/a or unknown). A response with a number
// has HasValue set and Status StatusUnknown unless the status cell said
// otherwise.
//
// # Questionnaires
//
// A workbook written by report.WriteTemplate (gapstudy template) and filled in
// by a national expert is recognised by its Cover sheet, whose "File format"
// field says "gapstudy questionnaire", and read as a whole, unless
// Options.Layout or Options.SheetLayouts force another layout (forcing
// LayoutQuestionnaire reads any workbook so). The Cover's country cell is
// authoritative: every answer is that country's, and an empty or unknown country
// is one error diagnostic at that cell, the item rows then counted as read and
// reported. The respondent is the Cover's name, with the organisation in
// brackets. A renamed Cover is recognised by its content (the first sheet with
// the File format field). Two questionnaires of one named respondent for one
// country read by OpenAll are two versions of a reply: the later one (by the
// Cover's date, or the file read last with Options.Replies = RepliesLatest)
// replaces the earlier one, with a replaced note. An item that does not bind
// the country, prefilled "na", whose Status cell was overwritten gets a
// not-bound-answer warning. The other sheets are read in the questionnaire layout: below a
// header with ID and Status columns, each row whose ID is a checklist item, or
// that holds an answer, is a data row; pillar and theme heading rows, without an
// answer, are skipped. An unanswered item row gives StatusUnknown and counts as
// used. Another country, checklist or checklist version than the questionnaire
// was made for, and checklist items it lacks, are questionnaire-mismatch
// warnings. The Cover has no data rows and no SheetAccount.
//
// # Cells, limits and passwords
//
// Cells are read as stored: numbers as numbers whatever their display format,
// a formula's saved value (a formula never computed is read as empty, with one
// formula-no-value warning per sheet listing such cells), and a number in a
// cell with a date format as an ISO 8601 date ("2024-03-15"). Hidden sheets and
// rows are read like the others, with a hidden note. A cell merged down over
// several rows is the value of each row it spans (in its first column). A
// two-row header — column names under a heading merged across them, beside
// header cells merged down — is read as one. Cells past Excel's grid (column
// XFD, row 1,048,576) are reported as too-large and the rest is read.
//
// CSV text is split as Excel does: CR LF, LF or CR alone end a line; a quoted
// field with an unbalanced quote is read again as plain text from its quote,
// with a bad-quote error at the line it began on, so that the lines after it
// stay rows of their own; at most 16,384 fields of a line are kept.
//
// Options.MaxUnpackedSize and Options.MaxRows bound what is read (too-large):
// the unpacked size of a workbook is checked from its zip directory before
// anything is unpacked, and every part is unpacked through a reader that stops
// at the size the directory declares, so that a zip bomb does not reach
// memory. Options.Password opens encrypted workbooks.
//
// # Reading worksheets
//
// A worksheet's rows are read with the package's own reader of sheet data
// (Options.Engine EngineFast, the default): it unpacks the worksheet part as it
// tokenizes it, resolves shared strings from a table read once per workbook and
// reuses its buffers, so that memory does not grow with the number of rows. It
// gives the rows and cells excelize's Rows gives with raw values — checked on
// every workbook in testdata and by fuzzing — several times faster
// (docs/performance.md). Everything else about a workbook (sheet list,
// visibility, styles, encryption) is read with excelize, and EngineExcelize
// reads rows with excelize too. excelize is given the workbook with the
// worksheets (and shared strings) over 16 MiB that the sheet-data reader reads
// replaced by empty stubs, so that opening a large survey neither unpacks its
// sheet into a temporary file nor holds it in memory; nothing is written to
// the temporary folder. A questionnaire with such a sheet is opened whole, as
// its sheets are read with excelize.
//
// # Checklists
//
// ReadChecklistXLSX reads a checklist in its xlsx form (sheets About, Items,
// Measures and Criteria); problems come back as *CellError values naming the
// sheet and cell.
//
// # Results workbooks and known-issues registers
//
// A results workbook written by report.WriteWorkbook (gapstudy run -o), given
// as a survey — the earlier wave of a comparison, say — is recognised by its
// Data sheet and a Methodology sheet naming the tool, and only its Data sheet,
// the answers its results came from, is read — with "Data 2", "Data 3", …
// after it, in order, where the responses did not fit one sheet — (a
// results-workbook note says so), unless Options.Sheets names the sheets to
// read.
//
// ReadKnownIssues and OpenKnownIssues read a known-issues register (xlsx or
// CSV; columns country, item, source, and optionally date and note) into
// gapanalysis.KnownIssue values, with the register's diagnostics and
// accounts in a Dataset.
//
// # Expert panels
//
// ReadPanel and OpenPanel read an expert panel's ratings of the checklist's
// measures (SPEC 14) into a gapanalysis.Panel: scoring forms (measures down,
// criteria across, the expert named above the header; what report.WritePanelForm
// writes) or long tables (expert, measure, criterion, value), a file or a
// folder of them. Ratings are 1–5; unknown measures and criteria, values out
// of range and repeated ratings are diagnostics at their cell, and every sheet
// is accounted for as a survey sheet is.
//
// # Synthetic data
//
// A dataset read from a file whose name contains "synthetic" (any case) is
// marked Synthetic, so that every output made from it says so.
//
// Glossary:
//
//   - sheet: a worksheet of a workbook, or the whole of a CSV file (Sheet "").
//   - data row: a non-empty row below the header row.
//   - used row: a data row without error diagnostics.
//   - reported row: a data row named in at least one error diagnostic.
//   - blank row: a row whose cells are all empty or spaces; skipped and counted
//     apart.
package importers
