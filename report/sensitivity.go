package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// defaultBootstrap is the number of bootstrap resamples of the Sobol intervals
// when the config says 0 (gapanalysis.UncertaintyConfig.Bootstrap).
const defaultBootstrap = 1000

// sensitivity writes the Sensitivity sheet: blocks one under another, each with
// a bold title row —
//
//   - rank intervals: the Monte Carlo rank distribution of every measure (in
//     priority order) and every country (by nominal rank); its header is frozen
//     and filtered;
//   - uncertain inputs: each input of SPEC 7, whether it was varied, and its
//     range;
//   - Sobol indices: the sampling parameters, then for every output (the mean
//     absolute rank shift, then each measure's rank in priority order) and every
//     input the first-order and total index with their confidence bounds;
//   - method agreement: Spearman's rho, Kendall's tau-b and the WS coefficient
//     of each pair of ranking methods.
//
// The rank-interval and Sobol plots stand to the right of the tables. Numbers
// that are not finite are empty cells.
func (b *book) sensitivity(s *sheetWriter) {
	res, st := b.res, b.st
	u := res.Uncertainty
	k := sensitivityTopK(res)

	r := 1
	if u.Samples > 0 {
		s.note(1, r, fmt.Sprintf("Rank intervals: Monte Carlo, %d samples, seed %d; P(top k) = P(rank ≤ %d)", u.Samples, u.Seed, k), st.section)
	} else {
		s.note(1, r, "Rank intervals: no Monte Carlo analysis (samples = 0)", st.section)
	}
	r++
	header := r
	s.header(r, "Kind", "ID", "Name", "Rank", "Median rank", "Rank P5", "Rank P95", "P(top k)", "Rank note")
	for _, row := range rankIntervalRows(res) {
		r++
		s.text(1, r, row.kind, st.text)
		s.text(2, r, row.id, st.text)
		s.text(3, r, row.name, st.text)
		s.rank(4, r, row.rank)
		s.number(5, r, row.u.Median, st.dec1)
		s.number(6, r, row.u.P05, st.dec1)
		s.number(7, r, row.u.P95, st.dec1)
		s.number(8, r, row.u.PTopK, st.pct0)
		s.text(9, r, row.note, st.text)
	}
	s.freeze(header+1, 3)
	s.filter(header, r, 9)

	r += 2
	s.note(1, r, "Uncertain inputs", st.section)
	r++
	s.header(r, "Input", "Varied", "Distribution")
	yesNo := map[bool]string{true: "yes", false: "no"}
	for _, in := range uncertainInputs(res) {
		r++
		s.text(1, r, in.name, st.text)
		s.text(2, r, yesNo[in.varied], st.text)
		s.text(3, r, in.text, st.text)
	}

	r += 2
	r = b.sobolBlock(s, r)
	r += 2
	b.agreementBlock(s, r)

	b.sensitivityPlots(s)
}

// sobolBlock writes the Sobol block from row r and returns its last row.
func (b *book) sobolBlock(s *sheetWriter, r int) int {
	res, st := b.res, b.st
	s.note(1, r, "Sobol sensitivity indices", st.section)
	sob := res.Uncertainty.Sobol
	if sob == nil {
		r++
		s.note(1, r, "Not computed (uncertainty.sobol = 0, or no uncertain input was varied).", st.text)
		return r
	}
	params := []struct {
		label string
		write func(row int)
	}{
		{"Base samples (N)", func(row int) { s.integer(2, row, sob.N) }},
		{"Model evaluations", func(row int) { s.integer(2, row, sob.Evaluations) }},
		{"Sampling", func(row int) { s.note(2, row, "Saltelli, "+sequenceText(sob.Sequence)+" sequence", st.text) }},
		{"Estimators", func(row int) { s.note(2, row, "Jansen: first-order S_i and total S_Ti", st.text) }},
		{"Confidence level", func(row int) { s.number(2, row, sob.Confidence, st.pct0) }},
		{"Bootstrap resamples", func(row int) {
			if n := bootstrapResamples(res); n > 0 {
				s.integer(2, row, n)
			} else {
				s.text(2, row, "none", st.text)
			}
		}},
	}
	for _, p := range params {
		r++
		s.text(1, r, p.label, st.label)
		p.write(r)
	}
	r++
	s.note(1, r, "Outputs: "+gapanalysis.OutputMeanShift+" = mean over the measures of |rank − nominal rank|; a measure ID = that measure's rank.", st.text)
	r++
	s.header(r, "Output", "Input", "First-order", "First lo", "First hi", "Total", "Total lo", "Total hi", "Output variance")
	for _, o := range sobolOutputs(res) {
		for i, in := range sob.Inputs {
			r++
			s.text(1, r, o.Name, st.text)
			s.text(2, r, in, st.text)
			for j, v := range [][]float64{o.First, o.FirstLo, o.FirstHi, o.Total, o.TotalLo, o.TotalHi} {
				s.number(3+j, r, at(v, i), st.dec3)
			}
			s.number(9, r, o.Variance, st.dec3)
		}
	}
	return r
}

// agreementBlock writes the method-agreement block from row r.
func (b *book) agreementBlock(s *sheetWriter, r int) {
	st := b.st
	s.note(1, r, "Agreement between ranking methods", st.section)
	ag := b.res.Uncertainty.Agreement
	r++
	if len(ag) == 0 {
		s.note(1, r, "Not computed (fewer than two measures or no criteria).", st.text)
		return
	}
	s.note(1, r, "Nominal ranking of the measures under each method; the WS coefficient takes method A as the reference.", st.text)
	r++
	s.header(r, "Method A", "Method B", "Spearman rho", "Kendall tau-b", "WS coefficient")
	for _, a := range ag {
		r++
		s.text(1, r, a.A, st.text)
		s.text(2, r, a.B, st.text)
		s.number(3, r, a.Spearman, st.dec3)
		s.number(4, r, a.Kendall, st.dec3)
		s.number(5, r, a.WS, st.dec3)
	}
}

// Size of the plots in the workbook: PlotDPI images shown at half scale.
const workbookPlotScale = 0.5

// sensitivityPlots puts the rank-interval plot, and below it the Sobol plot, to
// the right of the tables, one empty column apart.
func (b *book) sensitivityPlots(s *sheetWriter) {
	if s.err != nil {
		return
	}
	col := s.cols + 2
	row := 1
	if rows := rankRows(b.res); len(rows) > 0 {
		h := RankIntervalHeight(len(rows))
		row += s.picture(col, row, h, "Rank uncertainty of the priority measures (Monte Carlo 5th–95th percentile, median and nominal rank)",
			func() ([]byte, error) { return RankIntervalPNG(b.res, DefaultPlotWidth, h) }) + 1
	}
	if meanShiftOutput(b.res) != nil {
		s.picture(col, row, DefaultSobolHeight, "First-order and total Sobol indices of the uncertain inputs on the mean absolute rank shift",
			func() ([]byte, error) { return SobolPNG(b.res, DefaultPlotWidth, DefaultSobolHeight) })
	}
}

// picture adds the PNG that draw returns at (col, row), shown at
// workbookPlotScale, anchored to that one cell, and returns the number of
// default-height rows it covers. It does not widen columns or extend the
// sheet's dimension.
func (s *sheetWriter) picture(col, row int, height vg.Length, alt string, draw func() ([]byte, error)) int {
	// Displayed pixels: points × PlotDPI/72 × scale.
	px := float64(height) * PlotDPI / 72 * workbookPlotScale
	rows := int(math.Ceil(px / rowPixels))
	if s.err != nil {
		return rows
	}
	png, err := draw()
	if err != nil {
		s.err = err
		return rows
	}
	printed := true
	s.err = s.f.AddPictureFromBytes(s.name, s.cell(col, row), &excelize.Picture{
		Extension: ".png",
		File:      png,
		Format: &excelize.GraphicOptions{
			AltText:         alt,
			ScaleX:          workbookPlotScale,
			ScaleY:          workbookPlotScale,
			Positioning:     "oneCell", // fixed size, whatever the row heights
			LockAspectRatio: true,
			PrintObject:     &printed,
		},
	})
	return rows
}

// note writes text that does not widen its column (titles and sentences that
// may run over the empty cells to their right).
func (s *sheetWriter) note(col, row int, v string, style int) {
	if s.err != nil || v == "" {
		return
	}
	c := s.cell(col, row)
	if s.err == nil {
		s.err = s.f.SetCellStr(s.name, c, v)
	}
	s.style(c, style)
	s.touch(col, row, min(float64(utf8.RuneCountInString(v))+1, numWidth))
}

// sensitivityTopK returns the k of P(rank ≤ k).
func sensitivityTopK(res *gapanalysis.Result) int {
	if u := res.Uncertainty; u != nil && u.TopK > 0 {
		return u.TopK
	}
	return topK(res, 0)
}

// bootstrapResamples returns the number of bootstrap resamples behind the Sobol
// intervals: the config's, 1000 for 0, and 0 (none) when negative.
func bootstrapResamples(res *gapanalysis.Result) int {
	switch n := res.Config.Uncertainty.Bootstrap; {
	case n == 0:
		return defaultBootstrap
	case n < 0:
		return 0
	default:
		return n
	}
}

// rankIntervalRow is one row of the rank intervals: a measure or a country.
type rankIntervalRow struct {
	kind, id, name string
	rank           int
	u              gapanalysis.RankUncertainty
	note           string // a country's rank note
}

// rankIntervalRows returns the rank distributions of the measures, in priority
// order, then of the countries, by nominal rank (unranked last), then code.
func rankIntervalRows(res *gapanalysis.Result) []rankIntervalRow {
	var rows []rankIntervalRow
	for i := range res.Priorities {
		p := &res.Priorities[i]
		if ru := rankUncertainty(res, p); ru != nil {
			rows = append(rows, rankIntervalRow{kind: "measure", id: string(p.ID), name: p.Title, rank: p.Rank, u: *ru})
		}
	}
	u := res.Uncertainty
	if u == nil {
		return rows
	}
	names, notes := map[gapanalysis.CountryCode]string{}, map[gapanalysis.CountryCode]string{}
	for _, c := range res.Countries {
		names[c.Code], notes[c.Code] = c.Name, c.RankNote
	}
	for _, code := range sortedUncertainCountries(u) {
		ru := u.Countries[code]
		rows = append(rows, rankIntervalRow{kind: "country", id: string(code),
			name: firstNonEmpty(names[code], gapanalysis.CountryName(code)), rank: ru.Nominal, u: ru, note: notes[code]})
	}
	return rows
}

// sortedUncertainCountries returns the countries of the Monte Carlo analysis by
// nominal rank (unranked last), then code.
func sortedUncertainCountries(u *gapanalysis.Uncertainty) []gapanalysis.CountryCode {
	codes := make([]gapanalysis.CountryCode, 0, len(u.Countries))
	for c := range u.Countries {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		ri, rj := u.Countries[codes[i]].Nominal, u.Countries[codes[j]].Nominal
		if (ri == 0) != (rj == 0) {
			return rj == 0
		}
		if ri != rj {
			return ri < rj
		}
		return codes[i] < codes[j]
	})
	return codes
}

// sobolOutputs returns the outputs of the Sobol analysis in report order: the
// mean absolute rank shift, then the measures in priority order, then any other
// output in the order of the analysis.
func sobolOutputs(res *gapanalysis.Result) []gapanalysis.SobolOutput {
	if res.Uncertainty == nil || res.Uncertainty.Sobol == nil {
		return nil
	}
	outs := res.Uncertainty.Sobol.Outputs
	order := map[string]int{gapanalysis.OutputMeanShift: 0}
	for i, p := range res.Priorities {
		if _, dup := order[string(p.ID)]; !dup {
			order[string(p.ID)] = i + 1
		}
	}
	pos := func(name string) int {
		if p, ok := order[name]; ok {
			return p
		}
		return len(order)
	}
	sorted := append([]gapanalysis.SobolOutput(nil), outs...)
	sort.SliceStable(sorted, func(i, j int) bool { return pos(sorted[i].Name) < pos(sorted[j].Name) })
	return sorted
}

// uncertainInput describes one uncertain input of SPEC 7 as configured.
type uncertainInput struct {
	name   string // one of gapanalysis.ModelInputs
	varied bool   // listed in Uncertainty.Inputs
	// kind is "uniform" (a value drawn from [low, high]), "factor" (each weight
	// multiplied by a factor drawn from [low, high]) or "choice" (one of values,
	// each equally likely).
	kind      string
	low, high float64 // NaN for a choice
	values    []string
	text      string // the distribution in words
}

// uncertainInputs describes every uncertain input from res.Config.Uncertainty,
// in the order of gapanalysis.ModelInputs.
func uncertainInputs(res *gapanalysis.Result) []uncertainInput {
	cfg := res.Config
	u := cfg.Uncertainty
	varied := map[string]bool{}
	if res.Uncertainty != nil {
		for _, in := range res.Uncertainty.Inputs {
			varied[in] = true
		}
	}
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var out []uncertainInput
	for _, name := range gapanalysis.ModelInputs {
		in := uncertainInput{name: name, varied: varied[name], low: math.NaN(), high: math.NaN()}
		switch name {
		case gapanalysis.InputPartial:
			in.kind = "uniform"
			if len(u.Partial) == 2 {
				in.low, in.high = u.Partial[0], u.Partial[1]
			}
			in.text = fmt.Sprintf("value of a partial answer: uniform %s – %s (nominal %s)", g(in.low), g(in.high), g(cfg.Scale.Partial))
			if len(u.Partial) != 2 {
				in.text = fmt.Sprintf("value of a partial answer: nominal %s", g(cfg.Scale.Partial))
			}
		case gapanalysis.InputChecklistWeights, gapanalysis.InputCriteriaWeights:
			j, what := u.WeightJitter, "each item, theme and pillar weight"
			if name == gapanalysis.InputCriteriaWeights {
				j, what = u.CriteriaJitter, "each ranking criterion's weight"
			}
			in.kind, in.low, in.high = "factor", 1-j, 1+j
			in.text = fmt.Sprintf("%s × a uniform factor %s – %s (1 ± %s)", what, g(1-j), g(1+j), g(j))
		case gapanalysis.InputMissingRule:
			in.kind = "choice"
			for _, m := range u.MissingRules {
				in.values = append(in.values, string(m))
			}
			in.text = fmt.Sprintf("missing-data rule: one of %s, equally likely (nominal %s)", strings.Join(in.values, ", "), missingRule(res))
		case gapanalysis.InputMethod:
			in.kind = "choice"
			in.values = append(in.values, u.Methods...)
			in.text = fmt.Sprintf("ranking method: one of %s, equally likely (nominal %s)", strings.Join(in.values, ", "), method(res))
		case gapanalysis.InputPanel:
			if res.Panel == nil {
				continue
			}
			in.kind = "choice"
			in.values = append([]string{}, res.Panel.ExpertIDs...)
			in.text = fmt.Sprintf("expert criteria values: per measure and criterion, the rating of one of the %d panel experts who rated it, equally likely (nominal: the panel's %s)", res.Panel.Experts, res.Panel.Aggregate)
		}
		if in.values == nil && in.kind == "choice" {
			in.values = []string{}
		}
		out = append(out, in)
	}
	return out
}
