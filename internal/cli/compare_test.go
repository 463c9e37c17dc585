package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// Two waves of a small survey. D-3.4 and D-5.2 are two items of one theme of
// the built-in checklist with equal weights, so a country that answered only
// them has index 100 × (s(D-3.4) + s(D-5.2)) / 2:
//
//	     baseline               current                transitions
//	AT   partial, none: 25      full, partial: 75      closed, improved
//	BE   full, full: 100        none, full: 50         new-gap, kept
//	FR   –                      full: 100              (current wave only)
const (
	oldWave = "country;item;status\nAT;D-3.4;partial\nAT;D-5.2;no\nBE;D-3.4;yes\nBE;D-5.2;yes\n"
	newWave = "country;item;status\nAT;D-3.4;yes\nAT;D-5.2;partial\nBE;D-3.4;no\nBE;D-5.2;yes\nFR;D-3.4;yes\n"
	// The register names one item by its provision reference; its last row
	// has an unknown country.
	registerCSV = "country;item;source;date;note\nAT;D-3.4;COM(2016) 871;2016-12-16;age of consent\nBE;Art. 5(2);INFR(2019)2202;;\nBE;D-3.4;COM(2016) 871;;\nXX;D-3.4;COM(2016) 871;;\n"
)

func TestCompareOptions(t *testing.T) {
	var got *CompareOptions
	var out, errOut strings.Builder
	newRoot := func(streams IO) *cobra.Command {
		root := NewRootCmd(streams)
		for _, c := range root.Commands() {
			if c.Name() == "compare" {
				root.RemoveCommand(c)
			}
		}
		root.AddCommand(newCompareCmd(streams, func(_ context.Context, o *CompareOptions) error { got = o; return nil }))
		markRunErrors(root)
		return root
	}
	code := runWith(context.Background(), []string{"compare", "--known-issues", "ki.csv", "--samples", "50", "--seed", "9",
		"-o", "p.xlsx", "--json", "p.json", "--csv", "out", "--markdown", "p.md", "old/", "new.xlsx"}, IO{Out: &out, ErrOut: &errOut}, newRoot)
	require.Equal(t, ExitOK, code, errOut.String())
	require.NotNil(t, got)
	assert.Equal(t, "old/", got.Old)
	assert.Equal(t, "new.xlsx", got.New)
	assert.Equal(t, "ki.csv", got.knownIssues)
	assert.Equal(t, 50, got.samples)
	assert.True(t, got.samplesSet)
	assert.Equal(t, uint64(9), got.seed)
	assert.Equal(t, "p.xlsx", got.out)
	assert.Equal(t, "out", got.csv)

	for _, args := range [][]string{{"compare", "old.csv"}, {"compare", "a.csv", "b.csv", "c.csv"}, {"compare", "--baseline", "x.csv", "a.csv", "b.csv"}} {
		got = nil
		code := runWith(context.Background(), args, IO{Out: &out, ErrOut: &errOut}, newRoot)
		assert.Equal(t, ExitUsage, code, "%v", args)
		assert.Nil(t, got, "%v", args)
	}
}

func TestCompare(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.csv", oldWave)
	cur := writeFile(t, dir, "new.csv", newWave)
	ki := writeFile(t, dir, "known-issues.csv", registerCSV)
	out := t.TempDir()
	js, xlsx, md := filepath.Join(out, "p.json"), filepath.Join(out, "p.xlsx"), filepath.Join(out, "p.md")
	code, stdout, stderr := runCLI(t, "compare", "--samples", "0", "--known-issues", ki,
		"--json", js, "-o", xlsx, "--markdown", md, "--csv", filepath.Join(out, "csv"), old, cur)
	// The register's unknown country is a data error.
	require.Equal(t, ExitData, code, stderr)
	assert.Contains(t, stderr, "known-issues.csv!A5: error unknown-country")

	assert.Contains(t, stdout, "Progress since the baseline (old.csv → new.csv)")
	assert.Contains(t, stdout, "Gaps: 1 closed, 1 still open (1 improved, 0 unchanged, 0 worsened), 1 new")
	assert.Contains(t, stdout, "Countries: 1 improved, 1 worsened, 0 unchanged")
	assert.Contains(t, stdout, "Known issues: 2 resolved, 1 remaining, 0 not applicable, 0 unknown (of 3)")
	assert.Regexp(t, `AT\s+25\.0\s+75\.0\s+\+50\.0`, stdout)
	assert.Regexp(t, `BE\s+100\.0\s+50\.0\s+-50\.0`, stdout)
	assert.Regexp(t, `FR\s+–\s+100\.0\s+–`, stdout)

	var doc struct {
		Transitions []map[string]any `json:"transitions"`
		Progress    []map[string]any `json:"progress"`
		KnownIssues []map[string]any `json:"known_issues"`
	}
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	trans := map[string]map[string]any{}
	for _, tr := range doc.Transitions {
		trans[tr["country"].(string)+" "+tr["item"].(string)] = tr
	}
	want := map[string][3]string{
		"AT D-3.4": {"partial", "full", "closed"},
		"AT D-5.2": {"none", "partial", "improved"},
		"BE D-3.4": {"full", "none", "new-gap"},
		"BE D-5.2": {"full", "full", "kept"},
	}
	for key, w := range want {
		require.Contains(t, trans, key)
		assert.Equal(t, w[0], trans[key]["old"], key)
		assert.Equal(t, w[1], trans[key]["new"], key)
		assert.Equal(t, w[2], trans[key]["transition"], key)
	}
	for key := range trans {
		assert.False(t, strings.HasPrefix(key, "FR "), "FR is in one wave only: no transitions")
	}
	require.Len(t, doc.Progress, 3)
	assert.Equal(t, "AT", doc.Progress[0]["code"])
	assert.InDelta(t, 25, doc.Progress[0]["index_old"], 1e-9)
	assert.InDelta(t, 75, doc.Progress[0]["index_new"], 1e-9)
	assert.InDelta(t, 50, doc.Progress[0]["delta"], 1e-9)
	assert.InDelta(t, -50, doc.Progress[1]["delta"], 1e-9)
	assert.Nil(t, doc.Progress[0]["delta_p05"], "no paired Monte Carlo with --samples 0")
	assert.Nil(t, doc.Progress[2]["index_old"])
	assert.Nil(t, doc.Progress[2]["counts"])
	require.Len(t, doc.KnownIssues, 3)
	assert.Equal(t, "resolved", doc.KnownIssues[0]["verdict"])
	assert.Equal(t, "D-5.2", doc.KnownIssues[1]["item"], "named by its provision reference")
	assert.Equal(t, "resolved", doc.KnownIssues[1]["verdict"])
	assert.Equal(t, "full", doc.KnownIssues[1]["status"])
	assert.Equal(t, "remaining", doc.KnownIssues[2]["verdict"])
	assert.Equal(t, "none", doc.KnownIssues[2]["status"])

	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	assert.Subset(t, sheets, []string{"Progress", "Transitions", "Known issues"})
	assert.NotContains(t, sheets, "Remaining", "no gap remains or worsened")
	for _, name := range []string{"progress.csv", "transitions.csv", "known_issues.csv"} {
		_, err := os.Stat(filepath.Join(out, "csv", name))
		assert.NoError(t, err, name)
	}
	mdText, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(mdText), "| Gaps closed | 1 |")
}

func TestCompareExitCodes(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.csv", oldWave)
	cur := writeFile(t, dir, "new.csv", newWave)
	ki := writeFile(t, dir, "ki.csv", "country;item;source\nAT;D-3.4;COM(2016) 871\n")
	badOld := writeFile(t, dir, "bad-old.csv", oldWave+"AT;D-3.5.i;maybe\n")
	dupOld := writeFile(t, dir, "dup-old.csv", oldWave+"AT;D-3.4;partial\n")
	emptyOld := writeFile(t, dir, "empty-old.csv", "country;item;status\n")
	wave := filepath.Join(dir, "wave")
	require.NoError(t, os.Mkdir(wave, 0o755))
	writeFile(t, wave, "new.csv", newWave)

	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr []string
	}{
		{"clean waves", []string{"compare", "--samples", "0", old, cur}, ExitOK, nil},
		{"register without problems", []string{"compare", "--samples", "0", "--known-issues", ki, old, cur}, ExitOK, nil},
		{"data error in the baseline", []string{"compare", "--samples", "0", badOld, cur}, ExitData, []string{"bad-old.csv!C6: error bad-status"}},
		{"warning in the baseline", []string{"compare", "--samples", "0", dupOld, cur}, ExitOK, []string{"warning duplicate"}},
		{"warning in the baseline under --strict", []string{"compare", "--strict", "--samples", "0", dupOld, cur}, ExitData, []string{"warning duplicate"}},
		{"baseline without a usable response", []string{"compare", "--samples", "0", emptyOld, cur}, ExitData, []string{"baseline: no usable response"}},
		{"output replaces OLD", []string{"compare", "--json", old, old, cur}, ExitUsage, []string{"is the input"}},
		{"output replaces NEW", []string{"compare", "-o", cur, old, cur}, ExitUsage, []string{"is the input"}},
		{"output replaces the register", []string{"compare", "--markdown", ki, "--known-issues", ki, old, cur}, ExitUsage, []string{"is the input"}},
		{"output inside the NEW folder", []string{"compare", "-o", filepath.Join(wave, "p.xlsx"), old, wave}, ExitUsage, []string{"inside the input folder"}},
		{"register missing", []string{"compare", "--samples", "0", "--known-issues", filepath.Join(dir, "nope.csv"), old, cur}, ExitData, []string{"known issues"}},
		{"run: output replaces the baseline", []string{"run", "--json", old, "--baseline", old, cur}, ExitUsage, []string{"is the input"}},
		{"run: data error in the baseline", []string{"run", "--samples", "0", "--baseline", badOld, cur}, ExitData, []string{"bad-old.csv!C6: error bad-status"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tc.args...)
			assert.Equal(t, tc.code, code, stderr)
			for _, s := range tc.inStderr {
				assert.Contains(t, stderr, s)
			}
		})
	}
	// Nothing was written over an input.
	b, err := os.ReadFile(old)
	require.NoError(t, err)
	assert.Equal(t, oldWave, string(b))
}

func TestRunBaselineAndKnownIssues(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.csv", oldWave)
	cur := writeFile(t, dir, "new.csv", newWave)
	ki := writeFile(t, dir, "ki.csv", "country;item;source\nAT;D-3.4;COM(2016) 871\nAT;D-5.2;COM(2016) 871\n")
	out := t.TempDir()
	js, xlsx := filepath.Join(out, "r.json"), filepath.Join(out, "r.xlsx")
	code, stdout, stderr := runCLI(t, "run", "--samples", "20", "--sobol", "0", "--baseline", old, "--known-issues", ki, "--json", js, "-o", xlsx, cur)
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, "Top 5 priority measures")
	assert.Contains(t, stdout, "Gaps: 1 closed, 1 still open")
	assert.Contains(t, stdout, "Known issues: 1 resolved, 1 remaining")

	var doc map[string]any
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	for _, k := range []string{"transitions", "progress", "item_transitions", "measure_progress", "known_issues"} {
		assert.Contains(t, doc, k)
	}
	prog := doc["progress"].([]any)[0].(map[string]any)
	require.NotNil(t, prog["delta_p05"], "the paired Monte Carlo ran")
	assert.LessOrEqual(t, prog["delta_p05"].(float64), prog["delta_p95"].(float64))
	p := prog["p_improved"].(float64)
	assert.True(t, p >= 0 && p <= 1, "p_improved %v", p)

	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Gaps")
	require.NoError(t, err)
	require.Greater(t, len(rows), 1)
	assert.Equal(t, "Since baseline", rows[0][len(rows[0])-1])
	since := map[string]string{}
	for _, r := range rows[1:] {
		since[r[0]+" "+r[1]] = r[len(r)-1]
	}
	assert.Equal(t, "improved", since["AT D-5.2"])
	assert.Equal(t, "new-gap", since["BE D-3.4"])

	// Without the flags the JSON keeps SPEC 8's keys only.
	code, _, stderr = runCLI(t, "run", "--samples", "0", "--json", js, cur)
	require.Equal(t, ExitOK, code, stderr)
	b, err = os.ReadFile(js)
	require.NoError(t, err)
	doc = nil
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Len(t, doc, 6)
}

func TestDemoShowsProgress(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "demo.json")
	code, stdout, stderr := runCLI(t, "demo", "--samples", "0", "-o", filepath.Join(dir, "demo.xlsx"), "--json", js)
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, "Progress since the baseline (synthetic-eu27-baseline.xlsx → synthetic-eu27-survey.xlsx)")
	assert.Contains(t, stdout, "Known issues: ")
	var doc map[string]any
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Len(t, doc["progress"], 27)
	assert.NotEmpty(t, doc["known_issues"])
	assert.Equal(t, true, doc["meta"].(map[string]any)["synthetic"])

	code, stdout, stderr = runCLI(t, "demo", "--no-baseline", "--samples", "0", "-o", filepath.Join(dir, "demo.xlsx"), "--json", js)
	require.Equal(t, ExitOK, code, stderr)
	assert.NotContains(t, stdout, "Progress since the baseline")
	b, err = os.ReadFile(js)
	require.NoError(t, err)
	doc = nil
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.NotContains(t, doc, "progress")
}

// TestCompareResultsWorkbookAsOld: the results workbook of a run on the
// baseline, used as OLD, gives the same comparison as the baseline survey.
func TestCompareResultsWorkbookAsOld(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.csv", oldWave)
	cur := writeFile(t, dir, "new.csv", newWave)
	out := t.TempDir()
	results := filepath.Join(out, "results-old.xlsx")
	code, _, stderr := runCLI(t, "run", "--samples", "0", "-o", results, old)
	require.Equal(t, ExitOK, code, stderr)

	comparison := func(oldInput string) map[string]json.RawMessage {
		js := filepath.Join(out, "cmp.json")
		code, _, stderr := runCLI(t, "compare", "--samples", "50", "--sobol", "0", "--seed", "3", "--json", js, oldInput, cur)
		require.Equal(t, ExitOK, code, stderr)
		b, err := os.ReadFile(js)
		require.NoError(t, err)
		var doc map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(b, &doc))
		return doc
	}
	fromSurvey, fromWorkbook := comparison(old), comparison(results)
	for _, k := range []string{"transitions", "progress", "item_transitions", "measure_progress"} {
		require.Contains(t, fromSurvey, k)
		assert.JSONEq(t, string(fromSurvey[k]), string(fromWorkbook[k]), k)
	}
}
