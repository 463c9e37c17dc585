package synth_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

// resolveItem finds the item a register row names: its ID, or its provision
// reference when exactly one item has it.
func resolveItem(t *testing.T, cl *gapanalysis.Checklist, name gapanalysis.ItemID) *gapanalysis.Item {
	t.Helper()
	if it := cl.Item(name); it != nil {
		return it
	}
	var found []*gapanalysis.Item
	for _, it := range cl.Items() {
		if it.Ref == string(name) {
			found = append(found, it)
		}
	}
	require.Len(t, found, 1, "item %q names one item by ID or reference", name)
	return found[0]
}

// TestKnownIssues checks the demo register against the two demo waves, answer by
// answer: each issue is a gap of the earlier wave, and the verdicts against the
// current wave are 8 resolved, 8 remaining, 2 not applicable and 3 unknown.
func TestKnownIssues(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	issues := synth.KnownIssues(cl, synth.DefaultSeed)
	assert.Equal(t, issues, synth.KnownIssues(cl, synth.DefaultSeed), "deterministic")
	assert.NotEqual(t, issues, synth.KnownIssues(cl, 7), "another seed, another register")
	assert.Nil(t, synth.KnownIssues(nil, 1))

	old := first(synth.GenerateBaseline(cl, synth.DefaultSeed))
	curDS := synth.Generate(cl, synth.DefaultSeed)
	cur := first(curDS)
	second := map[gapanalysis.CountryCode]bool{}
	for _, r := range curDS.Responses.All() {
		if strings.HasPrefix(r.Respondent, "Co-rapporteur ") {
			second[r.Country] = true
		}
	}
	realLooking := regexp.MustCompile(`COM\s*\(|INFR|\d{4}/\d{3,4}|C\(\d{4}\)`)
	verdicts := map[string]int{}
	byRef := 0
	for i, k := range issues {
		what := fmt.Sprintf("issue %d (%s %s)", i, k.Country, k.Item)
		assert.Equal(t, gapanalysis.Source{File: "synthetic-known-issues.xlsx", Sheet: "Known issues", Cell: fmt.Sprintf("A%d", 4+i)}, k.At, what)
		assert.True(t, strings.HasPrefix(k.Source, "SYNTHETIC "), "%s: source %q is labelled synthetic", what, k.Source)
		assert.True(t, strings.HasPrefix(k.Note, "Synthetic entry: "), "%s: note %q", what, k.Note)
		assert.False(t, realLooking.MatchString(k.Source), "%s: source %q looks like a real reference", what, k.Source)
		assert.Contains(t, []string{"2016-12", "2019-10"}, k.Date, what)
		assert.False(t, second[k.Country], "%s: a country with one respondent", what)
		it := resolveItem(t, cl, k.Item)
		if it.ID != k.Item {
			byRef++
		}
		assert.NotEqual(t, gapanalysis.Practice, it.Obligation, "%s: a legal item", what)

		ro, ok := old[k.Country][it.ID]
		s, na, known := itemScore(cl, k.Country, it, ro, ok)
		require.True(t, known && !na && s < 1, "%s: a gap in the earlier wave", what)

		rn, ok := cur[k.Country][it.ID]
		s, na, known = itemScore(cl, k.Country, it, rn, ok)
		switch {
		case na:
			verdicts["not-applicable"]++
		case !known:
			verdicts["unknown"]++
		case s == 1:
			verdicts["resolved"]++
		default:
			verdicts["remaining"]++
		}
	}
	assert.Equal(t, map[string]int{"resolved": 8, "remaining": 8, "not-applicable": 2, "unknown": 3}, verdicts)
	assert.Positive(t, byRef, "some items are named by their provision reference")
}

// TestWriteKnownIssues reads the workbook and the CSV back: the same title,
// header and rows, every cell text.
func TestWriteKnownIssues(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	issues := synth.KnownIssues(cl, 5)
	want := [][]string{{"Country", "Item", "Source", "Date", "Note"}}
	for _, k := range issues {
		want = append(want, []string{string(k.Country), string(k.Item), k.Source, k.Date, k.Note})
	}
	title := "SYNTHETIC known-issues register — made-up entries, not real Commission reports or infringement procedures (seed 5)"

	var xb, xb2, cb bytes.Buffer
	require.NoError(t, synth.WriteKnownIssuesXLSX(&xb, issues, 5))
	require.NoError(t, synth.WriteKnownIssuesXLSX(&xb2, issues, 5))
	assert.Equal(t, xb.Bytes(), xb2.Bytes(), "same register, same bytes")
	f, err := excelize.OpenReader(bytes.NewReader(xb.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Known issues"}, f.GetSheetList())
	dim, err := f.GetSheetDimension("Known issues")
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("A1:E%d", 3+len(issues)), dim)
	rows, err := f.GetRows("Known issues", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, rows, 3+len(issues))
	assert.Equal(t, []string{title}, rows[0])
	assert.Empty(t, rows[1])
	assert.Equal(t, want, rows[2:])
	for r := 4; r <= 3+len(issues); r++ {
		typ, err := f.GetCellType("Known issues", fmt.Sprintf("D%d", r))
		require.NoError(t, err)
		assert.NotEqual(t, excelize.CellTypeNumber, typ, "dates are text")
	}

	require.NoError(t, synth.WriteKnownIssuesCSV(&cb, issues, 5))
	lines := strings.SplitN(cb.String(), "\n", 3)
	require.Len(t, lines, 3)
	assert.Equal(t, `"`+title+`"`, lines[0], "the title is quoted: it holds a comma")
	assert.Empty(t, lines[1])
	records, err := csv.NewReader(strings.NewReader(lines[2])).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, want, records)
}
