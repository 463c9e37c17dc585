package report

import (
	htpl "html/template"
	"image/color"

	"gonum.org/v1/plot/vg"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Colours of the fiche chart: the country dark blue, the EU mean grey.
var (
	colFicheCountry = color.RGBA{R: 0x1F, G: 0x4E, B: 0x79, A: 0xFF}
	colFicheEU      = color.RGBA{R: 0xA6, G: 0xA6, B: 0xA6, A: 0xFF}
)

// ficheChartWidth is the width of the fiche chart: the text width of an A4
// page with the margins of the print style sheet.
const ficheChartWidth = 7 * vg.Inch

// ficheScoreChart draws the pillar and theme scores of a country against the
// EU mean as a horizontal bar chart (svgBarChart), one row per pillar followed
// by its themes, in checklist order, on a 0–100 axis. Rows without a score have
// no bar; the table beside the chart says "–".
func (fs *ficheStudy) ficheScoreChart(c *gapanalysis.CountryResult, name string) (htpl.HTML, error) {
	var labels []string
	var country, eu []gapanalysis.Score
	for _, p := range fs.res.Checklist.Pillars {
		labels = append(labels, "Pillar: "+firstNonEmpty(p.Title, string(p.ID)))
		country = append(country, c.Pillars[p.ID])
		eu = append(eu, fs.euMean["p:"+string(p.ID)])
		for _, t := range p.Themes {
			labels = append(labels, firstNonEmpty(t.Title, string(t.ID)))
			country = append(country, c.Themes[t.ID])
			eu = append(eu, fs.euMean["t:"+string(t.ID)])
		}
	}
	return svgBarChart(barChart{
		Title:    plotTitle(fs.res, name+": pillar and theme scores"),
		Subtitle: "against the EU mean (the mean of the assessed countries)",
		Axis:     "Score (0–100)",
		Labels:   labels,
		Series: []barSeries{
			{Name: name, Color: colFicheCountry, Values: country},
			{Name: "EU mean", Color: colFicheEU, Values: eu},
		},
		Max:   100,
		Width: ficheChartWidth,
	})
}
