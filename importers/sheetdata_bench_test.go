package importers

import (
	"archive/zip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// The large benchmark files: survey-tool exports in the respondents layout,
// n rows of benchQuestions answers (benchSizes), the files that
// `go run ./internal/synth/cmd/genbig -respondents n` writes with the same
// defaults (keep the two in step). Each is written once into the temporary
// folder and reused by later runs.
const (
	benchRespondents = 100_000
	benchQuestions   = 60
	benchSeed        = 2026
	benchCells       = 5_599_834 // cells in the 100,000-respondent file (<c> elements)
	benchAnswers     = 5_399_772 // its answer cells: benchCells less the header's 62 and 2 per respondent
)

// benchSizes are the numbers of respondents the import benchmarks read.
var benchSizes = []int{10_000, 30_000, 100_000}

// benchFile is the name of the benchmark file of n respondents.
func benchFile(n int) string {
	return fmt.Sprintf("respondents-%dk-60q-synthetic-v1.xlsx", n/1000)
}

// bigAnswers are the answers and their cumulative weights in per cent; "" is
// a skipped question (no cell).
var (
	bigAnswers = []string{"Yes", "Partly", "No", "Don't know", "N/A", ""}
	bigCumPct  = []int{35, 55, 75, 85, 90, 100}
)

// bigSurvey returns the path of the large benchmark file of n respondents and
// the number of answers in it, writing it first if the temporary folder does
// not hold it yet (about 5 s for 100,000).
func bigSurvey(b *testing.B, n int) (string, int) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "gapstudy-bench")
	path := filepath.Join(dir, benchFile(n))
	answers := 0
	next := bigDraws()
	for range n * benchQuestions {
		if next() != "" {
			answers++
		}
	}
	if _, err := os.Stat(path); err == nil {
		return path, answers
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	cl, err := gapanalysis.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	var items []string
	for _, p := range cl.Pillars {
		for _, th := range p.Themes {
			for _, it := range th.Items {
				if it.Type != gapanalysis.NumericItem && len(items) < benchQuestions {
					items = append(items, string(it.ID))
				}
			}
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Responses"
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", sheet))
	last, err := excelize.CoordinatesToCellName(2+len(items), n+1)
	must(err)
	must(f.SetSheetDimension(sheet, "A1:"+last))
	sw, err := f.NewStreamWriter(sheet)
	must(err)
	row := make([]any, 2+len(items))
	row[0], row[1] = "Respondent ID", "Country"
	for i, id := range items {
		row[2+i] = id
	}
	must(sw.SetRow("A1", row))
	eu := gapanalysis.EU27()
	next = bigDraws()
	for r := 1; r <= n; r++ {
		row[0] = fmt.Sprintf("R%06d", r)
		row[1] = string(eu[(r-1)%len(eu)])
		for i := range items {
			if a := next(); a == "" {
				row[2+i] = nil
			} else {
				row[2+i] = a
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		must(err)
		must(sw.SetRow(cell, row))
	}
	must(sw.Flush())
	tmp, err := os.CreateTemp(dir, ".bench-*.xlsx")
	must(err)
	defer os.Remove(tmp.Name())
	_, err = f.WriteTo(tmp)
	must(err)
	must(tmp.Chmod(0o644))
	must(tmp.Close())
	must(os.Rename(tmp.Name(), path))
	return path, answers
}

// bigDraws returns the answers of the benchmark files one by one, row by row
// ("" for a skipped question), as genbig draws them.
func bigDraws() func() string {
	rng := rand.New(rand.NewPCG(benchSeed, 0x6269672d73796e74))
	return func() string {
		p, k := rng.IntN(100), 0
		for p >= bigCumPct[k] {
			k++
		}
		return bigAnswers[k]
	}
}

// BenchmarkReadRespondents imports the large exports (10,000, 30,000 and
// 100,000 respondents × 60 questions; at 100,000: 5.6 million cells, 5.4
// million answers) with Open, each engine keeping the responses in the Dataset
// (responses=dataset) or passing them to Options.Sink and keeping none, as
// `gapstudy validate` does (responses=sink). rows/s counts respondents. The
// 100,000-respondent file unpacks to about 300 MB, above the default limit,
// which the options raise. Run it with -bench (it is not part of go test):
//
//	go test ./importers -run '^$' -bench 'BenchmarkReadRespondents/.*/engine=fast' -benchtime 3x
func BenchmarkReadRespondents(b *testing.B) {
	cl, err := gapanalysis.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("respondents=%d", n), func(b *testing.B) {
			path, answers := bigSurvey(b, n) // written once, outside the timing
			for _, engine := range []Engine{EngineFast, EngineExcelize} {
				for _, keep := range []string{"dataset", "sink"} {
					b.Run(fmt.Sprintf("engine=%s/responses=%s", engine, keep), func(b *testing.B) {
						opts := &Options{Checklist: cl, MaxUnpackedSize: 1 << 30, Engine: engine}
						sunk := 0
						if keep == "sink" {
							opts.Sink = func(gapanalysis.Response) { sunk++ }
						}
						b.ReportAllocs()
						for b.Loop() {
							sunk = 0
							ds, err := Open(path, opts)
							if err != nil {
								b.Fatal(err)
							}
							if len(ds.Accounts) != 1 || ds.Accounts[0].RowsRead != n || !ds.Accounts[0].Balanced() {
								b.Fatalf("accounts %+v, diagnostics %v", ds.Accounts, ds.Diagnostics)
							}
							if got := ds.Responses.Len() + sunk; got != answers {
								b.Fatalf("%d responses, want %d", got, answers)
							}
						}
						b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
					})
				}
			}
		})
	}
}

// BenchmarkSheetRows reads the rows of the large export and nothing else, with
// each engine: the cost of getting the cells out of the file.
func BenchmarkSheetRows(b *testing.B) {
	path, answers := bigSurvey(b, benchRespondents)
	if answers != benchAnswers {
		b.Fatalf("%d answers in the file, want %d", answers, benchAnswers)
	}
	for _, engine := range []Engine{EngineFast, EngineExcelize} {
		b.Run("engine="+string(engine), func(b *testing.B) {
			b.ReportAllocs()
			cells := 0
			for b.Loop() {
				cells = 0
				src, closeAll := openBenchRows(b, path, engine)
				n := 0
				for src.Next() {
					_, row := src.Row()
					for _, c := range row {
						if c != "" {
							cells++
						}
					}
					n++
				}
				if src.Err() != nil || n != benchRespondents+1 || cells != benchCells {
					b.Fatalf("%d rows, %d cells, error %v", n, cells, src.Err())
				}
				closeAll()
			}
			b.ReportMetric(float64(benchRespondents+1)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// openBenchRows opens the rows of the large export's sheet with an engine.
func openBenchRows(b *testing.B, path string, engine Engine) (sheetSource, func()) {
	b.Helper()
	if engine == EngineExcelize {
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Responses")
		if err != nil {
			b.Fatal(err)
		}
		return &xlsxRowsCloser{xlsxRows{rows: rows}}, func() { _ = rows.Close(); _ = f.Close() }
	}
	zf, err := zip.OpenReader(path)
	if err != nil {
		b.Fatal(err)
	}
	data, err := newSheetData(&zf.Reader)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := data.rows("Responses")
	if err != nil {
		b.Fatal(err)
	}
	return rows, func() { _ = rows.Close(); _ = zf.Close() }
}
