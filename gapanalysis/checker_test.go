package gapanalysis

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckerMatchesAnalyze streams responses with duplicates and conflicts from
// named, unnamed and several respondents, and checks that the Checker reports the
// same diagnostics (severity, code, cell) as Analyze, in the same order when the
// responses come grouped as Analyze groups them.
func TestCheckerMatchesAnalyze(t *testing.T) {
	cl := testChecklist(t)
	base := testDataset().Responses.Slice()
	rng := rand.New(rand.NewPCG(3, 4))
	var rs []Response
	for n := 0; n < 400; n++ {
		r := base[rng.IntN(len(base))]
		r.Respondent = []string{"", "x", "y"}[rng.IntN(3)]
		if !r.HasValue {
			r.Status = []Status{StatusFull, StatusPartial, StatusNone, StatusUnknown, StatusNA}[rng.IntN(5)]
		} else if rng.IntN(3) == 0 {
			r.Value++
		}
		r.Source.Cell = cellRef(n)
		rs = append(rs, r)
	}
	res, err := Analyze(cl, &Dataset{Responses: NewResponses(rs...)}, DefaultConfig())
	require.NoError(t, err)
	type d struct {
		sev  Severity
		code Code
		cell string
	}
	var want []d
	for _, x := range res.Diagnostics {
		if x.Code == CodeDuplicate || x.Code == CodeConflict {
			want = append(want, d{x.Severity, x.Code, x.Cell})
		}
	}
	require.NotEmpty(t, want)
	ck := NewChecker(cl)
	for _, r := range rs {
		ck.Add(r)
	}
	var got []d
	for _, x := range ck.Diagnostics() {
		got = append(got, d{x.Severity, x.Code, x.Cell})
	}
	assert.ElementsMatch(t, want, got)
	assert.Equal(t, len(rs), ck.Responses())
	assert.Equal(t, (&Dataset{Responses: NewResponses(rs...)}).Countries(), ck.Countries())

	// After the second pass the messages are Analyze's, word for word, naming
	// both cells.
	require.True(t, ck.Unlocated())
	for _, r := range rs {
		ck.Locate(r)
	}
	assert.False(t, ck.Unlocated())
	var wantMsg, gotMsg []string
	for _, x := range res.Diagnostics {
		if x.Code == CodeDuplicate || x.Code == CodeConflict {
			wantMsg = append(wantMsg, x.Error())
		}
	}
	for _, x := range ck.Diagnostics() {
		gotMsg = append(gotMsg, x.Error())
	}
	assert.ElementsMatch(t, wantMsg, gotMsg)
	assert.NotContains(t, gotMsg[0], "an earlier row")
}

// TestRepeatMessages pins the wording of a duplicate and of a conflict, which
// gapstudy run and gapstudy validate share.
func TestRepeatMessages(t *testing.T) {
	it := &Item{ID: "D-3.5", Type: StatusItem}
	later := Response{Country: "AT", Item: "D-3.5", Status: StatusFull, Respondent: "Ana",
		Source: Source{File: "b.csv", Cell: "C3"}}
	d := repeatDiagnostic(later, StatusNone, false, 0, "a.csv!C3", "Ana", it)
	assert.Equal(t, "b.csv!C3: error conflict: conflicting answers for AT / D-3.5 from respondent Ana: "+
		"full at b.csv!C3, none at a.csv!C3; this country and item are treated as unknown", d.Error())
	d = repeatDiagnostic(later, StatusFull, false, 0, "a.csv!C3", "", it)
	assert.Equal(t, "b.csv!C3: warning duplicate: duplicate answer for AT / D-3.5 with no respondent named: "+
		"full at b.csv!C3, the same at a.csv!C3; counted once", d.Error())
}

func cellRef(n int) string {
	return "C" + string(rune('0'+n/100)) + string(rune('0'+n/10%10)) + string(rune('0'+n%10))
}

func TestCheckerManyRespondents(t *testing.T) {
	cl := testChecklist(t)
	ck := NewChecker(cl)
	for n := 0; n < 3000; n++ {
		ck.Add(Response{Country: "AT", Item: "A", Status: StatusFull, Respondent: "r" + cellRef(n)})
	}
	ck.Add(Response{Country: "AT", Item: "A", Status: StatusFull, Respondent: "r" + cellRef(2500), Source: Source{Cell: "Z9"}})
	ck.Add(Response{Country: "AT", Item: "A", Status: StatusNone, Respondent: "r" + cellRef(1), Source: Source{Cell: "Z10"}})
	require.Len(t, ck.Diagnostics(), 2)
	assert.Equal(t, CodeDuplicate, ck.Diagnostics()[0].Code)
	assert.Equal(t, "Z9", ck.Diagnostics()[0].Cell)
	assert.Equal(t, CodeConflict, ck.Diagnostics()[1].Code)
	assert.Equal(t, 3002, ck.Responses())
}
