package importers

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSecondVersionReplacesFirst: two questionnaires of one respondent for
// one country; the later version replaces the earlier one instead of making
// every changed answer a conflict.
func TestSecondVersionReplacesFirst(t *testing.T) {
	cl := questionnaireChecklist(t)
	date := report.CoverDate + " (YYYY-MM-DD)"
	version := func(dateValue any, status string) []byte {
		edits := []qEdit{coverEdit(report.CoverRespondent, "Jane Doe"), qCell("F4", status), qCell("F5", "no")}
		if dateValue != nil {
			edits = append(edits, coverEdit(date, dateValue))
		}
		return fillQuestionnaire(t, templateFor(t, cl, "AT"), edits...)
	}
	other := fillQuestionnaire(t, templateFor(t, cl, "AT"), coverEdit(report.CoverRespondent, "John Roe"), qCell("F4", "no"))
	cases := []struct {
		name      string
		a, b      []byte // a.xlsx is read first, b.xlsx second
		replies   string
		wantD34   []string // the statuses of D-3.4 that reach the analysis, sorted
		wantNotes []string // file: message start of the replaced notes
		conflict  bool
	}{
		{"later Cover date wins, whatever the file order",
			version("2026-03-15", "partly"), version(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "yes"), "",
			[]string{"none", "partial"},
			[]string{"b.xlsx: this questionnaire from Jane Doe for AT, dated 2026-03-01, is replaced by the version in a.xlsx, dated 2026-03-15, a later date on its Cover: its 5 answers are not used"},
			false},
		{"no dates: both read, a note, and conflicts",
			version(nil, "yes"), version(nil, "partly"), "",
			[]string{"full", "none", "partial"},
			[]string{"a.xlsx: 2 questionnaires from Jane Doe for AT (a.xlsx, b.xlsx): their Cover dates do not tell which is the later version"},
			true},
		{"no dates, --replies latest: the file read last wins",
			version(nil, "yes"), version(nil, "partly"), RepliesLatest,
			[]string{"none", "partial"},
			[]string{"a.xlsx: this questionnaire from Jane Doe for AT is replaced by the version in b.xlsx, read after it (--replies latest): its 5 answers are not used"},
			false},
		{"same date, --replies latest",
			version("15.03.2026", "yes"), version("2026-03-15", "partly"), RepliesLatest,
			[]string{"none", "partial"},
			[]string{"a.xlsx: this questionnaire from Jane Doe for AT, dated 2026-03-15, is replaced by the version in b.xlsx, dated 2026-03-15, read after it (--replies latest): its 5 answers are not used"},
			false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "a.xlsx"), tc.a, 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "b.xlsx"), tc.b, 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "c.xlsx"), other, 0o644))
			for _, sink := range []bool{false, true} {
				opts := &Options{Checklist: cl, Replies: tc.replies}
				var streamed []gapanalysis.Response
				if sink {
					opts.Sink = func(r gapanalysis.Response) { streamed = append(streamed, r) }
				}
				ds, err := OpenAll([]string{dir}, opts)
				require.NoError(t, err)
				if sink {
					assert.Empty(t, ds.Responses.Slice())
					ds.Responses = gapanalysis.NewResponses(streamed...)
				}
				var d34 []string
				for _, r := range ds.Responses.All() {
					if r.Item == "D-3.4" {
						d34 = append(d34, r.Status.String())
					}
				}
				sort.Strings(d34)
				assert.Equal(t, tc.wantD34, d34, "sink %v", sink)
				var notes []string
				for _, d := range ds.Diagnostics {
					if d.Code == gapanalysis.CodeReplaced {
						assert.Equal(t, gapanalysis.SevInfo, d.Severity)
						notes = append(notes, d.File+": "+d.Message)
					}
				}
				require.Len(t, notes, len(tc.wantNotes))
				for i := range notes {
					assert.Contains(t, notes[i], tc.wantNotes[i])
				}
				res, err := gapanalysis.Analyze(cl, ds, gapanalysis.DefaultConfig())
				require.NoError(t, err)
				conflict := false
				for _, d := range res.Diagnostics {
					conflict = conflict || d.Code == gapanalysis.CodeConflict
				}
				assert.Equal(t, tc.conflict, conflict)
			}
		})
	}
	_, err := OpenAll(nil, &Options{Checklist: cl, Replies: "newest"})
	assert.ErrorIs(t, err, ErrReplies)
}
