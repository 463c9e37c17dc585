package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

// svgRect is a filled rectangle of an SVG chart, in points.
type svgRect struct{ x0, y0, x1, y1 float64 }

func (r svgRect) width() float64 { return r.x1 - r.x0 }

var rectPath = regexp.MustCompile(`<path d="M([-\d.e]+),([-\d.e]+)L([-\d.e]+),[-\d.e]+L[-\d.e]+,([-\d.e]+)L[-\d.e]+,[-\d.e]+Z" style="fill:(#[0-9A-F]{6})" />`)

// rectsOf returns the filled rectangles of the chart by fill colour, in the
// order drawn.
func rectsOf(t *testing.T, svg string) map[string][]svgRect {
	t.Helper()
	out := map[string][]svgRect{}
	for _, m := range rectPath.FindAllStringSubmatch(svg, -1) {
		var v [4]float64
		for i := range v {
			f, err := strconv.ParseFloat(m[i+1], 64)
			require.NoError(t, err)
			v[i] = f
		}
		out[m[5]] = append(out[m[5]], svgRect{v[0], v[1], v[2], v[3]})
	}
	return out
}

func hexColor(i int) string {
	r, g, b, _ := seriesColor(i).RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// TestSVGBarChart: bar lengths are proportional to the values (grouped
// bars start at 0; stacked bars end to end, negative ones to the left of 0),
// an unknown value draws no bar, and text is escaped.
func TestSVGBarChart(t *testing.T) {
	k := gapanalysis.Known
	unknown := gapanalysis.Score{}
	const tol = 0.02 // points: the SVG has 5 significant digits

	t.Run("grouped", func(t *testing.T) {
		svg, err := svgBarChart(barChart{Title: "grouped", Labels: []string{"A", "B", "C"}, Series: []barSeries{
			{Name: "one", Values: []gapanalysis.Score{k(1), k(2), unknown}},
			{Name: "two", Values: []gapanalysis.Score{k(4), k(0.5), k(3)}},
		}})
		require.NoError(t, err)
		rects := rectsOf(t, string(svg))
		one, two := rects[hexColor(0)], rects[hexColor(1)]
		// The legend's thumb of each series is drawn first, then the bars.
		require.Len(t, one, 1+2, "A and B; C is unknown")
		require.Len(t, two, 1+3)
		one, two = one[1:], two[1:]
		unit := one[0].width() // value 1
		require.Positive(t, unit)
		assert.InDelta(t, 2*unit, one[1].width(), tol)
		assert.InDelta(t, 4*unit, two[0].width(), tol)
		assert.InDelta(t, 0.5*unit, two[1].width(), tol)
		assert.InDelta(t, 3*unit, two[2].width(), tol)
		for _, r := range append(one, two...) {
			assert.InDelta(t, one[0].x0, r.x0, tol, "every bar starts at 0")
		}
	})

	t.Run("stacked", func(t *testing.T) {
		svg, err := svgBarChart(barChart{Title: "stacked", Labels: []string{"A", "B"}, Stacked: true, Series: []barSeries{
			{Name: "one", Values: []gapanalysis.Score{k(1), k(-1)}},
			{Name: "two", Values: []gapanalysis.Score{k(2), k(3)}},
		}})
		require.NoError(t, err)
		rects := rectsOf(t, string(svg))
		one, two := rects[hexColor(0)], rects[hexColor(1)]
		require.Len(t, one, 1+2)
		require.Len(t, two, 1+2)
		one, two = one[1:], two[1:]
		unit := one[0].width()
		zero := one[0].x0
		assert.InDelta(t, one[0].x1, two[0].x0, tol, "A: two starts where one ends")
		assert.InDelta(t, 2*unit, two[0].width(), tol)
		assert.InDelta(t, zero, one[1].x1, tol, "B: the negative part ends at 0")
		assert.InDelta(t, zero-unit, one[1].x0, tol)
		assert.InDelta(t, zero, two[1].x0, tol, "B: the positive part starts at 0")
		assert.InDelta(t, 3*unit, two[1].width(), tol)
	})

	t.Run("escaped", func(t *testing.T) {
		svg, err := svgBarChart(barChart{Title: `<b>"T"</b>`, Labels: []string{`<script>x</script>`}, Series: []barSeries{
			{Name: "one", Values: []gapanalysis.Score{k(1)}}}})
		require.NoError(t, err)
		assert.NotContains(t, string(svg), "<script>")
		assert.NotContains(t, string(svg), "<b>")
		assert.Contains(t, string(svg), `aria-label="&lt;b&gt;&#34;T&#34;&lt;/b&gt;"`)
		assert.True(t, strings.HasPrefix(string(svg), `<svg class="chart" role="img"`), "no XML declaration")
	})

	t.Run("values per category", func(t *testing.T) {
		_, err := svgBarChart(barChart{Title: "bad", Labels: []string{"A", "B"}, Series: []barSeries{{Name: "one", Values: []gapanalysis.Score{k(1)}}}})
		assert.ErrorContains(t, err, `series "one" has 1 values for 2 categories`)
	})
}

func TestCutLabel(t *testing.T) {
	cases := []struct{ in, want string }{
		{"short", "short"},
		{"a\nb  c", "a b c"},
		{"abcdefghij", "abcd…"},
		{"ΑΒΓΔΕΖΗΘ", "ΑΒΓΔ…"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, cutLabel(tc.in, 5), tc.in)
	}
}
