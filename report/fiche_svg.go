package report

import (
	"bytes"
	"fmt"
	htpl "html/template"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	plotfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// Colours of the fiche chart.
var (
	colFicheCountry = color.RGBA{R: 0x1F, G: 0x4E, B: 0x79, A: 0xFF} // dark blue
	colFicheEU      = color.RGBA{R: 0xA6, G: 0xA6, B: 0xA6, A: 0xFF} // grey
)

// Geometry of the fiche chart: its width, the space of title, axis and
// legend, and the height of one pillar's or theme's row.
const (
	ficheChartWidth = 7 * vg.Inch
	ficheChartFrame = 1.5 * vg.Inch
	ficheChartRow   = 0.34 * vg.Inch
	ficheLabelMax   = 42 // characters of a row label
)

// ficheBars is the plotter of the fiche chart: row i of n is on the line
// y = n−1−i, the country's bar above it and the EU mean's bar below.
type ficheBars struct {
	country, eu []gapanalysis.Score
	pillar      []bool
}

// Plot implements plot.Plotter.
func (b *ficheBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(b.country)
	grid := draw.LineStyle{Color: colGrid, Width: 0.5}
	for v := 0.0; v <= 100; v += 20 {
		c.StrokeLine2(grid, trX(v), c.Min.Y, trX(v), c.Max.Y)
	}
	for i := range b.country {
		y := float64(n - 1 - i)
		if b.pillar[i] {
			fillRect(&c, colStripe, c.Min.X, trY(y-0.5), c.Max.X, trY(y+0.5))
		}
		if s := b.country[i]; known(s) {
			fillRect(&c, colFicheCountry, trX(0), trY(y+0.02), trX(s.Value), trY(y+0.36))
		}
		if s := b.eu[i]; known(s) {
			fillRect(&c, colFicheEU, trX(0), trY(y-0.36), trX(s.Value), trY(y-0.02))
		}
	}
}

// DataRange implements plot.DataRanger.
func (b *ficheBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, 100, -0.5, float64(len(b.country)) - 0.5
}

// ficheScoreChart draws the pillar and theme scores of a country against the
// EU mean as horizontal bars and returns the SVG element, ready to be placed in
// a page (no XML declaration; it scales to the width of its container). Rows
// without a score have no bar; the table beside the chart says "–".
func ficheScoreChart(res *gapanalysis.Result, name string, rows []scoreRow, c *gapanalysis.CountryResult, fs *ficheStudy) (htpl.HTML, error) {
	bars := &ficheBars{}
	labels := make([]string, len(rows))
	i := 0
	for _, p := range res.Checklist.Pillars {
		bars.country = append(bars.country, c.Pillars[p.ID])
		bars.eu = append(bars.eu, fs.euMean["p:"+string(p.ID)])
		bars.pillar = append(bars.pillar, true)
		labels[i] = shorten(rows[i].Title, ficheLabelMax)
		i++
		for _, t := range p.Themes {
			bars.country = append(bars.country, c.Themes[t.ID])
			bars.eu = append(bars.eu, fs.euMean["t:"+string(t.ID)])
			bars.pillar = append(bars.pillar, false)
			labels[i] = "   " + shorten(rows[i].Title, ficheLabelMax-3)
			i++
		}
	}
	n := len(labels)
	rev := make([]string, n)
	for j, l := range labels {
		rev[n-1-j] = l
	}
	p := newPlot("Score (0–100)", "")
	p.Y.Tick.Label.Font = plotfont.From(plotFont, 9)
	p.NominalY(rev...)
	p.Add(bars)
	p.X.Min, p.X.Max = 0, 100
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	fig := figure{
		title:    plotTitle(res, name+": pillar and theme scores"),
		subtitle: "against the EU mean (mean of the assessed countries); pillars shaded",
		plot:     p,
		legend: []legendEntry{
			{name, func(c *draw.Canvas) { fillRect(c, colFicheCountry, c.Min.X, c.Min.Y+2, c.Max.X, c.Max.Y-2) }},
			{"EU mean", func(c *draw.Canvas) { fillRect(c, colFicheEU, c.Min.X, c.Min.Y+2, c.Max.X, c.Max.Y-2) }},
		},
	}
	height := min(ficheChartFrame+vg.Length(n)*ficheChartRow, MaxPlotSide)
	return ficheSVG(fig, ficheChartWidth, height, "Bar chart of the pillar and theme scores of "+name+" against the EU mean; the same numbers are in the table below.")
}

// shorten cuts s to at most n characters, ending it with "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// ficheSVG draws a figure as renderPNG does, on an SVG canvas, and returns the
// <svg> element with a title for screen readers, scaled to its container.
func ficheSVG(fig figure, width, height vg.Length, label string) (htpl.HTML, error) {
	c := vgsvg.New(width, height)
	dc := draw.New(c)
	fillRect(&dc, color.White, 0, 0, width, height)
	titleSty := text.Style{Color: color.Black, Font: plotfont.From(plotFontBold, figTitleSize), Handler: plot.DefaultTextHandler,
		XAlign: draw.XCenter, YAlign: draw.YTop}
	subSty := titleSty
	subSty.Font = plotfont.From(plotFont, figSubSize)
	top := height - figMargin
	dc.FillText(titleSty, vg.Point{X: width / 2, Y: top}, fig.title)
	top -= titleSty.Height(fig.title) + 3
	if fig.subtitle != "" {
		dc.FillText(subSty, vg.Point{X: width / 2, Y: top}, fig.subtitle)
		top -= subSty.Height(fig.subtitle)
	}
	top -= figMargin
	bottom := figMargin
	if len(fig.legend) > 0 {
		drawLegend(draw.Crop(dc, 0, 0, figMargin/2, figMargin/2+legendStrip-height), fig.legend)
		bottom += legendStrip
	}
	fig.plot.Draw(draw.Crop(dc, figMargin, -2*figMargin, bottom, top-height))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("drawing chart: %w", err)
	}
	return inlineSVG(buf.String(), label)
}

// inlineSVG turns the document vgsvg writes into an element for an HTML page:
// the XML declaration and comment are dropped, the fixed size in points is
// replaced by a width of 100% (the viewBox keeps the proportions), and the
// element gets role="img" and a <title> with label (escaped).
func inlineSVG(doc, label string) (htpl.HTML, error) {
	start := strings.Index(doc, "<svg ")
	if start < 0 {
		return "", fmt.Errorf("drawing chart: no <svg> element")
	}
	doc = doc[start:]
	end := strings.Index(doc, ">")
	head := doc[:end]
	// The head is `<svg width="…pt" height="…pt" viewBox="…" xmlns=…`.
	fields := strings.Fields(head)
	var kept []string
	for _, f := range fields {
		if strings.HasPrefix(f, `width=`) || strings.HasPrefix(f, `height=`) {
			continue
		}
		kept = append(kept, f)
	}
	head = strings.Join(kept, " ") + ` width="100%" role="img" class="chart"`
	return htpl.HTML(head + "><title>" + htpl.HTMLEscapeString(label) + "</title>" + doc[end+1:]), nil
}
