package importers

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/xuri/excelize/v2"
)

// benchChecklist has 120 status items, B-001 … B-120.
func benchChecklist() *gapanalysis.Checklist {
	th := &gapanalysis.Theme{ID: "t", Weight: 1}
	for i := 1; i <= 120; i++ {
		th.Items = append(th.Items, &gapanalysis.Item{ID: gapanalysis.ItemID(fmt.Sprintf("B-%03d", i)),
			Obligation: gapanalysis.Mandatory, Weight: 1})
	}
	return &gapanalysis.Checklist{ID: "bench", Pillars: []*gapanalysis.Pillar{
		{ID: "p", Weight: 1, Themes: []*gapanalysis.Theme{th}}}}
}

// writeBenchWorkbook writes a synthetic long-layout workbook of n data rows
// (countries × 120 items, cycling over respondents) with excelize's StreamWriter
// and returns its path.
func writeBenchWorkbook(b *testing.B, dir string, n int) string {
	b.Helper()
	path := filepath.Join(dir, fmt.Sprintf("bench_synthetic_%d.xlsx", n))
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"Country", "Item", "Status", "Evidence", "Comment", "Respondent"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	eu := gapanalysis.EU27()
	statuses := []any{1, 0.5, 0, "yes", "partly", "no", "n/a", ""}
	for i := 0; i < n; i++ {
		c := eu[i%len(eu)]
		item := fmt.Sprintf("B-%03d", (i/len(eu))%120+1)
		row := []any{string(c), item, statuses[i%len(statuses)], "Act 12/2019, s. 4", "", fmt.Sprintf("R%d", i/(len(eu)*120))}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.WriteTo(out); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

func BenchmarkReadXLSX(b *testing.B) {
	opts := &Options{Checklist: benchChecklist()}
	dir := b.TempDir()
	for _, n := range []int{27 * 120, 100_000} {
		path := writeBenchWorkbook(b, dir, n) // built once per size, outside the timing
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ds, err := Open(path, opts)
				if err != nil {
					b.Fatal(err)
				}
				if ds.Responses.Len() != n || !ds.Accounts[0].Balanced() {
					b.Fatalf("read %d responses, want %d (%v)", ds.Responses.Len(), n, ds.Diagnostics)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
