package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
)

// WriteFile creates (or truncates) the file at path with mode 0644 (before the
// umask) and calls write with a buffered writer on it, e.g.
//
//	report.WriteFile("study.xlsx", func(w io.Writer) error { return report.WriteWorkbook(w, res, nil) })
//
// It exists because excelize's SaveAs creates files with mode 0755 (SPEC 11).
// When write or closing fails, the partly written file is removed and the error
// returned.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	if write == nil {
		return errors.New("report: WriteFile: nil write function")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("report: %w", cerr)
		}
		if err != nil {
			_ = os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
