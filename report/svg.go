package report

import (
	"bytes"
	"fmt"
	"html"
	htmltemplate "html/template"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// SVG charts for the HTML pages. They are drawn with gonum/plot's SVG backend,
// with the same fonts, colours and layout as the PNG plots, and are inlined in
// the page: no font is embedded and nothing is fetched (a browser without
// Liberation Sans draws the text in its own sans-serif font).

// seriesColors are the colours of the series of a bar chart, in order: the
// Okabe–Ito palette, which readers with a colour-vision deficiency can tell
// apart. A chart with more series reuses them from the start.
var seriesColors = []color.Color{
	color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}, // blue
	color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF}, // orange
	color.RGBA{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF}, // bluish green
	color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF}, // reddish purple
	color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}, // sky blue
	color.RGBA{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF}, // vermillion
	color.RGBA{R: 0xF0, G: 0xE4, B: 0x42, A: 0xFF}, // yellow
	color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xFF}, // grey
}

// seriesColor returns the colour of series i.
func seriesColor(i int) color.Color { return seriesColors[i%len(seriesColors)] }

// Geometry of a bar chart, in points: the space taken by the title, axis and
// legend, the height of one category's row, and the longest category label
// drawn (longer labels are cut with "…"; the tables beside the charts hold the
// full text).
const (
	barChartFrame    = 1.5 * vg.Inch
	barChartRow      = 0.24 * vg.Inch
	barChartSeries   = 0.12 * vg.Inch
	barChartMin      = 2.5 * vg.Inch
	barChartLabelMax = 40
)

// barSeries is one series of a bar chart: a name for the legend and one value
// per category of the chart (an unknown value draws no bar).
type barSeries struct {
	Name   string
	Color  color.Color // nil: seriesColor of the series' position
	Values []gapanalysis.Score
}

// barChart describes a horizontal bar chart: one row per category, top to
// bottom in the order of Labels, each row with one bar per series side by side,
// or with the series stacked end to end when Stacked is set (negative values
// stack to the left of 0).
type barChart struct {
	Title    string
	Subtitle string
	Axis     string // label of the value axis, with its unit
	Labels   []string
	Series   []barSeries
	Stacked  bool
	Max      float64   // upper end of the value axis; 0: from the data
	Width    vg.Length // 0: DefaultPlotWidth
}

// height returns the height of the chart: the frame plus one row per category
// (grouped bars: a little more per series), at least barChartMin and at most
// MaxPlotSide.
func (c *barChart) height() vg.Length {
	row := barChartRow
	if !c.Stacked && len(c.Series) > 1 {
		row = vg.Length(len(c.Series)) * barChartSeries
	}
	h := barChartFrame + vg.Length(len(c.Labels))*row
	return min(max(h, barChartMin), MaxPlotSide)
}

// svgBarChart draws the bar chart as an inline SVG element (see svgFigure). It
// returns an error when a series does not have one value per category.
func svgBarChart(c barChart) (htmltemplate.HTML, error) {
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return "", fmt.Errorf("report: bar chart %q: series %q has %d values for %d categories", c.Title, s.Name, len(s.Values), len(c.Labels))
		}
	}
	width := c.Width
	if width == 0 {
		width = DefaultPlotWidth
	}
	bars := &hbars{chart: &c}
	p := newPlot(c.Axis, "")
	lo, hi := bars.valueRange()
	p.X.Min, p.X.Max = lo, hi
	p.Y.Min, p.Y.Max = -0.5, float64(len(c.Labels))-0.5
	n := len(c.Labels)
	ticks := make([]plot.Tick, n)
	for i, l := range c.Labels {
		ticks[i] = plot.Tick{Value: float64(n - 1 - i), Label: cutLabel(l, barChartLabelMax)}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	grid := plotter.NewGrid()
	grid.Horizontal.Width = 0
	grid.Vertical.Color = colGrid
	p.Add(grid, bars)
	fig := figure{title: c.Title, subtitle: c.Subtitle, plot: p}
	if len(c.Series) > 1 {
		for i, s := range c.Series {
			clr := s.Color
			if clr == nil {
				clr = seriesColor(i)
			}
			fig.legend = append(fig.legend, legendEntry{label: s.Name, thumb: func(tc *draw.Canvas) {
				fillRect(tc, clr, tc.Min.X, tc.Min.Y+2, tc.Max.X, tc.Max.Y-2)
			}})
		}
	}
	return svgFigure(fig, width, c.height(), c.Title)
}

// cutLabel returns s on one line, cut to at most n characters with "…".
func cutLabel(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// hbars is the plotter of a bar chart: category i of n is on the line
// y = n−1−i.
type hbars struct {
	chart *barChart
}

// valueRange returns the range of the value axis: from the smallest (stacked:
// the most negative sum) value or 0 to Max or the largest value (sum), with 5%
// of room; 0–1 when there is no value.
func (b *hbars) valueRange() (lo, hi float64) {
	c := b.chart
	for i := range c.Labels {
		var pos, neg float64
		for _, s := range c.Series {
			v := s.Values[i]
			if !known(v) {
				continue
			}
			if c.Stacked {
				if v.Value >= 0 {
					pos += v.Value
				} else {
					neg += v.Value
				}
			} else {
				pos, neg = max(pos, v.Value), min(neg, v.Value)
			}
		}
		hi, lo = max(hi, pos), min(lo, neg)
	}
	if c.Max > 0 {
		hi = max(hi, c.Max)
	} else {
		hi += 0.05 * (hi - lo)
	}
	if lo < 0 {
		lo -= 0.05 * (hi - lo)
	}
	if hi <= lo {
		hi = lo + 1
	}
	return lo, hi
}

// Plot implements plot.Plotter.
func (b *hbars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	ch := b.chart
	n, ns := len(ch.Labels), len(ch.Series)
	colorOf := func(j int) color.Color {
		if ch.Series[j].Color != nil {
			return ch.Series[j].Color
		}
		return seriesColor(j)
	}
	for i := range ch.Labels {
		y := float64(n - 1 - i)
		var pos, neg float64
		for j, s := range ch.Series {
			v := s.Values[i]
			if !known(v) {
				continue
			}
			if ch.Stacked {
				x0 := &pos
				if v.Value < 0 {
					x0 = &neg
				}
				fillRect(&c, colorOf(j), trX(*x0), trY(y-0.35), trX(*x0+v.Value), trY(y+0.35))
				*x0 += v.Value
				continue
			}
			h := 0.8 / float64(ns)
			yc := y + 0.4 - h*(float64(j)+0.5)
			fillRect(&c, colorOf(j), trX(0), trY(yc-0.45*h), trX(v.Value), trY(yc+0.45*h))
		}
	}
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: 0.75}, trX(0), c.Min.Y, trX(0), c.Max.Y)
}

// svgFigure draws the figure (as the PNG plots: drawFigure) on a width × height
// SVG canvas and returns the <svg> element, without XML declaration, ready to
// be inlined in an HTML page: role "img", label the given text (escaped), and
// a style that lets it shrink to the width of the page. Its text is escaped by
// the SVG backend. The output is deterministic.
func svgFigure(fig figure, width, height vg.Length, label string) (htmltemplate.HTML, error) {
	if err := checkPlotSize(width, height); err != nil {
		return "", err
	}
	c := vgsvg.NewWith(vgsvg.UseWH(width, height))
	dc := draw.New(c)
	fillRect(&dc, color.White, 0, 0, width, height)
	drawFigure(dc, fig, width, height)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("report: drawing SVG chart: %w", err)
	}
	s := buf.String()
	i := strings.Index(s, "<svg ")
	if i < 0 {
		return "", fmt.Errorf("report: drawing SVG chart: no <svg> element")
	}
	s = s[i:]
	s = `<svg class="chart" role="img" aria-label="` + html.EscapeString(label) + `" ` + s[len("<svg "):]
	return htmltemplate.HTML(s), nil
}

// svgRankIntervals draws the rank-interval plot of RankIntervalPNG as inline
// SVG; "" when no measure has a rank distribution.
func svgRankIntervals(res *gapanalysis.Result) (htmltemplate.HTML, error) {
	rows := rankRows(res)
	if len(rows) == 0 {
		return "", nil
	}
	fig := rankIntervalFigure(res, rows)
	return svgFigure(fig, DefaultPlotWidth, RankIntervalHeight(len(rows)), fig.title)
}

// svgSobol draws the Sobol plot of SobolPNG as inline SVG; "" when the result
// has no Sobol indices of the mean absolute rank shift.
func svgSobol(res *gapanalysis.Result) (htmltemplate.HTML, error) {
	out := meanShiftOutput(res)
	if out == nil {
		return "", nil
	}
	fig := sobolFigure(res, out)
	return svgFigure(fig, DefaultPlotWidth, DefaultSobolHeight, fig.title)
}
