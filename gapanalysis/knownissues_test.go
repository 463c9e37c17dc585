package gapanalysis

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJudgeKnownIssues(t *testing.T) {
	res, err := Analyze(testChecklist(t), testDataset(), DefaultConfig())
	require.NoError(t, err)
	at := Source{File: "register.csv", Sheet: "register.csv", Cell: "A2"}
	src := func(c CountryCode, i ItemID) []Source {
		return []Source{{File: "s.xlsx", Sheet: "S", Cell: string(c) + string(i)}}
	}
	tests := []struct {
		name    string
		country CountryCode
		item    ItemID
		verdict Verdict
		status  Status
		score   Score
		sources []Source
	}{
		{"full is resolved", "AT", "A", VerdictResolved, StatusFull, Known(1), src("AT", "A")},
		{"partial remains", "AT", "B", VerdictRemaining, StatusPartial, Known(0.5), src("AT", "B")},
		{"none remains", "BE", "A", VerdictRemaining, StatusNone, Known(0), src("BE", "A")},
		{"optional not used", "AT", "C", VerdictNotApplicable, StatusNA, Score{}, src("AT", "C")},
		{"na", "BE", "C", VerdictNotApplicable, StatusNA, Score{}, src("BE", "C")},
		{"not bound", "DK", "A", VerdictNotApplicable, StatusNA, Score{}, src("DK", "A")},
		{"no answer", "AT", "G", VerdictUnknown, StatusUnknown, Score{}, nil},
		{"country not assessed", "PT", "A", VerdictUnknown, StatusUnknown, Score{}, nil},
		{"item not in the checklist", "AT", "Z", VerdictUnknown, StatusUnknown, Score{}, nil},
		// E is numeric (minmax over AT 10, BE 30): AT scores 0, BE 1.
		{"numeric gap", "AT", "E", VerdictRemaining, StatusNone, Known(0), src("AT", "E")},
		{"numeric best", "BE", "E", VerdictResolved, StatusFull, Known(1), src("BE", "E")},
	}
	var issues []KnownIssue
	for _, tc := range tests {
		issues = append(issues, KnownIssue{Country: tc.country, Item: tc.item, Source: "COM(2016) 871", Date: "2016-12-16", Note: tc.name, At: at})
	}
	got := JudgeKnownIssues(res, issues)
	require.Len(t, got, len(tests))
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := got[i]
			assert.Equal(t, issues[i], v.KnownIssue, "register order and fields kept")
			assert.Equal(t, tc.verdict, v.Verdict)
			assert.Equal(t, tc.status, v.Status)
			assert.Equal(t, tc.score, v.Score)
			assert.Equal(t, tc.sources, v.Sources.Slice())
		})
	}
	assert.Nil(t, JudgeKnownIssues(res, nil))
	none := JudgeKnownIssues(nil, issues[:1])
	assert.Equal(t, VerdictUnknown, none[0].Verdict)
}
