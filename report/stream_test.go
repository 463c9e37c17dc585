package report_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// TestWriteJSONAsInOnePiece checks that the JSON written element by element is
// byte for byte the document encoded in one piece, as WriteJSON wrote it before
// (json.Encoder, two-space indent, no HTML escaping, a final line break), for
// results with every optional key.
func TestWriteJSONAsInOnePiece(t *testing.T) {
	tests := []struct {
		name string
		res  func(t *testing.T) *gapanalysis.Result
	}{
		{"empty result", func(*testing.T) *gapanalysis.Result { return &gapanalysis.Result{} }},
		{"survey data", func(*testing.T) *gapanalysis.Result { return sampleResult() }},
		{"synthetic with uncertainty", func(*testing.T) *gapanalysis.Result { return syntheticResult() }},
		{"baseline and known issues", func(*testing.T) *gapanalysis.Result { return progressResult() }},
		{"agreement between respondents", agreementResult},
		{"expert panel", func(*testing.T) *gapanalysis.Result { return withPanel(sampleResult()) }},
		{"optional items", optionalResult},
		{"text with markup and line separators", markupResult},
		{"many diagnostics", func(*testing.T) *gapanalysis.Result { return syntheticSurvey(t, 2_000, 100) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.res(t)
			want, err := report.JSONInOnePiece(res)
			require.NoError(t, err)
			var got bytes.Buffer
			require.NoError(t, report.WriteJSON(&got, res))
			if d := lineDiff(string(want), got.String(), 10); d != "" {
				t.Fatalf("streamed JSON differs from the document in one piece:\n%s", d)
			}
		})
	}
}

// markupResult is the sample study with text that JSON escapes only on request
// (<, >, &, kept as they are) or always (quotes, line breaks, U+2028 and U+2029).
func markupResult(*testing.T) *gapanalysis.Result {
	res := sampleResult()
	res.Priorities[0].Title = "<b>Law & \"order\"</b>\u2028next line"
	res.Countries[0].Name = "Österreich <AT> & co"
	res.Diagnostics = append(res.Diagnostics, gapanalysis.Diagnostic{Severity: gapanalysis.SevWarning,
		Code: gapanalysis.CodeBadStatus, Message: "<script>alert(1)</script>\u2029\n\ttab", File: "a&b.xlsx", Cell: "C2"})
	return res
}

// TestWriteJSONError checks that a value JSON cannot hold is an error, as when
// the document was encoded in one piece.
func TestWriteJSONError(t *testing.T) {
	res := sampleResult()
	res.Criteria[0].Weight = math.Inf(1)
	_, err := report.JSONInOnePiece(res)
	require.Error(t, err)
	err = report.WriteJSON(io.Discard, res)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "report: writing JSON")
}

// TestStreamedOutputsAllocatePerRow checks that data.csv and the JSON are
// written as they are produced: the bytes allocated grow with the responses
// and the diagnostics by a small bound per row (the row's own record or
// element, and its order index), not by a copy of the table or of the
// document. The memory of the result itself is allocated before measuring.
//
// The bounds: data.csv 128 bytes per response (its sort key and index in the
// sorted order, 16 + 4, the cell name built when the compact record is read,
// 8 to 16, and the source text of its record, 48; the whole table as [][]string took
// 128 bytes of string headers per row alone, and the copy of the responses
// another 152: 777 bytes per response in all), the JSON 192 bytes per
// diagnostic (one element value, 96 bytes; a message of 200 bytes makes the
// document grow by about 330 bytes per diagnostic, and the document encoded in
// one piece, then indented, took 3,314 bytes per diagnostic).
func TestStreamedOutputsAllocatePerRow(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a few hundred MB; skipped with -short")
	}
	if raceEnabled {
		t.Skip("the race detector's instrumentation inflates allocation counts")
	}
	const n = 30_000
	small, large := manyRows(n), manyRows(2*n)

	t.Run("data.csv", func(t *testing.T) {
		stage := func(res *gapanalysis.Result) {
			staged, err := report.StageCSV(context.Background(), t.TempDir(), res)
			require.NoError(t, err)
			report.DiscardAll(staged)
		}
		perRow := allocatedPerRow(func() { stage(small) }, func() { stage(large) }, n)
		t.Logf("data.csv: %.1f bytes allocated per response", perRow)
		assert.Less(t, perRow, 128.0)
	})
	t.Run("json", func(t *testing.T) {
		write := func(res *gapanalysis.Result) { require.NoError(t, report.WriteJSON(io.Discard, res)) }
		perRow := allocatedPerRow(func() { write(small) }, func() { write(large) }, n)
		t.Logf("JSON: %.1f bytes allocated per diagnostic", perRow)
		assert.Less(t, perRow, 192.0)
	})
}

// allocatedPerRow returns the bytes allocated by large beyond those allocated
// by small, per row of the n rows that large has more.
func allocatedPerRow(small, large func(), n int) float64 {
	allocated := func(f func()) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small() // warm-up: pools, sync.Once, the checklist's indexes
	return (float64(allocated(large)) - float64(allocated(small))) / float64(n)
}

// manyRows returns the sample study with n responses and n diagnostics more:
// the responses of made-up respondents to the sample's items, with evidence,
// comments and sources, and a warning with a 200-byte message per response.
// Only the dataset and the diagnostics grow: the analysis stays the sample's.
func manyRows(n int) *gapanalysis.Result {
	res := sampleResult()
	items := res.Checklist.Items()
	countries := []gapanalysis.CountryCode{"AT", "DK", "EL"}
	statuses := []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone}
	message := strings.Repeat("The answer is not one of the statuses; ", 6)[:200]
	rs := make([]gapanalysis.Response, n)
	ds := make([]gapanalysis.Diagnostic, n)
	for i := range rs {
		it := items[i%len(items)]
		r := gapanalysis.Response{
			Country:    countries[i%len(countries)],
			Item:       it.ID,
			Respondent: "R" + strconv.Itoa(i/len(items)),
			Source:     gapanalysis.Source{File: "survey_synthetic.xlsx", Sheet: "Data", Cell: "C" + strconv.Itoa(i+2)},
		}
		if it.Type == gapanalysis.NumericItem {
			r.Value, r.HasValue = float64(i%10), true
		} else {
			r.Status = statuses[i%len(statuses)]
		}
		if i%7 == 0 {
			r.Evidence = "Art. " + strconv.Itoa(i)
		}
		rs[i] = r
		ds[i] = gapanalysis.Diagnostic{Severity: gapanalysis.SevWarning, Code: gapanalysis.CodeBadStatus,
			Message: message, File: "survey_synthetic.xlsx", Sheet: "Data", Cell: "D" + strconv.Itoa(i+2)}
	}
	res.Dataset.Responses.Append(rs...)
	res.Diagnostics = append(res.Diagnostics, ds...)
	return res
}

// syntheticSurvey analyses a made-up survey of about the given number of
// responses: respondents of the EU-27 countries in turn, each answering the
// first 60 status items of the built-in checklist with "full" 35 %, "partial"
// 20 %, "none" 20 %, "unknown" 15 % and "na" 10 % of the time (seed 2026); and
// one warning per diagnosticEvery responses (0: none), as a survey with bad
// cells has. The data are labelled synthetic.
func syntheticSurvey(tb testing.TB, responses, diagnosticEvery int) *gapanalysis.Result {
	tb.Helper()
	cl, err := gapanalysis.Builtin()
	require.NoError(tb, err)
	var items []*gapanalysis.Item
	for _, it := range cl.Items() {
		if it.Type != gapanalysis.NumericItem && len(items) < 60 {
			items = append(items, it)
		}
	}
	countries := gapanalysis.EU27()
	rng := rand.New(rand.NewPCG(2026, 0))
	const file = "survey_synthetic.xlsx"
	ds := &gapanalysis.Dataset{}
	for i := 0; i < responses; i++ {
		respondent, q := i/len(items), i%len(items)
		var st gapanalysis.Status
		switch p := rng.IntN(100); {
		case p < 35:
			st = gapanalysis.StatusFull
		case p < 55:
			st = gapanalysis.StatusPartial
		case p < 75:
			st = gapanalysis.StatusNone
		case p < 90:
			st = gapanalysis.StatusUnknown
		default:
			st = gapanalysis.StatusNA
		}
		cell, _ := excelize.CoordinatesToCellName(q+3, respondent+2)
		ds.Responses.Append(gapanalysis.Response{
			Country: countries[respondent%len(countries)], Item: items[q].ID, Status: st,
			Respondent: fmt.Sprintf("R%06d", respondent+1),
			Source:     gapanalysis.Source{File: file, Sheet: "Responses", Cell: cell},
		})
		if diagnosticEvery > 0 && i%diagnosticEvery == 0 {
			ds.Diagnostics = append(ds.Diagnostics, gapanalysis.Diagnostic{
				Severity: gapanalysis.SevWarning, Code: gapanalysis.CodeBadStatus, File: file, Sheet: "Responses", Cell: cell,
				Message: fmt.Sprintf("Cell %s: the answer %q is not a status; read as unknown.", cell, "maybe"),
			})
		}
	}
	cfg := gapanalysis.DefaultConfig()
	cfg.Uncertainty.Samples = 0
	res, err := gapanalysis.Analyze(cl, ds, cfg)
	require.NoError(tb, err)
	res.Meta.Synthetic = true
	res.Meta.DataLabel = file
	res.Meta.Inputs = []string{file}
	return res
}

// The benchmarks write the JSON and the CSV files of a synthetic survey of
// 10,000, 30,000 and 100,000 responses (respondents × 60 questions, one warning
// per 20 responses). They are not part of the default run:
//
//	go test ./report -run '^$' -bench 'WriteJSON|StageCSV' -benchmem
func BenchmarkWriteJSON(b *testing.B) {
	for _, n := range []int{10_000, 30_000, 100_000} {
		res := syntheticSurvey(b, n, 20)
		b.Run(fmt.Sprintf("responses=%d_synthetic", n), func(b *testing.B) {
			var size int64
			for b.Loop() {
				cw := &countingWriter{}
				if err := report.WriteJSON(cw, res); err != nil {
					b.Fatal(err)
				}
				size = cw.n
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

func BenchmarkStageCSV(b *testing.B) {
	for _, n := range []int{10_000, 30_000, 100_000} {
		res := syntheticSurvey(b, n, 20)
		b.Run(fmt.Sprintf("responses=%d_synthetic", n), func(b *testing.B) {
			dir := b.TempDir()
			for b.Loop() {
				staged, err := report.StageCSV(context.Background(), dir, res)
				if err != nil {
					b.Fatal(err)
				}
				report.DiscardAll(staged)
			}
		})
	}
}

// countingWriter counts the bytes written to it and keeps none.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// cancelAfter is a context whose Err is nil for its first n calls and
// context.Canceled from then on; it counts the calls.
type cancelAfter struct {
	context.Context
	n, calls int
}

func (c *cancelAfter) Err() error {
	c.calls++
	if c.calls > c.n {
		return context.Canceled
	}
	return nil
}

// TestStageCSVCanceledWhileWriting cancels StageCSV in the middle of data.csv:
// the writing stops at the next buffer flush instead of producing the other
// lines, and no file is left in the folder.
func TestStageCSVCanceledWhileWriting(t *testing.T) {
	res := manyRows(100_000) // data.csv: some 5 MB, about 80 flushes of 64 KiB
	dir := t.TempDir()
	// Find how many checks a complete StageCSV makes.
	full := &cancelAfter{Context: context.Background(), n: math.MaxInt}
	staged, err := report.StageCSV(full, dir, res)
	require.NoError(t, err)
	report.DiscardAll(staged)
	require.Greater(t, full.calls, 100)

	ctx := &cancelAfter{Context: context.Background(), n: full.calls / 2}
	staged, err = report.StageCSV(ctx, dir, res)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, staged)
	assert.LessOrEqual(t, ctx.calls, ctx.n+3, "writing went on after the cancellation")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}
