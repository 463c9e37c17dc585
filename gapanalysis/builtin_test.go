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
					assert.Regexp(t, `^http://data\.europa\.eu/eli/dir/2011/93/art_\d+/oj$`, item.ELI, "%s has an ELI link to its article", item.ID)
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
	assert.Zero(t, cl.Item("D-3.4").MinMaxPenaltyAboveConsent, "one figure whatever the age")
	assert.Equal(t, 8.0, cl.Item("D-3.5.i").MinMaxPenalty, "below the age of consent")
	assert.Equal(t, 3.0, cl.Item("D-3.5.i").MinMaxPenaltyAboveConsent, "at or above the age of consent")
	assert.Equal(t, 1.0, cl.Item("D-4.4").MinMaxPenaltyAboveConsent)
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

// TestBuiltinChecklistCorrections pins the corrections of version 2026.2 (see
// docs/checklist.md).
func TestBuiltinChecklistCorrections(t *testing.T) {
	cl, err := Builtin()
	require.NoError(t, err)
	assert.Equal(t, "2026.2", cl.Version)

	// Art. 27(2) is the communication of texts only; 27(3), the reference to the
	// Directive, is its own item.
	d272, d273 := cl.Item("D-27.2"), cl.Item("D-27.3")
	require.NotNil(t, d272)
	require.NotNil(t, d273)
	assert.Equal(t, "Art. 27(3)", d273.Ref)
	assert.Equal(t, Mandatory, d273.Obligation)
	assert.NotContains(t, strings.ToLower(d272.Question), "refer")
	assert.Contains(t, strings.ToLower(d273.Question), "refer")
	assert.Equal(t, "http://data.europa.eu/eli/dir/2011/93/art_27/oj", d273.ELI)

	// Art. 17(2): informing the Commission is the condition of the used option.
	d172 := cl.Item("D-17.2")
	assert.Contains(t, d172.Note, "partial if it uses one or more but the Commission has not been informed")

	// Every optional status item says that none means the option is not used and
	// partial that it is used with its conditions met in part.
	for _, it := range cl.Items() {
		if it.Obligation != Optional || it.Type == NumericItem {
			continue
		}
		assert.Contains(t, it.Note, "Answer none if", it.ID)
		assert.Contains(t, it.Note, "not a gap", it.ID)
		assert.NotContains(t, it.Note, "Answer 'na'", it.ID)
	}

	// What is said of Regulation (EU) 2021/1232 is dated.
	bp := cl.Item("BP-VOLUNTARY-DETECTION")
	assert.Contains(t, bp.Note, "As recorded when this checklist version was written (2026)")
	assert.Contains(t, bp.Note, "3 April 2026")
	assert.Contains(t, bp.Note, "(unverified)")

	for _, m := range cl.Measures {
		switch m.ID {
		case "M-PRIVACY-MEDIA":
			assert.NotContains(t, m.Addresses, ItemID("BP-TERMINOLOGY"))
		case "M-TRANSPOSITION":
			assert.Contains(t, m.Addresses, ItemID("D-27.3"))
		}
	}
}
