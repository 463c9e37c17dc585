package synth_test

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/internal/synth"
)

func writeXLSX(t *testing.T, ds *gapanalysis.Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, synth.WriteXLSX(&buf, ds))
	return buf.Bytes()
}

func TestWriteXLSXDeterministic(t *testing.T) {
	cl := testChecklist(t)
	a := writeXLSX(t, synth.Generate(cl, 3))
	b := writeXLSX(t, synth.Generate(cl, 3))
	assert.Equal(t, a, b, "same seed, same bytes")
	assert.NotEqual(t, a, writeXLSX(t, synth.Generate(cl, 4)), "another seed, other bytes")
}

func TestWriteXLSXNotSynthetic(t *testing.T) {
	for _, ds := range []*gapanalysis.Dataset{nil, {Label: "real.xlsx"}} {
		var buf bytes.Buffer
		assert.ErrorIs(t, synth.WriteXLSX(&buf, ds), synth.ErrNotSynthetic)
		assert.Zero(t, buf.Len())
	}
}

// TestWriteXLSXReadBack reads the workbook back with excelize and checks every
// cell against the dataset; statuses are parsed with the SPEC's vocabulary.
func TestWriteXLSXReadBack(t *testing.T) {
	ds := synth.Generate(testChecklist(t), 11)
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, ds)))
	require.NoError(t, err)
	defer f.Close()

	assert.Equal(t, []string{"Survey"}, f.GetSheetList())
	last := 3 + ds.Responses.Len()
	dim, err := f.GetSheetDimension("Survey")
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("A1:G%d", last), dim)
	props, err := f.GetDocProps()
	require.NoError(t, err)
	assert.Equal(t, "2026-01-01T00:00:00Z", props.Created)
	assert.Equal(t, "2026-01-01T00:00:00Z", props.Modified)

	rows, err := f.GetRows("Survey", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	require.Len(t, rows, last)
	assert.Equal(t, []string{"SYNTHETIC survey — generated test data, not an assessment of any real Member State (seed 11)"}, rows[0])
	assert.Empty(t, rows[1])
	assert.Equal(t, []string{"Country", "Item", "Status", "Evidence", "Comment", "Respondent", "Value"}, rows[2])

	cell := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	var canonical, other, numbers int
	for i, r := range ds.Responses.All() {
		row, n := rows[3+i], 4+i
		require.Equal(t, string(r.Country), cell(row, 0), "row %d", n)
		require.Equal(t, string(r.Item), cell(row, 1), "row %d", n)
		status := cell(row, 2)
		if r.HasValue {
			assert.Empty(t, status, "row %d: a numeric answer has no status", n)
			v, err := strconv.ParseFloat(cell(row, 6), 64)
			require.NoError(t, err, "row %d", n)
			assert.Equal(t, r.Value, v, "row %d", n)
		} else {
			got, ok := gapanalysis.ParseStatus(status)
			require.True(t, ok, "row %d: %q is in the vocabulary", n, status)
			assert.Equal(t, r.Status, got, "row %d: %q", n, status)
			assert.Empty(t, cell(row, 6), "row %d", n)
			if status == r.Status.String() {
				canonical++
			} else {
				other++
			}
			typ, err := f.GetCellType("Survey", fmt.Sprintf("C%d", n))
			require.NoError(t, err)
			if typ != excelize.CellTypeInlineString {
				numbers++
				assert.Contains(t, []string{"1", "0.5", "0"}, status, "row %d", n)
			}
		}
		assert.Equal(t, r.Evidence, cell(row, 3), "row %d", n)
		assert.Equal(t, r.Comment, cell(row, 4), "row %d", n)
		assert.Equal(t, r.Respondent, cell(row, 5), "row %d", n)
	}
	assert.Greater(t, canonical, 3*other, "most statuses use the canonical names")
	assert.Greater(t, other, ds.Responses.Len()/8, "some use other spellings")
	assert.Positive(t, numbers, "some statuses are numbers")
}

func TestWriteXLSXNoNumericItems(t *testing.T) {
	cl := &gapanalysis.Checklist{ID: "x", Pillars: []*gapanalysis.Pillar{{ID: "p", Weight: 1, Themes: []*gapanalysis.Theme{
		{ID: "t", Title: "Substantive criminal law", Weight: 1, Items: items("A", 2, gapanalysis.Mandatory)},
	}}}}
	require.NoError(t, cl.Validate())
	ds := synth.Generate(cl, 1)
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, ds)))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Survey")
	require.NoError(t, err)
	assert.Equal(t, []string{"Country", "Item", "Status", "Evidence", "Comment", "Respondent"}, rows[2])
	dim, err := f.GetSheetDimension("Survey")
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("A1:F%d", 3+ds.Responses.Len()), dim)
}

func TestWriteXLSXEmpty(t *testing.T) {
	ds := &gapanalysis.Dataset{Synthetic: true, Label: synth.Name, Seed: 9}
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, ds)))
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Survey")
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, synth.Title(9), rows[0][0])
}
