package report

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// cellText returns a text as a worksheet cell can hold it. A cell holds at
// most excelize.TotalCellChars (32,767) UTF-16 code units, and excelize cuts a
// longer text without a word; cellText cuts it itself and ends it with a
// visible mark, "… [cut: N characters; full text in the JSON/CSV]", so that a
// reader of the workbook knows the text goes on. The JSON and CSV outputs keep
// every text whole, and the import warns about such a text (long-text).
func cellText(v string) string {
	// A text has at most as many UTF-16 code units as UTF-8 bytes.
	if len(v) <= excelize.TotalCellChars || utf16Len(v) <= excelize.TotalCellChars {
		return v
	}
	total := utf8.RuneCountInString(v)
	// The mark is at most as long as with the whole count in it.
	keep := excelize.TotalCellChars - utf16Len(cutMark(total))
	n := runesWithin(v, keep)
	return string([]rune(v)[:n]) + cutMark(total-n)
}

// cutMark is the mark that ends a text cut by cellText, n characters cut.
func cutMark(n int) string {
	return fmt.Sprintf("… [cut: %d characters; full text in the JSON/CSV]", n)
}

// utf16Len is the length of s in UTF-16 code units, as spreadsheets count it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// runesWithin returns how many runes of s, from its start, fit in max UTF-16
// code units.
func runesWithin(s string, max int) int {
	units, n := 0, 0
	for _, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > max {
			break
		}
		units += w
		n++
	}
	return n
}
