package report_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// bigSurvey returns the sample study with the answers of n made-up
// respondents (SYNTHETIC data, labelled so): like a survey-tool export of n
// respondents × 60 questions, each respondent of one of the 27 EU countries in
// turn answering 54 of the questions (full, partial or none, drawn from a
// fixed seed), question q asking about item q of the sample checklist (cycling
// over its items). Every (country, item) is listed for reconciliation with all
// its answers, so that the Reconcile sheets have as many rows as the Data
// sheets: 2 × 54 × n rows in all. It returns the result and that number of
// rows.
func bigSurvey(n int) (*gapanalysis.Result, int) {
	res := sampleResult()
	res.Meta.Synthetic = true
	res.Dataset.Synthetic = true
	res.Dataset.Label = "big-survey-synthetic.xlsx"
	items := res.Checklist.Items()
	countries := gapanalysis.EU27()
	statuses := []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone}
	rng := rand.New(rand.NewPCG(2026, uint64(n)))
	const questions, answered = 60, 54
	rs := make([]gapanalysis.Response, 0, n*answered)
	type key struct {
		c gapanalysis.CountryCode
		i gapanalysis.ItemID
	}
	units := map[key]int{}
	var reconcile []gapanalysis.ReconcileUnit
	var answers [][]gapanalysis.RespondentAnswer
	for r := range n {
		respondent := fmt.Sprintf("SYN-R%06d", r+1)
		country := countries[r%len(countries)]
		skip := rng.Perm(questions)[:questions-answered]
		for q := range questions {
			if q == skip[0] || q == skip[1] || q == skip[2] || q == skip[3] || q == skip[4] || q == skip[5] {
				continue
			}
			it := items[q%len(items)]
			x := gapanalysis.Response{
				Country: country, Item: it.ID, Respondent: respondent,
				Source: gapanalysis.Source{File: res.Dataset.Label, Sheet: "Responses", Cell: columnName(q+3) + strconv.Itoa(r+2)},
			}
			if it.Type == gapanalysis.NumericItem {
				x.Value, x.HasValue = float64(rng.IntN(1000))/10, true
			} else {
				x.Status = statuses[rng.IntN(len(statuses))]
			}
			if rng.IntN(20) == 0 {
				x.Comment = "synthetic comment " + strconv.Itoa(rng.IntN(100))
			}
			rs = append(rs, x)
			k := key{country, it.ID}
			u, ok := units[k]
			if !ok {
				u = len(reconcile)
				units[k] = u
				reconcile = append(reconcile, gapanalysis.ReconcileUnit{Country: country, Item: it.ID})
				answers = append(answers, nil)
			}
			answers[u] = append(answers[u], gapanalysis.RespondentAnswer{
				Respondent: respondent, Status: x.Status, Source: x.Source, Comment: x.Comment,
			})
		}
	}
	for u := range reconcile {
		reconcile[u].Answers = gapanalysis.AnswersOf(answers[u]...)
	}
	res.Dataset.Responses = gapanalysis.NewResponses(rs...)
	res.Agreement = &gapanalysis.AgreementReport{
		Overall:   gapanalysis.AgreementStats{Units: len(reconcile)},
		Countries: map[gapanalysis.CountryCode]gapanalysis.AgreementStats{},
		Reconcile: reconcile,
		Bootstrap: 100, Seed: 1,
	}
	return res, 2 * len(rs)
}

func columnName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		panic(err)
	}
	return name
}

// BenchmarkWriteWorkbook writes the workbook of a synthetic survey of 10,000,
// 30,000 and 100,000 respondents (bigSurvey: 1.08, 3.24 and 10.8 million rows
// on the Data and Reconcile sheets), to a writer that keeps nothing.
func BenchmarkWriteWorkbook(b *testing.B) {
	for _, n := range []int{10_000, 30_000, 100_000} {
		b.Run("respondents="+strconv.Itoa(n), func(b *testing.B) {
			res, rows := bigSurvey(n)
			runtime.GC()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := report.WriteWorkbook(io.Discard, res, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// writeMemory writes the workbook of res and returns the bytes allocated and
// the most heap in use above what it was before, sampled every millisecond.
func writeMemory(t *testing.T, res *gapanalysis.Result) (alloc, peak uint64) {
	t.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > before.HeapInuse {
				peak = max(peak, m.HeapInuse-before.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	err := report.WriteWorkbook(io.Discard, res, nil)
	close(done)
	wg.Wait()
	require.NoError(t, err)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, peak
}

// TestWriteWorkbookMemory writes the workbooks of synthetic surveys of 2,000
// and 8,000 respondents (216,000 and 864,000 rows on the Data and Reconcile
// sheets) and checks that writing the rows allocates almost nothing per row
// (the order of the responses: an index of 8 bytes and a group of 4 per
// response, 6 bytes per row, and a little more for slack) and that the heap in
// use while writing does not grow with the rows beyond that index. It is not
// timed; it takes a few seconds, so it does not run with -short.
func TestWriteWorkbookMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes about a million rows")
	}
	if raceEnabled {
		t.Skip("the race detector's instrumentation inflates allocation counts")
	}
	small, smallRows := bigSurvey(2_000)
	allocSmall, peakSmall := writeMemory(t, small)
	small = nil
	big, bigRows := bigSurvey(8_000)
	allocBig, peakBig := writeMemory(t, big)
	rows := uint64(bigRows - smallRows)
	t.Logf("%d rows: %d bytes allocated, heap +%d; %d rows: %d bytes allocated, heap +%d",
		smallRows, allocSmall, peakSmall, bigRows, allocBig, peakBig)
	perRow := float64(allocBig-allocSmall) / float64(rows)
	require.Less(t, perRow, 16.0, "bytes allocated per further row")
	// The heap may hold, besides the index, garbage of up to the same size
	// before a collection, and a few MiB more at one moment than another.
	require.Less(t, float64(peakBig), float64(peakSmall)+2*6*float64(rows)+8<<20, "heap in use while writing")
}
