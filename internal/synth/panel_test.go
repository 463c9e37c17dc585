package synth

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func TestPanel(t *testing.T) {
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	a := Panel(cl, DefaultSeed)
	assert.Equal(t, a, Panel(cl, DefaultSeed), "deterministic for a seed")
	assert.NotEqual(t, a, Panel(cl, DefaultSeed+1), "another seed, other ratings")
	assert.Nil(t, Panel(nil, DefaultSeed))

	experts := map[string]bool{}
	type mc struct {
		m gapanalysis.MeasureID
		c gapanalysis.CriterionID
	}
	byCell := map[mc][]float64{}
	for _, r := range a {
		experts[r.Expert] = true
		assert.True(t, r.Value >= 1 && r.Value <= 5 && r.Value == math.Round(r.Value), "%+v", r)
		assert.Equal(t, PanelName, r.Source.File)
		byCell[mc{r.Measure, r.Criterion}] = append(byCell[mc{r.Measure, r.Criterion}], r.Value)
	}
	assert.Len(t, experts, PanelExperts)
	// Realistic spread: the panel's median stays near the illustrative value,
	// and the experts do not all agree.
	near, spread := 0, 0
	for _, m := range cl.Measures {
		for _, c := range cl.Criteria {
			x := byCell[mc{m.ID, c.ID}]
			require.NotEmpty(t, x, "%s %s rated by someone", m.ID, c.ID)
			med, err := gapanalysis.PanelAggregate(gapanalysis.PanelMedian, x)
			require.NoError(t, err)
			want, ok := m.Criteria[c.ID]
			if !ok {
				want = 3
			}
			if math.Abs(med-want) <= 1 {
				near++
			}
			if gapanalysis.IQR(x) > 0 {
				spread++
			}
		}
	}
	n := len(cl.Measures) * len(cl.Criteria)
	assert.GreaterOrEqual(t, near, n*9/10, "medians within 1 of the illustrative values")
	assert.Greater(t, spread, n/3, "the experts disagree on many ratings")

	var buf bytes.Buffer
	require.NoError(t, WritePanelXLSX(&buf, a, DefaultSeed))
	var again bytes.Buffer
	require.NoError(t, WritePanelXLSX(&again, a, DefaultSeed))
	assert.Equal(t, buf.Bytes(), again.Bytes(), "the workbook is deterministic")
}
