package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidateFolderWithFilesNotRead: a folder holding an .ods, an .xls, a
// PDF and a lock file beside a good survey is not a silent exit 0.
func TestValidateFolderWithFilesNotRead(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "AT.csv", "country,item,status\nAT,D-3.4,yes\n")
	writeFile(t, dir, "BE.ods", "PK\x03\x04 an OpenDocument spreadsheet")
	legacy, err := os.ReadFile(filepath.Join("..", "..", "testdata", "import", "legacy_synthetic.xls"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "CZ.xls"), legacy, 0o644))
	writeFile(t, dir, "report.pdf", "%PDF-1.7\n")
	writeFile(t, dir, "~$AT.xlsx", "lock")

	code, out, _ := runCLI(t, "validate", dir)
	assert.Equal(t, ExitData, code)
	assert.Contains(t, out, "BE.ods: error not-xlsx")
	assert.Contains(t, out, "soffice --headless --convert-to xlsx BE.ods")
	assert.Contains(t, out, "CZ.xls: error legacy-xls")
	assert.Contains(t, out, "report.pdf: warning skipped-file")
	assert.Contains(t, out, "~$AT.xlsx: info skipped-file")
}
