package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	plotfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// PlotDPI is the resolution of the PNG plots, in dots per inch: a plot w long
// (vg.Inch is 72 points) is w·PlotDPI/72 pixels wide, so an 8-inch plot is
// 1536 pixels wide. The workbook shows its plots at half that scale, their size
// in inches on a 96-dpi screen.
const PlotDPI = 192

// File names written by WritePlots.
const (
	RankIntervalsPNGFile = "rank-intervals.png"
	SobolPNGFile         = "sobol.png"
)

// Default plot sizes: DefaultPlotWidth for both plots, DefaultSobolHeight for
// the Sobol plot; the height of the rank-interval plot grows with the number of
// measures (RankIntervalHeight).
const (
	DefaultPlotWidth   = 8 * vg.Inch
	DefaultSobolHeight = 4.5 * vg.Inch
)

// MaxPlotSide is the largest width or height a plot may have (36 inches, 6912
// pixels at PlotDPI), to bound the memory of the image.
const MaxPlotSide = 36 * vg.Inch

var (
	// ErrNoUncertainty is returned for a result without a Monte Carlo rank
	// distribution of any measure.
	ErrNoUncertainty = errors.New("report: result has no Monte Carlo rank uncertainty (run with samples > 0)")
	// ErrNoSobol is returned for a result without Sobol indices of the mean
	// absolute rank shift.
	ErrNoSobol = errors.New("report: result has no Sobol indices of the mean absolute rank shift (run with sobol > 0)")
	// ErrPlotSize is returned for a plot width or height that is not positive
	// (where 0 does not mean a default) or exceeds MaxPlotSide.
	ErrPlotSize = errors.New("report: plot size out of range")
)

// Fonts of the plots: Liberation Sans, embedded in gonum/plot, so that the
// images are the same on every machine.
var (
	plotFont     = plotfont.Font{Typeface: "Liberation", Variant: "Sans"}
	plotFontBold = plotfont.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// Colours of the plots.
var (
	colIntervalBar = color.RGBA{R: 0x9D, G: 0xC3, B: 0xE6, A: 0xFF} // light blue
	colMedian      = color.RGBA{R: 0x1F, G: 0x4E, B: 0x79, A: 0xFF} // dark blue
	colNominal     = color.RGBA{R: 0xC0, G: 0x00, B: 0x00, A: 0xFF} // red
	colTopK        = color.RGBA{R: 0xE2, G: 0xF0, B: 0xD9, A: 0xFF} // light green
	colStripe      = color.RGBA{R: 0xF4, G: 0xF4, B: 0xF4, A: 0xFF} // light grey
	colGrid        = color.RGBA{R: 0xD0, G: 0xD0, B: 0xD0, A: 0xFF}
	colFirstOrder  = color.RGBA{R: 0x9D, G: 0xC3, B: 0xE6, A: 0xFF}
	colTotal       = color.RGBA{R: 0x1F, G: 0x4E, B: 0x79, A: 0xFF}
)

// Geometry of the rank-interval plot: the space taken by the title, axis and
// legend, and the height of one measure's row.
const (
	rankPlotFrame = 1.6 * vg.Inch
	rankPlotRow   = 0.26 * vg.Inch
	rankPlotMin   = 3 * vg.Inch
	legendStrip   = 26 * vg.Length(1)
)

// RankIntervalHeight returns the height that RankIntervalPNG uses when asked
// for height 0: 1.6 inches of title, axis and legend plus 0.26 inch per measure,
// at least 3 and at most MaxPlotSide inches.
func RankIntervalHeight(measures int) vg.Length {
	h := rankPlotFrame + vg.Length(measures)*rankPlotRow
	return min(max(h, rankPlotMin), MaxPlotSide)
}

// RankIntervalPNG draws the Monte Carlo rank distribution of every measure of
// res that has one, in priority order from top to bottom, and returns it as a
// PNG image of width × height (pixels: PlotDPI per inch). Each measure's row
// shows its 5th–95th percentile rank interval as a light-blue bar, its median
// rank as a dark-blue dot and its nominal rank as a red cross; the ranks 1…k of
// P(rank ≤ k) are shaded green. The horizontal axis is the rank, 1 (highest
// priority) on the left. The title says how many samples were drawn and, when
// the data are synthetic, "SYNTHETIC DATA". A width of 0 means
// DefaultPlotWidth, a height of 0 RankIntervalHeight(number of measures).
//
// The image is deterministic: the same result and size give the same bytes. It
// returns ErrNoUncertainty when no measure has a rank distribution and
// ErrPlotSize for a negative size or one above MaxPlotSide.
func RankIntervalPNG(res *gapanalysis.Result, width, height vg.Length) ([]byte, error) {
	if err := check(res, false); err != nil {
		return nil, err
	}
	rows := rankRows(res)
	if len(rows) == 0 {
		return nil, ErrNoUncertainty
	}
	if width == 0 {
		width = DefaultPlotWidth
	}
	if height == 0 {
		height = RankIntervalHeight(len(rows))
	}
	if err := checkPlotSize(width, height); err != nil {
		return nil, err
	}
	return renderPNG(rankIntervalFigure(res, rows), width, height)
}

// SobolPNG draws the first-order and total Sobol indices of every uncertain
// input on the mean absolute rank shift of the measures, as grouped bars (light
// blue: first-order, dark blue: total) with their bootstrap confidence
// intervals as error bars and each total index written above its bar, and
// returns it as a PNG image of width × height (pixels: PlotDPI per inch). The
// title gives the number of base samples and the confidence level and, when the
// data are synthetic, says "SYNTHETIC DATA". A width of 0 means
// DefaultPlotWidth, a height of 0 DefaultSobolHeight.
//
// The image is deterministic: the same result and size give the same bytes. It
// returns ErrNoSobol when res has no Sobol indices of the mean absolute rank
// shift and ErrPlotSize for a negative size or one above MaxPlotSide.
func SobolPNG(res *gapanalysis.Result, width, height vg.Length) ([]byte, error) {
	if err := check(res, false); err != nil {
		return nil, err
	}
	out := meanShiftOutput(res)
	if out == nil {
		return nil, ErrNoSobol
	}
	if width == 0 {
		width = DefaultPlotWidth
	}
	if height == 0 {
		height = DefaultSobolHeight
	}
	if err := checkPlotSize(width, height); err != nil {
		return nil, err
	}
	return renderPNG(sobolFigure(res, out), width, height)
}

// WritePlots writes the plots of the uncertainty analysis into dir (created,
// mode 0755, when missing), each with mode 0644 and the default size:
// rank-intervals.png (RankIntervalPNG) and, when the result holds Sobol indices,
// sobol.png (SobolPNG). It returns ErrNoUncertainty, writing nothing, when the
// result has no Monte Carlo rank distribution. The files are written as a set,
// like WriteCSV's.
func WritePlots(dir string, res *gapanalysis.Result) error {
	staged, err := StagePlots(context.Background(), dir, res)
	if err != nil {
		return err
	}
	return CommitAll(staged)
}

// StagePlots writes the files of WritePlots to temporary files in dir as a set,
// as StageCSV does.
func StagePlots(ctx context.Context, dir string, res *gapanalysis.Result) ([]*Staged, error) {
	if err := check(res, false); err != nil {
		return nil, err
	}
	rank, err := RankIntervalPNG(res, 0, 0)
	if err != nil {
		return nil, err
	}
	data := map[string][]byte{RankIntervalsPNGFile: rank}
	names := []string{RankIntervalsPNGFile}
	if meanShiftOutput(res) != nil {
		sobol, err := SobolPNG(res, 0, 0)
		if err != nil {
			return nil, err
		}
		data[SobolPNGFile] = sobol
		names = append(names, SobolPNGFile)
	}
	return stageAll(ctx, dir, names, func(name string, w io.Writer) error {
		_, err := w.Write(data[name])
		return err
	})
}

func checkPlotSize(width, height vg.Length) error {
	if width <= 0 || height <= 0 || width > MaxPlotSide || height > MaxPlotSide {
		return fmt.Errorf("%w: %.4g × %.4g points (at most %g)", ErrPlotSize, float64(width), float64(height), float64(MaxPlotSide))
	}
	return nil
}

// rankRow is one measure of the rank-interval plot.
type rankRow struct {
	id      string
	nominal int
	u       gapanalysis.RankUncertainty
}

// rankRows returns the measures with a rank distribution, in priority order.
func rankRows(res *gapanalysis.Result) []rankRow {
	var rows []rankRow
	for i := range res.Priorities {
		p := &res.Priorities[i]
		if u := rankUncertainty(res, p); u != nil {
			rows = append(rows, rankRow{id: string(p.ID), nominal: p.Rank, u: *u})
		}
	}
	return rows
}

// meanShiftOutput returns the Sobol indices on the mean absolute rank shift, or
// nil.
func meanShiftOutput(res *gapanalysis.Result) *gapanalysis.SobolOutput {
	if res.Uncertainty == nil || res.Uncertainty.Sobol == nil {
		return nil
	}
	for i := range res.Uncertainty.Sobol.Outputs {
		o := &res.Uncertainty.Sobol.Outputs[i]
		if o.Name == gapanalysis.OutputMeanShift && len(o.First) > 0 {
			return o
		}
	}
	return nil
}

// plotTitle returns the title of a plot, prefixed by "SYNTHETIC DATA" when the
// data are synthetic.
func plotTitle(res *gapanalysis.Result, title string) string {
	if synthetic(res) {
		return "SYNTHETIC DATA — " + title
	}
	return title
}

// newPlot returns a plot with the fonts of the package. Its title is drawn by
// renderPNG, not by the plot.
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = plotfont.From(plotFont, 11)
		ax.Tick.Label.Font = plotfont.From(plotFont, 10)
	}
	return p
}

// figure is a plot with its title, subtitle and legend.
type figure struct {
	title, subtitle string
	plot            *plot.Plot
	legend          []legendEntry
}

// legendEntry is one entry of the legend strip under a plot; thumb draws its
// symbol into a small canvas.
type legendEntry struct {
	label string
	thumb func(c *draw.Canvas)
}

// Margins of a figure, in points.
const (
	figMargin    = vg.Length(8)
	figTitleSize = vg.Length(13)
	figSubSize   = vg.Length(10.5)
)

// renderPNG draws the figure (drawFigure) and encodes the image as PNG.
func renderPNG(fig figure, width, height vg.Length) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(PlotDPI), vgimg.UseBackgroundColor(color.White))
	drawFigure(draw.New(c), fig, width, height)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("report: encoding plot: %w", err)
	}
	return buf.Bytes(), nil
}

// drawFigure draws the figure on dc, a canvas of width × height: a bold title
// and a subtitle at the top, the plot, a one-line legend at the bottom.
func drawFigure(dc draw.Canvas, fig figure, width, height vg.Length) {
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
}

// drawLegend draws the entries on one line, centred in c.
func drawLegend(c draw.Canvas, entries []legendEntry) {
	sty := text.Style{Color: color.Black, Font: plotfont.From(plotFont, 10), Handler: plot.DefaultTextHandler, YAlign: draw.YCenter}
	const thumbW, gap, sep = vg.Length(18), vg.Length(5), vg.Length(18)
	total := vg.Length(0)
	for i, e := range entries {
		if i > 0 {
			total += sep
		}
		total += thumbW + gap + sty.Width(e.label)
	}
	x := (c.Min.X+c.Max.X)/2 - total/2
	y := (c.Min.Y + c.Max.Y) / 2
	for _, e := range entries {
		thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - 6}, Max: vg.Point{X: x + thumbW, Y: y + 6},
		}}
		e.thumb(&thumb)
		x += thumbW + gap
		c.FillText(sty, vg.Point{X: x, Y: y}, e.label)
		x += sty.Width(e.label) + sep
	}
}

// rect returns the closed path of a rectangle.
func rect(x0, y0, x1, y1 vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: x0, Y: y0})
	p.Line(vg.Point{X: x1, Y: y0})
	p.Line(vg.Point{X: x1, Y: y1})
	p.Line(vg.Point{X: x0, Y: y1})
	p.Close()
	return p
}

func fillRect(c *draw.Canvas, clr color.Color, x0, y0, x1, y1 vg.Length) {
	c.SetColor(clr)
	c.Fill(rect(x0, y0, x1, y1))
}

var (
	medianGlyph  = draw.GlyphStyle{Color: colMedian, Radius: 3.5, Shape: draw.CircleGlyph{}}
	nominalGlyph = draw.GlyphStyle{Color: colNominal, Radius: 4.5, Shape: crossGlyph{}}
)

// crossGlyph is an "×" drawn with 1.6-point lines.
type crossGlyph struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (crossGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: 1.6})
	r := sty.Radius * 0.75
	var p vg.Path
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	c.Stroke(p)
}

// rankIntervals is the plotter of the rank-interval plot: measure i of n is on
// the line y = n−1−i.
type rankIntervals struct {
	rows     []rankRow
	topK     int
	maxRank  float64
	barWidth vg.Length // height of an interval bar
}

// Plot implements plot.Plotter: row stripes, the top-k band, the rank grid,
// then per measure the interval bar, the median and the nominal rank.
func (r *rankIntervals) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(r.rows)
	yOf := func(i int) float64 { return float64(n - 1 - i) }
	xmin, xmax := c.Min.X, c.Max.X
	for i := 0; i < n; i += 2 {
		fillRect(&c, colStripe, xmin, trY(yOf(i)-0.5), xmax, trY(yOf(i)+0.5))
	}
	if r.topK > 0 {
		fillRect(&c, colTopK, max(trX(0.5), xmin), c.Min.Y, min(trX(float64(r.topK)+0.5), xmax), c.Max.Y)
	}
	grid := draw.LineStyle{Color: colGrid, Width: 0.5}
	for v := 1.0; v <= r.maxRank; v++ {
		x := trX(v)
		c.StrokeLine2(grid, x, c.Min.Y, x, c.Max.Y)
	}
	for i, row := range r.rows {
		y := trY(yOf(i))
		lo, hi := trX(row.u.P05), trX(row.u.P95)
		if hi-lo < 3 {
			mid := (lo + hi) / 2
			lo, hi = mid-1.5, mid+1.5
		}
		fillRect(&c, colIntervalBar, lo, y-r.barWidth/2, hi, y+r.barWidth/2)
		c.DrawGlyph(medianGlyph, vg.Point{X: trX(row.u.Median), Y: y})
		if row.nominal > 0 {
			c.DrawGlyph(nominalGlyph, vg.Point{X: trX(float64(row.nominal)), Y: y})
		}
	}
}

// DataRange implements plot.DataRanger.
func (r *rankIntervals) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0.5, r.maxRank + 0.5, -0.5, float64(len(r.rows)) - 0.5
}

// rankTicks marks every rank, labelled at 1 and at the multiples of step.
type rankTicks struct{ step int }

// Ticks implements plot.Ticker.
func (t rankTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for v := int(math.Ceil(lo)); float64(v) <= hi; v++ {
		tk := plot.Tick{Value: float64(v)}
		if v == 1 || v%t.step == 0 {
			tk.Label = strconv.Itoa(v)
		}
		ticks = append(ticks, tk)
	}
	return ticks
}

// rankIntervalFigure builds the rank-interval plot.
func rankIntervalFigure(res *gapanalysis.Result, rows []rankRow) figure {
	k := 0
	if u := res.Uncertainty; u != nil && u.TopK > 0 {
		k = u.TopK
	} else {
		k = topK(res, 0)
	}
	maxRank := float64(len(res.Priorities))
	for _, r := range rows {
		maxRank = math.Max(maxRank, math.Max(r.u.P95, float64(r.nominal)))
	}
	samples := samplesRun(res)
	if res.Uncertainty != nil && res.Uncertainty.Samples > 0 {
		samples = res.Uncertainty.Samples
	}
	p := newPlot("Rank (1 = highest priority)", "")
	p.Y.Tick.Label.Font = plotfont.From(plotFont, 9)
	names := make([]string, len(rows))
	for i, r := range rows {
		names[len(rows)-1-i] = r.id
	}
	p.NominalY(names...)
	step := 5
	switch {
	case maxRank <= 10:
		step = 1
	case maxRank > 50:
		step = 10
	}
	p.X.Tick.Marker = rankTicks{step: step}
	p.Add(&rankIntervals{rows: rows, topK: k, maxRank: maxRank, barWidth: 8})
	p.X.Min, p.X.Max = 0.5, maxRank+0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5

	legend := []legendEntry{
		{"5th–95th percentile rank", func(c *draw.Canvas) {
			fillRect(c, colIntervalBar, c.Min.X, c.Min.Y+2, c.Max.X, c.Max.Y-2)
		}},
		{"median rank", func(c *draw.Canvas) { c.DrawGlyph(medianGlyph, c.Center()) }},
		{"nominal rank", func(c *draw.Canvas) { c.DrawGlyph(nominalGlyph, c.Center()) }},
	}
	if k > 0 {
		legend = append(legend, legendEntry{fmt.Sprintf("top %d (ranks 1–%d)", k, k), func(c *draw.Canvas) {
			fillRect(c, colTopK, c.Min.X, c.Min.Y, c.Max.X, c.Max.Y)
		}})
	}
	return figure{
		title:    plotTitle(res, "Rank uncertainty of the priority measures"),
		subtitle: fmt.Sprintf("Monte Carlo, %d samples: 5th–95th percentile, median and nominal rank of each measure", samples),
		plot:     p,
		legend:   legend,
	}
}

// inputLabels are the axis labels of the uncertain inputs.
var inputLabels = map[string]string{
	gapanalysis.InputPartial:          "value of partial",
	gapanalysis.InputChecklistWeights: "checklist weights",
	gapanalysis.InputCriteriaWeights:  "criteria weights",
	gapanalysis.InputMissingRule:      "missing-data rule",
	gapanalysis.InputMethod:           "ranking method",
}

func inputLabel(name string) string {
	if l, ok := inputLabels[name]; ok {
		return l
	}
	return name
}

// sobolBars is the plotter of the Sobol plot: for input i, the first-order bar
// left of x = i and the total bar right of it, each with its interval.
type sobolBars struct {
	out      *gapanalysis.SobolOutput
	n        int
	ymin     float64
	ymax     float64
	labelSty text.Style
}

const (
	sobolBarHalf   = 0.17 // half width of a bar, in input units
	sobolBarOffset = 0.19 // distance of a bar's centre from the input's position
)

// Plot implements plot.Plotter.
func (s *sobolBars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	zero := trY(0)
	whisker := draw.LineStyle{Color: color.Black, Width: 1}
	outline := draw.LineStyle{Color: colTotal, Width: 0.6}
	for i := 0; i < s.n; i++ {
		for j, b := range []struct {
			v, lo, hi float64
			fill      color.Color
			offset    float64
		}{
			{at(s.out.First, i), at(s.out.FirstLo, i), at(s.out.FirstHi, i), colFirstOrder, -sobolBarOffset},
			{at(s.out.Total, i), at(s.out.TotalLo, i), at(s.out.TotalHi, i), colTotal, sobolBarOffset},
		} {
			if !finite(b.v) {
				continue
			}
			cx := float64(i) + b.offset
			x0, x1 := trX(cx-sobolBarHalf), trX(cx+sobolBarHalf)
			fillRect(&c, b.fill, x0, zero, x1, trY(b.v))
			c.SetLineStyle(outline)
			c.Stroke(rect(x0, zero, x1, trY(b.v)))
			top := b.v
			if finite(b.lo) && finite(b.hi) {
				xm := trX(cx)
				capW := (x1 - x0) / 4
				ylo, yhi := trY(b.lo), trY(b.hi)
				c.StrokeLine2(whisker, xm, ylo, xm, yhi)
				c.StrokeLine2(whisker, xm-capW, ylo, xm+capW, ylo)
				c.StrokeLine2(whisker, xm-capW, yhi, xm+capW, yhi)
				top = math.Max(top, b.hi)
			}
			if j == 1 {
				sty := s.labelSty
				sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
				c.FillText(sty, vg.Point{X: trX(cx), Y: trY(math.Max(top, 0)) + 2}, strconv.FormatFloat(b.v, 'f', 2, 64))
			}
		}
	}
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: 0.8}, c.Min.X, zero, c.Max.X, zero)
}

// DataRange implements plot.DataRanger.
func (s *sobolBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(s.n) - 0.5, s.ymin, s.ymax
}

// at returns v[i], or NaN when v is too short.
func at(v []float64, i int) float64 {
	if i < len(v) {
		return v[i]
	}
	return math.NaN()
}

// sobolFigure builds the Sobol plot of the given output.
func sobolFigure(res *gapanalysis.Result, out *gapanalysis.SobolOutput) figure {
	rep := res.Uncertainty.Sobol
	n := min(len(rep.Inputs), len(out.First))
	lo, hi := 0.0, 0.0
	for _, v := range [][]float64{out.First, out.FirstLo, out.FirstHi, out.Total, out.TotalLo, out.TotalHi} {
		for i := 0; i < n; i++ {
			if x := at(v, i); finite(x) {
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
	}
	hi = math.Max(hi, 0.1)
	pad := 0.12 * (hi - lo)
	if lo < 0 {
		lo -= pad / 2
	}
	detail := fmt.Sprintf("Saltelli sampling on a %s sequence, N = %d base samples, Jansen estimators, %s bootstrap intervals",
		sequenceText(rep.Sequence), rep.N, confidenceText(rep.Confidence))
	if out.Variance == 0 {
		detail = fmt.Sprintf("N = %d: the mean absolute rank shift does not vary, every index is 0", rep.N)
	}
	p := newPlot("Uncertain input", "Sobol index")
	labels := make([]string, n)
	for i := 0; i < n; i++ {
		labels[i] = inputLabel(rep.Inputs[i])
	}
	p.NominalX(labels...)
	p.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
		return decimalTicks(min, max)
	})
	bars := &sobolBars{out: out, n: n, ymin: lo, ymax: hi + pad,
		labelSty: text.Style{Color: color.Black, Font: plotfont.From(plotFont, 9), Handler: plot.DefaultTextHandler}}
	p.Add(&hGrid{}, bars)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.Y.Min, p.Y.Max = lo, hi+pad

	legend := []legendEntry{
		{"first-order index", func(c *draw.Canvas) {
			fillRect(c, colFirstOrder, c.Min.X+3, c.Min.Y, c.Max.X-3, c.Max.Y)
		}},
		{"total index", func(c *draw.Canvas) { fillRect(c, colTotal, c.Min.X+3, c.Min.Y, c.Max.X-3, c.Max.Y) }},
		{confidenceText(rep.Confidence) + " bootstrap interval", func(c *draw.Canvas) {
			sty := draw.LineStyle{Color: color.Black, Width: 1}
			m := c.Center()
			c.StrokeLine2(sty, m.X, c.Min.Y, m.X, c.Max.Y)
			c.StrokeLine2(sty, m.X-3, c.Min.Y, m.X+3, c.Min.Y)
			c.StrokeLine2(sty, m.X-3, c.Max.Y, m.X+3, c.Max.Y)
		}},
	}
	return figure{
		title:    plotTitle(res, "Sensitivity of the mean absolute rank shift (Sobol indices)"),
		subtitle: detail,
		plot:     p,
		legend:   legend,
	}
}

// sequenceText names a sampling sequence for people: "Sobol'" for "sobol".
func sequenceText(seq string) string {
	if seq == "sobol" {
		return "Sobol'"
	}
	return seq
}

// confidenceText formats a confidence level as a percentage ("95%").
func confidenceText(c float64) string {
	if !finite(c) || c <= 0 {
		return "bootstrap"
	}
	return strconv.FormatFloat(100*c, 'f', -1, 64) + "%"
}

// decimalTicks returns ticks every 0.1, 0.2, 0.25 or 0.5 (or a power of ten
// times one of them) so that about five are labelled, each labelled with the
// decimals it needs.
func decimalTicks(lo, hi float64) []plot.Tick {
	span := hi - lo
	if !(span > 0) {
		return nil
	}
	raw := span / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	decimals := 0
	for scaled := step; decimals < 6 && math.Abs(scaled-math.Round(scaled)) > 1e-9*scaled; decimals++ {
		scaled *= 10
	}
	var ticks []plot.Tick
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+1e-9*step; i++ {
		v := i * step
		if math.Abs(v) < 1e-12 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ticks
}

// hGrid draws light horizontal lines at the labelled ticks of the Y axis.
type hGrid struct{}

// Plot implements plot.Plotter.
func (hGrid) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	sty := draw.LineStyle{Color: colGrid, Width: 0.5}
	for _, tk := range plt.Y.Tick.Marker.Ticks(plt.Y.Min, plt.Y.Max) {
		if tk.IsMinor() {
			continue
		}
		y := trY(tk.Value)
		if y >= c.Min.Y && y <= c.Max.Y {
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}
