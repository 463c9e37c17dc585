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

// The large benchmark file: a survey-tool export in the respondents layout,
// benchRespondents rows of benchQuestions answers, the file that
// `go run ./internal/synth/cmd/genbig` writes with the same defaults (keep the
// two in step). It is written once into the temporary folder and reused by
// later runs.
const (
	benchRespondents = 100_000
	benchQuestions   = 60
	benchSeed        = 2026
	benchFile        = "respondents-100k-60q-synthetic-v1.xlsx"
	benchCells       = 5_599_834 // cells in the file (<c> elements)
	benchAnswers     = 5_399_772 // answer cells: benchCells less the header's 62 and 2 per respondent
)

// bigAnswers are the answers and their cumulative weights in per cent; "" is
// a skipped question (no cell).
var (
	bigAnswers = []string{"Yes", "Partly", "No", "Don't know", "N/A", ""}
	bigCumPct  = []int{35, 55, 75, 85, 90, 100}
)

// bigSurvey returns the path of the large benchmark file, writing it first if
// the temporary folder does not hold it yet (about 5 s).
func bigSurvey(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "gapstudy-bench")
	path := filepath.Join(dir, benchFile)
	if _, err := os.Stat(path); err == nil {
		return path
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
	last, err := excelize.CoordinatesToCellName(2+len(items), benchRespondents+1)
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
	rng := rand.New(rand.NewPCG(benchSeed, 0x6269672d73796e74))
	for r := 1; r <= benchRespondents; r++ {
		row[0] = fmt.Sprintf("R%06d", r)
		row[1] = string(eu[(r-1)%len(eu)])
		for i := range items {
			p, k := rng.IntN(100), 0
			for p >= bigCumPct[k] {
				k++
			}
			if bigAnswers[k] == "" {
				row[2+i] = nil
			} else {
				row[2+i] = bigAnswers[k]
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
	return path
}

// BenchmarkReadRespondents100k imports the large export (100,000 respondents
// × 60 questions: 5.6 million cells, 5.4 million answers) with Open, each engine
// keeping the responses in the Dataset (responses=dataset) or passing them to
// Options.Sink and keeping none, as `gapstudy validate` does
// (responses=sink). The file unpacks to about 300 MB, above the default limit,
// which the options raise.
func BenchmarkReadRespondents100k(b *testing.B) {
	path := bigSurvey(b)
	cl, err := gapanalysis.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	for _, engine := range []Engine{EngineFast, EngineExcelize} {
		for _, keep := range []string{"dataset", "sink"} {
			b.Run("engine="+string(engine)+"/responses="+keep, func(b *testing.B) {
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
					if len(ds.Accounts) != 1 || ds.Accounts[0].RowsRead != benchRespondents || !ds.Accounts[0].Balanced() {
						b.Fatalf("accounts %+v, diagnostics %v", ds.Accounts, ds.Diagnostics)
					}
					if n := ds.Responses.Len() + sunk; n != benchAnswers {
						b.Fatalf("%d responses, want %d", n, benchAnswers)
					}
				}
				b.ReportMetric(float64(benchRespondents)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}

// BenchmarkSheetRows reads the rows of the large export and nothing else, with
// each engine: the cost of getting the cells out of the file.
func BenchmarkSheetRows(b *testing.B) {
	path := bigSurvey(b)
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
