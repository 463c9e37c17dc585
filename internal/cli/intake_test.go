package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
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

// TestRunAndValidateWordRepeatsAlike: the same conflict and duplicate are
// reported by run and validate in the same words, naming both cells.
func TestRunAndValidateWordRepeatsAlike(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "country,item,status,respondent\nAT,D-3.4,yes,Ana\nAT,D-3.5.i,no,Ana\n")
	b := writeFile(t, dir, "b.csv", "country,item,status,respondent\nAT,D-3.4,yes,Ana\nAT,D-3.5.i,yes,Ana\n")
	_, vout, _ := runCLI(t, "validate", a, b)
	_, _, rerr := runCLI(t, "run", a, b)
	for _, line := range []string{
		"b.csv!C2: warning duplicate: duplicate answer for AT / D-3.4 from respondent Ana: full at b.csv!C2, the same at a.csv!C2; counted once",
		"b.csv!C3: error conflict: conflicting answers for AT / D-3.5.i from respondent Ana: full at b.csv!C3, none at a.csv!C3; " +
			"this country and item are treated as unknown",
	} {
		assert.Contains(t, vout, line)
		assert.Contains(t, rerr, line)
	}
}

// TestRepliesFlag: a corrected questionnaire sent again replaces the first
// with --replies latest, in validate and in run; without the flag, the
// changed answer is a conflict.
func TestRepliesFlag(t *testing.T) {
	dir := t.TempDir()
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	version := func(name, status string) {
		var buf bytes.Buffer
		require.NoError(t, report.WriteTemplate(&buf, cl, "AT", nil))
		f, err := excelize.OpenReader(&buf)
		require.NoError(t, err)
		defer f.Close()
		rows, err := f.GetRows(report.SheetCover)
		require.NoError(t, err)
		for i, r := range rows {
			if len(r) > 0 && r[0] == report.CoverRespondent {
				require.NoError(t, f.SetCellValue(report.SheetCover, fmt.Sprintf("B%d", i+1), "Jane Doe"))
			}
		}
		require.NoError(t, f.SetCellValue(report.SheetQuestionnaire, "F4", status))
		require.NoError(t, f.SaveAs(filepath.Join(dir, name)))
	}
	version("AT-1.xlsx", "yes")
	version("AT-2.xlsx", "partly")

	code, out, _ := runCLI(t, "validate", dir)
	assert.Equal(t, ExitData, code)
	assert.Contains(t, out, "error conflict")
	assert.Contains(t, out, "info replaced")

	code, out, _ = runCLI(t, "validate", "--replies", "latest", dir)
	assert.Equal(t, ExitOK, code, out)
	assert.NotContains(t, out, "conflict")
	assert.Contains(t, out, "AT-1.xlsx!Cover")
	assert.Contains(t, out, "is replaced by the version in AT-2.xlsx, read after it (--replies latest)")

	code, _, errOut := runCLI(t, "run", "--replies", "latest", dir)
	assert.Equal(t, ExitOK, code, errOut)
	assert.NotContains(t, errOut, "conflict")

	code, _, errOut = runCLI(t, "validate", "--replies", "newest", dir)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, `--replies: "newest" is not dated or latest`)
}
