package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/gapanalysis"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	xlsx, js := filepath.Join(dir, "study.xlsx"), filepath.Join(dir, "study.json")
	code, out, errOut := runCLI(t, "demo", "-o", xlsx, "--json", js, "--csv", filepath.Join(dir, "csv"), "--markdown", filepath.Join(dir, "summary.md"))
	require.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, out, "SYNTHETIC DATA")
	assert.Contains(t, out, "Top 5 priority measures")
	for _, p := range []string{xlsx, js, filepath.Join(dir, "summary.md"), filepath.Join(dir, "csv", "priorities.csv")} {
		st, err := os.Stat(p)
		require.NoError(t, err, p)
		assert.Positive(t, st.Size(), p)
	}
	var doc map[string]any
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Len(t, doc["countries"], 27)
	meta := doc["meta"].(map[string]any)
	assert.Equal(t, true, meta["synthetic"])
	md, err := os.ReadFile(filepath.Join(dir, "summary.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), "SYNTHETIC")
}

const goodCSV = "Member State;Provision;Assessment;Notes\nAustria;D-3.4;yes;\nAT;D-3.5.i;teilweise;\nBelgique;D-3.4;non;\n"

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.csv", goodCSV)
	bad := writeFile(t, dir, "bad.csv", "country;item;status\nAT;D-3.4;yes\nAT;D-3.44;yes\nXX;D-3.4;no\nBE;D-3.4;maybe\n")
	dup := writeFile(t, dir, "dup.csv", "country;item;status\nAT;D-3.4;yes\nAT;D-3.4;yes\n")
	cfgBad := writeFile(t, dir, "study.yaml", "ranking:\n  method: electre\n")
	cfgUnknown := writeFile(t, dir, "unknown.yaml", "rankin:\n  method: wsm\n")

	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr []string
	}{
		{"clean survey", []string{"run", good}, ExitOK, nil},
		{"data errors", []string{"run", bad}, ExitData, []string{
			"bad.csv!B3: error unknown-item: ", "did you mean D-3.4?", "bad.csv!A4: error unknown-country", "bad.csv!C5: error bad-status", "maybe"}},
		{"warning only", []string{"run", dup}, ExitOK, []string{"warning duplicate"}},
		{"warning under --strict", []string{"run", "--strict", dup}, ExitData, []string{"warning duplicate"}},
		{"unknown flag", []string{"run", "--frobnicate", good}, ExitUsage, []string{"unknown flag"}},
		{"no file", []string{"run"}, ExitUsage, nil},
		{"bad config value", []string{"run", "--config", cfgBad, good}, ExitUsage, []string{"study.yaml:2: ranking.method"}},
		{"unknown config key", []string{"run", "--config", cfgUnknown, good}, ExitUsage, []string{"line 1", "rankin"}},
		{"bad method flag", []string{"run", "--method", "electre", good}, ExitUsage, []string{"ranking.method"}},
		{"missing checklist", []string{"run", "--checklist", filepath.Join(dir, "nope.yaml"), good}, ExitUsage, []string{"nope.yaml"}},
		{"unknown command", []string{"frobnicate"}, ExitUsage, []string{"unknown command"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			assert.Equal(t, tc.code, code, errOut)
			for _, s := range tc.inStderr {
				assert.Contains(t, errOut, s)
			}
		})
	}
}

func TestErrorsAreOneLineEach(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "study.yaml", "missing: mean\nranking:\n  method: electre\n")
	code, _, errOut := runCLI(t, "run", "--config", cfg, writeFile(t, dir, "s.csv", goodCSV))
	assert.Equal(t, ExitUsage, code)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	assert.Len(t, lines, 1, errOut)
	assert.Contains(t, errOut, "missing")
	assert.Contains(t, errOut, "ranking.method")
}

func TestValidateAccounting(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "survey.csv", "country,item,status\nAT,D-3.4,yes\n\nAT,D-3.5.i,perhaps\nBE,D-3.4,no\n")
	code, out, _ := runCLI(t, "validate", p)
	assert.Equal(t, ExitData, code)
	assert.Contains(t, out, "survey.csv!C4: error bad-status")
	assert.Contains(t, out, "survey.csv: long layout, 3 rows read = 2 used + 1 reported (ok)")
}

func TestChecklistCommand(t *testing.T) {
	code, out, _ := runCLI(t, "checklist")
	require.Equal(t, ExitOK, code)
	cl, err := gapanalysis.LoadChecklist(strings.NewReader(out), "stdout")
	require.NoError(t, err)
	assert.Equal(t, gapanalysis.BuiltinID, cl.ID)

	code, out, _ = runCLI(t, "checklist", "--format", "md")
	require.Equal(t, ExitOK, code)
	assert.Contains(t, out, "| D-3.4 |")
	assert.Contains(t, out, "## Candidate priority measures")

	// A checklist printed as YAML by gapstudy itself loads back to the same items.
	dir := t.TempDir()
	b, err := cl.YAML()
	require.NoError(t, err)
	p := writeFile(t, dir, "mine.yaml", string(b))
	code, out, errOut := runCLI(t, "checklist", "--checklist", p)
	require.Equal(t, ExitOK, code, errOut)
	again, err := gapanalysis.LoadChecklist(strings.NewReader(out), "again")
	require.NoError(t, err)
	assert.Equal(t, len(cl.Items()), len(again.Items()))
	require.Len(t, again.Measures, len(cl.Measures))
	for i, m := range cl.Measures {
		assert.Equal(t, m.ID, again.Measures[i].ID)
		assert.Equal(t, m.Addresses, again.Measures[i].Addresses)
		assert.Equal(t, m.Criteria, again.Measures[i].Criteria)
	}

	code, _, _ = runCLI(t, "checklist", "--format", "pdf")
	assert.Equal(t, ExitUsage, code)
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, out, "gapstudy "+gapanalysis.Version)
	assert.Contains(t, out, "built-in checklist dir-2011-93")
}

func TestRunUncertainty(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "out.json")
	code, out, errOut := runCLI(t, "demo", "-o", filepath.Join(dir, "s.xlsx"), "--json", js, "--samples", "200", "--sobol", "64", "--seed", "3")
	require.Equal(t, ExitOK, code, errOut)
	assert.Contains(t, out, "Rank uncertainty: 200 Monte Carlo samples, seed 3")
	assert.NotContains(t, errOut, "Monte Carlo", "no progress bar when stderr is not a terminal")
	var doc struct {
		Priorities []struct {
			Rank        int
			Uncertainty *struct {
				MedianRank float64 `json:"median_rank"`
				P05, P95   float64
				PTopK      float64 `json:"p_top_k"`
			}
		}
	}
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	require.NotEmpty(t, doc.Priorities)
	for _, p := range doc.Priorities {
		require.NotNil(t, p.Uncertainty)
		assert.LessOrEqual(t, p.Uncertainty.P05, p.Uncertainty.P95)
	}

	for _, args := range [][]string{{"demo", "--samples", "-1"}, {"demo", "--sobol", "1"}} {
		code, _, _ = runCLI(t, args...)
		assert.Equal(t, ExitUsage, code, args)
	}
	cfg := writeFile(t, dir, "study.yaml", "uncertainty:\n  sobol: 1\n")
	code, _, errOut = runCLI(t, "demo", "--config", cfg, "-o", filepath.Join(dir, "s.xlsx"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut, "study.yaml:2: uncertainty.sobol")
}

func TestValidateFindsRepeatsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "country,item,status,respondent\nAT,D-3.4,yes,Ana\nAT,D-3.5.i,no,Ana\n")
	b := writeFile(t, dir, "b.csv", "country,item,status,respondent\nAT,D-3.4,yes,Ana\nAT,D-3.5.i,yes,Ana\nAT,D-3.5.i,partly,Ben\n")
	code, out, _ := runCLI(t, "validate", a, b)
	assert.Equal(t, ExitData, code)
	assert.Contains(t, out, "b.csv!C2: warning duplicate: duplicate answer for AT / D-3.4 from respondent Ana")
	assert.Contains(t, out, "b.csv!C3: error conflict: conflicting answers for AT / D-3.5.i from respondent Ana: full at b.csv!C3, none at a.csv!C3")
	assert.NotContains(t, out, "b.csv!C4", "another respondent's answer is averaged, not a conflict")
	assert.Contains(t, out, "5 responses from 1 country")
}

func TestConfigVocabulary(t *testing.T) {
	dir := t.TempDir()
	survey := writeFile(t, dir, "s.csv", "country;item;status\nIT;D-3.4;si, pienamente\nIT;D-3.5.i;in buona parte\n")
	code, out, _ := runCLI(t, "validate", survey)
	assert.Equal(t, ExitData, code, "without the config the two answers are bad statuses")
	assert.Contains(t, out, "s.csv!C2: error bad-status")
	cfg := writeFile(t, dir, "study.yaml", "vocabulary:\n  full: [\"si, pienamente\"]\n  partial: [in buona parte]\n")
	code, out, _ = runCLI(t, "validate", "--config", cfg, survey)
	assert.Equal(t, ExitOK, code, out)
	assert.Contains(t, out, "2 rows read = 2 used + 0 reported")
}
