package importers

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

// An xlsx checklist gets the checks of Checklist.Validate: a theme whose item
// weights are all 0, and item IDs that differ only by case or spaces.
func TestReadChecklistXLSXNumbers(t *testing.T) {
	cl := &gapanalysis.Checklist{ID: "x", Title: "Checklist (synthetic)", Version: "1", Pillars: []*gapanalysis.Pillar{
		{ID: "p", Title: "P", Weight: 1, Themes: []*gapanalysis.Theme{
			{ID: "t", Title: "T", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "A", Title: "A", Obligation: gapanalysis.Mandatory, Weight: 0},
				{ID: "B", Title: "B", Obligation: gapanalysis.Mandatory, Weight: 0},
			}},
			{ID: "u", Title: "U", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "D-3.4", Title: "D", Obligation: gapanalysis.Mandatory, Weight: 1},
				{ID: "d-3.4", Title: "d", Obligation: gapanalysis.Mandatory, Weight: 1},
			}},
		}},
	}}
	var buf bytes.Buffer
	require.NoError(t, report.WriteChecklistXLSX(&buf, cl))
	got, err := ReadChecklistXLSX(bytes.NewReader(buf.Bytes()), "checklist_synthetic.xlsx")
	require.Error(t, err)
	assert.Nil(t, got)
	assert.ErrorIs(t, err, gapanalysis.ErrZeroWeights)
	assert.ErrorIs(t, err, gapanalysis.ErrDuplicateID)
	assert.Contains(t, err.Error(), "checklist_synthetic.xlsx: theme t: every item weight is 0")
	assert.Contains(t, err.Error(), `checklist_synthetic.xlsx: item id "d-3.4" differs from item id "D-3.4" only by case or spaces`)
}
