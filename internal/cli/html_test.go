package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gapstudy/gapstudy/report"
)

// TestHTMLFlag: --html writes the HTML report on run, demo and compare, and,
// like every output, refuses a path that is an input or a folder.
func TestHTMLFlag(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "old.csv", oldWave)
	cur := writeFile(t, dir, "new.csv", newWave)
	out := t.TempDir()
	cases := []struct {
		name      string
		args      []string
		synthetic bool
		sections  []string
	}{
		{"demo", []string{"demo", "--samples", "20", "--sobol", "0", "-o", filepath.Join(out, "demo.xlsx")}, true,
			[]string{report.HTMLPriorities, report.HTMLProgress, report.HTMLKnownIssues}},
		{"run", []string{"run", "--samples", "0", cur}, false, []string{report.HTMLGaps}},
		{"compare", []string{"compare", "--samples", "0", old, cur}, false, []string{report.HTMLProgress}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(out, tc.name+".html")
			code, _, errOut := runCLI(t, append(tc.args[:1:1], append([]string{"--html", path}, tc.args[1:]...)...)...)
			require.Equal(t, ExitOK, code, errOut)
			assert.Contains(t, errOut, "wrote "+path)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			page := string(b)
			assert.True(t, strings.HasPrefix(page, "<!DOCTYPE html>"), "an HTML page")
			assert.Equal(t, tc.synthetic, strings.Contains(page, report.SyntheticBanner), "the synthetic-data banner")
			for _, id := range tc.sections {
				assert.Contains(t, page, `<section id="`+id+`"`)
			}
		})
	}

	refusals := []struct {
		name string
		args []string
		want string
	}{
		{"--html is the survey", []string{"run", "--html", cur, cur}, "--html " + cur + ": is the input"},
		{"--html is the baseline", []string{"compare", "--html", old, old, cur}, "is the input"},
		{"--html is a folder", []string{"demo", "--html", out}, "is a folder"},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(cur)
			require.NoError(t, err)
			code, _, errOut := runCLI(t, tc.args...)
			assert.Equal(t, ExitUsage, code, errOut)
			assert.Contains(t, errOut, tc.want)
			after, err := os.ReadFile(cur)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the input is untouched")
		})
	}
}
