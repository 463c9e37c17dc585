package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPlanPrint checks the pages across against counts worked out by hand. A4
// landscape inside 0.4-inch margins is 11.693 − 0.8 = 10.893 in = 1045.7 px; at
// the smallest scale 9/11 × 1.04 = 0.8509 a page holds 1228.9 px, that is 17
// columns of width 10 (70 px: 1190 px) but not 18 (1260 px). Portrait: 8.268 −
// 0.8 = 7.468 in = 716.9 px, / 0.8509 = 842.5 px: 12 such columns (840 px).
func TestPlanPrint(t *testing.T) {
	cols := func(n int, w float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = w
		}
		return out
	}
	tests := []struct {
		name      string
		widths    []float64
		titleCols int
		landscape bool
		wantPages int
		wantTitle int
	}{
		{"17 columns fit one page", cols(17, 10), 0, true, 1, 0},
		{"18 columns take two", cols(18, 10), 0, true, 2, 0},
		{"34 columns take two", cols(34, 10), 0, true, 2, 0},
		{"35 columns take three", cols(35, 10), 0, true, 3, 0},
		// One repeated column leaves room for 16 others per page.
		{"1 + 16 columns fit one page", cols(17, 10), 1, true, 1, 1},
		{"1 + 32 columns take two", cols(33, 10), 1, true, 2, 1},
		{"1 + 33 columns take three", cols(34, 10), 1, true, 3, 1},
		// Repeated columns take at most a third of a page (409.6 px): five of
		// 70 px (350) do, six (420) do not.
		{"six frozen columns, five repeat", cols(40, 10), 6, true, 3, 5},
		{"portrait: 12 columns fit", cols(12, 10), 0, false, 1, 0},
		{"portrait: 13 take two", cols(13, 10), 0, false, 2, 0},
		// A column wider than a page takes a page of its own.
		{"one very wide column", []float64{10, 200, 10}, 0, true, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := planPrint(tt.widths, 1, tt.titleCols, fontSize, tt.landscape)
			assert.Equal(t, tt.wantPages, p.pagesWide)
			assert.Equal(t, tt.wantTitle, p.titleCols)
			assert.Equal(t, 1, p.titleRows)
			assert.InDelta(t, 9.0/11*1.04, p.minScale, 1e-12)
		})
	}
	// A sheet with 9-point chart labels prints at full size: a page then holds
	// 1045.7 px, 14 columns of 70 px (980) but not 15 (1050).
	assert.Equal(t, 1, planPrint(cols(14, 10), 0, 0, 9, true).pagesWide)
	assert.Equal(t, 2, planPrint(cols(15, 10), 0, 0, 9, true).pagesWide)
}

func TestPrintTitles(t *testing.T) {
	tests := []struct {
		sheet      string
		rows, cols int
		want       string
	}{
		{"Gaps", 1, 2, "'Gaps'!$A:$B,'Gaps'!$1:$1"},
		{"Known issues", 1, 0, "'Known issues'!$1:$1"},
		{"Summary", 2, 0, "'Summary'!$1:$2"},
		{"O'Brien", 0, 1, "'O''Brien'!$A:$A"},
		{"Methodology", 0, 0, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, printTitles(tt.sheet, tt.rows, tt.cols), tt.sheet)
	}
}

func TestHeaderWidth(t *testing.T) {
	tests := []struct {
		h         string
		wantWidth float64
		wantLines int
	}{
		{"Rank", 4, 1},
		// No narrower than the longest word: "Countries" / "with gaps".
		{"Countries with gaps", 9, 2},
		// "Contribution:" (13) sets the width: "Contribution:" / "gap points".
		{"Contribution: gap points", 13, 2},
		// "Percent" / "agreement:" / "95% low".
		{"Percent agreement: 95% low", 10, 3},
		// 3 × 5 letters a line: 17 runes need at least (17+2)/3 = 6 a line;
		// at 6 "aaaaa" / "bbbbb" / "ccccc" fits.
		{"aaaaa bbbbb ccccc", 6, 3},
		{"ExtraordinarilyLongHeaderWord", 29, 1},
	}
	for _, tt := range tests {
		w, n := headerWidth(tt.h)
		assert.Equal(t, tt.wantWidth, w, tt.h)
		assert.Equal(t, tt.wantLines, n, tt.h)
	}
}
