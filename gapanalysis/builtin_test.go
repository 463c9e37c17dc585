package gapanalysis

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuiltinChecklist(t *testing.T) {
	cl, err := Builtin()
	require.NoError(t, err)
	assert.Equal(t, BuiltinID, cl.ID)
	assert.Equal(t, []CountryCode{"DK"}, cl.Instrument.NotBound)
	assert.Equal(t, "http://data.europa.eu/eli/dir/2011/93/oj", cl.Instrument.ELI)
	assert.Len(t, cl.SHA256, 64)

	var compliance, practice, mandatory, optional int
	for _, p := range cl.Pillars {
		for _, it := range p.Themes {
			for _, item := range it.Items {
				switch item.Obligation {
				case Mandatory:
					mandatory++
				case Optional:
					optional++
				case Practice:
					practice++
				}
				if p.ID == "compliance" {
					compliance++
					assert.NotEqual(t, Practice, item.Obligation, "%s", item.ID)
					assert.True(t, strings.HasPrefix(item.ELI, "http://data.europa.eu/eli/dir/2011/93/oj"), "%s has an ELI link", item.ID)
					assert.NotEmpty(t, item.Ref, item.ID)
				} else {
					assert.Equal(t, Practice, item.Obligation, "%s: best-practice items have their own pillar", item.ID)
				}
				assert.NotEmpty(t, item.Title, item.ID)
				assert.NotEmpty(t, item.Question, item.ID)
			}
		}
	}
	assert.GreaterOrEqual(t, compliance, 80)
	assert.LessOrEqual(t, compliance, 130)
	assert.Positive(t, optional)
	assert.Positive(t, practice)
	assert.GreaterOrEqual(t, len(cl.Measures), 15)
	assert.LessOrEqual(t, len(cl.Measures), 30)
	for _, m := range cl.Measures {
		for _, c := range []CriterionID{"impact", "feasibility", "cost"} {
			v, ok := m.Criteria[c]
			assert.True(t, ok, "%s has %s", m.ID, c)
			assert.True(t, v >= 1 && v <= 5, "%s %s in 1..5", m.ID, c)
		}
	}

	// Provisions the SPEC names, and the penalties the Directive sets.
	for _, id := range []ItemID{"D-3.1", "D-3.6", "D-4.1", "D-4.7", "D-5.2", "D-5.8", "D-9.a", "D-9.g", "D-20.3.a", "D-20.3.f", "D-25.1"} {
		assert.NotNil(t, cl.Item(id), "item %s", id)
	}
	assert.Nil(t, cl.Item("D-3.7"), "Article 3 has no paragraph 7")
	assert.Equal(t, 5.0, cl.Item("D-3.4").MinMaxPenalty)
	assert.Equal(t, Optional, cl.Item("D-5.7").Obligation)
	assert.Equal(t, Optional, cl.Item("D-5.8").Obligation)
	assert.Equal(t, Mandatory, cl.Item("D-3.4").Obligation)

	// Effective weights add up to 1.
	var sum float64
	for _, it := range cl.Items() {
		sum += cl.EffectiveWeight(it.ID)
	}
	assert.InDelta(t, 1, sum, 1e-9)
}
