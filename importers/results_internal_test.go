package importers

import (
	"bytes"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A workbook is a results workbook only when its Methodology sheet names the
// tool: a survey that happens to have Data and Methodology sheets is read
// whole.
func TestResultsWorkbookRecognised(t *testing.T) {
	data := sheet{"Data", [][]any{{"Country", "Item", "Status"}, {"AT", "D-3.4", "full"}}}
	survey := sheet{"Survey", [][]any{{"Country", "Item", "Status"}, {"BE", "D-3.4", "none"}}}
	tests := []struct {
		name        string
		methodology sheet
		sheets      []string // read
		note        bool
	}{
		{"results", sheet{"Methodology", [][]any{{"Parameter", "Value"}, {"Tool", "gapstudy"}}}, []string{"Data"}, true},
		{"a survey's own methodology notes", sheet{"Methodology", [][]any{{"How the survey was run"}, {"Tool", "interviews"}}},
			[]string{"Data", "Survey", "Methodology"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := xlsxBytes(t, data, survey, tc.methodology)
			ds, err := ReadXLSX(bytes.NewReader(b), "w.xlsx", testOptions())
			require.NoError(t, err)
			var read []string
			for _, a := range ds.Accounts {
				read = append(read, a.Sheet)
			}
			assert.Equal(t, tc.sheets, read)
			found := false
			for _, d := range ds.Diagnostics {
				found = found || d.Code == gapanalysis.CodeResultsWorkbook
			}
			assert.Equal(t, tc.note, found)
			assert.False(t, ds.Synthetic, "the Methodology sheet does not say synthetic")
		})
	}
}
