package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// ExportName is the file name the responses of Export name as their source.
const ExportName = "big-synthetic.xlsx"

// Export returns, in memory, the responses of a SYNTHETIC survey-tool export of
// respondents respondents × questions questions, as importing the workbook
// that cmd/genbig writes for the same numbers and seed gives them: respondent
// "R000001", … of the EU-27 countries in turn, answering the first questions
// status items of cl with full 35 %, partial 20 %, none 20 %, unknown
// ("Don't know") 10 %, na 5 % and no answer 10 % (no response), each with the
// cell it would be read from (sheet "Responses", the respondent's row and the
// question's column, from C). It is for measuring time and memory on large
// surveys without writing and reading the file. The dataset is Synthetic,
// labelled ExportName.
func Export(cl *gapanalysis.Checklist, respondents, questions int, seed uint64) *gapanalysis.Dataset {
	var items []gapanalysis.ItemID
	for _, it := range cl.Items() {
		if it.Type != gapanalysis.NumericItem && len(items) < questions {
			items = append(items, it.ID)
		}
	}
	statuses := []gapanalysis.Status{gapanalysis.StatusFull, gapanalysis.StatusPartial, gapanalysis.StatusNone,
		gapanalysis.StatusUnknown, gapanalysis.StatusNA}
	cumPct := []int{35, 55, 75, 85, 90, 100}
	ds := &gapanalysis.Dataset{Synthetic: true, Label: ExportName, Seed: seed}
	eu := gapanalysis.EU27()
	rng := rand.New(rand.NewPCG(seed, 0x6269672d73796e74)) // "big-synt", as cmd/genbig
	for r := 1; r <= respondents; r++ {
		who := fmt.Sprintf("R%06d", r)
		country := eu[(r-1)%len(eu)]
		for i, id := range items {
			p, k := rng.IntN(100), 0
			for p >= cumPct[k] {
				k++
			}
			if k == len(statuses) {
				continue // a skipped question: no cell
			}
			cell, err := excelize.CoordinatesToCellName(3+i, r+1)
			if err != nil {
				panic(err) // at most 1,048,575 respondents and 16,382 questions fit a sheet
			}
			ds.Responses.Append(gapanalysis.Response{Country: country, Item: id, Status: statuses[k], Respondent: who,
				Source: gapanalysis.Source{File: ExportName, Sheet: "Responses", Cell: cell}})
		}
	}
	return ds
}
