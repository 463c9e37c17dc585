package report_test

import (
	"bytes"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// answer is what a response says, without where it was read from.
type answer struct {
	Country    gapanalysis.CountryCode
	Item       gapanalysis.ItemID
	Status     gapanalysis.Status
	Value      float64
	HasValue   bool
	Evidence   string
	Comment    string
	Respondent string
}

func answers(rs []gapanalysis.Response) []answer {
	out := make([]answer, len(rs))
	for i, r := range rs {
		out[i] = answer{r.Country, r.Item, r.Status, r.Value, r.HasValue, r.Evidence, r.Comment, r.Respondent}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		if a.Respondent != b.Respondent {
			return a.Respondent < b.Respondent
		}
		return a.Comment < b.Comment
	})
	return out
}

// TestDataSheetRoundTrip imports the Data sheet of a written workbook with the
// long-layout importer and expects the same responses back. (The importer trims
// the spaces around free text, so the responses here have none, as imported
// responses never do.)
func TestDataSheetRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		res  func() *gapanalysis.Result
	}{
		{"survey data", sampleResult},
		{"synthetic", syntheticResult},
		{"tricky text", func() *gapanalysis.Result {
			res := sampleResult()
			rs := res.Dataset.Responses.Slice()
			rs[0].Comment = "=SUM(A1:A9)"
			rs[1].Evidence = "§ 1\tAbs. 2 — «quoted» & <tagged>"
			rs[2].Respondent = "-anonymous-"
			rs[4].Comment = "0.5"
			res.Dataset.Responses = gapanalysis.NewResponses(rs...)
			return res
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.res()
			var buf bytes.Buffer
			require.NoError(t, report.WriteWorkbook(&buf, res, nil))

			ds, err := importers.ReadXLSX(bytes.NewReader(buf.Bytes()), "report.xlsx",
				&importers.Options{Checklist: res.Checklist, Sheets: []string{report.SheetData}})
			require.NoError(t, err)
			for _, d := range ds.Diagnostics {
				assert.Equal(t, gapanalysis.SevInfo, d.Severity, "unexpected diagnostic: %v", d)
			}
			assert.Equal(t, answers(res.Dataset.Responses.Slice()), answers(ds.Responses.Slice()))
			require.Len(t, ds.Accounts, 1)
			acct := ds.Accounts[0]
			assert.Equal(t, res.Dataset.Responses.Len(), acct.RowsRead)
			assert.Equal(t, acct.RowsRead, acct.RowsUsed)
			for _, r := range ds.Responses.All() {
				assert.Equal(t, "report.xlsx", r.Source.File)
				assert.Equal(t, report.SheetData, r.Source.Sheet)
			}
		})
	}
}
