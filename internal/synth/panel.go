package synth

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// PanelName is the file name of the synthetic expert panel (xlsx);
// PanelSheet the name of its one sheet.
const (
	PanelName  = "synthetic-panel.xlsx"
	PanelSheet = "Panel"
)

// PanelExperts is the number of synthetic experts.
const PanelExperts = 7

// The spread of the synthetic ratings around the checklist's illustrative
// values, on the 1–5 scale: each expert's own lean on each criterion (sd
// expertLean), the noise of one rating (sd ratingNoise), and the chance
// that an expert leaves a rating empty.
const (
	expertLean  = 0.45
	ratingNoise = 0.6
	skipRating  = 0.03
)

var panelHeader = []string{"Expert", "Measure", "Criterion", "Value"}

// PanelTitle returns the text of the panel's title row.
func PanelTitle(seed uint64) string {
	return fmt.Sprintf("SYNTHETIC expert panel — made-up ratings, not the views of real experts (seed %d)", seed)
}

// PanelExpertID returns the ID of synthetic expert i (1-based): "SYN-E01"….
func PanelExpertID(i int) string { return fmt.Sprintf("SYN-E%02d", i) }

// Panel returns a synthetic expert panel for the checklist and seed:
// PanelExperts experts rate every measure on every expert criterion, with a
// whole number in 1–5 drawn around the checklist's illustrative value (3
// when the checklist has none): the value plus the expert's lean on the
// criterion plus noise, rounded and clamped; about 3% of ratings are left
// empty. Ratings are ordered by expert, then measure and criterion in
// checklist order; Source is the Value cell WritePanelXLSX writes (file
// PanelName, sheet PanelSheet). The panel is deterministic for a seed.
func Panel(cl *gapanalysis.Checklist, seed uint64) []gapanalysis.PanelRating {
	if cl == nil {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x9a7e1))
	var out []gapanalysis.PanelRating
	for e := 1; e <= PanelExperts; e++ {
		lean := make([]float64, len(cl.Criteria))
		for c := range lean {
			lean[c] = expertLean * rng.NormFloat64()
		}
		for _, m := range cl.Measures {
			for c, cr := range cl.Criteria {
				base, ok := m.Criteria[cr.ID]
				if !ok {
					base = 3
				}
				v := math.Round(base + lean[c] + ratingNoise*rng.NormFloat64())
				v = min(max(v, gapanalysis.PanelMin), gapanalysis.PanelMax)
				if rng.Float64() < skipRating {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(len(panelHeader), firstDataRow+len(out))
				out = append(out, gapanalysis.PanelRating{Expert: PanelExpertID(e), Measure: m.ID, Criterion: cr.ID, Value: v,
					Source: gapanalysis.Source{File: PanelName, Sheet: PanelSheet, Cell: cell}})
			}
		}
	}
	return out
}

// WritePanelXLSX writes a panel as an xlsx workbook in the long layout: one
// sheet PanelSheet with the title row (PanelTitle(seed)) in row 1, row 2
// blank, the header Expert | Measure | Criterion | Value in row 3 and one
// rating per row from row 4 (the value a number). The output is
// deterministic and its sheet dimension is set.
func WritePanelXLSX(w io.Writer, ratings []gapanalysis.PanelRating, seed uint64) error {
	return table{
		sheet: PanelSheet, docTitle: "Synthetic expert panel", title: PanelTitle(seed),
		header: panelHeader, widths: []float64{12, 32, 14, 8},
		n: len(ratings),
		row: func(i int) []any {
			r := ratings[i]
			return []any{text(r.Expert), text(string(r.Measure)), text(string(r.Criterion)), r.Value}
		},
	}.write(w)
}
