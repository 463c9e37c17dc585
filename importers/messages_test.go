package importers

import (
	"strings"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatusTypoSuggestion: a status that is a typo of a spelling of the
// vocabulary gets "did you mean", as items and countries do, in every layout.
func TestStatusTypoSuggestion(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"long", "Country,Item,Status\nAT,D-3.4,patially\n",
			`status "patially" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings) — did you mean "partially" (partial)? The answer is counted as unknown`},
		{"swap", "Country,Item,Status\nAT,D-3.4,yse\n",
			`status "yse" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings) — did you mean "yes" (full)? The answer is counted as unknown`},
		{"matrix", "ID,AT,BE,DE\nD-3.4,teilwiese,yes,no\n",
			`status "teilwiese" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings) — did you mean "teilweise" (partial)? The answer is counted as unknown`},
		{"accents kept", "Country,Item,Status\nPL,D-3.4,czesciwo\n",
			`status "czesciwo" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings) — did you mean "częściowo" (partial)? The answer is counted as unknown`},
		{"no suggestion", "Country,Item,Status\nAT,D-3.4,maybe\n",
			`status "maybe" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
		{"short text", "Country,Item,Status\nAT,D-3.4,x\n",
			`status "x" is not in the vocabulary (full, partial, none, n/a, unknown and their spellings); the answer is counted as unknown`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ds := readCSVString(t, tc.text, "s.csv", testOptions())
			var got []string
			for _, d := range ds.Diagnostics {
				if d.Code == gapanalysis.CodeBadStatus {
					got = append(got, d.Message)
				}
			}
			assert.Equal(t, []string{tc.want}, got)
		})
	}
}

// TestLongValuesQuotedShort: a message quotes at most 200 characters of a
// value, and says how long it was.
func TestLongValuesQuotedShort(t *testing.T) {
	long := strings.Repeat("é", 5000)
	ds := readCSVString(t, "Country,Item,Status\nAT,"+long+",yes\n"+long+",D-3.4,yes\nAT,D-3.4,"+long+"\n", "s.csv", testOptions())
	require.Len(t, ds.Diagnostics, 3)
	want := `"` + strings.Repeat("é", 200) + `…" (5,000 characters)`
	for _, d := range ds.Diagnostics {
		assert.Contains(t, d.Message, want, d.Code)
		assert.Less(t, len([]rune(d.Message)), 500, d.Code)
	}
}

// TestLongTextWarning: evidence longer than a spreadsheet cell holds is read
// whole, with a long-text warning.
func TestLongTextWarning(t *testing.T) {
	long := strings.Repeat("§ 207 StGB;", 3000) // 33,000 characters
	ds := readCSVString(t, "Country,Item,Status,Evidence\nAT,D-3.4,yes,"+long+"\nBE,D-3.4,no,short\n", "s.csv", testOptions())
	require.Len(t, ds.Responses.Slice(), 2)
	assert.Equal(t, long, ds.Responses.At(0).Evidence)
	require.Len(t, ds.Diagnostics, 1)
	d := ds.Diagnostics[0]
	assert.Equal(t, "s.csv!C2: warning long-text: the evidence of this answer (AT / D-3.4) has 33,000 characters, "+
		"more than the 32,767 a spreadsheet cell holds: it is read whole and kept whole in the JSON and CSV outputs, "+
		"but the results workbook shows it cut, with a mark", d.Error())
}
