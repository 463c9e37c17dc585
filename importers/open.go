package importers

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// surveyExts are the extensions OpenAll reads from a folder.
var surveyExts = map[string]bool{".xlsx": true, ".xlsm": true, ".csv": true}

// workbookExts are the extensions Open reads as workbooks whatever their content.
var workbookExts = map[string]bool{".xlsx": true, ".xlsm": true, ".xltx": true, ".xltm": true, ".xls": true}

// Open reads one survey file. The content decides how: a zip container is read
// as an xlsx workbook, an OLE2 file is reported (legacy-xls or encrypted), and
// anything else is read as CSV text — except that a file named .xlsx, .xlsm or
// .xls whose content is not a workbook is reported as not-xlsx. The file's base
// name is the File of every diagnostic and source.
//
// The error is non-nil only when opts is not usable (ErrNoChecklist…), path
// cannot be opened, or path is a folder (use OpenAll); the dataset is then nil.
// It is also non-nil when reading a CSV file fails part-way: the dataset then
// holds what was read before the failure, as ReadCSV does.
func Open(path string, opts *Options) (*gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	return rd.open(path)
}

func (rd *reader) open(path string) (*gapanalysis.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("importers: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("importers: %w", err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("importers: %s is a folder; use OpenAll to read the files in it", path)
	}
	name := filepath.Base(path)
	ds := newDataset(name)
	head := make([]byte, 8)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("importers: reading %s: %w", path, err)
	}
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(name))
	isWorkbook := bytes.HasPrefix(head, zipSignature) || bytes.HasPrefix(head, zipEmpty) ||
		bytes.HasPrefix(head, oleSignature)
	if !isWorkbook && !workbookExts[ext] && !spreadsheetExts[ext] {
		return ds, rd.readCSV(ds, f, name)
	}
	rd.readWorkbook(ds, f, fi.Size(), name, func(o excelize.Options) (*excelize.File, error) {
		return excelize.OpenFile(path, o)
	})
	return ds, nil
}

// OpenAll reads survey files and folders and merges them into one dataset, in
// the order given. A folder contributes the files directly in it, in name
// order, and every one of them is either read or named in a diagnostic:
//   - .xlsx, .xlsm and .csv files are read as by Open;
//   - spreadsheets of another kind (.xls, .xlsb, .ods, .fods, .numbers and the
//     like) are opened too, so that each gets its error (legacy-xls, not-xlsx)
//     with the way to convert it;
//   - Office and LibreOffice lock files ("~$x.xlsx", ".~lock.x.xlsx#"), other
//     hidden files and subfolders get a skipped-file info;
//   - any other file (.pdf, .docx, .txt…) gets a skipped-file warning.
//
// A folder without survey files gives a no-data warning.
//
// Two questionnaires of one named respondent for one country are two versions
// of a reply: the later one (by the date on its Cover, or with
// Options.Replies = RepliesLatest the one read last) replaces the earlier one,
// with a replaced note, instead of every changed answer being a conflict. The
// responses of questionnaires are therefore handed on (to Options.Sink, or
// into the dataset) after every file is read.
//
// The error is non-nil only when opts has no checklist, or a path cannot be
// opened or read.
func OpenAll(paths []string, opts *Options) (*gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	all := &gapanalysis.Dataset{}
	rd.holding = true
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("importers: %w", err)
		}
		if !fi.IsDir() {
			ds, err := rd.open(p)
			if err != nil {
				return nil, err
			}
			all.Merge(ds)
			continue
		}
		if err := rd.openFolder(all, p); err != nil {
			return nil, err
		}
	}
	rd.settleReplies(all, rd.held)
	return all, nil
}

// spreadsheetExts are the extensions of spreadsheet files that are not read
// but opened in a folder all the same, so that each gets its own error with
// the way to convert it.
var spreadsheetExts = map[string]bool{
	".xls": true, ".xlsb": true, ".xltx": true, ".xltm": true, ".ods": true, ".fods": true,
	".ots": true, ".numbers": true, ".et": true, ".wk1": true, ".123": true, ".sxc": true,
}

// openFolder reads the files directly in folder dir into all (see OpenAll).
func (rd *reader) openFolder(all *gapanalysis.Dataset, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("importers: %w", err)
	}
	read := 0
	skip := func(name string, sev gapanalysis.Severity, why string) {
		rd.fileDiag(all, name, sev, gapanalysis.CodeSkippedFile, fmt.Sprintf(
			"%s in folder %s was not read: %s", quote(name), dir, why))
	}
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		switch {
		case isLockFile(name):
			skip(name, gapanalysis.SevInfo, "it is the lock file of an office program that has a workbook open, not a survey")
			continue
		case strings.HasPrefix(name, "."):
			skip(name, gapanalysis.SevInfo, "it is a hidden file")
			continue
		case e.IsDir():
			skip(name, gapanalysis.SevInfo, "it is a subfolder (only the files directly in a folder are read; give the subfolder to read it)")
			continue
		case surveyExts[ext]:
		case spreadsheetExts[ext]:
			// Opened for its error (legacy-xls, not-xlsx), which says how to
			// convert it; a file that is a workbook after all is read.
		default:
			skip(name, gapanalysis.SevWarning, fmt.Sprintf(
				"only .xlsx, .xlsm and .csv files are read; %s", unknownKind(name)))
			continue
		}
		ds, err := rd.open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		all.Merge(ds)
		read++
	}
	if read == 0 {
		d := gapanalysis.NewDiagnostic(gapanalysis.SevWarning, gapanalysis.CodeNoData, fmt.Sprintf(
			"folder %s holds no .xlsx, .xlsm or .csv file", dir))
		all.Diagnostics = append(all.Diagnostics, d)
	}
	return nil
}

// isLockFile reports whether a file name is that of an office program's lock
// file: Microsoft Office's "~$x.xlsx" and LibreOffice's ".~lock.x.xlsx#".
func isLockFile(name string) bool {
	return strings.HasPrefix(name, "~$") ||
		strings.HasPrefix(name, ".~lock.") && strings.HasSuffix(name, "#")
}

// unknownKind says what to do with a file of a kind that is not read.
func unknownKind(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".tsv", ".tab", "":
		return "if it is CSV text, give it a .csv name, or give the file itself to read it"
	case ".pdf", ".doc", ".docx", ".odt", ".rtf":
		return "a document cannot be read as a survey; copy its answers into a workbook"
	}
	return "it is not a survey file"
}
