package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/xuri/excelize/v2"
)

func TestCellText(t *testing.T) {
	assert.Equal(t, "short", cellText("short"))
	exact := strings.Repeat("a", excelize.TotalCellChars)
	assert.Equal(t, exact, cellText(exact))

	long := strings.Repeat("é", 40000)
	got := cellText(long)
	assert.LessOrEqual(t, utf16Len(got), excelize.TotalCellChars)
	kept := strings.Count(got, "é")
	assert.True(t, strings.HasSuffix(got, cutMark(40000-kept)), got[len(got)-80:])
	// What is kept and what the mark says was cut add up to the whole text.
	assert.Equal(t, excelize.TotalCellChars-utf16Len(cutMark(40000)), kept)

	// Characters outside the Basic Multilingual Plane take two units each.
	emoji := strings.Repeat("😀", 20000)
	got = cellText(emoji)
	assert.LessOrEqual(t, utf16Len(got), excelize.TotalCellChars)
	assert.True(t, strings.HasSuffix(got, cutMark(20000-strings.Count(got, "😀"))))
}
