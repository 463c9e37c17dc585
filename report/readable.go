package report

import (
	"fmt"
	"strings"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The reports people read — the HTML report and the country fiches — name at
// most readableCells cells per gap, exemplar or change, and list at most
// readableAnswers answers per unit to reconcile: a survey-tool export with
// thousands of respondents per country would otherwise make pages of hundreds
// of megabytes that no browser shows. The others are counted; every cell and
// every answer is in the workbook (Data and Reconcile sheets) and in the CSV
// files.
const (
	readableCells   = 10
	readableAnswers = 10
)

// fewSources returns the first readableCells cells of s as joinSources does,
// followed by how many more there are.
func fewSources(s gapanalysis.Sources) string {
	if s.Len() <= readableCells {
		return joinSources(s)
	}
	parts := make([]string, 0, readableCells+1)
	for k := 0; k < s.Len() && len(parts) < readableCells; k++ {
		if str := s.At(k).String(); str != "" {
			parts = append(parts, str)
		}
	}
	return strings.Join(parts, "; ") + fmt.Sprintf("; … and %s more cells", gapanalysis.GroupThousands(s.Len()-readableCells))
}

// fewAnswers returns how many of u's answers the reports people read list,
// and, when that is not all of them, a note counting the others by answer.
func fewAnswers(u *gapanalysis.ReconcileUnit) (n int, more string) {
	n = min(u.Answers.Len(), readableAnswers)
	if n == u.Answers.Len() {
		return n, ""
	}
	count := func(st gapanalysis.Status) int {
		c := 0
		for k := n; k < u.Answers.Len(); k++ {
			if u.Answers.Status(k) == st {
				c++
			}
		}
		return c
	}
	var counts []string
	for _, st := range []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone} {
		if c := count(st); c > 0 {
			counts = append(counts, fmt.Sprintf("%s %s", st, gapanalysis.GroupThousands(c)))
		}
	}
	return n, fmt.Sprintf("… and %s more answers (%s): every answer is on the workbook's Reconcile sheet and in reconcile.csv",
		gapanalysis.GroupThousands(u.Answers.Len()-n), strings.Join(counts, ", "))
}
