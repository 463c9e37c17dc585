package importers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// odsBytes returns the start of an OpenDocument spreadsheet as LibreOffice
// writes one: a zip container with a mimetype and a content.xml part.
func odsBytes(t testing.TB) []byte {
	return zipWith(t, map[string]string{
		"mimetype":    "application/vnd.oasis.opendocument.spreadsheet",
		"content.xml": `<?xml version="1.0"?><office:document-content/>`,
	})
}

// TestFolderNamesEveryFileNotRead puts survey files beside files that are not
// read into one folder: each of the latter is named in a diagnostic, with the
// conversion command for the spreadsheets.
func TestFolderNamesEveryFileNotRead(t *testing.T) {
	legacy, err := os.ReadFile(fixture("legacy_synthetic.xls"))
	require.NoError(t, err)
	dir := t.TempDir()
	files := map[string][]byte{
		"AT.csv":                []byte("Country,Item,Status\nAT,D-3.4,yes\n"),
		"BE.ods":                odsBytes(t),
		"CZ old.xls":            legacy,
		"report.pdf":            []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
		"notes.txt":             []byte("Country,Item,Status\n"),
		"letter.docx":           zipWith(t, map[string]string{"word/document.xml": "<w:document/>"}),
		"~$AT.xlsx":             []byte("lock"),
		".~lock.BE.ods#":        []byte("lock"),
		".DS_Store":             []byte{0, 0, 0, 1},
		"DE.xlsx":               xlsxBytes(t, sheet{"S", [][]any{{"Country", "Item", "Status"}, {"DE", "D-3.4", "no"}}}),
		"questionnaire.xlsb":    zipWith(t, map[string]string{"xl/workbook.bin": "x"}),
		"flat spreadsheet.fods": []byte(`<?xml version="1.0"?><office:document/>`),
	}
	for name, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}

	ds, err := OpenAll([]string{dir}, testOptions())
	require.NoError(t, err)
	requireBalanced(t, ds)
	assert.Equal(t, []string{"AT D-3.4 full", "DE D-3.4 none"}, respLines(ds))

	type got struct {
		Sev  gapanalysis.Severity
		Code gapanalysis.Code
	}
	byFile := map[string]got{}
	msgs := map[string]string{}
	for _, d := range ds.Diagnostics {
		require.NotContains(t, byFile, d.File, "one diagnostic per file")
		byFile[d.File] = got{d.Severity, d.Code}
		msgs[d.File] = d.Message
	}
	assert.Equal(t, map[string]got{
		"BE.ods":                {gapanalysis.SevError, gapanalysis.CodeNotXLSX},
		"CZ old.xls":            {gapanalysis.SevError, gapanalysis.CodeLegacyXLS},
		"questionnaire.xlsb":    {gapanalysis.SevError, gapanalysis.CodeNotXLSX},
		"flat spreadsheet.fods": {gapanalysis.SevError, gapanalysis.CodeNotXLSX},
		"report.pdf":            {gapanalysis.SevWarning, gapanalysis.CodeSkippedFile},
		"notes.txt":             {gapanalysis.SevWarning, gapanalysis.CodeSkippedFile},
		"letter.docx":           {gapanalysis.SevWarning, gapanalysis.CodeSkippedFile},
		"~$AT.xlsx":             {gapanalysis.SevInfo, gapanalysis.CodeSkippedFile},
		".~lock.BE.ods#":        {gapanalysis.SevInfo, gapanalysis.CodeSkippedFile},
		".DS_Store":             {gapanalysis.SevInfo, gapanalysis.CodeSkippedFile},
	}, byFile)
	assert.Contains(t, msgs["BE.ods"], "OpenDocument")
	assert.Contains(t, msgs["BE.ods"], "soffice --headless --convert-to xlsx BE.ods")
	assert.Contains(t, msgs["CZ old.xls"], "soffice --headless --convert-to xlsx 'CZ old.xls'")
	assert.Contains(t, msgs["questionnaire.xlsb"], "soffice --headless --convert-to xlsx questionnaire.xlsb")
	assert.Contains(t, msgs["report.pdf"], `"report.pdf" in folder `+dir+" was not read")
	assert.Contains(t, msgs["notes.txt"], "give it a .csv name")
	assert.Contains(t, msgs["~$AT.xlsx"], "lock file")
	assert.Contains(t, msgs[".~lock.BE.ods#"], "lock file")
}

func TestIsLockFile(t *testing.T) {
	for name, want := range map[string]bool{
		"~$survey.xlsx": true, ".~lock.survey.xlsx#": true, ".~lock.survey.xlsx": false,
		"survey.xlsx": false, "lock.xlsx#": false,
	} {
		assert.Equal(t, want, isLockFile(name), name)
	}
}
