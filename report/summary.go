package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// summary writes the Summary sheet: the study, the data status (a banner when
// the data are synthetic), headline numbers, the top priorities, the countries'
// indexes, and two bar charts drawn from those two tables.
func (b *book) summary(s *sheetWriter) {
	res, st := b.res, b.st
	sum := summarize(res)
	id, ctitle, version, _ := checklistInfo(res)

	s.banner(1, 1, b.title, st.title)
	if s.err == nil {
		s.err = s.f.SetRowHeight(s.name, 1, 24)
	}
	if synthetic(res) {
		s.banner(1, 2, SyntheticBanner, st.banner)
		if s.err == nil {
			s.err = s.f.MergeCell(s.name, "A2", "E2")
		}
		if s.err == nil {
			s.err = s.f.SetRowHeight(s.name, 2, 24)
		}
	}
	s.freeze(3, 1)

	r := 4
	s.text(1, r, "Study", st.section)
	pairs := [][2]string{
		{"Checklist", ctitle},
		{"Checklist ID", id},
		{"Checklist version", version},
		{"Data", dataLabel(res)},
		{"Data status", dataStatus(res)},
		{"Inputs", strings.Join(res.Meta.Inputs, "; ")},
		{"Ranking method", method(res)},
		{"Tool", strings.TrimSpace(firstNonEmpty(res.Meta.Tool, "gapstudy") + " " + res.Meta.ToolVersion)},
	}
	for _, p := range pairs {
		r++
		s.text(1, r, p[0], st.label)
		s.text(2, r, p[1], st.text)
	}

	r += 2
	s.text(1, r, "Headline numbers", st.section)
	counts := []struct {
		label string
		n     int
	}{
		{"Countries assessed", sum.countries},
		{"Items", sum.items},
		{"Gaps", sum.gaps},
	}
	for _, c := range counts {
		r++
		s.text(1, r, c.label, st.label)
		s.integer(2, r, c.n)
	}
	r++
	s.text(1, r, "Mean index (0–100)", st.label)
	s.score(2, r, sum.meanIndex, st.dec1)
	r++
	s.text(1, r, "Mean coverage", st.label)
	s.score(2, r, sum.meanCoverage, st.pct1)
	for _, c := range []struct {
		label string
		n     int
	}{{"Errors", sum.errors}, {"Warnings", sum.warnings}} {
		r++
		s.text(1, r, c.label, st.label)
		s.integer(2, r, c.n)
	}

	r = b.summaryProgress(s, r)

	// Top priorities.
	r += 2
	s.text(1, r, fmt.Sprintf("Top %d priorities", b.topK), st.section)
	r++
	s.header(r, "Rank", "Measure", "Title", "Score")
	prioFirst := r + 1
	for i, p := range res.Priorities {
		if i >= b.topK {
			break
		}
		r++
		s.rank(1, r, p.Rank)
		s.text(2, r, string(p.ID), st.text)
		s.text(3, r, p.Title, st.text)
		s.number(4, r, p.Score, st.dec1)
	}
	prioLast := r

	// Countries by index.
	r += 2
	s.text(1, r, "Countries", st.section)
	r++
	countryHeader := r
	s.header(r, "Rank", "Code", "Country", "Index", "Coverage", "Rank note")
	for _, c := range res.Countries {
		r++
		s.rank(1, r, c.Rank)
		s.text(2, r, string(c.Code), st.text)
		s.text(3, r, c.Name, st.text)
		s.score(4, r, c.Index, st.dec1)
		s.number(5, r, c.Coverage, st.pct1)
		s.text(6, r, c.RankNote, st.text)
	}
	s.filter(countryHeader, r, 6)

	// The charts stand one above the other in column G, from row 4.
	row := 4
	if len(res.Countries) > 0 {
		rows := b.barChart(s, fmt.Sprintf("G%d", row), "Index by country (0–100)", "Index",
			countryHeader+1, countryHeader+len(res.Countries), 3, 4, 100)
		row += rows + 1
	}
	if prioLast >= prioFirst {
		b.barChart(s, fmt.Sprintf("G%d", row), fmt.Sprintf("Top %d priority measures: score", prioLast-prioFirst+1), "Score",
			prioFirst, prioLast, 2, 4, 0)
	}
}

// dataStatus describes the kind of data the study used.
func dataStatus(res *gapanalysis.Result) string {
	if synthetic(res) {
		return "synthetic (demonstration and testing only)"
	}
	return "survey data"
}

// Chart geometry, in pixels: the height of a default row (the smallest of
// Excel's 20 and LibreOffice's 17, so that stacked charts never overlap), and the
// height of a bar chart's frame and of each of its bars.
const (
	rowPixels   = 17
	chartFrame  = 80
	barPixels   = 22
	chartMinHgt = 240
	chartWidth  = 520
)

// barChart adds a horizontal bar chart at cell anchor whose categories are in
// column catCol and values in column valCol of rows first..last of the sheet.
// maxValue > 0 fixes the value axis to 0..maxValue. It returns the number of
// default-height rows the chart covers.
func (b *book) barChart(s *sheetWriter, anchor, title, series string, first, last, catCol, valCol int, maxValue float64) int {
	height := max(chartFrame+barPixels*(last-first+1), chartMinHgt)
	rows := (height + rowPixels - 1) / rowPixels
	if s.err != nil {
		return rows
	}
	ref := func(col int) string {
		c, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", s.name, c, first, c, last)
	}
	axisFont := excelize.Font{Family: fontFamily, Size: 9, Color: "404040"}
	minimum := 0.0
	valAxis := excelize.ChartAxis{MajorGridLines: true, Font: axisFont, Minimum: &minimum}
	if maxValue > 0 {
		valAxis.Maximum = &maxValue
	}
	chart := &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       series,
			Categories: ref(catCol),
			Values:     ref(valCol),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}},
		}},
		Title: excelize.ChartTitle{
			Paragraph: []excelize.RichTextRun{{Text: title, Font: &excelize.Font{Family: fontFamily, Size: 12, Bold: true}}},
		},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: uint(height)},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:     valAxis,
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"}},
		Format:    excelize.GraphicOptions{AltText: title},
	}
	s.err = s.f.AddChart(s.name, anchor, chart)
	return rows
}
