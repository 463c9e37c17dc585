package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// TestWritersOnAnalyzedResult runs the study pipeline on the sample answers and
// checks that every writer accepts its result and that the JSON agrees with the
// hand-worked sample on the countries, items, gaps and priorities.
func TestWritersOnAnalyzedResult(t *testing.T) {
	want := sampleResult()
	ds := &gapanalysis.Dataset{Responses: gapanalysis.NewResponses(sampleResponses()...), Label: survey, Synthetic: true}
	res, err := gapanalysis.Analyze(sampleChecklist(), ds, want.Config)
	require.NoError(t, err)

	writers := map[string]func(io.Writer) error{
		"workbook": func(w io.Writer) error { return report.WriteWorkbook(w, res, nil) },
		"json":     func(w io.Writer) error { return report.WriteJSON(w, res) },
		"markdown": func(w io.Writer) error { return report.WriteMarkdown(w, res) },
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, write(&buf))
			assert.NotContains(t, buf.String(), "NaN")
		})
	}
	require.NoError(t, report.WriteCSV(t.TempDir(), res))

	type doc struct {
		Countries  json.RawMessage `json:"countries"`
		Items      json.RawMessage `json:"items"`
		Gaps       json.RawMessage `json:"gaps"`
		Priorities []struct {
			Rank  int     `json:"rank"`
			ID    string  `json:"id"`
			Score float64 `json:"score"`
		} `json:"priorities"`
	}
	var got, hand doc
	require.NoError(t, json.Unmarshal(writeJSON(t, res), &got))
	require.NoError(t, json.Unmarshal(writeJSON(t, want), &hand))
	assert.JSONEq(t, string(hand.Countries), string(got.Countries))
	assert.JSONEq(t, string(hand.Items), string(got.Items))
	assert.JSONEq(t, string(hand.Gaps), string(got.Gaps))
	require.Len(t, got.Priorities, len(hand.Priorities))
	for i, p := range got.Priorities {
		assert.Equal(t, hand.Priorities[i].Rank, p.Rank)
		assert.Equal(t, hand.Priorities[i].ID, p.ID)
		assert.InDelta(t, hand.Priorities[i].Score, p.Score, 1e-9)
	}
}
