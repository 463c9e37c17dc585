package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/importers"
)

// layoutFixture returns the path of a file in testdata/import/layouts.
func layoutFixture(name string) string {
	return filepath.Join("..", "..", "testdata", "import", "layouts", name)
}

func TestValidateLayouts(t *testing.T) {
	cl := layoutFixture("checklist_synthetic.yaml")
	cases := []struct {
		name   string
		args   []string
		code   int
		inOut  []string
		notOut []string
	}{
		{"matrix detected", []string{layoutFixture("matrix_synthetic.csv")}, ExitOK, []string{
			"matrix_synthetic.csv: info layout: read in the matrix layout (detected): header in row 3, item IDs in column A, " +
				"6 countries (AT, BE, DE, DK, EL, FR)",
			"matrix_synthetic.csv: matrix layout, 7 rows read = 7 used + 0 reported (ok)",
			"40 responses from 6 countries",
		}, nil},
		{"respondents with a mapping", []string{"--mapping", layoutFixture("mapping_synthetic.yaml"),
			layoutFixture("respondents_questions_synthetic_openpyxl.xlsx")}, ExitOK, []string{
			"2 by the mapping",
			"respondents_questions_synthetic_openpyxl.xlsx!Responses: respondents layout, 5 rows read = 5 used + 0 reported (ok)",
		}, []string{`"Q3"`}},
		{"respondents without the mapping", []string{layoutFixture("respondents_questions_synthetic_openpyxl.xlsx")}, ExitOK,
			[]string{`"Q3" (G1), "Q6" (K1)`}, nil},
		{"one sheet in a layout", []string{"--sheet", "matrix=matrix", layoutFixture("matrix_synthetic_openpyxl.xlsx")}, ExitOK,
			[]string{"read in the matrix layout (as asked)", "matrix_synthetic_openpyxl.xlsx!Matrix: matrix layout, 7 rows read"},
			[]string{"xlsx!Notes"}},
		{"a sheet that is not there", []string{"--sheet", "Answers", layoutFixture("matrix_synthetic_openpyxl.xlsx")}, ExitData,
			[]string{`error missing-sheet: the workbook has no sheet "Answers" (its sheets: Matrix, Notes)`}, nil},
		// Nothing read is a data error (SPEC 10): run would rank nothing.
		{"forced long on a matrix", []string{"--layout", "LONG", layoutFixture("matrix_synthetic.csv")}, ExitData,
			[]string{"warning no-header", "matrix_synthetic.csv: no layout, 0 rows read = 0 used + 0 reported (ok)", "no usable response"},
			[]string{"matrix layout"}},
		{"forced matrix on a long sheet", []string{"--layout", "matrix", layoutFixture("long_synthetic.csv")}, ExitData,
			[]string{"warning no-header", "the matrix layout needs item IDs down the first column"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"validate", "--checklist", cl}, tc.args...)
			code, out, errOut := runCLI(t, args...)
			assert.Equal(t, tc.code, code, out+errOut)
			for _, s := range tc.inOut {
				assert.Contains(t, out, s)
			}
			for _, s := range tc.notOut {
				assert.NotContains(t, out, s)
			}
		})
	}
}

func TestLayoutFlagUsageErrors(t *testing.T) {
	dir := t.TempDir()
	survey := layoutFixture("matrix_synthetic.csv")
	cl := layoutFixture("checklist_synthetic.yaml")
	unknownItem := writeFile(t, dir, "unknown.yaml", "Q3: D-5.2\nQ6: BP-HOTLIN\n")
	badLine := writeFile(t, dir, "bad.csv", "header,item\nQ3,D-5.2\nQ6\n")
	cases := []struct {
		name     string
		args     []string
		inStderr string
	}{
		{"layout", []string{"--layout", "wide"}, `--layout: unknown layout "wide" (want auto, long, matrix, respondents, questionnaire)`},
		{"layout misspelt", []string{"--layout", "matirx"}, "did you mean matrix?"},
		{"sheet layout", []string{"--sheet", "Answers=matirx"}, `--sheet Answers=matirx: unknown layout "matirx"`},
		{"sheet without a name", []string{"--sheet", "=matrix"}, "the sheet name is empty"},
		{"empty sheet", []string{"--sheet", " "}, "the sheet name is empty"},
		{"sheet in two layouts", []string{"--sheet", "A=matrix", "--sheet", "A=long"}, "given both layout matrix and long"},
		{"missing mapping", []string{"--mapping", filepath.Join(dir, "nope.yaml")}, "--mapping: open"},
		{"unknown item in the mapping", []string{"--mapping", unknownItem},
			`unknown.yaml:2: header "Q6": unknown item "BP-HOTLIN" — did you mean BP-HOTLINE?`},
		{"bad mapping line", []string{"--mapping", badLine},
			`bad.csv:3: header "Q6": want two fields, the column header and the item ID; found 1`},
	}
	for _, tc := range cases {
		for _, cmd := range []string{"run", "validate"} {
			t.Run(cmd+" "+tc.name, func(t *testing.T) {
				args := append(append([]string{cmd, "--checklist", cl}, tc.args...), survey)
				code, _, errOut := runCLI(t, args...)
				assert.Equal(t, ExitUsage, code, errOut)
				assert.Contains(t, errOut, tc.inStderr)
			})
		}
	}
}

func TestParseSheetFlag(t *testing.T) {
	cases := []struct {
		in, name, layout string
		err              bool
	}{
		{"Answers", "Answers", "", false},
		{"Answers=matrix", "Answers", "matrix", false},
		{"Answers = Respondents", "Answers", "respondents", false},
		{"a=b=long", "a=b", "long", false},
		{"x=1", "x=1", "", false},   // not a layout, not a word: part of the name
		{"Q&A=", "Q&A=", "", false}, // likewise
		{"S=auto", "S", "auto", false},
		{"S=table", "", "", true},
		{"=long", "", "", true},
	}
	for _, tc := range cases {
		name, layout, err := parseSheetFlag(tc.in)
		if tc.err {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.name, name, tc.in)
		assert.Equal(t, tc.layout, layout, tc.in)
	}
}

// TestRunSameResultsInEveryLayout runs the whole study on survey A in each
// layout and compares the JSON results with those of its long twin.
func TestRunSameResultsInEveryLayout(t *testing.T) {
	cl := layoutFixture("checklist_synthetic.yaml")
	results := func(args ...string) map[string]any {
		t.Helper()
		js := filepath.Join(t.TempDir(), "r.json")
		code, _, errOut := runCLI(t, append([]string{"run", "--checklist", cl, "--json", js}, args...)...)
		require.Equal(t, ExitOK, code, errOut)
		b, err := os.ReadFile(js)
		require.NoError(t, err)
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc))
		return map[string]any{"countries": doc["countries"], "gaps": doc["gaps"], "priorities": doc["priorities"], "items": doc["items"]}
	}
	want := results(layoutFixture("long_synthetic.csv"))
	require.Len(t, want["countries"], 6)
	for _, args := range [][]string{
		{layoutFixture("matrix_synthetic.csv")},
		{layoutFixture("matrix_synthetic_openpyxl.xlsx")},
		{"--sheet", "Matrix=" + importers.LayoutMatrix, layoutFixture("matrix_synthetic_openpyxl.xlsx")},
		{layoutFixture("respondents_synthetic.csv")},
		{"--layout", importers.LayoutRespondents, layoutFixture("respondents_synthetic.csv")},
	} {
		assert.Equal(t, want, results(args...), "%v", args)
	}
	want = results(layoutFixture("long_respondents_synthetic.csv"))
	assert.Equal(t, want, results("--mapping", layoutFixture("mapping_synthetic.csv"),
		layoutFixture("respondents_questions_synthetic_openpyxl.xlsx")))
}
