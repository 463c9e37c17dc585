package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func TestFewSources(t *testing.T) {
	cells := func(n int) gapanalysis.Sources {
		var out []gapanalysis.Source
		for i := range n {
			out = append(out, gapanalysis.Source{File: "x-synthetic.xlsx", Sheet: "S", Cell: fmt.Sprintf("C%d", i+2)})
		}
		return gapanalysis.SourcesOf(out...)
	}
	tests := []struct {
		n    int
		want string
	}{
		{0, ""},
		{1, "x-synthetic.xlsx!S!C2"},
		{10, strings.Join(names(2, 11), "; ")},
		{12, strings.Join(names(2, 11), "; ") + "; … and 2 more cells"},
		{1012, strings.Join(names(2, 11), "; ") + "; … and 1,002 more cells"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, fewSources(cells(tc.n)), "%d cells", tc.n)
	}
}

// names returns the cells C{from}…C{to} of x-synthetic.xlsx!S.
func names(from, to int) []string {
	var out []string
	for r := from; r <= to; r++ {
		out = append(out, fmt.Sprintf("x-synthetic.xlsx!S!C%d", r))
	}
	return out
}

func TestFewAnswers(t *testing.T) {
	// 25 answers: full, partial, none in turn; the first 10 are listed, the
	// 15 others (indexes 10–24) are counted by status.
	statuses := []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone}
	var answers []gapanalysis.RespondentAnswer
	for i := range 25 {
		answers = append(answers, gapanalysis.RespondentAnswer{Respondent: fmt.Sprintf("R%d", i+1), Status: statuses[i%3]})
	}
	u := &gapanalysis.ReconcileUnit{Country: "AT", Item: "D-3.4", Answers: gapanalysis.AnswersOf(answers...)}
	n, more := fewAnswers(u)
	assert.Equal(t, 10, n)
	// indexes 10–24: i%3 = 1 (partial) at 10, 13, 16, 19, 22; 2 (none) at 11,
	// 14, 17, 20, 23; 0 (full) at 12, 15, 18, 21, 24.
	assert.Equal(t, "… and 15 more answers (full 5, partial 5, none 5): every answer is on the workbook's Reconcile sheet and in reconcile.csv", more)

	u.Answers = gapanalysis.AnswersOf(answers[:10]...)
	n, more = fewAnswers(u)
	assert.Equal(t, 10, n)
	assert.Empty(t, more)
}
