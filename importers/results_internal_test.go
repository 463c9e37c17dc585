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

// The Data sheet of a results workbook continues on "Data 2", "Data 3", …:
// they are read in that order, whatever their place in the workbook, as long
// as the next one is there; a "Data 4" after a missing "Data 3" is not part of
// the data, nor is a sheet named like one but not numbered.
func TestResultsWorkbookDataSheets(t *testing.T) {
	methodology := sheet{"Methodology", [][]any{{"Parameter", "Value"}, {"Tool", "gapstudy"}}}
	data := func(name, country string) sheet {
		return sheet{name, [][]any{{"Country", "Item", "Status"}, {country, "D-3.4", "full"}}}
	}
	tests := []struct {
		name      string
		sheets    []sheet
		read      []string
		countries []gapanalysis.CountryCode
	}{
		{"one", []sheet{methodology, data("Data", "AT")}, []string{"Data"}, []gapanalysis.CountryCode{"AT"}},
		{"three in order", []sheet{methodology, data("Data", "AT"), data("Data 2", "BE"), data("Data 3", "CY")},
			[]string{"Data", "Data 2", "Data 3"}, []gapanalysis.CountryCode{"AT", "BE", "CY"}},
		{"out of place", []sheet{data("Data 2", "BE"), methodology, data("Data", "AT")},
			[]string{"Data", "Data 2"}, []gapanalysis.CountryCode{"AT", "BE"}},
		{"a gap ends them", []sheet{methodology, data("Data", "AT"), data("Data 2", "BE"), data("Data 4", "DE"), data("Data x", "EE")},
			[]string{"Data", "Data 2"}, []gapanalysis.CountryCode{"AT", "BE"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := ReadXLSX(bytes.NewReader(xlsxBytes(t, tc.sheets...)), "w.xlsx", testOptions())
			require.NoError(t, err)
			var read []string
			for _, a := range ds.Accounts {
				read = append(read, a.Sheet)
			}
			assert.Equal(t, tc.read, read)
			var countries []gapanalysis.CountryCode
			for _, r := range ds.Responses.All() {
				countries = append(countries, r.Country)
			}
			assert.Equal(t, tc.countries, countries)
		})
	}
}
