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
// The error is non-nil only when opts has no checklist (ErrNoChecklist), path
// cannot be opened or read, or path is a folder (use OpenAll).
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
	if !isWorkbook && !workbookExts[ext] {
		if err := rd.readCSV(ds, f, name); err != nil {
			return nil, err
		}
		return ds, nil
	}
	rd.readWorkbook(ds, f, fi.Size(), name, func(o excelize.Options) (*excelize.File, error) {
		return excelize.OpenFile(path, o)
	})
	return ds, nil
}

// OpenAll reads survey files and folders and merges them into one dataset, in
// the order given. A folder contributes its .xlsx, .xlsm and .csv files (not
// those of its subfolders) in name order; Office lock files ("~$…") and hidden
// files are skipped with an info diagnostic, and a folder without survey files
// gives a no-data warning. Each file is read as by Open.
//
// The error is non-nil only when opts has no checklist, or a path cannot be
// opened or read.
func OpenAll(paths []string, opts *Options) (*gapanalysis.Dataset, error) {
	rd, err := newReader(opts)
	if err != nil {
		return nil, err
	}
	all := &gapanalysis.Dataset{}
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
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("importers: %w", err)
		}
		read := 0
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !surveyExts[strings.ToLower(filepath.Ext(name))] {
				continue
			}
			if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
				rd.fileDiag(all, name, gapanalysis.SevInfo, gapanalysis.CodeNoData, fmt.Sprintf(
					"skipped %s in folder %s: a lock or hidden file, not a survey", name, p))
				continue
			}
			ds, err := rd.open(filepath.Join(p, name))
			if err != nil {
				return nil, err
			}
			all.Merge(ds)
			read++
		}
		if read == 0 {
			d := gapanalysis.NewDiagnostic(gapanalysis.SevWarning, gapanalysis.CodeNoData, fmt.Sprintf(
				"folder %s holds no .xlsx, .xlsm or .csv file", p))
			all.Diagnostics = append(all.Diagnostics, d)
		}
	}
	return all, nil
}
