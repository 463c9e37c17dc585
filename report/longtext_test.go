package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/report"
)

// TestLongTextCutWithMark: a comment longer than a cell holds is cut in the
// workbook with a visible mark, and kept whole in the CSV.
func TestLongTextCutWithMark(t *testing.T) {
	res := sampleResult()
	long := strings.Repeat("Long evidence. ", 3000) // 45,000 characters
	{
		edited := res.Dataset.Responses.At(0)
		edited.Comment = long
		res.Dataset.Responses.Set(0, edited)
	}
	f := openWorkbook(t, writeWorkbook(t, res, nil))
	rows, err := f.GetRows("Data", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	var cut string
	for _, row := range rows {
		if len(row) > 5 && strings.HasPrefix(row[5], "Long evidence.") {
			cut = row[5]
		}
	}
	require.NotEmpty(t, cut, "the comment is in the Data sheet")
	assert.LessOrEqual(t, len([]rune(cut)), excelize.TotalCellChars)
	assert.Regexp(t, `… \[cut: \d+ characters; full text in the JSON/CSV\]$`, cut)
	assert.True(t, strings.HasPrefix(long, strings.Split(cut, "… [cut")[0]))

	dir := t.TempDir()
	require.NoError(t, report.WriteCSV(dir, res))
	data, err := os.ReadFile(filepath.Join(dir, "data.csv"))
	require.NoError(t, err)
	assert.Contains(t, string(data), long)
}
