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
// Only a failure to read at all (an I/O error) is returned as an error. Everything
// about the content — a file that is not a spreadsheet, an old .xls, a password,
// a size over the limit, an unknown country, a status outside the vocabulary — is
// a gapanalysis.Diagnostic in the returned Dataset, and the rest of the file is
// still read.
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
