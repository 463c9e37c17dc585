package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
	"github.com/gapstudy/gapstudy/report"
)

func TestTemplatePanel(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "forms")
	code, out, errOut := runCLI(t, "template", "--panel", "-o", dir, "--experts", "3")
	require.Equal(t, ExitOK, code, errOut)
	cl, err := gapanalysis.Builtin()
	require.NoError(t, err)
	var want []string
	for i := 1; i <= 3; i++ {
		want = append(want, filepath.Join(dir, report.PanelFormFileName(cl, i)))
	}
	assert.Equal(t, want, nonEmptyLines(out))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 3)
	f := openXLSX(t, want[0])
	v, err := f.GetCellValue(report.SheetPanelForm, "B3")
	require.NoError(t, err)
	assert.Equal(t, "E01", v, "the expert ID is prefilled")

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no experts", []string{"template", "--panel", "-o", dir}, "--experts"},
		{"too many", []string{"template", "--panel", "-o", dir, "--experts", "100000"}, "--experts"},
		{"experts without panel", []string{"template", "-o", dir, "--experts", "3"}, "--experts goes with --panel"},
		{"existing forms", []string{"template", "--panel", "-o", dir, "--experts", "3"}, "--force"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			assert.Equal(t, ExitUsage, code)
			assert.Contains(t, errOut, tc.want)
		})
	}
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range splitLines(s) {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if r == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestRunPanel(t *testing.T) {
	dir := t.TempDir()
	survey := writeFile(t, dir, "survey.csv", goodCSV)
	// Two experts; M-BARNAHUS rated only by E2 on cost.
	panel := writeFile(t, dir, "panel.csv", "expert,measure,criterion,value\n"+
		"E1,M-BARNAHUS,impact,5\nE2,M-BARNAHUS,impact,4\nE2,M-BARNAHUS,cost,2\n"+
		"E1,M-BARNAHUS,costs,3\n") // unknown criterion: a data error
	js := filepath.Join(dir, "out.json")
	code, out, errOut := runCLI(t, "run", "--samples", "50", "--sobol", "0", "--panel", panel, "--json", js, survey)
	assert.Equal(t, ExitData, code, "the unknown criterion is a data error")
	assert.Contains(t, errOut, "panel.csv!C5: error unknown-criterion")
	assert.Contains(t, errOut, "did you mean cost?")
	assert.Contains(t, out, "Expert criteria: panel of 2 experts (median)")
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	var doc struct {
		Meta struct {
			ExpertValues string `json:"expert_values"`
			Sensitivity  struct {
				Inputs []struct {
					Name   string `json:"name"`
					Varied bool   `json:"varied"`
				} `json:"inputs"`
			} `json:"sensitivity"`
		} `json:"meta"`
		Panel struct {
			Experts int `json:"experts"`
			Values  []struct {
				Measure, Criterion string
				Value              float64
				N                  int
			} `json:"values"`
		} `json:"panel"`
		Priorities []struct {
			ID       string             `json:"id"`
			Criteria map[string]float64 `json:"criteria"`
		} `json:"priorities"`
	}
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "panel of 2 experts (median)", doc.Meta.ExpertValues)
	assert.Equal(t, 2, doc.Panel.Experts)
	require.Len(t, doc.Panel.Values, 2)
	assert.Equal(t, 4.5, doc.Panel.Values[0].Value, "median of 5 and 4")
	var varied []string
	for _, in := range doc.Meta.Sensitivity.Inputs {
		if in.Varied {
			varied = append(varied, in.Name)
		}
	}
	sort.Strings(varied)
	assert.Contains(t, varied, "panel")
	for _, p := range doc.Priorities {
		if p.ID == "M-BARNAHUS" {
			assert.Equal(t, 4.5, p.Criteria["impact"])
			assert.Equal(t, 2.0, p.Criteria["cost"])
		}
	}
}

func TestRunPanelIsAnInput(t *testing.T) {
	dir := t.TempDir()
	survey := writeFile(t, dir, "survey.csv", goodCSV)
	forms := filepath.Join(dir, "forms")
	require.NoError(t, os.Mkdir(forms, 0o755))
	panel := writeFile(t, forms, "panel.csv", "expert,measure,criterion,value\nE1,M-BARNAHUS,impact,5\n")
	before, err := os.ReadFile(panel)
	require.NoError(t, err)
	for _, tc := range []struct{ name, panel, flag, out string }{
		{"the panel file", panel, "-o", panel},
		{"inside the panel folder", forms, "--json", filepath.Join(forms, "out.json")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "run", "--samples", "0", "--panel", tc.panel, tc.flag, tc.out, survey)
			assert.Equal(t, ExitUsage, code, errOut)
			after, err := os.ReadFile(panel)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the panel is untouched")
			_, err = os.Stat(filepath.Join(forms, "out.json"))
			assert.True(t, os.IsNotExist(err), "nothing written into the panel folder")
		})
	}
}

func TestDemoPanel(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "demo.json")
	code, out, errOut := runCLI(t, "demo", "--samples", "0", "-o", filepath.Join(dir, "demo.xlsx"), "--json", js)
	require.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, out, "Expert criteria: panel of 7 experts (median); Kendall's W: impact")
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	panel := doc["panel"].(map[string]any)
	assert.Equal(t, 7.0, panel["experts"])
	assert.Len(t, panel["kendall_w"], 3)
	f := openXLSX(t, filepath.Join(dir, "demo.xlsx"))
	assert.Contains(t, f.GetSheetList(), report.SheetPanel)

	code, out, errOut = runCLI(t, "demo", "--samples", "0", "--no-panel", "-o", filepath.Join(dir, "demo2.xlsx"))
	require.Equal(t, ExitOK, code, errOut)
	assert.NotContains(t, out, "Expert criteria: panel")
}
