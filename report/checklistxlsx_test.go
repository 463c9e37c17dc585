package report_test

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/importers"
	"github.com/gapstudy/gapstudy/report"
)

// exportedDiffs compares two values field by field, following pointers, slices
// and maps, and returns the path of every exported field that differs.
// Unexported fields (such as the YAML line an item was read from) are skipped.
func exportedDiffs(path string, a, b reflect.Value) []string {
	if a.Kind() != b.Kind() {
		return []string{path + ": kinds differ"}
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return []string{path + ": one is nil"}
			}
			return nil
		}
		return exportedDiffs(path, a.Elem(), b.Elem())
	case reflect.Struct:
		var out []string
		for i := 0; i < a.NumField(); i++ {
			f := a.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			out = append(out, exportedDiffs(path+"."+f.Name, a.Field(i), b.Field(i))...)
		}
		return out
	case reflect.Slice:
		if a.Len() != b.Len() {
			return []string{fmt.Sprintf("%s: length %d ≠ %d", path, a.Len(), b.Len())}
		}
		var out []string
		for i := 0; i < a.Len(); i++ {
			out = append(out, exportedDiffs(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i))...)
		}
		return out
	case reflect.Map:
		if a.Len() != b.Len() {
			return []string{fmt.Sprintf("%s: %d ≠ %d entries", path, a.Len(), b.Len())}
		}
		var out []string
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				out = append(out, fmt.Sprintf("%s[%v]: missing", path, k))
				continue
			}
			out = append(out, exportedDiffs(fmt.Sprintf("%s[%v]", path, k), a.MapIndex(k), bv)...)
		}
		return out
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return []string{fmt.Sprintf("%s: %#v ≠ %#v", path, a.Interface(), b.Interface())}
	}
	return nil
}

func TestChecklistXLSXRoundTrip(t *testing.T) {
	builtin, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, report.WriteChecklistXLSX(&buf, builtin))

	back, err := importers.ReadChecklistXLSX(bytes.NewReader(buf.Bytes()), "checklist.xlsx")
	require.NoError(t, err)

	// Field by field, SHA256 and Source apart: they name the file read.
	a, b := *builtin, *back
	a.SHA256, b.SHA256 = "", ""
	a.Source, b.Source = "", ""
	assert.Equal(t, "checklist.xlsx", back.Source)
	assert.Empty(t, exportedDiffs("Checklist", reflect.ValueOf(a), reflect.ValueOf(b)))
	assert.Len(t, back.Items(), len(builtin.Items()))
	assert.Len(t, back.Measures, len(builtin.Measures))
	assert.Len(t, back.SHA256, 64)

	// And as YAML text.
	want, err := builtin.YAML()
	require.NoError(t, err)
	got, err := back.YAML()
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))

	// The same checklist gives the same bytes.
	var again bytes.Buffer
	require.NoError(t, report.WriteChecklistXLSX(&again, back))
	assert.Equal(t, buf.Bytes(), again.Bytes())
}

func TestChecklistXLSXLayout(t *testing.T) {
	cl := &gapanalysis.Checklist{
		ID: "mini", Title: "Mini checklist (synthetic)", Version: "0.1",
		Instrument: gapanalysis.Instrument{ELI: "http://data.europa.eu/eli/dir/2011/93/oj", NotBound: []gapanalysis.CountryCode{"DK", "IE"}},
		Pillars: []*gapanalysis.Pillar{{ID: "law", Title: "Law", Weight: 2, Themes: []*gapanalysis.Theme{
			{ID: "off", Title: "Offences", Weight: 1, Items: []*gapanalysis.Item{
				{ID: "A-1", Ref: "Art. 1", Title: "=SUM(A1)", Obligation: gapanalysis.Mandatory, Weight: 1, MinMaxPenalty: 2, MinMaxPenaltyAboveConsent: 1},
				{ID: "N-1", Title: "Cases", Obligation: gapanalysis.Practice, Weight: 0.5, Type: gapanalysis.NumericItem,
					Direction: gapanalysis.Lower, Normalize: gapanalysis.Target, Target: 10},
			}},
		}}},
		Criteria: []gapanalysis.Criterion{{ID: "cost", Title: "Cost", Direction: gapanalysis.Cost}, {ID: "impact", Title: "Impact"}},
		Measures: []*gapanalysis.Measure{
			{ID: "M-1", Title: "Do it", Addresses: []gapanalysis.ItemID{"A-1", "N-1"}, Criteria: map[gapanalysis.CriterionID]float64{"impact": 4}},
		},
	}
	require.NoError(t, cl.Validate())
	var buf bytes.Buffer
	require.NoError(t, report.WriteChecklistXLSX(&buf, cl))
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"About", "Items", "Measures", "Criteria"}, f.GetSheetList())

	rows := func(sheet string) [][]string {
		r, err := f.GetRows(sheet)
		require.NoError(t, err)
		return r
	}
	about := rows("About")
	assert.Equal(t, []string{"Field", "Value", "Meaning"}, about[0])
	assert.Equal(t, []string{"id", "mini"}, about[1][:2])
	assert.Equal(t, []string{"instrument.not_bound", "DK, IE"}, about[7][:2])

	items := rows("Items")
	require.Len(t, items, 3)
	assert.Equal(t, "pillar_id", items[0][0])
	assert.Equal(t, []string{"law", "Law", "2", "off", "Offences", "1", "A-1", "Art. 1", "=SUM(A1)", "", "mandatory", "1", "status", "", "2", "1"}, items[1])
	assert.Equal(t, []string{"law", "Law", "2", "off", "Offences", "1", "N-1", "", "Cases", "", "practice", "0.5", "numeric",
		"", "", "", "", "", "lower", "target", "10"}, items[2])
	formula, err := f.GetCellFormula("Items", "I2")
	require.NoError(t, err)
	assert.Empty(t, formula, "a title that looks like a formula is written as text")

	assert.Equal(t, [][]string{{"id", "title", "addresses", "cost", "impact", "note"}, {"M-1", "Do it", "A-1, N-1", "", "4"}}, rows("Measures"))
	assert.Equal(t, [][]string{{"id", "title", "direction", "description"}, {"cost", "Cost", "cost"}, {"impact", "Impact"}}, rows("Criteria"))
	typ, err := f.GetCellType("Items", "L3")
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeSharedString, typ, "weights are numbers")

	// Read back: the same checklist.
	back, err := importers.ReadChecklistXLSX(bytes.NewReader(buf.Bytes()), "mini.xlsx")
	require.NoError(t, err)
	want, _ := cl.YAML()
	got, _ := back.YAML()
	assert.Equal(t, string(want), string(got))
}

func TestWriteChecklistXLSXErrors(t *testing.T) {
	assert.Error(t, report.WriteChecklistXLSX(&bytes.Buffer{}, nil))
	cl := &gapanalysis.Checklist{ID: "x", Criteria: []gapanalysis.Criterion{{ID: "Title"}}}
	err := report.WriteChecklistXLSX(&bytes.Buffer{}, cl)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), `criterion "Title"`), err.Error())
}

func ExampleWriteChecklistXLSX() {
	cl, err := gapanalysis.Builtin()
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	// In a program: report.WriteFile("checklist.xlsx", func(w io.Writer) error {…}).
	if err := report.WriteChecklistXLSX(&buf, cl); err != nil {
		panic(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	fmt.Println(f.GetSheetList())
	header, _ := f.GetRows("Measures")
	fmt.Println(header[0])
	// Output:
	// [About Items Measures Criteria]
	// [id title addresses impact feasibility cost note]
}
