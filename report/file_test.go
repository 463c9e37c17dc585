package report_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	t.Run("workbook is created 0644", func(t *testing.T) {
		path := filepath.Join(dir, "study_synthetic.xlsx")
		require.NoError(t, report.WriteFile(path, func(w io.Writer) error {
			return report.WriteWorkbook(w, syntheticResult(), nil)
		}))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		f := openWorkbook(t, data)
		assert.Equal(t, "Summary", f.GetSheetList()[0])
	})
	t.Run("failed write leaves no file", func(t *testing.T) {
		path := filepath.Join(dir, "broken.json")
		boom := errors.New("boom")
		err := report.WriteFile(path, func(w io.Writer) error {
			_, _ = io.WriteString(w, "{")
			return boom
		})
		assert.ErrorIs(t, err, boom)
		assert.NoFileExists(t, path)
	})
	t.Run("missing folder", func(t *testing.T) {
		err := report.WriteFile(filepath.Join(dir, "no", "such", "file.json"), func(io.Writer) error { return nil })
		assert.Error(t, err)
	})
}
