// Command genbig writes a large synthetic survey-tool export for timing the
// importers: one row per respondent, one column per question (the respondents
// layout), 100,000 respondents × 60 questions by default: 6 million questions,
// 5.4 million of them answered.
//
//	go run ./internal/synth/cmd/genbig -o /tmp/big-synthetic.xlsx
//
// The sheet "Responses" has the header "Respondent ID", "Country" and the IDs of
// the first -questions status items of the built-in checklist; each row is one
// made-up respondent of an EU-27 country (cycling through them) whose answers are
// drawn, for a seed, from "Yes" 35 %, "Partly" 20 %, "No" 20 %, "Don't know"
// 10 %, "N/A" 5 % and empty 10 %. The workbook is written with excelize's
// StreamWriter (strings as inline strings), the way BenchmarkReadRespondents
// in package importers writes its copy, and its sheet dimension is set so that
// openpyxl's read-only mode (and so pandas) sees every row. The name must say
// "synthetic": the data are made up.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "genbig:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("genbig", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "big-synthetic.xlsx", "output `file` (.xlsx); its name must contain \"synthetic\"")
	rows := fs.Int("respondents", 100_000, "number of respondents (data rows), 1 to 1,048,575")
	questions := fs.Int("questions", 60, "number of questions (item columns), 1 to the number of status items of the built-in checklist")
	seed := fs.Uint64("seed", 2026, "seed of the random generator")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if !strings.Contains(strings.ToLower(filepath.Base(*out)), "synthetic") {
		return fmt.Errorf("the output name %q must contain \"synthetic\": the data are made up", *out)
	}
	if *rows < 1 || *rows > excelize.TotalRows-1 {
		return fmt.Errorf("-respondents %d is out of range 1–%d", *rows, excelize.TotalRows-1)
	}
	cl, err := gapanalysis.Builtin()
	if err != nil {
		return fmt.Errorf("built-in checklist: %w", err)
	}
	var items []string
	for _, p := range cl.Pillars {
		for _, th := range p.Themes {
			for _, it := range th.Items {
				if it.Type != gapanalysis.NumericItem && len(items) < *questions {
					items = append(items, string(it.ID))
				}
			}
		}
	}
	if *questions < 1 || len(items) < *questions {
		return fmt.Errorf("-questions %d is out of range 1–%d", *questions, len(items))
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".genbig-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := write(tmp, items, *rows, *seed); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), *out)
}

// answers and their cumulative weights in per cent.
var (
	answers = []string{"Yes", "Partly", "No", "Don't know", "N/A", ""}
	cumPct  = []int{35, 55, 75, 85, 90, 100}
)

// write writes the workbook: a header and n respondents answering the items.
func write(w io.Writer, items []string, n int, seed uint64) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Responses"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(2+len(items), n+1)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	row := make([]any, 2+len(items))
	row[0], row[1] = "Respondent ID", "Country"
	for i, id := range items {
		row[2+i] = id
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	eu := gapanalysis.EU27()
	rng := rand.New(rand.NewPCG(seed, 0x6269672d73796e74)) // "big-synt"
	for r := 1; r <= n; r++ {
		row[0] = fmt.Sprintf("R%06d", r)
		row[1] = string(eu[(r-1)%len(eu)])
		for i := range items {
			p, k := rng.IntN(100), 0
			for p >= cumPct[k] {
				k++
			}
			if answers[k] == "" {
				row[2+i] = nil // a skipped question: no cell, as survey tools export it
			} else {
				row[2+i] = answers[k]
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
