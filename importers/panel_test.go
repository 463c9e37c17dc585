package importers

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func panelChecklist() *gapanalysis.Checklist {
	cl := testChecklist()
	cl.Criteria = []gapanalysis.Criterion{
		{ID: "impact", Title: "Expected impact", Direction: gapanalysis.Benefit},
		{ID: "cost", Title: "Cost", Direction: gapanalysis.Cost},
	}
	cl.Measures = []*gapanalysis.Measure{
		{ID: "M-LAW", Title: "Amend the criminal code", Addresses: []gapanalysis.ItemID{"D-3.4"}},
		{ID: "M-HOTLINE", Title: "Fund a hotline", Addresses: []gapanalysis.ItemID{"BP-HOTLINE"}},
	}
	return cl
}

func ratingLines(p *gapanalysis.Panel) []string {
	var out []string
	for _, r := range p.Ratings {
		out = append(out, strings.Join([]string{r.Expert, string(r.Measure), string(r.Criterion), strconv.FormatFloat(r.Value, 'g', -1, 64), r.Source.Cell}, " "))
	}
	return out
}

func panelDiags(p *gapanalysis.Panel) []diagLine {
	return diagLines(&gapanalysis.Dataset{Diagnostics: p.Diagnostics})
}

func requirePanelBalanced(t *testing.T, p *gapanalysis.Panel) {
	t.Helper()
	require.NotEmpty(t, p.Accounts)
	for _, a := range p.Accounts {
		require.True(t, a.Balanced(), "unbalanced account %+v", a)
	}
}

func TestReadPanelLong(t *testing.T) {
	text := "Panel scores (synthetic)\n" +
		"Expert,Measure,Criterion,Rating\n" +
		"anna,M-LAW,impact,4\n" + // 3
		"anna,M-LAW,Cost,2\n" + // 4: criterion by title
		"anna,m-hotline,impact,3.5\n" + // 5: measure ID case aside, a decimal
		"ben,M-LAW,impact,5\n" + // 6
		"ben,M-LAWS,impact,5\n" + // 7: unknown measure
		"ben,M-LAW,impakt,5\n" + // 8: unknown criterion
		"ben,M-HOTLINE,impact,6\n" + // 9: outside 1–5
		"ben,M-HOTLINE,cost,high\n" + // 10: not a number
		"ben,M-LAW,impact,5\n" + // 11: the same again: duplicate, counted once
		"ben,M-LAW,impact,3\n" + // 12: a different rating: conflict
		",M-HOTLINE,cost,2\n" + // 13: no expert
		"\n" +
		"ben,M-HOTLINE,cost,1\n" // 15
	p, err := ReadPanel(strings.NewReader(text), "panel.csv", &Options{Checklist: panelChecklist()})
	require.NoError(t, err)
	requirePanelBalanced(t, p)
	assert.Equal(t, []string{
		"anna M-LAW impact 4 D3",
		"anna M-LAW cost 2 D4",
		"anna M-HOTLINE impact 3.5 D5",
		"ben M-LAW impact 5 D6",
		"ben M-HOTLINE cost 1 D15",
	}, ratingLines(p))
	assert.Equal(t, []diagLine{
		{gapanalysis.SevError, gapanalysis.CodeUnknownMeasure, "B7"},
		{gapanalysis.SevError, gapanalysis.CodeUnknownCriterion, "C8"},
		{gapanalysis.SevError, gapanalysis.CodeBadValue, "D9"},
		{gapanalysis.SevError, gapanalysis.CodeBadValue, "D10"},
		{gapanalysis.SevWarning, gapanalysis.CodeDuplicate, "D11"},
		{gapanalysis.SevError, gapanalysis.CodeConflict, "D12"},
		{gapanalysis.SevError, gapanalysis.CodeMissingValue, "A13"},
	}, panelDiags(p))
	msgs := map[string]string{}
	for _, d := range p.Diagnostics {
		msgs[d.Cell] = d.Message
	}
	assert.Contains(t, msgs["B7"], `unknown measure "M-LAWS"`)
	assert.Contains(t, msgs["B7"], "did you mean M-LAW?")
	assert.Contains(t, msgs["C8"], "did you mean impact?")
	assert.Contains(t, msgs["D9"], `the rating "6" of M-HOTLINE on impact is outside the scale 1–5`)
	assert.Contains(t, msgs["D10"], `the rating "high" of M-HOTLINE on cost is not a number`)
	assert.Contains(t, msgs["D12"], "rated M-LAW on impact 3 here and 5 at panel.csv!D6")
	assert.True(t, errors.Is(p.Diagnostics[0], gapanalysis.ErrUnknownMeasure))
	assert.True(t, errors.Is(p.Diagnostics[1], gapanalysis.ErrUnknownCriterion))
	a := p.Accounts[0]
	assert.Equal(t, LayoutPanelLong, a.Layout)
	assert.Equal(t, 12, a.RowsRead)
	assert.Equal(t, 6, a.RowsUsed, "five ratings and the duplicate")
	assert.Equal(t, 6, a.RowsReported)
	assert.Equal(t, []string{"anna", "ben"}, p.Experts())
	assert.Equal(t, "panel.csv", p.Label)
}

func TestReadPanelForm(t *testing.T) {
	form := sheet{name: "Scoring", rows: [][]any{
		{"Expert panel scoring form"},
		{},
		{"Expert ID", "Dr. Nowak"},
		{"Organisation", "University"},
		{},
		{"What the criteria mean", "", "", "Expected impact — benefit", "Cost — cost: 5 = most costly"},
		{"Measure", "Title", "Addresses", "Expected impact (impact)", "Cost (cost)", "Impakt"},
		{"M-LAW", "Amend the criminal code", "D-3.4", 5, 2},
		{"M-HOTLINE", "Fund a hotline", "BP-HOTLINE", 3, "0"},
		{"M-OTHER", "Not in the checklist", "", 3, 3},
	}}
	p, err := ReadPanel(bytes.NewReader(xlsxBytes(t, form)), "form.xlsx", &Options{Checklist: panelChecklist()})
	require.NoError(t, err)
	requirePanelBalanced(t, p)
	assert.Equal(t, []string{
		"Dr. Nowak M-LAW impact 5 D8",
		"Dr. Nowak M-LAW cost 2 E8",
		"Dr. Nowak M-HOTLINE impact 3 D9",
	}, ratingLines(p))
	assert.Equal(t, []diagLine{
		{gapanalysis.SevWarning, gapanalysis.CodeUnknownCriterion, "F7"},
		{gapanalysis.SevError, gapanalysis.CodeBadValue, "E9"},
		{gapanalysis.SevError, gapanalysis.CodeUnknownMeasure, "A10"},
	}, panelDiags(p))
	assert.Contains(t, p.Diagnostics[0].Message, "did you mean impact?")
	assert.Equal(t, LayoutPanelForm, p.Accounts[0].Layout)
	assert.Equal(t, 3, p.Accounts[0].RowsRead)
	assert.Equal(t, 1, p.Accounts[0].RowsUsed)

	// Without an expert name the form is not read, with an error at the cell.
	form.rows[2] = []any{"Expert ID"}
	p, err = ReadPanel(bytes.NewReader(xlsxBytes(t, form)), "form.xlsx", &Options{Checklist: panelChecklist()})
	require.NoError(t, err)
	requirePanelBalanced(t, p)
	assert.Empty(t, p.Ratings)
	require.NotEmpty(t, p.Diagnostics)
	assert.Contains(t, panelDiags(p), diagLine{gapanalysis.SevError, gapanalysis.CodeMissingValue, "A3"})
	assert.Equal(t, 3, p.Accounts[0].RowsReported)
}

func TestOpenPanelFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	write("a.csv", "expert;measure;criterion;value\nE1;M-LAW;impact;4\n")
	write("b.csv", "expert;measure;criterion;value\nE2;M-LAW;impact;2\n")
	write("notes.txt", "not a panel")
	p, err := OpenPanel(dir, &Options{Checklist: panelChecklist()})
	require.NoError(t, err)
	requirePanelBalanced(t, p)
	assert.Equal(t, []string{"E1 M-LAW impact 4 D2", "E2 M-LAW impact 2 D2"}, ratingLines(p))
	assert.Equal(t, []diagLine{{gapanalysis.SevWarning, gapanalysis.CodeSkippedFile, ""}}, panelDiags(p))
	assert.Equal(t, filepath.Base(dir), p.Label)
}

// FuzzReadPanel reads arbitrary text as a panel: it never panics, every rating
// is on the scale and names a measure and criterion of the checklist, and
// every sheet is accounted for.
func FuzzReadPanel(f *testing.F) {
	for _, s := range []string{
		"expert,measure,criterion,value\nE1,M-LAW,impact,4\nE1,M-LAWS,impakt,9\n",
		"Expert ID;Anna\nMeasure;Title;Cost (cost);impact\nM-LAW;x;2;3,5\nM-HOTLINE;;;0\n",
		"Measure,impact\nM-LAW,4\n",
		"expert,measure,criterion,value\n,,,\nE1,M-LAW,cost,NaN\nE1,M-LAW,cost,Inf\n",
		"",
	} {
		f.Add([]byte(s))
	}
	cl := panelChecklist()
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ReadPanel(bytes.NewReader(b), "fuzz.csv", &Options{Checklist: cl, MaxRows: 1000})
		if err != nil {
			return
		}
		for _, a := range p.Accounts {
			require.True(t, a.Balanced(), "%+v", a)
		}
		for _, r := range p.Ratings {
			require.True(t, r.Value >= gapanalysis.PanelMin && r.Value <= gapanalysis.PanelMax, "%+v", r)
			require.NotEmpty(t, r.Expert)
			require.Contains(t, []gapanalysis.MeasureID{"M-LAW", "M-HOTLINE"}, r.Measure)
			require.Contains(t, []gapanalysis.CriterionID{"impact", "cost"}, r.Criterion)
		}
	})
}
